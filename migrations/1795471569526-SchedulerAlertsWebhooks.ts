import { MigrationInterface, QueryRunner } from 'typeorm';

export class SchedulerAlertsWebhooks1795471569526 implements MigrationInterface {
  name = 'SchedulerAlertsWebhooks1795471569526';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "alerts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "type" character varying(60) NOT NULL, "check_name" character varying(60) NOT NULL, "severity" character varying(20) NOT NULL, "subject_type" character varying(30) NOT NULL, "subject_id" uuid NOT NULL, "vendor_id" uuid, "rep_id" uuid, "message" character varying(500) NOT NULL, "data" jsonb NOT NULL DEFAULT '{}', "status" character varying(20) NOT NULL DEFAULT 'open', "level" character varying(20) NOT NULL DEFAULT 'rep', "raised_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "escalated_at" TIMESTAMP WITH TIME ZONE, "acknowledged_at" TIMESTAMP WITH TIME ZONE, "acknowledged_by" uuid, "resolved_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_60f895662df096bfcdfab7f4b96" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "alerts_by_status" ON "alerts"  ("status", "raised_at") `);
    await queryRunner.query(
      `CREATE INDEX "alerts_by_vendor" ON "alerts"  ("vendor_id", "status", "raised_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "alerts_one_unresolved_per_subject" ON "alerts"  ("type", "subject_type", "subject_id") WHERE status <> 'resolved'`,
    );
    await queryRunner.query(
      `CREATE TABLE "check_runs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "check_name" character varying(60) NOT NULL, "trigger" character varying(20) NOT NULL, "tick_at" TIMESTAMP WITH TIME ZONE, "as_of" TIMESTAMP WITH TIME ZONE NOT NULL, "status" character varying(20) NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "finished_at" TIMESTAMP WITH TIME ZONE, "examined" integer NOT NULL DEFAULT '0', "raised" integer NOT NULL DEFAULT '0', "resolved" integer NOT NULL DEFAULT '0', "error" character varying(1000), "triggered_by" uuid, CONSTRAINT "PK_1fe9c7649e3b0dbff66e03e1bd8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "check_runs_recent" ON "check_runs"  ("check_name", "started_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "check_runs_once_per_tick" ON "check_runs"  ("check_name", "tick_at") WHERE trigger = 'schedule'`,
    );
    await queryRunner.query(
      `CREATE TABLE "check_settings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "check_name" character varying(60) NOT NULL, "vendor_id" uuid, "enabled" boolean NOT NULL DEFAULT true, "thresholds" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "PK_2114acd50d2d2799f79c330d72d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "check_settings_per_vendor" ON "check_settings"  ("check_name", "vendor_id") WHERE vendor_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "check_settings_global" ON "check_settings"  ("check_name") WHERE vendor_id IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "webhook_subscriptions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "url" character varying(2000) NOT NULL, "secret" character varying(100) NOT NULL, "event_types" text array NOT NULL, "vendor_id" uuid, "description" character varying(200) NOT NULL DEFAULT '', "active" boolean NOT NULL DEFAULT true, "consecutive_failures" integer NOT NULL DEFAULT '0', "disabled_reason" character varying(300), "created_by" uuid NOT NULL, CONSTRAINT "PK_bf631ae77d39849d599817fb6f4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "webhook_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "event_type" character varying(60) NOT NULL, "vendor_id" uuid, "payload" jsonb NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_4cba37e6a0acb5e1fc49c34ebfd" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "webhook_events_recent" ON "webhook_events"  ("occurred_at") `);
    await queryRunner.query(
      `CREATE TABLE "webhook_deliveries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "event_id" uuid NOT NULL, "subscription_id" uuid NOT NULL, "status" character varying(20) NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_attempt_at" TIMESTAMP WITH TIME ZONE, "last_status_code" integer, "last_error" character varying(500), "delivered_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_535dd409947fb6d8fc6dfc0112a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "webhook_deliveries_by_subscription" ON "webhook_deliveries"  ("subscription_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "webhook_deliveries_due" ON "webhook_deliveries"  ("next_attempt_at") WHERE status = 'pending'`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "FK_27d1ee90033bdafe0ffe8f1be6f" FOREIGN KEY ("event_id") REFERENCES "webhook_events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "FK_23eb2b6ae801c52cfb79a556b8a" FOREIGN KEY ("subscription_id") REFERENCES "webhook_subscriptions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "webhook_deliveries" DROP CONSTRAINT "FK_23eb2b6ae801c52cfb79a556b8a"`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_deliveries" DROP CONSTRAINT "FK_27d1ee90033bdafe0ffe8f1be6f"`,
    );
    await queryRunner.query(`DROP INDEX "public"."webhook_deliveries_due"`);
    await queryRunner.query(`DROP INDEX "public"."webhook_deliveries_by_subscription"`);
    await queryRunner.query(`DROP TABLE "webhook_deliveries"`);
    await queryRunner.query(`DROP INDEX "public"."webhook_events_recent"`);
    await queryRunner.query(`DROP TABLE "webhook_events"`);
    await queryRunner.query(`DROP TABLE "webhook_subscriptions"`);
    await queryRunner.query(`DROP INDEX "public"."check_settings_global"`);
    await queryRunner.query(`DROP INDEX "public"."check_settings_per_vendor"`);
    await queryRunner.query(`DROP TABLE "check_settings"`);
    await queryRunner.query(`DROP INDEX "public"."check_runs_once_per_tick"`);
    await queryRunner.query(`DROP INDEX "public"."check_runs_recent"`);
    await queryRunner.query(`DROP TABLE "check_runs"`);
    await queryRunner.query(`DROP INDEX "public"."alerts_one_unresolved_per_subject"`);
    await queryRunner.query(`DROP INDEX "public"."alerts_by_vendor"`);
    await queryRunner.query(`DROP INDEX "public"."alerts_by_status"`);
    await queryRunner.query(`DROP TABLE "alerts"`);
  }
}
