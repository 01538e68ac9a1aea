import { MigrationInterface, QueryRunner } from 'typeorm';

export class CsatSurveyLinks1796188180840 implements MigrationInterface {
  name = 'CsatSurveyLinks1796188180840';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "csat_surveys" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "token_hash" character varying(64) NOT NULL, "contract_id" uuid, "visit_id" uuid, "vendor_id" uuid NOT NULL, "rep_id" uuid NOT NULL, "seller_name" character varying(200) NOT NULL, "rep_name" character varying(200) NOT NULL, "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP(3) WITH TIME ZONE, "csat_response_id" uuid, "issued_by" uuid, CONSTRAINT "csat_surveys_subject" CHECK (("contract_id" IS NULL) <> ("visit_id" IS NULL)), CONSTRAINT "PK_10fb3e0eee98e2e12786e11107d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "csat_surveys_token_hash" ON "csat_surveys"  ("token_hash") `,
    );
    await queryRunner.query(
      `CREATE INDEX "csat_surveys_visit_created" ON "csat_surveys"  ("visit_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "csat_surveys_vendor_created" ON "csat_surveys"  ("vendor_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "csat_surveys_contract_created" ON "csat_surveys"  ("contract_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "public_request_counts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "bucket" character varying(100) NOT NULL, "hits" integer NOT NULL DEFAULT '0', "window_started_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "PK_5d52376410a15a8be9c144c5f78" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "public_request_counts_bucket" ON "public_request_counts"  ("bucket") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."public_request_counts_bucket"`);
    await queryRunner.query(`DROP TABLE "public_request_counts"`);
    await queryRunner.query(`DROP INDEX "public"."csat_surveys_contract_created"`);
    await queryRunner.query(`DROP INDEX "public"."csat_surveys_vendor_created"`);
    await queryRunner.query(`DROP INDEX "public"."csat_surveys_visit_created"`);
    await queryRunner.query(`DROP INDEX "public"."csat_surveys_token_hash"`);
    await queryRunner.query(`DROP TABLE "csat_surveys"`);
  }
}
