import { MigrationInterface, QueryRunner } from 'typeorm';

export class ContractsSyncOrder1796246615813 implements MigrationInterface {
  name = 'ContractsSyncOrder1796246615813';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "contracts_sync_order" ON "contracts"  ("updated_at", "id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."contracts_sync_order"`);
  }
}
