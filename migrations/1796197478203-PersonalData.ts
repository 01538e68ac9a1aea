import { MigrationInterface, QueryRunner } from 'typeorm';

export class PersonalData1796197478203 implements MigrationInterface {
  name = 'PersonalData1796197478203';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "privacy_settings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "singleton" boolean NOT NULL DEFAULT true, "contact_retention_months" smallint, CONSTRAINT "privacy_settings_retention_range" CHECK ("contact_retention_months" IS NULL OR "contact_retention_months" BETWEEN 1 AND 600), CONSTRAINT "privacy_settings_singleton" CHECK ("singleton"), CONSTRAINT "PK_e31cc479f8c3267c86511223ea0" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "privacy_settings_single_row" ON "privacy_settings"  ("singleton") `,
    );
    await queryRunner.query(`ALTER TABLE "audit_log" ADD "entity_ids" uuid array NOT NULL DEFAULT '{}'`);
    // Which entries name a lead among several (a list's contact reads, an erasure): GIN over the array.
    await queryRunner.query(`CREATE INDEX "audit_log_entity_ids" ON "audit_log" USING gin ("entity_ids")`);
    await queryRunner.query(`ALTER TABLE "leads" ADD "personal_data_erased_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(
      `CREATE INDEX "leads_closed_with_personal_data" ON "leads"  ("status") WHERE status IN ('won', 'lost', 'rejected') AND personal_data_erased_at IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."leads_closed_with_personal_data"`);
    await queryRunner.query(`ALTER TABLE "leads" DROP COLUMN "personal_data_erased_at"`);
    await queryRunner.query(`DROP INDEX "public"."audit_log_entity_ids"`);
    await queryRunner.query(`ALTER TABLE "audit_log" DROP COLUMN "entity_ids"`);
    await queryRunner.query(`DROP INDEX "public"."privacy_settings_single_row"`);
    await queryRunner.query(`DROP TABLE "privacy_settings"`);
  }
}
