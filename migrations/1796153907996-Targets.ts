import { MigrationInterface, QueryRunner } from 'typeorm';

export class Targets1796153907996 implements MigrationInterface {
  name = 'Targets1796153907996';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "target_distribution_profiles" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "name" character varying(100) NOT NULL, "description" character varying(500), "month_shares" integer array NOT NULL, CONSTRAINT "CHK_target_profiles_months" CHECK (cardinality("month_shares") = 12), CONSTRAINT "PK_23d5e4124082b88cabbdd403a71" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_9b418a1bcbe12cb64cb0f930fe" ON "target_distribution_profiles"  ("name") `,
    );
    await queryRunner.query(
      `CREATE TABLE "target_revisions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "target_id" uuid NOT NULL, "from_version" integer NOT NULL, "revised_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "revised_by" uuid NOT NULL, "revised_by_name" character varying(200) NOT NULL, "reason" character varying(500), "before" jsonb NOT NULL, "after" jsonb NOT NULL, CONSTRAINT "PK_61d1d3f208fced2121a91870d19" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_2f3c0f051ffab5698bb941e790" ON "target_revisions"  ("target_id", "revised_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "target_imported_actuals" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "metric" character varying(30) NOT NULL, "period_key" character varying(8) NOT NULL, "period_start" date NOT NULL, "period_end" date NOT NULL, "owner_kind" character varying(12) NOT NULL, "owner_id" uuid, "owner_key" character varying(36) NOT NULL DEFAULT '', "region_id" uuid, "region_key" character varying(36) NOT NULL DEFAULT '', "industry_code" character varying(60), "industry_key" character varying(60) NOT NULL DEFAULT '', "product_line_id" uuid, "product_line_key" character varying(36) NOT NULL DEFAULT '', "value" bigint NOT NULL, "currency" character(3), "source" character varying(100), CONSTRAINT "PK_fec9963192c94293d2041017fa7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_target_imported_actuals_key" ON "target_imported_actuals"  ("metric", "period_key", "owner_kind", "owner_key", "region_key", "industry_key", "product_line_key") `,
    );
    await queryRunner.query(
      `CREATE TABLE "target_settings" ("id" smallint NOT NULL DEFAULT '1', "on_track_ratio" double precision NOT NULL DEFAULT '0.95', "at_risk_ratio" double precision NOT NULL DEFAULT '0.8', "company_country_code" character(2) NOT NULL DEFAULT 'CN', "company_timezone" character varying(64) NOT NULL DEFAULT 'Asia/Shanghai', "min_won_for_own_rates" integer NOT NULL DEFAULT '5', "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_target_settings_ratios" CHECK ("at_risk_ratio" > 0 AND "at_risk_ratio" <= "on_track_ratio" AND "on_track_ratio" <= 2), CONSTRAINT "CHK_target_settings_singleton" CHECK ("id" = 1), CONSTRAINT "PK_03f1489312767c7370f66cf5de7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "targets" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "metric" character varying(30) NOT NULL, "period_key" character varying(8) NOT NULL, "period_start" date NOT NULL, "period_end" date NOT NULL, "owner_kind" character varying(12) NOT NULL, "owner_id" uuid, "region_id" uuid, "industry_code" character varying(60), "product_line_id" uuid, "currency" character(3), "base_value" bigint NOT NULL, "stretch_value" bigint, "challenge_value" bigint, "weight" double precision NOT NULL DEFAULT '1', "status" character varying(10) NOT NULL DEFAULT 'draft', "parent_id" uuid, "split_axis" character varying(14), "note" character varying(500), "created_by" uuid NOT NULL, "approved_by" uuid, "approved_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "CHK_targets_values" CHECK ("base_value" >= 0 AND coalesce("stretch_value", 0) >= 0 AND coalesce("challenge_value", 0) >= 0 AND "weight" > 0), CONSTRAINT "PK_87084f49e9de9dd6a3e83906584" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_d391398b0310f556c9741c277f" ON "targets"  ("owner_kind", "owner_id", "period_start") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_c5641efe581181cf25ad36f5f9" ON "targets"  ("parent_id") `);
    // The one settings row, with the defaults.
    await queryRunner.query(`INSERT INTO "target_settings" ("id") VALUES (1)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_c5641efe581181cf25ad36f5f9"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d391398b0310f556c9741c277f"`);
    await queryRunner.query(`DROP TABLE "targets"`);
    await queryRunner.query(`DROP TABLE "target_settings"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_target_imported_actuals_key"`);
    await queryRunner.query(`DROP TABLE "target_imported_actuals"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_2f3c0f051ffab5698bb941e790"`);
    await queryRunner.query(`DROP TABLE "target_revisions"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_9b418a1bcbe12cb64cb0f930fe"`);
    await queryRunner.query(`DROP TABLE "target_distribution_profiles"`);
  }
}
