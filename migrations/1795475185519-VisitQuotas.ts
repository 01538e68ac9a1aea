import { MigrationInterface, QueryRunner } from 'typeorm';

export class VisitQuotas1795475185519 implements MigrationInterface {
  name = 'VisitQuotas1795475185519';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "agreements" ADD "default_daily_visit_quota" integer`);
    await queryRunner.query(`ALTER TABLE "agreements" ADD "default_weekly_visit_quota" integer`);
    await queryRunner.query(`ALTER TABLE "reps" ADD "daily_visit_quota" integer`);
    await queryRunner.query(`ALTER TABLE "reps" ADD "weekly_visit_quota" integer`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "reps" DROP COLUMN "weekly_visit_quota"`);
    await queryRunner.query(`ALTER TABLE "reps" DROP COLUMN "daily_visit_quota"`);
    await queryRunner.query(`ALTER TABLE "agreements" DROP COLUMN "default_weekly_visit_quota"`);
    await queryRunner.query(`ALTER TABLE "agreements" DROP COLUMN "default_daily_visit_quota"`);
  }
}
