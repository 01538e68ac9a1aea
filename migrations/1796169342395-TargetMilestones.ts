import { MigrationInterface, QueryRunner } from 'typeorm';

export class TargetMilestones1796169342395 implements MigrationInterface {
  name = 'TargetMilestones1796169342395';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "targets" ADD "milestone_sent_percent" smallint NOT NULL DEFAULT '0'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "targets" DROP COLUMN "milestone_sent_percent"`);
  }
}
