import { MigrationInterface, QueryRunner } from 'typeorm';

export class VendorReviews1796184216470 implements MigrationInterface {
  name = 'VendorReviews1796184216470';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "vendor_reviews" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "vendor_id" uuid NOT NULL, "period_key" character varying(10) NOT NULL, "period_kind" character varying(10) NOT NULL, "period_start" date NOT NULL, "period_end" date NOT NULL, "cooperation" smallint NOT NULL, "communication" smallint NOT NULL, "professionalism" smallint NOT NULL, "market_feedback" smallint NOT NULL, "score" numeric(3,2) NOT NULL, "comments" character varying(4000), "reviewed_by" uuid NOT NULL, CONSTRAINT "vendor_reviews_ratings" CHECK ("cooperation" BETWEEN 1 AND 5 AND "communication" BETWEEN 1 AND 5 AND "professionalism" BETWEEN 1 AND 5 AND "market_feedback" BETWEEN 1 AND 5), CONSTRAINT "PK_4aebf2443a3d286b79f17dbadb6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "vendor_reviews_period_range" ON "vendor_reviews"  ("period_start", "period_end") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "vendor_reviews_vendor_period" ON "vendor_reviews"  ("vendor_id", "period_key") `,
    );
    await queryRunner.query(
      `CREATE TABLE "review_action_items" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "review_id" uuid NOT NULL, "vendor_id" uuid NOT NULL, "title" character varying(500) NOT NULL, "owner_user_id" uuid NOT NULL, "due_on" date NOT NULL, "status" character varying(20) NOT NULL DEFAULT 'open', "closed_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "review_action_items_status" CHECK ("status" IN ('open', 'done', 'cancelled')), CONSTRAINT "PK_7952e85ba1a4b57eaffc71a2d8e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "review_action_items_open_due" ON "review_action_items"  ("due_on") WHERE status = 'open'`,
    );
    await queryRunner.query(
      `CREATE INDEX "review_action_items_review" ON "review_action_items"  ("review_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "review_action_items" ADD CONSTRAINT "FK_01a36e4628d142dc7ef17c5ab08" FOREIGN KEY ("review_id") REFERENCES "vendor_reviews"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "review_action_items" DROP CONSTRAINT "FK_01a36e4628d142dc7ef17c5ab08"`,
    );
    await queryRunner.query(`DROP INDEX "public"."review_action_items_review"`);
    await queryRunner.query(`DROP INDEX "public"."review_action_items_open_due"`);
    await queryRunner.query(`DROP TABLE "review_action_items"`);
    await queryRunner.query(`DROP INDEX "public"."vendor_reviews_vendor_period"`);
    await queryRunner.query(`DROP INDEX "public"."vendor_reviews_period_range"`);
    await queryRunner.query(`DROP TABLE "vendor_reviews"`);
  }
}
