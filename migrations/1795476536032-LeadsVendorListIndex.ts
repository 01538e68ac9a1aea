import { MigrationInterface, QueryRunner } from 'typeorm';

export class LeadsVendorListIndex1795476536032 implements MigrationInterface {
  name = 'LeadsVendorListIndex1795476536032';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "IDX_991f85e8a7365303189e286fce" ON "leads"  ("vendor_id", "created_at", "id") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_991f85e8a7365303189e286fce"`);
  }
}
