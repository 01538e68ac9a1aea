import type { FieldError } from '../../../common/errors/domain.exception';
import type { ScoreFactor } from '../lead.entity';
import { CompanySizeBand, LeadGrade, LeadSource, LeadStatus } from '../lead.enums';

/** Points each factor contributes to the score (whole numbers; the score is capped at 100). */
export interface GradingPoints {
  industryKnown: number;
  sizeBand: Record<CompanySizeBand, number>;
  regionInScope: number;
  /** Per touch (intake, duplicate intake, follow-up), for up to `touchesCounted` touches. */
  perTouch: number;
  touchesCounted: number;
  /** Last touch at most 7 days ago. */
  recentWithin7Days: number;
  /** Last touch 8 to 30 days ago. */
  recentWithin30Days: number;
  source: Record<LeadSource, number>;
}

/**
 * The tunable part of grading: cut-offs mapping the score to a grade, the dead-after window and the factor
 * points. Stored in `lead_grading_settings` and editable by admins; these are the defaults.
 */
export interface GradingSettings {
  cutOffs: { high: number; medium: number };
  /** A lead untouched (no activity since intake) longer than this many days is dead. */
  deadAfterUntouchedDays: number;
  points: GradingPoints;
}

export const DEFAULT_GRADING_SETTINGS: GradingSettings = {
  cutOffs: { high: 60, medium: 35 },
  deadAfterUntouchedDays: 90,
  points: {
    industryKnown: 10,
    sizeBand: {
      [CompanySizeBand.MICRO]: 0,
      [CompanySizeBand.SMALL]: 5,
      [CompanySizeBand.MEDIUM]: 10,
      [CompanySizeBand.LARGE]: 20,
      [CompanySizeBand.ENTERPRISE]: 20,
    },
    regionInScope: 15,
    perTouch: 4,
    touchesCounted: 5,
    recentWithin7Days: 15,
    recentWithin30Days: 8,
    source: {
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
    },
  },
};

/** Size bands that, with grade high, make a key lead by rule (not configurable). */
export const KEY_LEAD_SIZE_BANDS: readonly CompanySizeBand[] = [
  CompanySizeBand.LARGE,
  CompanySizeBand.ENTERPRISE,
];

export const GRADING_LIMITS = { maxDeadDays: 3650, maxPoints: 100, maxTouchesCounted: 100 } as const;

/** A partial change to the settings, as an admin sends it; omitted fields keep their value. */
export interface GradingSettingsChange {
  cutOffs?: { high?: unknown; medium?: unknown };
  deadAfterUntouchedDays?: unknown;
  points?: {
    [K in keyof GradingPoints]?: GradingPoints[K] extends Record<string, number>
      ? Partial<Record<keyof GradingPoints[K], unknown>>
      : unknown;
  };
}

/** Only the keys whose value was given (a DTO instance carries its unset fields as undefined). */
function given(value: object | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([, field]) => field !== undefined));
}

/** The settings with `change` laid over `current` (nested maps merged key by key). */
export function mergeGradingSettings(
  current: GradingSettings,
  change: GradingSettingsChange,
): GradingSettings {
  const points = change.points ?? {};
  return {
    cutOffs: { ...current.cutOffs, ...given(change.cutOffs) },
    // null is a value given (and refused by the rules), not an omission: only undefined keeps the current.
    deadAfterUntouchedDays: (change.deadAfterUntouchedDays === undefined
      ? current.deadAfterUntouchedDays
      : change.deadAfterUntouchedDays) as number,
    points: {
      ...current.points,
      ...given(points),
      sizeBand: { ...current.points.sizeBand, ...given(points.sizeBand) },
      source: { ...current.points.source, ...given(points.source) },
    },
  };
}

/**
 * Groups of the change given as null: every setting is required, so clearing a group is refused like a
 * null value (which the rules refuse when the merged settings are checked).
 */
export function nullGroupErrors(change: GradingSettingsChange): FieldError[] {
  const groups: [string, unknown][] = [
    ['cutOffs', change.cutOffs],
    ['points', change.points],
    ['points.sizeBand', change.points?.sizeBand],
    ['points.source', change.points?.source],
  ];
  return groups
    .filter(([, value]) => value === null)
    .map(([field]) => ({ field, message: 'is required and cannot be null' }));
}

const isWhole = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);

/**
 * Every rule the settings must keep, each failure naming its field: 0 < medium < high ≤ 100, dead days
 * 1…3650, points whole numbers 0…100 (touches counted 0…100).
 */
