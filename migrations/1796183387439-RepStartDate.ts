import { MigrationInterface, QueryRunner } from 'typeorm';

export class RepStartDate1796183387439 implements MigrationInterface {
  name = 'RepStartDate1796183387439';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "reps" ADD "started_on" date NOT NULL DEFAULT ('now'::text)::date`);
    // Reps already on file started when their record was made, on their own calendar.
    await queryRunner.query(`UPDATE "reps" SET "started_on" = ("created_at" AT TIME ZONE "timezone")::date`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "reps" DROP COLUMN "started_on"`);
  }
}
