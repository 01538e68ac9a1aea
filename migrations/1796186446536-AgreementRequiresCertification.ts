import { MigrationInterface, QueryRunner } from 'typeorm';

export class AgreementRequiresCertification1796186446536 implements MigrationInterface {
  name = 'AgreementRequiresCertification1796186446536';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "agreements" ADD "requires_certification" boolean NOT NULL DEFAULT false`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "agreements" DROP COLUMN "requires_certification"`);
  }
}
