import { MigrationInterface, QueryRunner } from 'typeorm';

export class RepEarnedTags1796196503614 implements MigrationInterface {
  name = 'RepEarnedTags1796196503614';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "reps" ADD "earned_tags" text array NOT NULL DEFAULT '{}'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "reps" DROP COLUMN "earned_tags"`);
  }
}
