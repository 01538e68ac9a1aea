import { MigrationInterface, QueryRunner } from 'typeorm';

export class RoutingSettings1795474743817 implements MigrationInterface {
  name = 'RoutingSettings1795474743817';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "routing_settings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "scope" character varying(20) NOT NULL DEFAULT 'company', "auto_assign_on_intake" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_c2a880f4cd4800f7180d0a320a0" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_ba60ba1054b1cfaa0a728c8f9e" ON "routing_settings"  ("scope") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_ba60ba1054b1cfaa0a728c8f9e"`);
    await queryRunner.query(`DROP TABLE "routing_settings"`);
  }
}
