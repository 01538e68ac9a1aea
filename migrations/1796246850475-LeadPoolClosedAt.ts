import { MigrationInterface, QueryRunner } from 'typeorm';

export class LeadPoolClosedAt1796246850475 implements MigrationInterface {
  name = 'LeadPoolClosedAt1796246850475';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "lead_pools" ADD "closed_at" TIMESTAMP WITH TIME ZONE`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "lead_pools" DROP COLUMN "closed_at"`);
  }
}
