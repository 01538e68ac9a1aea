import { MigrationInterface, QueryRunner } from 'typeorm';

export class LeadTouchActors1796195716249 implements MigrationInterface {
  name = 'LeadTouchActors1796195716249';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "lead_activities" ADD "actor_vendor_id" uuid`);
    await queryRunner.query(`ALTER TABLE "lead_activities" ADD "actor_rep_id" uuid`);
    // Who recorded the history so far: a user's or API client's vendor and rep, a call report's rep.
    await queryRunner.query(
      `UPDATE lead_activities a SET actor_vendor_id = u.vendor_id, actor_rep_id = u.rep_id
         FROM users u WHERE u.id = a.actor_id AND (u.vendor_id IS NOT NULL OR u.rep_id IS NOT NULL)`,
    );
    await queryRunner.query(
      `UPDATE lead_activities a SET actor_vendor_id = c.vendor_id
         FROM api_clients c WHERE c.id = a.actor_id AND c.vendor_id IS NOT NULL`,
    );
    await queryRunner.query(
      `UPDATE lead_activities a SET actor_rep_id = r.id, actor_vendor_id = r.vendor_id
         FROM reps r WHERE a.kind = 'call_report' AND r.id::text = a.details ->> 'repId'`,
    );
    await queryRunner.query(
      `CREATE INDEX "lead_activities_actor_rep" ON "lead_activities"  ("actor_rep_id", "occurred_at") WHERE actor_rep_id IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."lead_activities_actor_rep"`);
    await queryRunner.query(`ALTER TABLE "lead_activities" DROP COLUMN "actor_rep_id"`);
    await queryRunner.query(`ALTER TABLE "lead_activities" DROP COLUMN "actor_vendor_id"`);
  }
}
