import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../../../common/auth/role';
import { ActivityKind, CompanySizeBand, LeadGrade, LeadSource, LeadStatus } from '../lead.enums';
import { gradeLead, type GradingSettings } from './lead-grading.rules';
import { decideKeyLead } from './key-lead.rules';
import { LeadGradingSettingsService } from './lead-grading-settings.service';
import type { ScoreFactor } from '../lead.entity';
import { openLeadSql } from '../lead-status.rules';
import {
  coverageOf,
  industryInScope,
  LeadCoverage,
  LeadReferenceChecker,
  regionInScope,
} from '../lead-references.rules';
import { LeadHistoryRow, writeLeadHistory } from '../history/lead-history';
import { recordsetFrom } from '../recordset';
import { actorColumns } from '../history/lead-touch.rules';

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
  key_lead_reason: string | null;
  key_lead_set_by: 'rule' | 'manual' | null;
  tags: string[];
  /** Company name of the named account the lead matches, if any. */
  named_account: string | null;
  /** The lead's customer is an A key account. */
  key_account: boolean;
}

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

/** The named account (its company name) a lead's keys match, or null. */
export type NamedAccountMatcher = (lead: {
  taxIdKey: string | null;
  companyNameKey: string;
}) => string | null;

/**
 * The one definition of which named account a lead names, as SQL joins on `lead` (any row source with
 * `tax_id_key` and `company_name_key`): a tax id match wins; the normalised company name matches only when
 * the lead or the account has no tax id, since two different tax ids are two companies whatever their
 * names. Both keys are unique on the list, so each join adds at most one row. Intake (on its new rows) and
 * re-grading (on stored leads) both use it; select `namedAccountColumn`.
 */
export const namedAccountJoins = (lead: string): string => `
  LEFT JOIN named_accounts by_tax ON by_tax.tax_id_key = ${lead}.tax_id_key
  LEFT JOIN named_accounts by_name ON by_name.company_name_key = ${lead}.company_name_key
        AND (by_name.tax_id_key IS NULL OR ${lead}.tax_id_key IS NULL)`;
export const namedAccountColumn = 'COALESCE(by_tax.company_name, by_name.company_name)';

/** What grading reads of a stored lead (`l`), with the named account it matches. */
const GRADED_SELECT = `SELECT l.id, l.industry_code, l.size_band, l.region_code, l.vendor_id, l.source, l.touch_count,
       l.last_activity_at, l.created_at, l.status, l.lost_no_chance, l.grade, l.score, l.score_factors,
       l.regrade_at, l.key_lead, l.key_lead_reason, l.key_lead_set_by, l.tags, ${namedAccountColumn} AS named_account,
       EXISTS (SELECT 1 FROM customers c WHERE c.id = l.customer_id AND c.key_account_class = 'A') AS key_account
  FROM leads l ${namedAccountJoins('l')}`;

/** Leads graded per part by the passes over open leads (a part's rows, grades and writes held at once). */
export const GRADING_PART_SIZE = 5_000;
/** Cursor names are unique within the process, so nested or concurrent passes never share one. */
let cursorSequence = 0;

@Injectable()
export class LeadGradingService {
  constructor(
    @Inject(LeadReferenceChecker) private readonly references: LeadReferenceChecker,
    private readonly settings: LeadGradingSettingsService,
  ) {}

  /** The grading settings in force, read in the grading's transaction. */
  currentSettings(em: EntityManager): Promise<GradingSettings> {
    return this.settings.current(em);
  }

  /** One query for the named accounts the given (not yet stored) leads' keys match. */
  async namedAccountMatcher(
    em: EntityManager,
    leads: { taxIdKey: string | null; companyNameKey: string }[],
  ): Promise<NamedAccountMatcher> {
    if (leads.length === 0) return () => null;
    const keyOf = (lead: { taxIdKey: string | null; companyNameKey: string }) =>
      JSON.stringify([lead.taxIdKey, lead.companyNameKey]);
    const distinct = [...new Map(leads.map((lead) => [keyOf(lead), lead])).values()];
    const rows: { tax_id_key: string | null; company_name_key: string; named_account: string }[] =
      await em.query(
        `SELECT k.tax_id_key, k.company_name_key, ${namedAccountColumn} AS named_account
           FROM ${recordsetFrom(LEAD_KEY_COLUMNS, 1, 'k')}
           ${namedAccountJoins('k')}
          WHERE ${namedAccountColumn} IS NOT NULL`,
        [
          JSON.stringify(
            distinct.map((lead) => ({ tax_id_key: lead.taxIdKey, company_name_key: lead.companyNameKey })),
          ),
        ],
      );
    if (rows.length === 0) return () => null;
    const byKeys = new Map(
      rows.map((row) => [
        keyOf({ taxIdKey: row.tax_id_key, companyNameKey: row.company_name_key }),
        row.named_account,
      ]),
    );
    return (lead) => byKeys.get(keyOf(lead)) ?? null;
  }

