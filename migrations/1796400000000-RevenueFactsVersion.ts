import { MigrationInterface, QueryRunner } from 'typeorm';

const NIL = `'00000000-0000-0000-0000-000000000000'::uuid`;

/**
 * The contracts module's facts version, one row per vendor (the nil uuid for facts without a vendor):
 * every statement writing `revenue_daily` or `revenue_rollup` moves the rows of the vendors it touched, in
 * the writing transaction and in vendor order. Readers that hold an answer computed from these facts (the
 * targets' attainment tree) tell with one small read whether it is still current; each row's xmin names
 * the transaction that moved it, so a version seen inside a transaction that rolled back is never taken
 * for a committed one. One row per vendor, not one for all: writers of different vendors never wait on
 * each other.
 */
export class RevenueFactsVersion1796400000000 implements MigrationInterface {
  name = 'RevenueFactsVersion1796400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "revenue_facts_version" ("vendor_key" uuid PRIMARY KEY, "version" bigint NOT NULL DEFAULT 1)`,
    );
    await queryRunner.query(
      `INSERT INTO "revenue_facts_version" (vendor_key)
       SELECT DISTINCT COALESCE(vendor_id, ${NIL}) FROM revenue_daily`,
    );
    // One function for every event: the transition tables are named after what the event has.
    await queryRunner.query(
      `CREATE FUNCTION revenue_facts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF TG_OP = 'TRUNCATE' THEN
           UPDATE revenue_facts_version SET version = version + 1;
         ELSIF TG_OP = 'INSERT' THEN
           INSERT INTO revenue_facts_version AS v (vendor_key)
           SELECT DISTINCT COALESCE(vendor_id, ${NIL}) FROM changed_after ORDER BY 1
           ON CONFLICT (vendor_key) DO UPDATE SET version = v.version + 1;
         ELSIF TG_OP = 'DELETE' THEN
           INSERT INTO revenue_facts_version AS v (vendor_key)
           SELECT DISTINCT COALESCE(vendor_id, ${NIL}) FROM changed_before ORDER BY 1
           ON CONFLICT (vendor_key) DO UPDATE SET version = v.version + 1;
         ELSE
           INSERT INTO revenue_facts_version AS v (vendor_key)
           SELECT k FROM (SELECT COALESCE(vendor_id, ${NIL}) AS k FROM changed_before
                          UNION SELECT COALESCE(vendor_id, ${NIL}) FROM changed_after) s ORDER BY 1
           ON CONFLICT (vendor_key) DO UPDATE SET version = v.version + 1;
         END IF;
         RETURN NULL;
       END $$`,
    );
    for (const table of ['revenue_daily', 'revenue_rollup']) {
      await queryRunner.query(
        `CREATE TRIGGER "${table}_facts_inserted" AFTER INSERT ON "${table}"
         REFERENCING NEW TABLE AS changed_after FOR EACH STATEMENT EXECUTE FUNCTION revenue_facts_changed()`,
      );
      await queryRunner.query(
        `CREATE TRIGGER "${table}_facts_updated" AFTER UPDATE ON "${table}"
         REFERENCING OLD TABLE AS changed_before NEW TABLE AS changed_after
         FOR EACH STATEMENT EXECUTE FUNCTION revenue_facts_changed()`,
      );
      await queryRunner.query(
        `CREATE TRIGGER "${table}_facts_deleted" AFTER DELETE ON "${table}"
         REFERENCING OLD TABLE AS changed_before FOR EACH STATEMENT EXECUTE FUNCTION revenue_facts_changed()`,
      );
      await queryRunner.query(
        `CREATE TRIGGER "${table}_facts_truncated" AFTER TRUNCATE ON "${table}"
         FOR EACH STATEMENT EXECUTE FUNCTION revenue_facts_changed()`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['revenue_daily', 'revenue_rollup']) {
      for (const event of ['inserted', 'updated', 'deleted', 'truncated'])
        await queryRunner.query(`DROP TRIGGER "${table}_facts_${event}" ON "${table}"`);
    }
    await queryRunner.query(`DROP FUNCTION revenue_facts_changed()`);
    await queryRunner.query(`DROP TABLE "revenue_facts_version"`);
  }
}
