import { addDays, type LocalDate } from '../../common/calendar/working-days';

/** Deals a rep must win in an industry or product line within the window to earn its tag. */
export const DEFAULT_EARNED_TAG_MIN_WINS = 3;
/** The trailing window the wins are counted over, in months. */
export const DEFAULT_EARNED_TAG_WINDOW_MONTHS = 12;

/** Won deals of one rep in one industry (`industry:<code>`) or product line (`line:<code>`). */
export interface RepWins {
  repId: string;
  tag: string;
  won: number;
}

/**
 * The tags each rep earns: every industry or product line in which they won at least `minWins` deals.
 * Reps with none are absent; each rep's tags come sorted, once each.
 */
export function earnedTagsOf(wins: readonly RepWins[], minWins: number): Map<string, string[]> {
  const counted = new Map<string, Map<string, number>>();
  for (const { repId, tag, won } of wins) {
    const ofRep = counted.get(repId) ?? new Map<string, number>();
    ofRep.set(tag, (ofRep.get(tag) ?? 0) + won);
    counted.set(repId, ofRep);
  }
  const earned = new Map<string, string[]>();
  for (const [repId, tags] of counted) {
    const kept = [...tags].filter(([, won]) => won >= minWins).map(([tag]) => tag);
    if (kept.length) earned.set(repId, kept.sort());
  }
  return earned;
}

/**
 * The first day of the trailing window ending with `today`: 12 months back from 2 December 2026 is
 * 3 December 2025 (so the window holds 2 December 2026 but not 2 December 2025). A day missing in the
 * earlier month is clamped: 12 months before 29 February 2028 starts on 1 March 2027.
 */
export function windowStart(today: LocalDate, months: number): LocalDate {
  const [year, month, day] = today.split('-').map(Number);
  const shifted = new Date(Date.UTC(year, month - 1 - months, 1));
  const lastDay = new Date(Date.UTC(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, 0)).getUTCDate();
  shifted.setUTCDate(Math.min(day, lastDay));
  return addDays(shifted.toISOString().slice(0, 10), 1);
}
