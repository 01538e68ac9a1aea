import { MigrationInterface, QueryRunner } from 'typeorm';

export class ScoreDueAtGate1796169068835 implements MigrationInterface {
  name = 'ScoreDueAtGate1796169068835';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "score_periods" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "period_key" character varying(10) NOT NULL, "period_kind" character varying(10) NOT NULL, "status" character varying(12) NOT NULL, "computed_for" date, "computed_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "PK_c68ec0497f1545f30c91e239217" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "score_periods_key" ON "score_periods"  ("period_key") `);
    // Periods scored before the gate existed: computed for no known day, so each is due once.
    await queryRunner.query(`INSERT INTO "score_periods" ("period_key", "period_kind", "status", "computed_for", "computed_at")
      SELECT period_key, min(period_kind), CASE WHEN bool_and(status = 'final') THEN 'final' ELSE 'provisional' END, NULL, min(computed_at)
        FROM "scores" GROUP BY period_key`);
    // What changed since a moment: BRIN range indexes (a few pages for millions of rows, nearly free on insert).
    await queryRunner.query(
      `CREATE INDEX "call_reports_updated_brin" ON "call_reports" USING brin ("updated_at") WITH (autosummarize = on)`,
    );
    await queryRunner.query(
      `CREATE INDEX "call_report_flags_updated_brin" ON "call_report_flags" USING brin ("updated_at") WITH (autosummarize = on)`,
    );
    await queryRunner.query(
      `CREATE INDEX "lead_activities_created_brin" ON "lead_activities" USING brin ("created_at") WITH (autosummarize = on)`,
    );
    await queryRunner.query(
      `CREATE INDEX "leads_created_brin" ON "leads" USING brin ("created_at") WITH (autosummarize = on)`,
    );
    await queryRunner.query(
      `CREATE INDEX "csat_responses_created_brin" ON "csat_responses" USING brin ("created_at") WITH (autosummarize = on)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const index of [
      'csat_responses_created_brin',
      'leads_created_brin',
      'lead_activities_created_brin',
      'call_report_flags_updated_brin',
      'call_reports_updated_brin',
    ])
      await queryRunner.query(`DROP INDEX "public"."${index}"`);
    await queryRunner.query(`DROP INDEX "public"."score_periods_key"`);
    await queryRunner.query(`DROP TABLE "score_periods"`);
  }
}
