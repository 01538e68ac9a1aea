import { MigrationInterface, QueryRunner } from 'typeorm';

export class EarnedGrades1796185231706 implements MigrationInterface {
  name = 'EarnedGrades1796185231706';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "earned_grades" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "subject" character varying(10) NOT NULL, "subject_id" uuid NOT NULL, "vendor_id" uuid NOT NULL, "earned_grade" character varying(1), "last_band" character varying(1), "last_period_key" character varying(10), "override_grade" character varying(1), "override_reason" character varying(1000), "override_expires_on" date, "override_by" uuid, "effective_grade" character varying(1), CONSTRAINT "PK_ab8be1d9f8532c5da36823f67f4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "earned_grades_override_expiry" ON "earned_grades"  ("override_expires_on") WHERE override_grade IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "earned_grades_subject" ON "earned_grades"  ("subject", "subject_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "grade_changes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "subject" character varying(10) NOT NULL, "subject_id" uuid NOT NULL, "vendor_id" uuid NOT NULL, "from_grade" character varying(1), "to_grade" character varying(1) NOT NULL, "cause" character varying(20) NOT NULL, "period_key" character varying(10), "reason" character varying(1000), "changed_by" uuid, CONSTRAINT "PK_bdcf468902aa6b48ab1b7a84a6a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "grade_changes_subject" ON "grade_changes"  ("subject", "subject_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "routing_grade_weights" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "revision" integer NOT NULL, "weight_a" integer NOT NULL, "weight_b" integer NOT NULL, "weight_c" integer NOT NULL, "weight_d" integer NOT NULL, "created_by" uuid NOT NULL, CONSTRAINT "routing_grade_weights_positive" CHECK ("weight_a" > 0 AND "weight_b" > 0 AND "weight_c" > 0 AND "weight_d" > 0), CONSTRAINT "PK_cf0e1a638a913440dfda00a2a88" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "routing_grade_weights_revision" ON "routing_grade_weights"  ("revision") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."routing_grade_weights_revision"`);
    await queryRunner.query(`DROP TABLE "routing_grade_weights"`);
    await queryRunner.query(`DROP INDEX "public"."grade_changes_subject"`);
    await queryRunner.query(`DROP TABLE "grade_changes"`);
    await queryRunner.query(`DROP INDEX "public"."earned_grades_subject"`);
    await queryRunner.query(`DROP INDEX "public"."earned_grades_override_expiry"`);
    await queryRunner.query(`DROP TABLE "earned_grades"`);
  }
}
