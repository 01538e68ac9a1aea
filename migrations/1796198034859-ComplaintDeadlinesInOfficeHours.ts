import { MigrationInterface, QueryRunner } from 'typeorm';

export class ComplaintDeadlinesInOfficeHours1796198034859 implements MigrationInterface {
  name = 'ComplaintDeadlinesInOfficeHours1796198034859';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "complaint_settings" ADD "response_working_hours" integer`);
    await queryRunner.query(
      `ALTER TABLE "complaint_settings" ADD CONSTRAINT "complaint_settings_hours" CHECK ("response_working_hours" BETWEEN 1 AND 240)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "complaint_settings" DROP CONSTRAINT "complaint_settings_hours"`);
    await queryRunner.query(`ALTER TABLE "complaint_settings" DROP COLUMN "response_working_hours"`);
  }
}
