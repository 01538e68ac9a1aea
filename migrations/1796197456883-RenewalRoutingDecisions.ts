import { MigrationInterface, QueryRunner } from 'typeorm';

export class RenewalRoutingDecisions1796197456883 implements MigrationInterface {
  name = 'RenewalRoutingDecisions1796197456883';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "assignment_decisions" ADD "contract_id" uuid`);
    await queryRunner.query(`ALTER TABLE "assignment_decisions" ALTER COLUMN "lead_id" DROP NOT NULL`);
    await queryRunner.query(
      `CREATE INDEX "IDX_assignment_decisions_contract" ON "assignment_decisions"  ("contract_id", "decided_at") WHERE "contract_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "assignment_decisions" ADD CONSTRAINT "CHK_assignment_decisions_subject" CHECK (num_nonnulls("lead_id", "contract_id") = 1)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "assignment_decisions" DROP CONSTRAINT "CHK_assignment_decisions_subject"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_assignment_decisions_contract"`);
    await queryRunner.query(`ALTER TABLE "assignment_decisions" ALTER COLUMN "lead_id" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "assignment_decisions" DROP COLUMN "contract_id"`);
  }
}
