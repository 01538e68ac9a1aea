import { MigrationInterface, QueryRunner } from 'typeorm';

export class LeadLostCompetitor1796156325830 implements MigrationInterface {
  name = 'LeadLostCompetitor1796156325830';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "leads" ADD "lost_competitor" character varying(200)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "leads" DROP COLUMN "lost_competitor"`);
  }
}
