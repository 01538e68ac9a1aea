import { MigrationInterface, QueryRunner } from 'typeorm';

export class WebhookTimeBasedDisableAndHeldBacklog1796247234499 implements MigrationInterface {
  name = 'WebhookTimeBasedDisableAndHeldBacklog1796247234499';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "webhook_subscriptions" ADD "failing_since" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_subscriptions" ADD "dropped_while_disabled" integer NOT NULL DEFAULT '0'`,
    );
    // A streak already under way counts from now, so no subscription is switched off by the upgrade itself.
    await queryRunner.query(
      `UPDATE "webhook_subscriptions" SET "failing_since" = now() WHERE "consecutive_failures" > 0`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "webhook_subscriptions" DROP COLUMN "dropped_while_disabled"`);
    await queryRunner.query(`ALTER TABLE "webhook_subscriptions" DROP COLUMN "failing_since"`);
  }
}
