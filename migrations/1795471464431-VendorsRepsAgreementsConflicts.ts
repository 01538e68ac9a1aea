import { MigrationInterface, QueryRunner } from 'typeorm';

export class VendorsRepsAgreementsConflicts1795471464431 implements MigrationInterface {
  name = 'VendorsRepsAgreementsConflicts1795471464431';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Added by hand: the no-overlap exclusion constraint on agreements compares uuid with = in a gist index.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await queryRunner.query(
      `CREATE TABLE "regions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "code" character varying(20) NOT NULL, "name" character varying(200) NOT NULL, "country_code" character(2) NOT NULL, "parent_id" uuid, CONSTRAINT "PK_4fcd12ed6a046276e2deb08801c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_4f6dc5a464961e7c65a395ea4c" ON "regions"  ("code") `);
    await queryRunner.query(`CREATE INDEX "IDX_b1dc15f575548116575b521d8d" ON "regions"  ("parent_id") `);
    await queryRunner.query(
      `CREATE TABLE "sales_units" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "code" character varying(60) NOT NULL, "name" character varying(200) NOT NULL, "kind" character varying(20) NOT NULL, "parent_id" uuid, CONSTRAINT "PK_c850e523d0cf0f106d9b0fedb71" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_c4b479766c1f1b8f60cfdaeff9" ON "sales_units"  ("code") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_4fb5740346360da4c91adc3e03" ON "sales_units"  ("parent_id") `);
    await queryRunner.query(
      `CREATE TABLE "vendors" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "name" character varying(200) NOT NULL, "legal_name" character varying(300), "kind" character varying(20) NOT NULL, "tier" character varying(20) NOT NULL, "status" character varying(20) NOT NULL DEFAULT 'onboarding', "status_reason" character varying(500), "status_changed_at" TIMESTAMP(3) WITH TIME ZONE, "sales_unit_id" uuid NOT NULL, "home_region_id" uuid, "country_code" character(2) NOT NULL, "timezone" character varying(64) NOT NULL, "contact_name" character varying(200), "contact_email" character varying(254), "contact_phone" character varying(16), CONSTRAINT "PK_9c956c9797edfae5c6ddacc4e6e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_ffb3b5f650371e8c51adcd29a9" ON "vendors"  ("kind") `);
    await queryRunner.query(`CREATE INDEX "IDX_a711f86943cd784b3115d73d2a" ON "vendors"  ("tier") `);
    await queryRunner.query(`CREATE INDEX "IDX_06e56fe0ca221ef324f2227772" ON "vendors"  ("status") `);
    await queryRunner.query(`CREATE INDEX "IDX_bd49968563a8934fb22fc5056f" ON "vendors"  ("sales_unit_id") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_7e81b7e8872ac0c713788926cc" ON "vendors"  ("home_region_id") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_be54ef0fe41849c17253be16f5" ON "vendors"  ("name", "id") `);
    await queryRunner.query(
      `CREATE TABLE "agreements" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "vendor_id" uuid NOT NULL, "reference" character varying(60), "starts_on" date NOT NULL, "ends_on" date NOT NULL, "stages_owned" text array NOT NULL DEFAULT '{}', "region_ids" uuid array NOT NULL DEFAULT '{}', "industry_codes" text array NOT NULL DEFAULT '{}', "product_line_ids" uuid array NOT NULL DEFAULT '{}', "named_accounts" text array NOT NULL DEFAULT '{}', "commission_rate_bps" integer NOT NULL, "commission_tiers" jsonb NOT NULL DEFAULT '[]', "per_lead_fee_minor" bigint, "retainer_fee_minor" bigint, "fee_currency" character(3), "clawback_days" integer NOT NULL DEFAULT '0', "default_daily_call_quota" integer, "default_weekly_call_quota" integer, "confidential" boolean NOT NULL DEFAULT false, "nda_signed_on" date, CONSTRAINT "CHK_agreements_terms" CHECK ("commission_rate_bps" BETWEEN 0 AND 10000 AND "clawback_days" >= 0 AND coalesce("default_daily_call_quota", 0) >= 0 AND coalesce("default_weekly_call_quota", 0) >= 0), CONSTRAINT "CHK_agreements_dates" CHECK ("ends_on" >= "starts_on"), CONSTRAINT "EXC_agreements_no_overlap" EXCLUDE USING gist ("vendor_id" WITH =, daterange("starts_on", "ends_on", '[]') WITH &&), CONSTRAINT "PK_01532f6c999d44c776e3d1fa4c8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_9c6de4385937441ed437140b0b" ON "agreements"  ("vendor_id", "starts_on") `,
    );
    await queryRunner.query(
      `CREATE TABLE "reps" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "vendor_id" uuid NOT NULL, "user_id" uuid, "full_name" character varying(200) NOT NULL, "email" character varying(254), "phone" character varying(16), "region_id" uuid, "grade" character(1) NOT NULL, "tags" text array NOT NULL DEFAULT '{}', "years_of_experience" integer NOT NULL DEFAULT '0', "capacity" integer NOT NULL, "daily_call_quota" integer, "weekly_call_quota" integer, "active" boolean NOT NULL DEFAULT true, "inactive_reason" character varying(500), "timezone" character varying(64) NOT NULL, CONSTRAINT "CHK_reps_numbers" CHECK ("capacity" >= 0 AND "years_of_experience" >= 0 AND coalesce("daily_call_quota", 0) >= 0 AND coalesce("weekly_call_quota", 0) >= 0), CONSTRAINT "PK_e9fae44261c448eeeba12b78b55" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_2b7c72ba4dfaab434a415098d4" ON "reps"  ("user_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_59d51a80aa319d675f34a0b175" ON "reps"  ("region_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_reps_tags" ON "reps" USING gin ("tags") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_684f3a2733e9f5fb489ba6a5f9" ON "reps"  ("vendor_id", "full_name", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "conflict_declarations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "vendor_id" uuid NOT NULL, "rep_id" uuid, "principal_name" character varying(200) NOT NULL, "competing_line_name" character varying(200) NOT NULL, "category" character varying(100) NOT NULL, "competing_product_line_ids" uuid array NOT NULL DEFAULT '{}', "notes" character varying(2000), CONSTRAINT "PK_54773c4de5f8dd35925794876a6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_d438feadcdf52cad30d3aa7170" ON "conflict_declarations"  ("rep_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_dde2a3f128bb8408965a87d316" ON "conflict_declarations"  ("vendor_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "conflicts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "declaration_id" uuid NOT NULL, "vendor_id" uuid NOT NULL, "rep_id" uuid, "product_line_id" uuid NOT NULL, "status" character varying(20) NOT NULL DEFAULT 'open', "cleared_at" TIMESTAMP(3) WITH TIME ZONE, "cleared_by" character varying(100), "clear_reason" character varying(1000), CONSTRAINT "PK_a1b90d7fdf566d825842f26cf86" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_d091d73b5be1d15be8e070d8f2" ON "conflicts"  ("vendor_id", "status") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_24a0164b6771256e92fdad65a9" ON "conflicts"  ("declaration_id", "product_line_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "regions" ADD CONSTRAINT "FK_b1dc15f575548116575b521d8de" FOREIGN KEY ("parent_id") REFERENCES "regions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "sales_units" ADD CONSTRAINT "FK_4fb5740346360da4c91adc3e036" FOREIGN KEY ("parent_id") REFERENCES "sales_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "vendors" ADD CONSTRAINT "FK_bd49968563a8934fb22fc5056f3" FOREIGN KEY ("sales_unit_id") REFERENCES "sales_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "vendors" ADD CONSTRAINT "FK_7e81b7e8872ac0c713788926ccc" FOREIGN KEY ("home_region_id") REFERENCES "regions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "agreements" ADD CONSTRAINT "FK_37b2bc0e2153811e6c73aa05211" FOREIGN KEY ("vendor_id") REFERENCES "vendors"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "reps" ADD CONSTRAINT "FK_749b97fb2af9b6e50da4a4bd1fa" FOREIGN KEY ("vendor_id") REFERENCES "vendors"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "reps" ADD CONSTRAINT "FK_59d51a80aa319d675f34a0b175b" FOREIGN KEY ("region_id") REFERENCES "regions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "conflict_declarations" ADD CONSTRAINT "FK_8b29b983cd83ea431dc658333eb" FOREIGN KEY ("vendor_id") REFERENCES "vendors"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "conflict_declarations" ADD CONSTRAINT "FK_d438feadcdf52cad30d3aa71701" FOREIGN KEY ("rep_id") REFERENCES "reps"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "conflicts" ADD CONSTRAINT "FK_4fd7d53720ab1e713215748b1f4" FOREIGN KEY ("declaration_id") REFERENCES "conflict_declarations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "conflicts" DROP CONSTRAINT "FK_4fd7d53720ab1e713215748b1f4"`);
    await queryRunner.query(
      `ALTER TABLE "conflict_declarations" DROP CONSTRAINT "FK_d438feadcdf52cad30d3aa71701"`,
    );
    await queryRunner.query(
      `ALTER TABLE "conflict_declarations" DROP CONSTRAINT "FK_8b29b983cd83ea431dc658333eb"`,
    );
    await queryRunner.query(`ALTER TABLE "reps" DROP CONSTRAINT "FK_59d51a80aa319d675f34a0b175b"`);
    await queryRunner.query(`ALTER TABLE "reps" DROP CONSTRAINT "FK_749b97fb2af9b6e50da4a4bd1fa"`);
    await queryRunner.query(`ALTER TABLE "agreements" DROP CONSTRAINT "FK_37b2bc0e2153811e6c73aa05211"`);
    await queryRunner.query(`ALTER TABLE "vendors" DROP CONSTRAINT "FK_7e81b7e8872ac0c713788926ccc"`);
    await queryRunner.query(`ALTER TABLE "vendors" DROP CONSTRAINT "FK_bd49968563a8934fb22fc5056f3"`);
    await queryRunner.query(`ALTER TABLE "sales_units" DROP CONSTRAINT "FK_4fb5740346360da4c91adc3e036"`);
    await queryRunner.query(`ALTER TABLE "regions" DROP CONSTRAINT "FK_b1dc15f575548116575b521d8de"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_24a0164b6771256e92fdad65a9"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d091d73b5be1d15be8e070d8f2"`);
    await queryRunner.query(`DROP TABLE "conflicts"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_dde2a3f128bb8408965a87d316"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d438feadcdf52cad30d3aa7170"`);
    await queryRunner.query(`DROP TABLE "conflict_declarations"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_684f3a2733e9f5fb489ba6a5f9"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_reps_tags"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_59d51a80aa319d675f34a0b175"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_2b7c72ba4dfaab434a415098d4"`);
    await queryRunner.query(`DROP TABLE "reps"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_9c6de4385937441ed437140b0b"`);
    await queryRunner.query(`DROP TABLE "agreements"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_be54ef0fe41849c17253be16f5"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_7e81b7e8872ac0c713788926cc"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_bd49968563a8934fb22fc5056f"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_06e56fe0ca221ef324f2227772"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_a711f86943cd784b3115d73d2a"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ffb3b5f650371e8c51adcd29a9"`);
    await queryRunner.query(`DROP TABLE "vendors"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_4fb5740346360da4c91adc3e03"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c4b479766c1f1b8f60cfdaeff9"`);
    await queryRunner.query(`DROP TABLE "sales_units"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b1dc15f575548116575b521d8d"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_4f6dc5a464961e7c65a395ea4c"`);
    await queryRunner.query(`DROP TABLE "regions"`);
  }
}
