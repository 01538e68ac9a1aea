import { MigrationInterface, QueryRunner } from 'typeorm';

export class KeyLeadMinimumVendorTier1796196922107 implements MigrationInterface {
  name = 'KeyLeadMinimumVendorTier1796196922107';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "agreements" ADD "key_lead_min_tier" character varying(20)`);
    await queryRunner.query(
      `ALTER TABLE "assignment_rules" ADD "key_lead_min_vendor_tier" character varying(20)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "assignment_rules" DROP COLUMN "key_lead_min_vendor_tier"`);
    await queryRunner.query(`ALTER TABLE "agreements" DROP COLUMN "key_lead_min_tier"`);
  }
}