  /** Ids of the (not merged) leads whose tax id or company name key is among the given keys. */
  async leadIdsMatchingKeys(em: EntityManager, taxIdKeys: string[], nameKeys: string[]): Promise<string[]> {
    if (taxIdKeys.length + nameKeys.length === 0) return [];
    const rows: { id: string }[] = await em.query(
      `SELECT id FROM leads
        WHERE merged_into_id IS NULL AND (tax_id_key = ANY($1::text[]) OR company_name_key = ANY($2::text[]))`,
      [taxIdKeys, nameKeys],
    );
    return rows.map((row) => row.id);
  }

  /** What the owning vendors, and for unowned leads the company, cover today (one read per batch). */
  coverage(manager: EntityManager, vendorIds: (string | null)[]): Promise<LeadCoverage> {
    const ids = [...new Set(vendorIds.filter((id): id is string => id !== null))];
    // The company's union is read only when some lead has no owner to be graded against.
    return this.references.getCoverage(manager, ids, vendorIds.includes(null));
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
    const rows: GradedRow[] = await em.query(`${GRADED_SELECT} WHERE l.id = ANY($1::uuid[])`, [leadIds]);
    return this.regradeRows(em, rows, actor, now);
  }

  /**
   * Grades every open lead again, in parts of GRADING_PART_SIZE (see regradeInParts): only the changed
   * ones are written.
   */
  async regradeOpenLeads(
    em: EntityManager,
    actor: Principal | null,
    partSize = GRADING_PART_SIZE,
  ): Promise<{ regraded: number; dead: number }> {
    const { graded, dead } = await this.regradeInParts(
      em,
      `${GRADED_SELECT} WHERE ${openLeadSql('l')}`,
      [],
      actor,
      new Date(),
      partSize,
    );
    return { regraded: graded, dead };
  }

  /**
   * The scheduler's pass over open leads, for what time changes: a grade depends on the clock only through
   * the whole days since the last touch (the recency factor, the dead window), so each grading notes when
   * that count next moves (`regrade_at`) and this pass grades only the leads whose moment has come (and
   * those not graded by a pass yet) — a day's worth of roll-overs spread over the runs, not every open
   * lead on every run. Any change to a lead re-grades it at once; a change of the grading settings
   * reaches every open lead within a day (or at once by `POST /leads/grades/refresh`). `examined` is the
   * leads graded. After a change of the settings every open lead is due: graded in parts, like the refresh.
   */
  async regradeOpenLeadsDueToTime(
    em: EntityManager,
    actor: Principal | null,
    now = new Date(),
    partSize = GRADING_PART_SIZE,
  ): Promise<{ examined: number; regraded: number; dead: number }> {
    const { graded, dead } = await this.regradeInParts(
      em,
      `${GRADED_SELECT} WHERE ${openLeadSql('l')} AND (l.regrade_at IS NULL OR l.regrade_at <= $1)`,
      [now],
      actor,
      now,
      partSize,
    );
    return { examined: graded, regraded: graded, dead };
  }

  /**
   * Grades the leads a query selects as one pass would, holding one part of them at a time: the query runs
   * once, as a cursor in the caller's transaction, and each part's rows are fetched, graded, written and let
   * go before the next. The cursor reads the snapshot it was declared in, so a part's writes do not move
   * what the later parts read, and every part is graded as of the same `now` — memory follows the part
   * size, not the number of open leads (166 000 at scale-L), and the plan is the one-pass read's.
   */
  private async regradeInParts(
    em: EntityManager,
    select: string,
    params: unknown[],
    actor: Principal | null,
    now: Date,
    partSize: number,
  ): Promise<{ graded: number; dead: number }> {
    const cursor = `lead_grading_${++cursorSequence}`;
    // A cursor is planned for its first rows unless told otherwise: this one is read to the end.
    await em.query(`SET LOCAL cursor_tuple_fraction = 1`);
    await em.query(`DECLARE ${cursor} NO SCROLL CURSOR FOR ${select}`, params);
    let graded = 0;
    let dead = 0;
    try {
      for (;;) {
        const rows: GradedRow[] = await em.query(`FETCH FORWARD ${partSize} FROM ${cursor}`);
        graded += rows.length;
        dead += await this.regradeRows(em, rows, actor, now);
        if (rows.length < partSize) break;
      }
    } finally {
      await em.query(`CLOSE ${cursor}`).catch(() => undefined);
    }
    return { graded, dead };
  }

