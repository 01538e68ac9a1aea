import { MigrationInterface, QueryRunner } from 'typeorm';

export class AlertDigests1796183820777 implements MigrationInterface {
  name = 'AlertDigests1796183820777';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "alert_digests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "recipient_user_id" uuid NOT NULL, "recipient_role" character varying(20) NOT NULL, "vendor_id" uuid, "rep_id" uuid, "period" character varying(10) NOT NULL, "period_key" character varying(10) NOT NULL, "local_day" date NOT NULL, "time_zone" character varying(64) NOT NULL, "window_start" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "produced_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "open_count" integer NOT NULL, "acknowledged_count" integer NOT NULL, "raised_count" integer NOT NULL, "by_kind" jsonb NOT NULL, "top_items" jsonb NOT NULL, CONSTRAINT "PK_9a48d260ac42a724ad6b4a3fb18" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "alert_digests_by_recipient" ON "alert_digests"  ("recipient_user_id", "period", "produced_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "alert_digests_once_per_period" ON "alert_digests"  ("recipient_user_id", "period", "period_key") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."alert_digests_once_per_period"`);
    await queryRunner.query(`DROP INDEX "public"."alert_digests_by_recipient"`);
    await queryRunner.query(`DROP TABLE "alert_digests"`);
  }
}