export function gradingSettingsErrors(settings: GradingSettings): FieldError[] {
  const errors: FieldError[] = [];
  const { high, medium } = settings.cutOffs;
  if (!isWhole(high) || high < 1 || high > 100)
    errors.push({ field: 'cutOffs.high', message: 'must be a whole number from 1 to 100' });
  if (!isWhole(medium) || medium < 1 || medium > 99)
    errors.push({ field: 'cutOffs.medium', message: 'must be a whole number from 1 to 99' });
  else if (isWhole(high) && medium >= high)
    errors.push({ field: 'cutOffs.medium', message: `must be below the high cut-off (${high})` });
  const dead = settings.deadAfterUntouchedDays;
  if (!isWhole(dead) || dead < 1 || dead > GRADING_LIMITS.maxDeadDays)
    errors.push({
      field: 'deadAfterUntouchedDays',
      message: `must be a whole number of days from 1 to ${GRADING_LIMITS.maxDeadDays}`,
    });
  const points = (field: string, value: unknown, max: number = GRADING_LIMITS.maxPoints) => {
    if (!isWhole(value) || value < 0 || value > max)
      errors.push({ field: `points.${field}`, message: `must be a whole number from 0 to ${max}` });
  };
  const p = settings.points;
  points('industryKnown', p.industryKnown);
  for (const band of Object.values(CompanySizeBand)) points(`sizeBand.${band}`, p.sizeBand[band]);
  points('regionInScope', p.regionInScope);
  points('perTouch', p.perTouch);
  points('touchesCounted', p.touchesCounted, GRADING_LIMITS.maxTouchesCounted);
  points('recentWithin7Days', p.recentWithin7Days);
  points('recentWithin30Days', p.recentWithin30Days);
  for (const source of Object.values(LeadSource)) points(`source.${source}`, p.source[source]);
  return errors;
}

export interface GradingInput {
  industryCode: string | null;
  /** Whether the owning vendor (or, unowned, any vendor that can take leads today) covers the industry. */
  industryInScope: boolean;
  sizeBand: CompanySizeBand | null;
  regionCode: string | null;
  /** Whether the region lies in the owning vendor's (or, unowned, any vendor's that can take leads) scope. */
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

/** Scores and grades one lead under the given settings; every lead shows the factors it was scored by. */
export function gradeLead(input: GradingInput, now: Date, settings: GradingSettings): GradingResult {
  const points = settings.points;
  const factors: ScoreFactor[] = [];
  factors.push({
    factor: 'industry',
    detail: !input.industryCode
      ? 'industry unknown'
      : input.industryInScope
        ? `industry ${input.industryCode} known and covered`
        : `industry ${input.industryCode} known but no vendor covers it`,
    points: input.industryCode && input.industryInScope ? points.industryKnown : 0,
  });
  factors.push({
    factor: 'size',
    detail: input.sizeBand ? `size band ${input.sizeBand}` : 'size unknown',
    points: input.sizeBand ? (points.sizeBand[input.sizeBand] ?? 0) : 0,
  });
  factors.push({
    factor: 'region',
    detail: !input.regionCode
      ? 'region unknown'
      : input.regionInScope
        ? `region ${input.regionCode} in scope`
        : `region ${input.regionCode} outside scope`,
    points: input.regionCode && input.regionInScope ? points.regionInScope : 0,
  });
  const touches = Math.min(input.touchCount, points.touchesCounted);
  factors.push({
    factor: 'touches',
    detail: `${input.touchCount} touch(es)`,
    points: touches * points.perTouch,
  });
  const lastTouch = input.lastActivityAt ?? input.createdAt;
  const idleDays = Math.floor((now.getTime() - lastTouch.getTime()) / DAY_MS);
  factors.push({
    factor: 'recency',
    detail: `last touch ${idleDays} day(s) ago`,
    points: idleDays <= 7 ? points.recentWithin7Days : idleDays <= 30 ? points.recentWithin30Days : 0,
  });
  factors.push({
    factor: 'source',
    detail: `source ${input.source}`,
    points: points.source[input.source] ?? 0,
  });
  const score = Math.min(
    100,
    factors.reduce((sum, factor) => sum + factor.points, 0),
  );

  let grade: LeadGrade;
  if (input.status === LeadStatus.LOST && input.lostNoChance) grade = LeadGrade.DEAD;
  else if (input.status !== LeadStatus.WON && idleDays > settings.deadAfterUntouchedDays)
    grade = LeadGrade.DEAD;
  else if (score >= settings.cutOffs.high) grade = LeadGrade.HIGH;
  else if (score >= settings.cutOffs.medium) grade = LeadGrade.MEDIUM;
  else grade = LeadGrade.LOW;

  const keyLeadByRule =
    grade === LeadGrade.HIGH && input.sizeBand !== null && KEY_LEAD_SIZE_BANDS.includes(input.sizeBand);
  const nextChangeAt = new Date(lastTouch.getTime() + (idleDays + 1) * DAY_MS);
  return { score, grade, factors, keyLeadByRule, nextChangeAt };
}
