import type { ExcludedCandidate, ScoredCandidate } from './assignment-decision.entity';
import { IneligibleReason } from './routing.enums';

/**
 * The decision log stored as codes: a decision keeps up to ten candidates and a dozen exclusions, and kept
 * as JSON text that was ~1.6 kB a lead (every key and every id spelled out). Stored compactly:
 *
 * - the vendors named in the decision once (`logVendorIds`), candidates and exclusions pointing at them by
 *   their position (1-based, as PostgreSQL arrays count);
 * - the candidates' reps as `uuid[]` and, four numbers per candidate, `candidateCodes`: vendor position,
 *   score, grade weight, open leads (null where an old entry did not record it);
 * - the excluded reps as `uuid[]` and, two numbers per exclusion, `excludedCodes`: vendor position and its
 *   reasons as bits of `REASON_CODES`;
 * - the counts per reason, `excludedReasonCounts[i]` for `REASON_CODES[i]` (trailing zeros left out).
 *
 * The API expands them back into the same candidates and reasons it answered with before.
 */

/**
 * Reason codes, stored: a reason's position here is its code, so the list only ever grows at the end. They
 * are in the order the engine checks them (scope, then the rep, then the owner being moved away from), and
 * an exclusion's reasons read back in this order — the order the engine lists them in.
 */
export const REASON_CODES: readonly IneligibleReason[] = [
  IneligibleReason.VENDOR_NOT_ROUTABLE,
  IneligibleReason.REGION_OUT_OF_SCOPE,
  IneligibleReason.INDUSTRY_OUT_OF_SCOPE,
  IneligibleReason.CONFLICT_OF_INTEREST,
  IneligibleReason.PRODUCT_LINE_OUT_OF_SCOPE,
  IneligibleReason.STAGE_OUT_OF_SCOPE,
  IneligibleReason.DECLINED_BY_VENDOR,
  IneligibleReason.VENDOR_TIER_TOO_LOW,
  IneligibleReason.OPTED_OUT,
  IneligibleReason.AT_CAPACITY,
  IneligibleReason.DAILY_QUOTA_REACHED,
  IneligibleReason.DECLINED_BY_REP,
  IneligibleReason.NOT_CERTIFIED,
  IneligibleReason.FIRST_RESPONSE_MISSED,
];

const CODE_OF = new Map(REASON_CODES.map((reason, code) => [reason, code]));

/** Numbers stored per candidate and per exclusion. */
export const CANDIDATE_STRIDE = 4;
export const EXCLUDED_STRIDE = 2;

export interface StoredDecisionLog {
  logVendorIds: string[];
  candidateRepIds: string[];
  candidateCodes: (number | null)[];
  excludedRepIds: string[];
  excludedCodes: number[];
  excludedReasonCounts: number[];
}

function reasonCode(reason: IneligibleReason): number {
  const code = CODE_OF.get(reason);
  if (code === undefined) throw new Error(`reason ${reason} has no stored code`);
  return code;
}

/** A list of reasons as bits of their codes. */
export function reasonBits(reasons: readonly IneligibleReason[]): number {
  let bits = 0;
  for (const reason of reasons) bits |= 1 << reasonCode(reason);
  return bits;
}

/** The reasons of the bits, in code order. */
export function reasonsOfBits(bits: number): IneligibleReason[] {
  const reasons: IneligibleReason[] = [];
  for (let code = 0; code < REASON_CODES.length; code++)
    if (bits & (1 << code)) reasons.push(REASON_CODES[code]);
  return reasons;
}

export function encodeDecisionLog(
  candidates: readonly ScoredCandidate[],
  excluded: readonly ExcludedCandidate[],
  byReason: Partial<Record<IneligibleReason, number>>,
): StoredDecisionLog {
  const logVendorIds: string[] = [];
  const position = (vendorId: string) => {
    let at = logVendorIds.indexOf(vendorId);
    if (at < 0) at = logVendorIds.push(vendorId) - 1;
    return at + 1;
  };
  const candidateRepIds: string[] = [];
  const candidateCodes: (number | null)[] = [];
  for (const candidate of candidates) {
    candidateRepIds.push(candidate.repId);
    candidateCodes.push(
      position(candidate.vendorId),
      candidate.score,
      candidate.weight ?? null,
      candidate.openLeads ?? null,
    );
  }
  const excludedRepIds: string[] = [];
  const excludedCodes: number[] = [];
  for (const entry of excluded) {
    excludedRepIds.push(entry.repId);
    excludedCodes.push(position(entry.vendorId), reasonBits(entry.reasons));
  }
  const excludedReasonCounts: number[] = [];
  for (const [reason, n] of Object.entries(byReason) as [IneligibleReason, number][])
    if (n) excludedReasonCounts[reasonCode(reason)] = n;
  for (let code = 0; code < excludedReasonCounts.length; code++) excludedReasonCounts[code] ??= 0;
  return {
    logVendorIds,
    candidateRepIds,
    candidateCodes,
    excludedRepIds,
    excludedCodes,
    excludedReasonCounts,
  };
}

export function decodeCandidates(log: StoredDecisionLog): ScoredCandidate[] {
  return log.candidateRepIds.map((repId, i) => {
    const [vendor, score, weight, openLeads] = log.candidateCodes.slice(
      i * CANDIDATE_STRIDE,
      (i + 1) * CANDIDATE_STRIDE,
    );
    const candidate = { repId, vendorId: log.logVendorIds[vendor! - 1], score: score! } as ScoredCandidate;
    if (weight !== null) candidate.weight = weight;
    if (openLeads !== null) candidate.openLeads = openLeads;
    return candidate;
  });
}

export function decodeExcluded(log: StoredDecisionLog): ExcludedCandidate[] {
  return log.excludedRepIds.map((repId, i) => ({
    repId,
    vendorId: log.logVendorIds[log.excludedCodes[i * EXCLUDED_STRIDE] - 1],
    reasons: reasonsOfBits(log.excludedCodes[i * EXCLUDED_STRIDE + 1]),
  }));
}

export function decodeReasonCounts(counts: readonly number[]): Partial<Record<IneligibleReason, number>> {
  const byReason: Partial<Record<IneligibleReason, number>> = {};
  counts.forEach((n, code) => {
    if (n) byReason[REASON_CODES[code]] = n;
  });
  return byReason;
}
