import { MigrationInterface, QueryRunner } from 'typeorm';

export class CustomerKeyAccounts1796171746059 implements MigrationInterface {
  name = 'CustomerKeyAccounts1796171746059';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "customers" ADD "key_account_class" character varying(1)`);
    await queryRunner.query(`ALTER TABLE "customers" ADD "key_account_revenue_minor" bigint`);
    await queryRunner.query(`ALTER TABLE "customers" ADD "key_account_currency" character(3)`);
    await queryRunner.query(`ALTER TABLE "customers" ADD "key_account_classified_on" date`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "customers" DROP COLUMN "key_account_classified_on"`);
    await queryRunner.query(`ALTER TABLE "customers" DROP COLUMN "key_account_currency"`);
    await queryRunner.query(`ALTER TABLE "customers" DROP COLUMN "key_account_revenue_minor"`);
    await queryRunner.query(`ALTER TABLE "customers" DROP COLUMN "key_account_class"`);
  }
}
