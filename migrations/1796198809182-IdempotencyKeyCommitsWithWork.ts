import { MigrationInterface, QueryRunner } from 'typeorm';

export class IdempotencyKeyCommitsWithWork1796198809182 implements MigrationInterface {
  name = 'IdempotencyKeyCommitsWithWork1796198809182';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // A key left "in progress" never got an answer: its work either never committed or is unknown. Free it.
    await queryRunner.query(`DELETE FROM "idempotency_keys" WHERE "state" <> 'completed'`);
    await queryRunner.query(`ALTER TABLE "idempotency_keys" DROP COLUMN "state"`);
    await queryRunner.query(`ALTER TABLE "idempotency_keys" ALTER COLUMN "response_status" SET NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "idempotency_keys" ALTER COLUMN "response_status" DROP NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "idempotency_keys" ADD "state" character varying(20) NOT NULL DEFAULT 'completed'`,
    );
  }
}
