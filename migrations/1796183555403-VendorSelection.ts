import { MigrationInterface, QueryRunner } from 'typeorm';

export class VendorSelection1796183555403 implements MigrationInterface {
  name = 'VendorSelection1796183555403';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "vendor_selection_settings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "singleton" boolean NOT NULL DEFAULT true, "weights" jsonb NOT NULL, CONSTRAINT "vendor_selection_settings_singleton" CHECK ("singleton"), CONSTRAINT "PK_bc332e4a9aa07433c87999aefc6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "vendor_selection_settings_single_row" ON "vendor_selection_settings"  ("singleton") `,
    );
    await queryRunner.query(
      `CREATE TABLE "vendor_candidates" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "name" character varying(200) NOT NULL, "kind" character varying(20) NOT NULL, "status" character varying(20) NOT NULL DEFAULT 'candidate', "country_code" character(2) NOT NULL, "timezone" character varying(64) NOT NULL, "contact_name" character varying(200), "contact_email" character varying(254), "contact_phone" character varying(16), "notes" character varying(2000), "ratings" jsonb NOT NULL DEFAULT '{}', "decisions" jsonb NOT NULL DEFAULT '[]', "vendor_id" uuid, CONSTRAINT "CHK_vendor_candidates_selected_vendor" CHECK (("status" = 'selected') = ("vendor_id" IS NOT NULL)), CONSTRAINT "PK_a1ea9c77e9f2692414e3ea09484" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_8cabb6e999363a127a57d24a5a" ON "vendor_candidates"  ("vendor_id") WHERE vendor_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_d9ecba51b53a0a90aff8e8a449" ON "vendor_candidates"  ("name", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_7e9aa765e0a4d4fce229132539" ON "vendor_candidates"  ("status", "name", "id") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_7e9aa765e0a4d4fce229132539"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d9ecba51b53a0a90aff8e8a449"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_8cabb6e999363a127a57d24a5a"`);
    await queryRunner.query(`DROP TABLE "vendor_candidates"`);
    await queryRunner.query(`DROP INDEX "public"."vendor_selection_settings_single_row"`);
    await queryRunner.query(`DROP TABLE "vendor_selection_settings"`);
  }
}
