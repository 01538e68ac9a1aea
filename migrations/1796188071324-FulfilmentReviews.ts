import { MigrationInterface, QueryRunner } from 'typeorm';

export class FulfilmentReviews1796188071324 implements MigrationInterface {
  name = 'FulfilmentReviews1796188071324';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "contract_fulfilment_reviews" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "contract_id" uuid NOT NULL, "period_from" date NOT NULL, "period_to" date NOT NULL, "usage_notes" character varying(2000), "services_delivered" character varying(2000), "value_minor" bigint, "value_currency" character(3), "health" character varying(10) NOT NULL, "next_steps" character varying(2000), "reviewer_id" uuid NOT NULL, "reviewer_name" character varying(200) NOT NULL, CONSTRAINT "CHK_contract_fulfilment_reviews_value" CHECK (("value_minor" IS NULL) = ("value_currency" IS NULL)), CONSTRAINT "CHK_contract_fulfilment_reviews_period" CHECK ("period_to" >= "period_from"), CONSTRAINT "PK_4018fc4480e8622badebd92f24d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_69b10278235272090e3df3cb0c" ON "contract_fulfilment_reviews"  ("contract_id", "period_to") `,
    );
    await queryRunner.query(`ALTER TABLE "contracts" ADD "review_cycle" character varying(20)`);
    await queryRunner.query(`ALTER TABLE "contracts" ADD "health" character varying(10)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "contracts" DROP COLUMN "health"`);
    await queryRunner.query(`ALTER TABLE "contracts" DROP COLUMN "review_cycle"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_69b10278235272090e3df3cb0c"`);
    await queryRunner.query(`DROP TABLE "contract_fulfilment_reviews"`);
  }
}
