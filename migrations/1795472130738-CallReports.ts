import { MigrationInterface, QueryRunner } from 'typeorm';

export class CallReports1795472130738 implements MigrationInterface {
  name = 'CallReports1795472130738';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "call_reports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "rep_id" uuid NOT NULL, "vendor_id" uuid NOT NULL, "occurred_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "occurred_on" date NOT NULL, "type" character varying(12) NOT NULL, "duration_seconds" integer NOT NULL, "lead_id" uuid, "customer_id" uuid, "outcome" character varying(20) NOT NULL, "notes" character varying(4000), "next_step" character varying(500), "next_step_on" date, "latitude" double precision, "longitude" double precision, "location_name" character varying(200), "reported_by" uuid NOT NULL, CONSTRAINT "CHK_call_reports_location" CHECK (("latitude" IS NULL) = ("longitude" IS NULL) AND coalesce("latitude" BETWEEN -90 AND 90, true) AND coalesce("longitude" BETWEEN -180 AND 180, true)), CONSTRAINT "CHK_call_reports_duration" CHECK ("duration_seconds" BETWEEN 0 AND 86400), CONSTRAINT "PK_03a32be18f818eea57b3ba991c0" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_call_reports_lead" ON "call_reports"  ("lead_id", "occurred_at") WHERE "lead_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_161e92b8d92a12f69d8e6d61c2" ON "call_reports"  ("vendor_id", "occurred_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_8034b4fad206738c285b82caf5" ON "call_reports"  ("rep_id", "occurred_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "call_report_flags" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "call_report_id" uuid NOT NULL, "rep_id" uuid NOT NULL, "vendor_id" uuid NOT NULL, "occurred_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "kind" character varying(20) NOT NULL, "detail" character varying(300) NOT NULL, "dismissed_at" TIMESTAMP(3) WITH TIME ZONE, "dismissed_by" uuid, "dismiss_reason" character varying(500), CONSTRAINT "CHK_call_report_flags_kind" CHECK ("kind" IN ('short_call_streak', 'overlapping', 'impossible_travel', 'late_report')), CONSTRAINT "PK_cb9975d16fb3917bb31953c2169" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_72149002379fc0d997d7ac3474" ON "call_report_flags"  ("vendor_id", "occurred_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_56a8a047bcd5624d42ce080d56" ON "call_report_flags"  ("rep_id", "occurred_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_e6c820b12952546592d9f17f57" ON "call_report_flags"  ("call_report_id", "kind") `,
    );
    await queryRunner.query(
      `ALTER TABLE "call_report_flags" ADD CONSTRAINT "FK_0facae383616eeeceb99169a4b4" FOREIGN KEY ("call_report_id") REFERENCES "call_reports"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "call_report_flags" DROP CONSTRAINT "FK_0facae383616eeeceb99169a4b4"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_e6c820b12952546592d9f17f57"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_56a8a047bcd5624d42ce080d56"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_72149002379fc0d997d7ac3474"`);
    await queryRunner.query(`DROP TABLE "call_report_flags"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_8034b4fad206738c285b82caf5"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_161e92b8d92a12f69d8e6d61c2"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_call_reports_lead"`);
    await queryRunner.query(`DROP TABLE "call_reports"`);
  }
}
