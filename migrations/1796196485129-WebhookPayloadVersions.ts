import { MigrationInterface, QueryRunner } from 'typeorm';

export class WebhookPayloadVersions1796196485129 implements MigrationInterface {
  name = 'WebhookPayloadVersions1796196485129';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "webhook_events" ADD "payload_version" smallint NOT NULL DEFAULT '1'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "webhook_events" DROP COLUMN "payload_version"`);
  }
}
