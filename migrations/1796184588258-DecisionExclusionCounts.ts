import { MigrationInterface, QueryRunner } from 'typeorm';

export class DecisionExclusionCounts1796184588258 implements MigrationInterface {
  name = 'DecisionExclusionCounts1796184588258';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "assignment_decisions" ADD "excluded_total" integer NOT NULL DEFAULT '0'`,
    );
    await queryRunner.query(
      `ALTER TABLE "assignment_decisions" ADD "excluded_by_reason" jsonb NOT NULL DEFAULT '{}'`,
    );
    // Decisions already logged: their list was all that was kept, so it is counted as the whole.
    await queryRunner.query(
      `UPDATE "assignment_decisions" d
          SET "excluded_total" = jsonb_array_length(d."excluded"),
              "excluded_by_reason" = coalesce((
                SELECT jsonb_object_agg(x.reason, x.n) FROM (
                  SELECT r AS reason, count(*) AS n
                    FROM jsonb_array_elements(d."excluded") e, jsonb_array_elements_text(e->'reasons') r
                   GROUP BY r) x), '{}')
        WHERE jsonb_array_length(d."excluded") > 0`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "assignment_decisions" DROP COLUMN "excluded_by_reason"`);
    await queryRunner.query(`ALTER TABLE "assignment_decisions" DROP COLUMN "excluded_total"`);
  }
}
