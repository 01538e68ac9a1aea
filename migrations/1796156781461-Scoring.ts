import { MigrationInterface, QueryRunner } from 'typeorm';

export class Scoring1796156781461 implements MigrationInterface {
  name = 'Scoring1796156781461';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "scorecard_definitions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "audience" character varying(20) NOT NULL, "revision" integer NOT NULL, "kpis" jsonb NOT NULL, "grade_bands" jsonb NOT NULL, "created_by" character varying(200), CONSTRAINT "PK_588f211e6f081a1a60b7e710731" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "scorecard_definitions_audience_revision" ON "scorecard_definitions"  ("audience", "revision") `,
    );
    await queryRunner.query(
      `CREATE TABLE "scores" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "subject" character varying(10) NOT NULL, "subject_id" uuid NOT NULL, "vendor_id" uuid NOT NULL, "period_key" character varying(10) NOT NULL, "period_kind" character varying(10) NOT NULL, "definition_id" uuid NOT NULL, "definition_revision" integer NOT NULL, "total" numeric(5,2), "grade" character varying(1), "kpis" jsonb NOT NULL, "status" character varying(12) NOT NULL, "computed_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "PK_c36917e6f26293b91d04b8fd521" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "scores_vendor" ON "scores"  ("vendor_id", "period_key") `);
    await queryRunner.query(
      `CREATE INDEX "scores_period_ranking" ON "scores"  ("period_key", "subject", "total") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "scores_subject_period" ON "scores"  ("subject", "subject_id", "period_key") `,
    );
    await queryRunner.query(
      `ALTER TABLE "scores" ADD CONSTRAINT "FK_a213184d2f4d0128ef92c3e2ce0" FOREIGN KEY ("definition_id") REFERENCES "scorecard_definitions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "scores" DROP CONSTRAINT "FK_a213184d2f4d0128ef92c3e2ce0"`);
    await queryRunner.query(`DROP INDEX "public"."scores_subject_period"`);
    await queryRunner.query(`DROP INDEX "public"."scores_period_ranking"`);
    await queryRunner.query(`DROP INDEX "public"."scores_vendor"`);
    await queryRunner.query(`DROP TABLE "scores"`);
    await queryRunner.query(`DROP INDEX "public"."scorecard_definitions_audience_revision"`);
    await queryRunner.query(`DROP TABLE "scorecard_definitions"`);
  }
}
