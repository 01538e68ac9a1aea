import { MigrationInterface, QueryRunner } from 'typeorm';

const NIL = `'00000000-0000-0000-0000-000000000000'::uuid`;
const DIMENSIONS =
  'measure, vendor_id, rep_id, sales_unit_id, region_code, industry, product_line_id, currency';

export class RevenueRollup1796198600000 implements MigrationInterface {
  name = 'RevenueRollup1796198600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "revenue_rollup" ("id" BIGSERIAL NOT NULL, "grain" character varying(5) NOT NULL, "period_start" date NOT NULL, "measure" character varying(20) NOT NULL, "vendor_id" uuid, "rep_id" uuid, "sales_unit_id" uuid, "region_code" character varying(10), "industry" character varying(60), "product_line_id" uuid, "currency" character(3) NOT NULL, "amount_minor" bigint NOT NULL, "contract_count" integer NOT NULL, "cycle_days" integer NOT NULL, CONSTRAINT "PK_cb527bd607c982e77bf3b6337ee" PRIMARY KEY ("id"))`,
    );
    // Like revenue_daily's key: NULL dimensions folded so they compare equal (ON CONFLICT names these
    // expressions); it leads with (grain, measure, period_start), the range every read filters on.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "revenue_rollup_key" ON "revenue_rollup" ("grain", "measure", "period_start", COALESCE("vendor_id", ${NIL}), COALESCE("rep_id", ${NIL}), COALESCE("sales_unit_id", ${NIL}), COALESCE("region_code", ''), COALESCE("industry", ''), COALESCE("product_line_id", ${NIL}), "currency")`,
    );
    // The months and years of what the daily rollup holds already.
    await queryRunner.query(
      `INSERT INTO revenue_rollup (grain, period_start, ${DIMENSIONS}, amount_minor, contract_count, cycle_days)
       SELECT g.grain, date_trunc(g.grain, d.day::timestamp)::date, ${DIMENSIONS.replace(/(\w+)/g, 'd.$1')},
              sum(d.amount_minor), sum(d.contract_count), sum(d.cycle_days)
         FROM revenue_daily d CROSS JOIN (VALUES ('month'), ('year')) AS g(grain)
        GROUP BY g.grain, date_trunc(g.grain, d.day::timestamp), ${DIMENSIONS.replace(/(\w+)/g, 'd.$1')}`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."revenue_rollup_key"`);
    await queryRunner.query(`DROP TABLE "revenue_rollup"`);
  }
}
