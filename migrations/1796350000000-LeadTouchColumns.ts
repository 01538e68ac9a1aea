import { MigrationInterface, QueryRunner } from 'typeorm';

const OPEN = `status IN ('new', 'assigned', 'contacted', 'qualified', 'negotiating')`;

/** `lead-touch.rules.ts` as of this migration: entry `a` is a touch by the owner team of lead `o`. */
const OWNER_TEAM_TOUCH = (o: string) => `a.kind IN ('follow_up', 'call_report', 'status_change') AND (
  (${o}.owner_rep_id IS NOT NULL AND a.actor_rep_id = ${o}.owner_rep_id)
  OR (${o}.vendor_id IS NOT NULL AND a.actor_vendor_id = ${o}.vendor_id)
  OR (${o}.vendor_id IS NULL AND ${o}.owner_rep_id IS NULL AND a.actor_vendor_id IS NULL
      AND COALESCE(a.actor_id, a.actor_rep_id) IS NOT NULL))`;

/**
 * Each open lead keeps its latest touch by its owner team (`owner_touch_at`) and its latest status move
 * (`status_moved_at`), so the scheduler's stale-lead, reclaim and revival checks read two columns instead
 * of every open lead's history. Kept by triggers: a history entry raises them; a change of owner (or a
 * closed lead reopening) computes the touch again from the history, for the new owner team. Only open
 * leads are filled here (closed ones are filled when they reopen).
 */
export class LeadTouchColumns1796350000000 implements MigrationInterface {
  name = 'LeadTouchColumns1796350000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "leads" ADD "owner_touch_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "leads" ADD "status_moved_at" TIMESTAMP(3) WITH TIME ZONE`);
    // New history entries, set-based per statement; a lead is written only when a value moves.
    await queryRunner.query(`
      CREATE FUNCTION lead_touch_columns_apply() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        UPDATE leads l
           SET owner_touch_at = GREATEST(l.owner_touch_at, t.touch_at),
               status_moved_at = GREATEST(l.status_moved_at, t.moved_at)
          FROM (SELECT a.lead_id,
                       max(a.occurred_at) FILTER (WHERE ${OWNER_TEAM_TOUCH('o')}) AS touch_at,
                       max(a.occurred_at) FILTER (WHERE a.status_to IS NOT NULL) AS moved_at
                  FROM new_entries a JOIN leads o ON o.id = a.lead_id
                 GROUP BY a.lead_id) t
         WHERE l.id = t.lead_id
           AND (t.touch_at > COALESCE(l.owner_touch_at, '-infinity')
                OR t.moved_at > COALESCE(l.status_moved_at, '-infinity'));
        RETURN NULL;
      END $fn$`);
    await queryRunner.query(
      `CREATE TRIGGER lead_touch_columns_insert AFTER INSERT ON lead_activities
         REFERENCING NEW TABLE AS new_entries FOR EACH STATEMENT EXECUTE FUNCTION lead_touch_columns_apply()`,
    );
    // Whose touch counts follows the owner now: a new owner team starts from its own entries.
    await queryRunner.query(`
      CREATE FUNCTION lead_touch_columns_recompute() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        SELECT max(a.occurred_at) FILTER (WHERE ${OWNER_TEAM_TOUCH('NEW')}),
               max(a.occurred_at) FILTER (WHERE a.status_to IS NOT NULL)
          INTO NEW.owner_touch_at, NEW.status_moved_at
          FROM lead_activities a WHERE a.lead_id = NEW.id;
        RETURN NEW;
      END $fn$`);
    await queryRunner.query(
      `CREATE TRIGGER lead_touch_columns_owner BEFORE UPDATE OF vendor_id, owner_rep_id, status ON leads
         FOR EACH ROW WHEN (OLD.vendor_id IS DISTINCT FROM NEW.vendor_id OR OLD.owner_rep_id IS DISTINCT FROM NEW.owner_rep_id
                            OR (OLD.${OPEN}) IS NOT TRUE AND (NEW.${OPEN}))
         EXECUTE FUNCTION lead_touch_columns_recompute()`,
    );
    await queryRunner.query(`
      UPDATE leads l SET owner_touch_at = t.touch_at, status_moved_at = t.moved_at
        FROM (SELECT a.lead_id,
                     max(a.occurred_at) FILTER (WHERE ${OWNER_TEAM_TOUCH('o')}) AS touch_at,
                     max(a.occurred_at) FILTER (WHERE a.status_to IS NOT NULL) AS moved_at
                FROM lead_activities a JOIN leads o ON o.id = a.lead_id
               WHERE o.${OPEN} AND o.merged_into_id IS NULL
               GROUP BY a.lead_id) t
       WHERE l.id = t.lead_id AND (t.touch_at IS NOT NULL OR t.moved_at IS NOT NULL)`);
    // Stale key and high-grade leads: only those untouched past the shortest window are read.
    await queryRunner.query(
      `CREATE INDEX "leads_open_key_or_high_touch" ON "leads" ((COALESCE(owner_touch_at, created_at)))
         WHERE ${OPEN} AND merged_into_id IS NULL AND (key_lead OR grade = 'high')`,
    );
    // Revival: silent open leads (no touch since the window began), dead open leads, lost ones with a chance.
    await queryRunner.query(
      `CREATE INDEX "leads_open_silence" ON "leads" ((GREATEST(owner_touch_at, created_at)))
         WHERE ${OPEN} AND merged_into_id IS NULL`,
    );
    // Reclaim: the owned open leads by their last touch and last status move (the earlier one due first).
    await queryRunner.query(
      `CREATE INDEX "leads_owned_open_touch" ON "leads" ((COALESCE(owner_touch_at, created_at)))
         WHERE owner_rep_id IS NOT NULL AND ${OPEN} AND merged_into_id IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "leads_owned_open_moved" ON "leads" ((COALESCE(status_moved_at, created_at)))
         WHERE owner_rep_id IS NOT NULL AND ${OPEN} AND merged_into_id IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "leads_revivable_dead_or_lost" ON "leads" ("id")
         WHERE merged_into_id IS NULL AND ((${OPEN} AND grade = 'dead') OR (status = 'lost' AND NOT lost_no_chance))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."leads_revivable_dead_or_lost"`);
    await queryRunner.query(`DROP INDEX "public"."leads_owned_open_moved"`);
    await queryRunner.query(`DROP INDEX "public"."leads_owned_open_touch"`);
    await queryRunner.query(`DROP INDEX "public"."leads_open_silence"`);
    await queryRunner.query(`DROP INDEX "public"."leads_open_key_or_high_touch"`);
    await queryRunner.query(`DROP TRIGGER lead_touch_columns_owner ON leads`);
    await queryRunner.query(`DROP FUNCTION lead_touch_columns_recompute()`);
    await queryRunner.query(`DROP TRIGGER lead_touch_columns_insert ON lead_activities`);
    await queryRunner.query(`DROP FUNCTION lead_touch_columns_apply()`);
    await queryRunner.query(`ALTER TABLE "leads" DROP COLUMN "status_moved_at"`);
    await queryRunner.query(`ALTER TABLE "leads" DROP COLUMN "owner_touch_at"`);
  }
}
