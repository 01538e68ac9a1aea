import { MigrationInterface, QueryRunner } from 'typeorm';

export class ContractRenewals1796156446485 implements MigrationInterface {
  name = 'ContractRenewals1796156446485';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "contract_expiry_notices" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "contract_id" uuid NOT NULL, "tier_days" integer NOT NULL, "ends_on" date NOT NULL, CONSTRAINT "PK_eaca694d734e7aaedccf5bbcf11" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_4e79aea702a069802ae36c6f3d" ON "contract_expiry_notices"  ("contract_id", "tier_days") `,
    );
    await queryRunner.query(`ALTER TABLE "contracts" ADD "owner_decision" character varying(500)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "contracts" DROP COLUMN "owner_decision"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_4e79aea702a069802ae36c6f3d"`);
    await queryRunner.query(`DROP TABLE "contract_expiry_notices"`);
  }
}
