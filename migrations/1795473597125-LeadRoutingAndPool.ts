import { MigrationInterface, QueryRunner } from 'typeorm';

export class LeadRoutingAndPool1795473597125 implements MigrationInterface {
  name = 'LeadRoutingAndPool1795473597125';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "lead_pool_claims" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "pool_id" uuid NOT NULL, "lead_id" uuid NOT NULL, "rep_id" uuid NOT NULL, "distributed" boolean NOT NULL DEFAULT false, "claimed_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "PK_358196d95609980cf4661e949d1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_3349e43ec03a8c76dfc516ef69" ON "lead_pool_claims"  ("rep_id", "claimed_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "lead_pool_states" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "lead_id" uuid NOT NULL, "owned_since" TIMESTAMP(3) WITH TIME ZONE, "pool_id" uuid, "entered_pool_at" TIMESTAMP(3) WITH TIME ZONE, "recovery_count" integer NOT NULL DEFAULT '0', "last_reclaimed_at" TIMESTAMP(3) WITH TIME ZONE, "last_owner_rep_id" uuid, "last_owner_vendor_id" uuid, "reclaim_warned_at" TIMESTAMP(3) WITH TIME ZONE, "last_revived_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_583aa4dacd9108015e4b9340615" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_c5c2326d201bbe5ef13a357f87" ON "lead_pool_states"  ("lead_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_fd544531fcc4ff0d586205fa9b" ON "lead_pool_states"  ("pool_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "lead_pools" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "name" character varying(200) NOT NULL, "vendor_id" uuid, "is_default" boolean NOT NULL DEFAULT false, "no_follow_up_days" jsonb NOT NULL, "no_progress_days" jsonb, "warn_days_before" integer NOT NULL DEFAULT '0', "holding_cap" integer NOT NULL, "daily_claim_limit" integer NOT NULL, "cooldown_hours" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_e1b2d7b0265b8854c94fa95f4b3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_fb701987fd26f33ac2d422fcca" ON "lead_pools"  ("vendor_id") `);
    await queryRunner.query(
      `CREATE TABLE "assignment_decisions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "lead_id" uuid NOT NULL, "decided_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "trigger" character varying(20) NOT NULL, "outcome" character varying(20) NOT NULL, "rule_id" uuid, "rule_name" character varying(200), "strategy" character varying(20), "chosen_rep_id" uuid, "chosen_vendor_id" uuid, "pool_id" uuid, "candidates" jsonb NOT NULL DEFAULT '[]', "excluded" jsonb NOT NULL DEFAULT '[]', "explanation" character varying(1000) NOT NULL, "actor_id" uuid, CONSTRAINT "PK_96ba1c5a0c4e1bcaa8095aa170c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_f0d65fdf13d63a4cd5acab9e38" ON "assignment_decisions"  ("chosen_rep_id", "decided_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_cc54ae1536208a9e9197f93c3c" ON "assignment_decisions"  ("lead_id", "decided_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "assignment_rules" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "name" character varying(200) NOT NULL, "position" integer NOT NULL, "active" boolean NOT NULL DEFAULT true, "is_default" boolean NOT NULL DEFAULT false, "filter" jsonb NOT NULL DEFAULT '{}', "target_kind" character varying(20) NOT NULL, "target_vendor_ids" uuid array NOT NULL DEFAULT '{}', "target_pool_id" uuid, "strategy" character varying(20) NOT NULL, "daily_quota_per_rep" integer, "last_rep_id" uuid, CONSTRAINT "PK_b2a701c65267def8d951bd91c2d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_ed6419ac3540143ea67a398c29" ON "assignment_rules"  ("position") `,
    );
    await queryRunner.query(
      `CREATE TABLE "lead_declines" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "lead_id" uuid NOT NULL, "vendor_id" uuid NOT NULL, "rep_id" uuid, "reason" character varying(20) NOT NULL, "note" character varying(1000), "actor_id" uuid, CONSTRAINT "PK_d4a1bd508cb75279a4746991948" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_72d684eed332374c35e84ee22b" ON "lead_declines"  ("lead_id") `);
    await queryRunner.query(
      `CREATE TABLE "rep_routing_preferences" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "rep_id" uuid NOT NULL, "vendor_id" uuid NOT NULL, "opted_out" boolean NOT NULL DEFAULT false, "daily_assignment_quota" integer, CONSTRAINT "PK_be688c08d522bd613e802fb958e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_8d5a286c28c3737c2b1e8bfad1" ON "rep_routing_preferences"  ("rep_id") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_8d5a286c28c3737c2b1e8bfad1"`);
    await queryRunner.query(`DROP TABLE "rep_routing_preferences"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_72d684eed332374c35e84ee22b"`);
    await queryRunner.query(`DROP TABLE "lead_declines"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ed6419ac3540143ea67a398c29"`);
    await queryRunner.query(`DROP TABLE "assignment_rules"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_cc54ae1536208a9e9197f93c3c"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f0d65fdf13d63a4cd5acab9e38"`);
    await queryRunner.query(`DROP TABLE "assignment_decisions"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_fb701987fd26f33ac2d422fcca"`);
    await queryRunner.query(`DROP TABLE "lead_pools"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_fd544531fcc4ff0d586205fa9b"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c5c2326d201bbe5ef13a357f87"`);
    await queryRunner.query(`DROP TABLE "lead_pool_states"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_3349e43ec03a8c76dfc516ef69"`);
    await queryRunner.query(`DROP TABLE "lead_pool_claims"`);
  }
}
