import { MigrationInterface, QueryRunner } from 'typeorm';

export class CustomerAccountIndexes1796170067439 implements MigrationInterface {
  name = 'CustomerAccountIndexes1796170067439';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "IDX_call_reports_customer" ON "call_reports"  ("customer_id", "occurred_at") WHERE "customer_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_leads_customer" ON "leads"  ("customer_id") WHERE "customer_id" IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_leads_customer"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_call_reports_customer"`);
  }
}
