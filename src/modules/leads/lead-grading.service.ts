import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../../common/auth/role';
import { ActivityKind, CompanySizeBand, LeadGrade, LeadSource, LeadStatus } from './lead.enums';
import { gradeLead } from './lead-grading';
import type { ScoreFactor } from './lead.entity';
import { openLeadSql } from './lead-status';
import { LeadReferenceChecker, regionInScope } from './lead-references';
import { insertRecordset, recordsetFrom } from './recordset';

interface GradedRow {
  id: string;
  industry_code: string | null;
  size_band: CompanySizeBand | null;
  region_code: string | null;
  vendor_id: string | null;
  source: LeadSource;
  touch_count: number;
  last_activity_at: Date | null;
  created_at: Date;
  status: LeadStatus;
  lost_no_chance: boolean;
  grade: LeadGrade;
  score: number;
  score_factors: ScoreFactor[] | null;
  regrade_at: Date | null;
  key_lead: boolean;
  key_lead_set_by: 'rule' | 'manual' | null;
  tags: string[];
}

const GRADED_COLUMNS = `id, industry_code, size_band, region_code, vendor_id, source, touch_count, last_activity_at,
  created_at, status, lost_no_chance, grade, score, score_factors, regrade_at, key_lead, key_lead_set_by, tags`;

/** Same factors in the same order (jsonb hands keys back in its own order, so compare field by field). */
function sameFactors(next: ScoreFactor[], stored: ScoreFactor[] | null): boolean {
  return (
    !!stored &&
    stored.length === next.length &&
    next.every(
      (factor, i) =>
        factor.factor === stored[i].factor &&
        factor.detail === stored[i].detail &&
        factor.points === stored[i].points,
    )
  );
}

/** A lead tagged this way is a named account: a key lead by rule whatever its grade. */
export const NAMED_ACCOUNT_TAG = 'named-account';

export const KEY_LEAD_RULE_REASON = 'grade high and a large company';
export const NAMED_ACCOUNT_REASON = 'named account';

export interface KeyLeadDecision {
  keyLead: boolean;
  reason: string | null;
  setBy: 'rule' | 'manual' | null;
}

/** Rule flags never override a flag set by hand; a rule flag goes when the rule no longer holds. */
export function decideKeyLead(
  current: { keyLead: boolean; setBy: 'rule' | 'manual' | null; reason: string | null },
  byGrade: boolean,
  tags: string[],
): KeyLeadDecision {
  if (current.setBy === 'manual')
    return { keyLead: current.keyLead, reason: current.reason, setBy: 'manual' };
  if (tags.includes(NAMED_ACCOUNT_TAG)) return { keyLead: true, reason: NAMED_ACCOUNT_REASON, setBy: 'rule' };
  if (byGrade) return { keyLead: true, reason: KEY_LEAD_RULE_REASON, setBy: 'rule' };
  return { keyLead: false, reason: null, setBy: null };
}

@Injectable()
export class LeadGradingService {
  constructor(@Inject(LeadReferenceChecker) private readonly references: LeadReferenceChecker) {}

  async vendorScopes(vendorIds: (string | null)[]): Promise<Map<string, string[] | null>> {
    const ids = [...new Set(vendorIds.filter((id): id is string => id !== null))];
    return ids.length ? this.references.getVendorScopeRegions(ids) : new Map();
  }

  /**
   * Grades the given leads again (set-based: one read, one update, one history insert) and records a
   * grade_change entry for every lead whose grade moved. Returns how many are now dead.
   */
  async regrade(
    em: EntityManager,
    leadIds: string[],
    actor: Principal | null,
    now = new Date(),
  ): Promise<number> {
    if (leadIds.length === 0) return 0;
    const rows: GradedRow[] = await em.query(
      `SELECT ${GRADED_COLUMNS} FROM leads WHERE id = ANY($1::uuid[])`,
      [leadIds],
    );
    return this.regradeRows(em, rows, actor, now);
  }

  /** Grades every open lead again (one read, then only the changed ones written). */
  async regradeOpenLeads(
    em: EntityManager,
    actor: Principal | null,
  ): Promise<{ regraded: number; dead: number }> {
    const rows: GradedRow[] = await em.query(`SELECT ${GRADED_COLUMNS} FROM leads WHERE ${openLeadSql()}`);
    return { regraded: rows.length, dead: await this.regradeRows(em, rows, actor, new Date()) };
  }