  private async regradeRows(
    em: EntityManager,
    rows: GradedRow[],
    actor: Principal | null,
    now: Date,
  ): Promise<number> {
    if (rows.length === 0) return 0;
    const settings = await this.settings.current(em);
    const coverage = await this.coverage(
      em,
      rows.map((row) => row.vendor_id),
    );
    const updates: Record<string, unknown>[] = [];
    const changes: LeadHistoryRow[] = [];
    let dead = 0;
    for (const row of rows) {
      const covered = coverageOf(coverage, row.vendor_id);
      const result = gradeLead(
        {
          industryCode: row.industry_code,
          industryInScope: industryInScope(row.industry_code, covered.industries),
          sizeBand: row.size_band,
          regionCode: row.region_code,
          regionInScope: regionInScope(row.region_code, covered.regions),
          source: row.source,
          touchCount: row.touch_count,
          lastActivityAt: row.last_activity_at,
          createdAt: row.created_at,
          status: row.status,
          lostNoChance: row.lost_no_chance,
        },
        now,
        settings,
      );
      const key = decideKeyLead(
        { keyLead: row.key_lead, setBy: row.key_lead_set_by, reason: null },
        result.keyLeadByRule,
        row.tags,
        row.named_account,
        row.key_account,
      );
      if (result.grade === LeadGrade.DEAD) dead++;
      // Only what changes is sent back (the update below skips unchanged rows too, but after shipping them).
      if (
        result.grade === row.grade &&
        result.score === row.score &&
        key.keyLead === row.key_lead &&
        key.reason === row.key_lead_reason &&
        key.setBy === row.key_lead_set_by &&
        row.regrade_at?.getTime() === result.nextChangeAt.getTime() &&
        sameFactors(result.factors, row.score_factors)
      )
        continue;
      updates.push({
        id: row.id,
        grade: result.grade,
        score: result.score,
        score_factors: result.factors,
        key_lead: key.keyLead,
        key_lead_reason: key.reason,
        key_lead_set_by: key.setBy,
        regrade_at: result.nextChangeAt.toISOString(),
      });
      if (result.grade !== row.grade) {
        changes.push({
          lead_id: row.id,
          occurred_at: now.toISOString(),
          kind: ActivityKind.GRADE_CHANGE,
          ...actorColumns(actor),
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
      ['key_lead', 'boolean'],
      ['key_lead_reason', 'text'],
      ['key_lead_set_by', 'text'],
      ['regrade_at', 'timestamptz'],
    ] as const;
    if (updates.length === 0) return dead;
    // The rows were read without a lock: a flag set by hand since then is the row's own and stays, so
    // all three key-lead columns are decided against the row as it is now, not as it was read.
    const manual = `l.key_lead_set_by IS NOT DISTINCT FROM 'manual'`;
    const changed = `((l.grade, l.score, l.score_factors) IS DISTINCT FROM (t.grade, t.score, t.score_factors)
               OR NOT ${manual} AND (l.key_lead, l.key_lead_reason, l.key_lead_set_by)
                  IS DISTINCT FROM (t.key_lead, t.key_lead_reason, t.key_lead_set_by))`;
    // A new regrade_at alone is bookkeeping: it does not make a new version of the lead.
    await em.query(
      `UPDATE leads l SET grade = t.grade, score = t.score, score_factors = t.score_factors, regrade_at = t.regrade_at,
              key_lead = CASE WHEN ${manual} THEN l.key_lead ELSE t.key_lead END,
              key_lead_reason = CASE WHEN ${manual} THEN l.key_lead_reason ELSE t.key_lead_reason END,
              key_lead_set_by = CASE WHEN ${manual} THEN l.key_lead_set_by ELSE t.key_lead_set_by END,
              updated_at = CASE WHEN ${changed} THEN now() ELSE l.updated_at END,
              version = CASE WHEN ${changed} THEN l.version + 1 ELSE l.version END
         FROM ${recordsetFrom(columns, 1)}
        WHERE l.id = t.id AND (${changed} OR l.regrade_at IS DISTINCT FROM t.regrade_at)`,
      [JSON.stringify(updates)],
    );
    await writeLeadHistory(em, changes);
    return dead;
  }
}

const LEAD_KEY_COLUMNS = [
  ['tax_id_key', 'text'],
  ['company_name_key', 'text'],
] as const;
