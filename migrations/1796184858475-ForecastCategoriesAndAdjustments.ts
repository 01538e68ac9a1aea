import { MigrationInterface, QueryRunner } from 'typeorm';

export class ForecastCategoriesAndAdjustments1796184858475 implements MigrationInterface {
  name = 'ForecastCategoriesAndAdjustments1796184858475';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "forecast_adjustments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "period_key" character varying(8) NOT NULL, "level" character varying(10) NOT NULL, "node_key" character varying(60) NOT NULL, "vendor_id" uuid, "rep_id" uuid, "currency" character(3) NOT NULL, "amount_minor" bigint NOT NULL, "reason" character varying(500) NOT NULL, "adjusted_by" uuid NOT NULL, "adjusted_by_name" character varying(200) NOT NULL, "adjusted_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "PK_28e016271798591e8c40dfdc2b9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "forecast_adjustments_one_per_node" ON "forecast_adjustments"  ("period_key", "node_key", "currency") `,
    );
    await queryRunner.query(
      `CREATE TABLE "forecast_adjustment_revisions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "adjustment_id" uuid NOT NULL, "previous_amount_minor" bigint, "amount_minor" bigint NOT NULL, "previous_reason" character varying(500), "reason" character varying(500) NOT NULL, "changed_by" uuid NOT NULL, "changed_by_name" character varying(200) NOT NULL, "changed_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "PK_0cb6b63d3ebe1ff893657f6201d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "forecast_adjustment_revisions_by_adjustment" ON "forecast_adjustment_revisions"  ("adjustment_id", "changed_at") `,
    );
    await queryRunner.query(`ALTER TABLE "leads" ADD "forecast_category" character varying(20)`);
    await queryRunner.query(
      `ALTER TABLE "lead_pipeline_settings" ADD "commit_from_pct" smallint NOT NULL DEFAULT '70'`,
    );
    await queryRunner.query(
      `ALTER TABLE "lead_pipeline_settings" ADD "best_case_from_pct" smallint NOT NULL DEFAULT '50'`,
    );
    await queryRunner.query(
      `ALTER TABLE "leads" ADD CONSTRAINT "leads_forecast_category_known" CHECK ("forecast_category" IS NULL OR "forecast_category" IN ('commit', 'best_case', 'pipeline'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "forecast_adjustment_revisions" ADD CONSTRAINT "FK_b575720165f5e2fdf276c5228ec" FOREIGN KEY ("adjustment_id") REFERENCES "forecast_adjustments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "forecast_adjustment_revisions" DROP CONSTRAINT "FK_b575720165f5e2fdf276c5228ec"`,
    );
    await queryRunner.query(`ALTER TABLE "leads" DROP CONSTRAINT "leads_forecast_category_known"`);
    await queryRunner.query(`ALTER TABLE "lead_pipeline_settings" DROP COLUMN "best_case_from_pct"`);
    await queryRunner.query(`ALTER TABLE "lead_pipeline_settings" DROP COLUMN "commit_from_pct"`);
    await queryRunner.query(`ALTER TABLE "leads" DROP COLUMN "forecast_category"`);
    await queryRunner.query(`DROP INDEX "public"."forecast_adjustment_revisions_by_adjustment"`);
    await queryRunner.query(`DROP TABLE "forecast_adjustment_revisions"`);
    await queryRunner.query(`DROP INDEX "public"."forecast_adjustments_one_per_node"`);
    await queryRunner.query(`DROP TABLE "forecast_adjustments"`);
  }
}
