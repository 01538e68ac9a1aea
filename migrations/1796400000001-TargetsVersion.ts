import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The targets module's version: one row that every statement writing what an attainment answer shows
 * moves in the same transaction — the targets' own columns (not the milestone the scheduler remembers),
 * the settings (status thresholds, the company's calendar) and the imported actuals (prior years, market
 * sizes, expenses). Targets are written by people, a few statements an hour, so one row is enough. Its
 * xmin names the writing transaction, as for the org chart's version.
 */
export class TargetsVersion1796400000001 implements MigrationInterface {
  name = 'TargetsVersion1796400000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "targets_version" ("id" boolean PRIMARY KEY DEFAULT true CHECK ("id"), "version" bigint NOT NULL DEFAULT 0)`,
    );
    await queryRunner.query(`INSERT INTO "targets_version" DEFAULT VALUES`);
    await queryRunner.query(
      `CREATE FUNCTION targets_changed() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN UPDATE targets_version SET version = version + 1; RETURN NULL; END $$`,
    );
    const answered =
      'metric, period_key, period_start, period_end, owner_kind, owner_id, region_id, industry_code, ' +
      'product_line_id, currency, base_value, stretch_value, challenge_value, status, parent_id';
    for (const [table, columns] of [
      ['targets', answered],
      ['target_settings', null],
      ['target_imported_actuals', null],
    ] as const) {
      await queryRunner.query(
        `CREATE TRIGGER "${table}_targets_changed" AFTER INSERT OR DELETE OR TRUNCATE ${columns ? '' : 'OR UPDATE '}ON "${table}"
         FOR EACH STATEMENT EXECUTE FUNCTION targets_changed()`,
      );
      if (columns)
        await queryRunner.query(
          `CREATE TRIGGER "${table}_targets_updated" AFTER UPDATE OF ${columns} ON "${table}"
           FOR EACH STATEMENT EXECUTE FUNCTION targets_changed()`,
        );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "targets_targets_updated" ON "targets"`);
    for (const table of ['targets', 'target_settings', 'target_imported_actuals'])
      await queryRunner.query(`DROP TRIGGER "${table}_targets_changed" ON "${table}"`);
    await queryRunner.query(`DROP FUNCTION targets_changed()`);
    await queryRunner.query(`DROP TABLE "targets_version"`);
  }
}
