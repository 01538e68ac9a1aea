import { MigrationInterface, QueryRunner } from 'typeorm';

export class ImportMappings1796293819570 implements MigrationInterface {
  name = 'ImportMappings1796293819570';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "import_mappings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "name" character varying(60) NOT NULL, "target" character varying(20) NOT NULL, "description" character varying(500), "columns" jsonb NOT NULL, "value_maps" jsonb NOT NULL DEFAULT '{}', "ignore_unknown_columns" boolean NOT NULL DEFAULT false, "created_by" uuid NOT NULL, CONSTRAINT "PK_0fa9ff07029c3b68e95d7968592" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "import_mappings_name_key" ON "import_mappings"  ("name") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."import_mappings_name_key"`);
    await queryRunner.query(`DROP TABLE "import_mappings"`);
  }
}
