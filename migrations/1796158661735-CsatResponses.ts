import { MigrationInterface, QueryRunner } from 'typeorm';

export class CsatResponses1796158661735 implements MigrationInterface {
  name = 'CsatResponses1796158661735';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "csat_responses" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "vendor_id" uuid NOT NULL, "rep_id" uuid NOT NULL, "contract_id" uuid, "visit_id" uuid, "rating" smallint NOT NULL, "comment" character varying(2000), "channel" character varying(20) NOT NULL, "answered_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "csat_responses_subject" CHECK ("contract_id" IS NOT NULL OR "visit_id" IS NOT NULL), CONSTRAINT "csat_responses_rating" CHECK ("rating" BETWEEN 1 AND 5), CONSTRAINT "PK_4492ac3e2dfa2729bc1d2958078" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "csat_responses_vendor_answered" ON "csat_responses"  ("vendor_id", "answered_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "csat_responses_rep_answered" ON "csat_responses"  ("rep_id", "answered_at") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."csat_responses_rep_answered"`);
    await queryRunner.query(`DROP INDEX "public"."csat_responses_vendor_answered"`);
    await queryRunner.query(`DROP TABLE "csat_responses"`);
  }
}
