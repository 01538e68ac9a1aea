import { MigrationInterface, QueryRunner } from 'typeorm';

export class SchedulerCheckIndexes1795481897661 implements MigrationInterface {
  name = 'SchedulerCheckIndexes1795481897661';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "leads" ADD "regrade_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(
      `CREATE INDEX "call_reports_calls_by_rep" ON "call_reports"  ("rep_id", "occurred_at", "occurred_on") WHERE type = 'call'`,
    );
    await queryRunner.query(
      `CREATE INDEX "leads_owner_last_activity" ON "leads"  ("owner_rep_id", "last_activity_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "leads_open_regrade_due" ON "leads"  ("regrade_at") WHERE status IN ('new', 'assigned', 'contacted', 'qualified', 'negotiating') AND merged_into_id IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "leads_unassigned_new" ON "leads"  ("created_at") WHERE status = 'new' AND owner_rep_id IS NULL AND merged_into_id IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "leads_open_key_or_high" ON "leads"  ("last_activity_at", "created_at") WHERE status IN ('new', 'assigned', 'contacted', 'qualified', 'negotiating') AND merged_into_id IS NULL AND (key_lead OR grade = 'high')`,
    );
    await queryRunner.query(
      `CREATE INDEX "leads_open_follow_up" ON "leads"  ("next_follow_up_due") WHERE status IN ('new', 'assigned', 'contacted', 'qualified', 'negotiating') AND merged_into_id IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."leads_open_follow_up"`);
    await queryRunner.query(`DROP INDEX "public"."leads_open_key_or_high"`);
    await queryRunner.query(`DROP INDEX "public"."leads_unassigned_new"`);
    await queryRunner.query(`DROP INDEX "public"."leads_open_regrade_due"`);
    await queryRunner.query(`DROP INDEX "public"."leads_owner_last_activity"`);
    await queryRunner.query(`DROP INDEX "public"."call_reports_calls_by_rep"`);
    await queryRunner.query(`ALTER TABLE "leads" DROP COLUMN "regrade_at"`);
  }
}
