import { MigrationInterface, QueryRunner } from 'typeorm';

export class TokenGenerations1795480977893 implements MigrationInterface {
  name = 'TokenGenerations1795480977893';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "api_clients" ADD "token_generation" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "users" ADD "token_generation" integer NOT NULL DEFAULT '0'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "token_generation"`);
    await queryRunner.query(`ALTER TABLE "api_clients" DROP COLUMN "token_generation"`);
  }
}
