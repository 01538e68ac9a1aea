import { MigrationInterface, QueryRunner } from 'typeorm';

export class AgreementSettlementTerms1796154014052 implements MigrationInterface {
  name = 'AgreementSettlementTerms1796154014052';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "agreements" ADD "commission_basis" character varying(10) NOT NULL DEFAULT 'booked'`,
    );
    await queryRunner.query(`ALTER TABLE "agreements" ADD "commission_cap_minor" bigint`);
    await queryRunner.query(`ALTER TABLE "agreements" ADD "per_lead_fee_kind" character varying(20)`);
    // Until now a per-lead fee was paid per accepted lead.
    await queryRunner.query(
      `UPDATE "agreements" SET "per_lead_fee_kind" = 'accepted' WHERE "per_lead_fee_minor" IS NOT NULL`,
    );
    await queryRunner.query(`ALTER TABLE "agreements" DROP CONSTRAINT "CHK_agreements_terms"`);
    await queryRunner.query(
      `ALTER TABLE "agreements" ADD CONSTRAINT "CHK_agreements_terms" CHECK ("commission_rate_bps" BETWEEN 0 AND 10000 AND "clawback_days" >= 0 AND coalesce("commission_cap_minor", 0) >= 0 AND coalesce("default_daily_call_quota", 0) >= 0 AND coalesce("default_weekly_call_quota", 0) >= 0)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "agreements" DROP CONSTRAINT "CHK_agreements_terms"`);
    await queryRunner.query(
      `ALTER TABLE "agreements" ADD CONSTRAINT "CHK_agreements_terms" CHECK ("commission_rate_bps" BETWEEN 0 AND 10000 AND "clawback_days" >= 0 AND coalesce("default_daily_call_quota", 0) >= 0 AND coalesce("default_weekly_call_quota", 0) >= 0)`,
    );
    await queryRunner.query(`ALTER TABLE "agreements" DROP COLUMN "per_lead_fee_kind"`);
    await queryRunner.query(`ALTER TABLE "agreements" DROP COLUMN "commission_cap_minor"`);
    await queryRunner.query(`ALTER TABLE "agreements" DROP COLUMN "commission_basis"`);
  }
}
