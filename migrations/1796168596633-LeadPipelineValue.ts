import { MigrationInterface, QueryRunner } from 'typeorm';

export class LeadPipelineValue1796168596633 implements MigrationInterface {
  name = 'LeadPipelineValue1796168596633';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "lead_pipeline_settings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "singleton" boolean NOT NULL DEFAULT true, "probabilities" jsonb NOT NULL, CONSTRAINT "lead_pipeline_settings_singleton" CHECK ("singleton"), CONSTRAINT "PK_b0900732338303c9e5a74aebe72" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "lead_pipeline_settings_single_row" ON "lead_pipeline_settings"  ("singleton") `,
    );
    await queryRunner.query(`ALTER TABLE "leads" ADD "expected_amount_minor" bigint`);
    await queryRunner.query(`ALTER TABLE "leads" ADD "expected_currency" character(3)`);
    await queryRunner.query(`ALTER TABLE "leads" ADD "expected_close_on" date`);
    await queryRunner.query(`ALTER TABLE "leads" ADD "win_probability_pct" smallint`);
    await queryRunner.query(
      `ALTER TABLE "leads" ADD CONSTRAINT "leads_win_probability_range" CHECK ("win_probability_pct" IS NULL OR "win_probability_pct" BETWEEN 0 AND 100)`,
    );
    await queryRunner.query(
      `ALTER TABLE "leads" ADD CONSTRAINT "leads_expected_amount_pair" CHECK (("expected_amount_minor" IS NULL) = ("expected_currency" IS NULL) AND ("expected_amount_minor" IS NULL OR "expected_amount_minor" >= 0))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "leads" DROP CONSTRAINT "leads_expected_amount_pair"`);
    await queryRunner.query(`ALTER TABLE "leads" DROP CONSTRAINT "leads_win_probability_range"`);
    await queryRunner.query(`ALTER TABLE "leads" DROP COLUMN "win_probability_pct"`);
    await queryRunner.query(`ALTER TABLE "leads" DROP COLUMN "expected_close_on"`);
    await queryRunner.query(`ALTER TABLE "leads" DROP COLUMN "expected_currency"`);
    await queryRunner.query(`ALTER TABLE "leads" DROP COLUMN "expected_amount_minor"`);
    await queryRunner.query(`DROP INDEX "public"."lead_pipeline_settings_single_row"`);
    await queryRunner.query(`DROP TABLE "lead_pipeline_settings"`);
  }
}
