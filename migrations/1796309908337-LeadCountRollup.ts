import { MigrationInterface, QueryRunner } from 'typeorm';

/** The dimensions of a rollup row, and the lead columns a count depends on. */
const KEY = 'vendor_id, region_code, industry_code, source';
const COUNTED = `created_at, won_at, status, merged_into_id, ${KEY}`;

/**
 * The facts of the leads in `changed` (`sign` +1 for a lead that now counts, -1 for one that no longer
 * does): a lead is new on its UTC intake day (and among the new ones won when it is won), and won on the
 * UTC day it was won; a merged-away lead is not counted. Summed per month and year and key.
 */
const deltasSql = (changed: string) => `
  changed AS (${changed}),
  facts AS (
    SELECT (c.created_at AT TIME ZONE 'UTC')::date AS day, ${KEY.replace(/(\w+)/g, 'c.$1')},
           c.sign AS new_leads, CASE WHEN c.status = 'won' THEN c.sign ELSE 0 END AS new_leads_won, 0 AS won_leads
      FROM changed c WHERE c.merged_into_id IS NULL
    UNION ALL
    SELECT (c.won_at AT TIME ZONE 'UTC')::date, ${KEY.replace(/(\w+)/g, 'c.$1')}, 0, 0, c.sign
      FROM changed c WHERE c.merged_into_id IS NULL AND c.status = 'won' AND c.won_at IS NOT NULL
  ),
  deltas AS (
    SELECT g.grain, date_trunc(g.grain, f.day::timestamp)::date AS period_start, ${KEY.replace(/(\w+)/g, 'f.$1')},
           sum(f.new_leads)::int AS new_leads, sum(f.new_leads_won)::int AS new_leads_won,
           sum(f.won_leads)::int AS won_leads
      FROM facts f CROSS JOIN (VALUES ('month'), ('year')) AS g(grain)
     GROUP BY 1, 2, ${KEY.replace(/(\w+)/g, 'f.$1')}
    HAVING sum(f.new_leads) <> 0 OR sum(f.new_leads_won) <> 0 OR sum(f.won_leads) <> 0
  )`;

/**
 * One statement per lead statement: the aggregated differences added to their rows in key order (two
 * writers lock shared rows in the same order), then the rows that fell to zero removed.
 */
const applySql = (changed: string) => `
    WITH ${deltasSql(changed)},
    upserted AS (
      INSERT INTO lead_count_rollup AS r (grain, period_start, ${KEY}, new_leads, new_leads_won, won_leads)
      SELECT * FROM deltas ORDER BY grain, period_start, ${KEY}
      ON CONFLICT (grain, period_start, ${KEY}) DO UPDATE
        SET new_leads = r.new_leads + EXCLUDED.new_leads,
            new_leads_won = r.new_leads_won + EXCLUDED.new_leads_won,
            won_leads = r.won_leads + EXCLUDED.won_leads
      RETURNING r.id, r.new_leads = 0 AND r.new_leads_won = 0 AND r.won_leads = 0 AS emptied
    )
    SELECT array_agg(id) FILTER (WHERE emptied) INTO emptied_ids FROM upserted;
    IF emptied_ids IS NOT NULL THEN
      DELETE FROM lead_count_rollup WHERE id = ANY (emptied_ids)
        AND new_leads = 0 AND new_leads_won = 0 AND won_leads = 0;
    END IF;`;

const cols = (alias: string) => COUNTED.replace(/(\w+)/g, `${alias}.$1`);

