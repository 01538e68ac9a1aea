import { MigrationInterface, QueryRunner } from 'typeorm';

export class LeadExternalIds1796195839356 implements MigrationInterface {
  name = 'LeadExternalIds1796195839356';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "lead_external_ids" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "lead_id" uuid NOT NULL, "source" character varying(40) NOT NULL, "external_id" character varying(100) NOT NULL, CONSTRAINT "PK_9a924330a83f4050d4506f778f0" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_00641481c3800bb7e835d35f9e" ON "lead_external_ids"  ("lead_id", "source") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_7a877f0a592db71cca127e79f5" ON "lead_external_ids"  ("source", "external_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "lead_external_ids" ADD CONSTRAINT "FK_398450e1e9e8a65bf35d6da8d40" FOREIGN KEY ("lead_id") REFERENCES "leads"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "lead_external_ids" DROP CONSTRAINT "FK_398450e1e9e8a65bf35d6da8d40"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_7a877f0a592db71cca127e79f5"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_00641481c3800bb7e835d35f9e"`);
    await queryRunner.query(`DROP TABLE "lead_external_ids"`);
  }
}
