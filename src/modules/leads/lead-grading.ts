import { CompanySizeBand, LeadGrade, LeadSource, LeadStatus } from './lead.enums';
import type { ScoreFactor } from './lead.entity';

/**
 * Grading rules in one place. The score is the sum of the factor points (0–100); the cut-offs map it to
 * a grade. Change these constants to re-tune grading; every lead shows the factors it was scored by.
 */
export const LEAD_GRADING = {
  cutOffs: { high: 60, medium: 35 },
  /** A lead untouched (no activity since intake) this many days is dead. */
  deadAfterUntouchedDays: 90,
  industryKnownPoints: 10,
  sizeBandPoints: {
    [CompanySizeBand.MICRO]: 0,
    [CompanySizeBand.SMALL]: 5,
    [CompanySizeBand.MEDIUM]: 10,
    [CompanySizeBand.LARGE]: 20,
    [CompanySizeBand.ENTERPRISE]: 20,
  } as Record<CompanySizeBand, number>,
  regionInScopePoints: 15,
  /** Per touch (intake, duplicate intake, follow-up), up to `touchesMax`. */
  touchPoints: 4,
  touchesMax: 5,
  recency: { withinDays7: 15, withinDays30: 8 },
  sourcePoints: {
    [LeadSource.REFERRAL]: 20,
    [LeadSource.PARTNER]: 15,
    [LeadSource.INVOICE]: 15,
    [LeadSource.EVENT]: 12,
    [LeadSource.WEB_FORM]: 10,
    [LeadSource.APP]: 8,
    [LeadSource.H5]: 6,
    [LeadSource.PC]: 6,
    [LeadSource.API]: 6,
    [LeadSource.IMPORT]: 4,
  } as Record<LeadSource, number>,
  keyLeadSizeBands: [CompanySizeBand.LARGE, CompanySizeBand.ENTERPRISE] as CompanySizeBand[],
} as const;

export interface GradingInput {
  industryCode: string | null;
  sizeBand: CompanySizeBand | null;
  regionCode: string | null;
  /** Whether the region lies in the owning vendor's (or, unowned, the company's) scope. */
  regionInScope: boolean;
  source: LeadSource;
  touchCount: number;
  lastActivityAt: Date | null;
  createdAt: Date;
  status: LeadStatus;
  lostNoChance: boolean;
}

export interface GradingResult {
  score: number;
  grade: LeadGrade;
  factors: ScoreFactor[];
  /** The key-lead rule: grade high and a large company. */
  keyLeadByRule: boolean;
  /** When the clock next changes the inputs (one more whole day since the last touch). */
  nextChangeAt: Date;
}

const DAY_MS = 24 * 3600 * 1000;

export function gradeLead(input: GradingInput, now: Date): GradingResult {
  const rules = LEAD_GRADING;
  const factors: ScoreFactor[] = [];
  factors.push({
    factor: 'industry',
    detail: input.industryCode ? `industry ${input.industryCode} known` : 'industry unknown',
    points: input.industryCode ? rules.industryKnownPoints : 0,
  });
  factors.push({
    factor: 'size',
    detail: input.sizeBand ? `size band ${input.sizeBand}` : 'size unknown',
    points: input.sizeBand ? rules.sizeBandPoints[input.sizeBand] : 0,
  });
  factors.push({
    factor: 'region',
    detail: !input.regionCode
      ? 'region unknown'
      : input.regionInScope
        ? `region ${input.regionCode} in scope`
        : `region ${input.regionCode} outside scope`,
    points: input.regionCode && input.regionInScope ? rules.regionInScopePoints : 0,
  });
  const touches = Math.min(input.touchCount, rules.touchesMax);
  factors.push({
    factor: 'touches',
    detail: `${input.touchCount} touch(es)`,
    points: touches * rules.touchPoints,
  });
  const lastTouch = input.lastActivityAt ?? input.createdAt;
  const idleDays = Math.floor((now.getTime() - lastTouch.getTime()) / DAY_MS);
  factors.push({
    factor: 'recency',
    detail: `last touch ${idleDays} day(s) ago`,
    points: idleDays <= 7 ? rules.recency.withinDays7 : idleDays <= 30 ? rules.recency.withinDays30 : 0,
  });
  factors.push({
    factor: 'source',
    detail: `source ${input.source}`,
    points: rules.sourcePoints[input.source],
  });
  const score = Math.min(
    100,
    factors.reduce((sum, factor) => sum + factor.points, 0),
  );

  let grade: LeadGrade;
  if (input.status === LeadStatus.LOST && input.lostNoChance) grade = LeadGrade.DEAD;
  else if (input.status !== LeadStatus.WON && idleDays > rules.deadAfterUntouchedDays) grade = LeadGrade.DEAD;
  else if (score >= rules.cutOffs.high) grade = LeadGrade.HIGH;
  else if (score >= rules.cutOffs.medium) grade = LeadGrade.MEDIUM;
  else grade = LeadGrade.LOW;

  const keyLeadByRule =
    grade === LeadGrade.HIGH && input.sizeBand !== null && rules.keyLeadSizeBands.includes(input.sizeBand);
  const nextChangeAt = new Date(lastTouch.getTime() + (idleDays + 1) * DAY_MS);
  return { score, grade, factors, keyLeadByRule, nextChangeAt };
}