export class LeadCountRollup1796309908337 implements MigrationInterface {
  name = 'LeadCountRollup1796309908337';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "lead_count_rollup" ("id" BIGSERIAL NOT NULL, "grain" character varying(5) NOT NULL, "period_start" date NOT NULL, "vendor_id" uuid, "region_code" character varying(10), "industry_code" character varying(60), "source" character varying(20) NOT NULL, "new_leads" integer NOT NULL, "new_leads_won" integer NOT NULL, "won_leads" integer NOT NULL, CONSTRAINT "PK_lead_count_rollup" PRIMARY KEY ("id"))`,
    );
    // NULL dimensions compare equal (ON CONFLICT names these columns); it leads with (grain,
    // period_start), the range every read filters on.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "lead_count_rollup_key" ON "lead_count_rollup" ("grain", "period_start", ${KEY}) NULLS NOT DISTINCT`,
    );
    // The odd days of a range are counted over the leads: the won ones by their day won.
    await queryRunner.query(
      `CREATE INDEX "leads_won_at" ON "leads" ("won_at") WHERE status = 'won' AND merged_into_id IS NULL`,
    );

    // Kept by the database: each statement on leads adds the difference it made, in its transaction.
    await queryRunner.query(`
      CREATE FUNCTION lead_count_rollup_apply() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        emptied_ids bigint[];
      BEGIN
        IF TG_OP = 'INSERT' THEN
          ${applySql(`SELECT 1 AS sign, ${COUNTED} FROM new_leads`)}
        ELSIF TG_OP = 'DELETE' THEN
          ${applySql(`SELECT -1 AS sign, ${COUNTED} FROM old_leads`)}
        ELSE
          -- Only the leads whose counted columns moved: a touch, a grading or an edit of the name adds nothing.
          ${applySql(
            `SELECT s.* FROM old_leads o JOIN new_leads n ON n.id = o.id
               CROSS JOIN LATERAL (VALUES (-1, ${cols('o')}), (1, ${cols('n')}))
                 AS s(sign, ${COUNTED})
              WHERE (o.created_at, CASE WHEN o.status = 'won' THEN o.won_at END, o.merged_into_id IS NULL, ${KEY.replace(/(\w+)/g, 'o.$1')})
                    IS DISTINCT FROM
                    (n.created_at, CASE WHEN n.status = 'won' THEN n.won_at END, n.merged_into_id IS NULL, ${KEY.replace(/(\w+)/g, 'n.$1')})
                 OR (o.status = 'won') <> (n.status = 'won')`,
          )}
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION lead_count_rollup_clear() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM lead_count_rollup;
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER lead_count_rollup_insert AFTER INSERT ON leads REFERENCING NEW TABLE AS new_leads FOR EACH STATEMENT EXECUTE FUNCTION lead_count_rollup_apply()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER lead_count_rollup_update AFTER UPDATE ON leads REFERENCING OLD TABLE AS old_leads NEW TABLE AS new_leads FOR EACH STATEMENT EXECUTE FUNCTION lead_count_rollup_apply()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER lead_count_rollup_delete AFTER DELETE ON leads REFERENCING OLD TABLE AS old_leads FOR EACH STATEMENT EXECUTE FUNCTION lead_count_rollup_apply()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER lead_count_rollup_truncate AFTER TRUNCATE ON leads FOR EACH STATEMENT EXECUTE FUNCTION lead_count_rollup_clear()`,
    );

    // The counts of the leads there are already.
    await queryRunner.query(
      `WITH ${deltasSql(`SELECT 1 AS sign, ${COUNTED} FROM leads`)}
       INSERT INTO lead_count_rollup (grain, period_start, ${KEY}, new_leads, new_leads_won, won_leads)
       SELECT * FROM deltas`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER lead_count_rollup_truncate ON leads`);
    await queryRunner.query(`DROP TRIGGER lead_count_rollup_delete ON leads`);
    await queryRunner.query(`DROP TRIGGER lead_count_rollup_update ON leads`);
    await queryRunner.query(`DROP TRIGGER lead_count_rollup_insert ON leads`);
    await queryRunner.query(`DROP FUNCTION lead_count_rollup_clear()`);
    await queryRunner.query(`DROP FUNCTION lead_count_rollup_apply()`);
    await queryRunner.query(`DROP INDEX "public"."leads_won_at"`);
    await queryRunner.query(`DROP INDEX "public"."lead_count_rollup_key"`);
    await queryRunner.query(`DROP TABLE "lead_count_rollup"`);
  }
}
