import { MigrationInterface, QueryRunner } from 'typeorm';

const NIL = `'00000000-0000-0000-0000-000000000000'::uuid`;

export class RevenueRollupCoarse1796314014817 implements MigrationInterface {
  name = 'RevenueRollupCoarse1796314014817';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "revenue_rollup_coarse" ("id" BIGSERIAL NOT NULL, "grain" character varying(5) NOT NULL, "period_start" date NOT NULL, "measure" character varying(20) NOT NULL, "vendor_id" uuid, "region_code" character varying(10), "currency" character(3) NOT NULL, "amount_minor" bigint NOT NULL, "contract_count" integer NOT NULL, "cycle_days" integer NOT NULL, "live_rows" integer NOT NULL, CONSTRAINT "PK_c528e9066bdc474f01afc4d7230" PRIMARY KEY ("id"))`,
    );
    // Like revenue_rollup's key: NULL dimensions folded so they compare equal (ON CONFLICT names these
    // expressions), leading with (grain, measure, period_start), the range every read filters on.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "revenue_rollup_coarse_key" ON "revenue_rollup_coarse" ("grain", "measure", "period_start", COALESCE("vendor_id", ${NIL}), COALESCE("region_code", ''), "currency")`,
    );
    // The sums of what revenue_rollup holds already, and how many of its rows are not zero.
    await queryRunner.query(
      `INSERT INTO revenue_rollup_coarse (grain, period_start, measure, vendor_id, region_code, currency, amount_minor,
                                          contract_count, cycle_days, live_rows)
       SELECT grain, period_start, measure, vendor_id, region_code, currency, sum(amount_minor), sum(contract_count),
              sum(cycle_days), count(*) FILTER (WHERE amount_minor <> 0 OR contract_count <> 0)
         FROM revenue_rollup
        GROUP BY grain, period_start, measure, vendor_id, region_code, currency`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."revenue_rollup_coarse_key"`);
    await queryRunner.query(`DROP TABLE "revenue_rollup_coarse"`);
  }
}
