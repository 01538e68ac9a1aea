import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The org chart's version: one row that every statement writing reps, vendors or sales units (the columns
 * the chart holds) moves in the same transaction, so a process holding the chart in memory can tell with
 * one read whether it is still current. The row's xmin names the writing transaction, so a chart read
 * inside a transaction that later rolls back is never taken for the committed one.
 */
export class OrgChartVersion1796310657572 implements MigrationInterface {
  name = 'OrgChartVersion1796310657572';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "org_chart_version" ("id" boolean PRIMARY KEY DEFAULT true CHECK ("id"), "version" bigint NOT NULL DEFAULT 0)`,
    );
    await queryRunner.query(`INSERT INTO "org_chart_version" DEFAULT VALUES`);
    await queryRunner.query(
      `CREATE FUNCTION org_chart_changed() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN UPDATE org_chart_version SET version = version + 1; RETURN NULL; END $$`,
    );
    for (const [table, columns] of [
      ['reps', 'vendor_id, full_name, grade, capacity, timezone, active'],
      ['vendors', 'sales_unit_id, name, country_code, timezone'],
      ['sales_units', 'parent_id, name'],
    ]) {
      await queryRunner.query(
        `CREATE TRIGGER "${table}_org_chart_changed" AFTER INSERT OR DELETE OR TRUNCATE ON "${table}"
         FOR EACH STATEMENT EXECUTE FUNCTION org_chart_changed()`,
      );
      await queryRunner.query(
        `CREATE TRIGGER "${table}_org_chart_updated" AFTER UPDATE OF ${columns} ON "${table}"
         FOR EACH STATEMENT EXECUTE FUNCTION org_chart_changed()`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['reps', 'vendors', 'sales_units']) {
      await queryRunner.query(`DROP TRIGGER "${table}_org_chart_updated" ON "${table}"`);
      await queryRunner.query(`DROP TRIGGER "${table}_org_chart_changed" ON "${table}"`);
    }
    await queryRunner.query(`DROP FUNCTION org_chart_changed()`);
    await queryRunner.query(`DROP TABLE "org_chart_version"`);
  }
}
