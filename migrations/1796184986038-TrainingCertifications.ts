import { MigrationInterface, QueryRunner } from 'typeorm';

export class TrainingCertifications1796184986038 implements MigrationInterface {
  name = 'TrainingCertifications1796184986038';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "curricula" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "product_line_id" uuid NOT NULL, "title" character varying(200) NOT NULL, "required_article_ids" uuid array NOT NULL DEFAULT '{}', "questions" jsonb NOT NULL, "pass_mark_pct" integer NOT NULL, "validity_months" integer NOT NULL, "created_by" uuid NOT NULL, CONSTRAINT "CHK_curricula_pass_mark" CHECK ("pass_mark_pct" BETWEEN 1 AND 100 AND "validity_months" BETWEEN 1 AND 60), CONSTRAINT "PK_7c5dd2066e2bbf3b6ad0a71c567" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_9686c524b9de5aadf1a7bc11a1" ON "curricula"  ("product_line_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "curriculum_enrolments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "curriculum_id" uuid NOT NULL, "rep_id" uuid NOT NULL, "vendor_id" uuid NOT NULL, "read_article_ids" uuid array NOT NULL DEFAULT '{}', "attempts" integer NOT NULL DEFAULT '0', "best_score_pct" integer, "passed_on" date, CONSTRAINT "UQ_curriculum_enrolments_rep" UNIQUE ("curriculum_id", "rep_id"), CONSTRAINT "PK_4259c32c9848d3eaad2d63e3cb6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_bd0b071c3bdef271e24ffd37f2" ON "curriculum_enrolments"  ("vendor_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "certifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "rep_id" uuid NOT NULL, "vendor_id" uuid NOT NULL, "product_line_id" uuid NOT NULL, "curriculum_id" uuid NOT NULL, "score_pct" integer NOT NULL, "passed_on" date NOT NULL, "expires_on" date NOT NULL, CONSTRAINT "CHK_certifications_dates" CHECK ("expires_on" >= "passed_on"), CONSTRAINT "PK_fd763d412e4a1fb1b6dadd6e72b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_009ffc3fd032b6e62c10bd4ebd" ON "certifications"  ("vendor_id", "expires_on") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_89409679ba1829acedb820f331" ON "certifications"  ("rep_id", "product_line_id", "expires_on") `,
    );
    await queryRunner.query(
      `ALTER TABLE "curriculum_enrolments" ADD CONSTRAINT "FK_e33ac4f7bf77ba6dca83c24cc65" FOREIGN KEY ("curriculum_id") REFERENCES "curricula"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "curriculum_enrolments" DROP CONSTRAINT "FK_e33ac4f7bf77ba6dca83c24cc65"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_89409679ba1829acedb820f331"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_009ffc3fd032b6e62c10bd4ebd"`);
    await queryRunner.query(`DROP TABLE "certifications"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_bd0b071c3bdef271e24ffd37f2"`);
    await queryRunner.query(`DROP TABLE "curriculum_enrolments"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_9686c524b9de5aadf1a7bc11a1"`);
    await queryRunner.query(`DROP TABLE "curricula"`);
  }
}