  /**
   * The scheduler's pass over open leads, for what time changes: a grade depends on the clock only through
   * the whole days since the last touch (the recency factor, the dead window), so each grading notes when
   * that count next moves (`regrade_at`) and this pass grades only the leads whose moment has come (and
   * those not graded by a pass yet) — a day's worth of roll-overs spread over the runs, not every open
   * lead on every run. Any change to a lead re-grades it at once. `examined` is the leads graded.
   */
  async regradeOpenLeadsDueToTime(
    em: EntityManager,
    actor: Principal | null,
    now = new Date(),
  ): Promise<{ examined: number; regraded: number; dead: number }> {
    const due: GradedRow[] = await em.query(
      `SELECT ${GRADED_COLUMNS} FROM leads WHERE ${openLeadSql()} AND (regrade_at IS NULL OR regrade_at <= $1)`,
      [now],
    );
    const dead = await this.regradeRows(em, due, actor, now);
    return { examined: due.length, regraded: due.length, dead };
  }

  private async regradeRows(
    em: EntityManager,
    rows: GradedRow[],
    actor: Principal | null,
    now: Date,
  ): Promise<number> {
    if (rows.length === 0) return 0;
    const scopes = await this.vendorScopes(rows.map((row) => row.vendor_id));
    const updates: Record<string, unknown>[] = [];
    const changes: Record<string, unknown>[] = [];
    let dead = 0;
    for (const row of rows) {
      const result = gradeLead(
        {
          industryCode: row.industry_code,
          sizeBand: row.size_band,
          regionCode: row.region_code,
          regionInScope: regionInScope(row.region_code, row.vendor_id ? scopes.get(row.vendor_id) : null),
          source: row.source,
          touchCount: row.touch_count,
          lastActivityAt: row.last_activity_at,
          createdAt: row.created_at,
          status: row.status,
          lostNoChance: row.lost_no_chance,
        },
        now,
      );
      const key = decideKeyLead(
        { keyLead: row.key_lead, setBy: row.key_lead_set_by, reason: null },
        result.keyLeadByRule,
        row.tags,
      );
      if (result.grade === LeadGrade.DEAD) dead++;
      // Only what changes is sent back (the update below skips unchanged rows too, but after shipping them).
      if (
        result.grade === row.grade &&
        result.score === row.score &&
        key.keyLead === row.key_lead &&
        row.regrade_at?.getTime() === result.nextChangeAt.getTime() &&
        sameFactors(result.factors, row.score_factors)
      )
        continue;
      updates.push({
        id: row.id,
        grade: result.grade,
        score: result.score,
        score_factors: result.factors,
        regrade_at: result.nextChangeAt.toISOString(),
        key_lead: key.keyLead,
        key_lead_reason: key.setBy === 'manual' ? undefined : key.reason,
        key_lead_set_by: key.setBy,
      });
      if (result.grade !== row.grade) {
        changes.push({
          lead_id: row.id,
          occurred_at: now.toISOString(),
          kind: ActivityKind.GRADE_CHANGE,
          actor_id: actor?.subjectId ?? null,
          actor_name: actor?.name ?? 'grading',
          grade_from: row.grade,
          grade_to: result.grade,
          details: { score: result.score },
        });
      }
    }
    const columns = [
      ['id', 'uuid'],
      ['grade', 'text'],
      ['score', 'int'],
      ['score_factors', 'jsonb'],
      ['regrade_at', 'timestamptz'],
      ['key_lead', 'boolean'],
      ['key_lead_reason', 'text'],
      ['key_lead_set_by', 'text'],
    ] as const;
    if (updates.length === 0) return dead;
    await em.query(
      // A new regrade_at alone is bookkeeping: it does not make a new version of the lead.
      `UPDATE leads l SET grade = t.grade, score = t.score, score_factors = t.score_factors,
              key_lead = t.key_lead, regrade_at = t.regrade_at,
              key_lead_reason = CASE WHEN l.key_lead_set_by = 'manual' THEN l.key_lead_reason ELSE t.key_lead_reason END,
              key_lead_set_by = t.key_lead_set_by,
              updated_at = CASE WHEN t.changed THEN now() ELSE l.updated_at END,
              version = CASE WHEN t.changed THEN l.version + 1 ELSE l.version END
         FROM (SELECT t.*, (l0.grade, l0.score, l0.key_lead, l0.score_factors)
                             IS DISTINCT FROM (t.grade, t.score, t.key_lead, t.score_factors) AS changed
                 FROM ${recordsetFrom(columns, 1)} JOIN leads l0 ON l0.id = t.id) t
        WHERE l.id = t.id AND (t.changed OR l.regrade_at IS DISTINCT FROM t.regrade_at)`,
      [JSON.stringify(updates)],
    );
    await insertRecordset(em, 'lead_activities', ACTIVITY_COLUMNS, changes);
    return dead;
  }
}

export const ACTIVITY_COLUMNS = [
  ['lead_id', 'uuid'],
  ['occurred_at', 'timestamptz'],
  ['kind', 'text'],
  ['channel', 'text'],
  ['actor_id', 'uuid'],
  ['actor_name', 'text'],
  ['content', 'text'],
  ['outcome', 'text'],
  ['status_from', 'text'],
  ['status_to', 'text'],
  ['grade_from', 'text'],
  ['grade_to', 'text'],
  ['details', 'jsonb'],
] as const;
