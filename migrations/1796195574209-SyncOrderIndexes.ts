import { MigrationInterface, QueryRunner } from 'typeorm';

export class SyncOrderIndexes1796195574209 implements MigrationInterface {
  name = 'SyncOrderIndexes1796195574209';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "call_reports_sync_order" ON "call_reports"  ("updated_at", "id") `,
    );
    await queryRunner.query(`CREATE INDEX "customers_sync_order" ON "customers"  ("updated_at", "id") `);
    await queryRunner.query(`CREATE INDEX "leads_sync_order" ON "leads"  ("updated_at", "id") `);
    await queryRunner.query(`CREATE INDEX "vendors_sync_order" ON "vendors"  ("updated_at", "id") `);
    await queryRunner.query(`CREATE INDEX "reps_sync_order" ON "reps"  ("updated_at", "id") `);
    await queryRunner.query(`CREATE INDEX "alerts_sync_order" ON "alerts"  ("updated_at", "id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."alerts_sync_order"`);
    await queryRunner.query(`DROP INDEX "public"."reps_sync_order"`);
    await queryRunner.query(`DROP INDEX "public"."vendors_sync_order"`);
    await queryRunner.query(`DROP INDEX "public"."leads_sync_order"`);
    await queryRunner.query(`DROP INDEX "public"."customers_sync_order"`);
    await queryRunner.query(`DROP INDEX "public"."call_reports_sync_order"`);
  }
}
