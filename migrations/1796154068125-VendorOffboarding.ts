import { MigrationInterface, QueryRunner } from 'typeorm';

export class VendorOffboarding1796154068125 implements MigrationInterface {
  name = 'VendorOffboarding1796154068125';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "vendor_offboardings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "vendor_id" uuid NOT NULL, "trigger" character varying(30) NOT NULL, "reason" character varying(500) NOT NULL, "lead_clawback_policy" character varying(20) NOT NULL, "offboarded_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "actor_name" character varying(200) NOT NULL, "sections" jsonb NOT NULL, CONSTRAINT "PK_6d5cd0eb8933bc1f2bda1ba96db" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_2484ef2005581e2302c9d3f90c" ON "vendor_offboardings"  ("vendor_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "agreements" ADD "lead_clawback_policy" character varying(20) NOT NULL DEFAULT 'return_to_pool'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "agreements" DROP COLUMN "lead_clawback_policy"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_2484ef2005581e2302c9d3f90c"`);
    await queryRunner.query(`DROP TABLE "vendor_offboardings"`);
  }
}
