/**
 * Leaderboard and contest rules, no I/O: ranking with shared ranks for ties, the peer-name mask a
 * rep sees when the company hides names, and prize tiers. Checked by hand in the spec beside it.
 */

/** One subject's value on the ranked metric (null: not scored, or the KPI was not measured). */
export interface Candidate {
  subjectId: string;
  vendorId: string;
  name: string;
  value: number | null;
}

export interface Ranked extends Candidate {
  /** 1-based place in the list (unique, breaks ties by id): what a masked peer is called by. */
  position: number;
  /** Competition rank: tied values share it and the next rank skips (1, 1, 3); null when unscored. */
  rank: number | null;
}

/**
 * Best value first; ties share the rank and the next one skips (100, 90, 90, 80 → 1, 2, 2, 4);
 * unscored candidates come last without a rank. Ties are listed by subject id so the order is stable.
 */
export function rankCandidates(candidates: readonly Candidate[]): Ranked[] {
  const sorted = [...candidates].sort((a, b) => {
    if (a.value === null || b.value === null) {
      if (a.value !== b.value) return a.value === null ? 1 : -1;
    } else if (a.value !== b.value) return b.value - a.value;
    return a.subjectId < b.subjectId ? -1 : a.subjectId > b.subjectId ? 1 : 0;
  });
  let rank = 0;
  let previous: number | null = null;
  return sorted.map((candidate, index) => {
    if (candidate.value !== null && candidate.value !== previous) {
      rank = index + 1;
      previous = candidate.value;
    }
    return { ...candidate, position: index + 1, rank: candidate.value === null ? null : rank };
  });
}

export interface Viewer {
  /** The caller's own rep id when the caller is a rep, else null. */
  repId: string | null;
}

export interface BoardRow {
  position: number;
  rank: number | null;
  /** null when masked. */
  subjectId: string | null;
  /** null when masked. */
  vendorId: string | null;
  /** The subject's name, or "Rep #<position>" when masked. */
  name: string;
  value: number | null;
  masked: boolean;
  self: boolean;
}

/**
 * A rep board as its viewer sees it: when `repsSeePeerNames` is false, a rep sees every peer as
 * "Rep #<position>" with no id, vendor or name, and their own row in full. Other viewers, and vendor
 * boards, are never masked.
 */
export function presentRows(
  ranked: readonly Ranked[],
  viewer: Viewer,
  options: { repBoard: boolean; repsSeePeerNames: boolean },
): BoardRow[] {
  const maskPeers = options.repBoard && viewer.repId !== null && !options.repsSeePeerNames;
  return ranked.map((row) => {
    const self = options.repBoard && viewer.repId === row.subjectId;
    const masked = maskPeers && !self;
    return {
      position: row.position,
      rank: row.rank,
      subjectId: masked ? null : row.subjectId,
      vendorId: masked ? null : row.vendorId,
      name: masked ? `Rep #${row.position}` : row.name,
      value: row.value,
      masked,
      self,
    };
  });
}

export interface PrizeTier {
  fromRank: number;
  toRank: number;
  prize: string;
}

/** Tiers must not overlap and each must run forward (fromRank ≤ toRank); returns the problems found. */
export function prizeTierProblems(tiers: readonly PrizeTier[]): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  tiers.forEach((tier, i) => {
    if (tier.fromRank > tier.toRank)
      problems.push({ field: `prizeTiers[${i}].toRank`, message: 'must not be below fromRank' });
    tiers.forEach((other, j) => {
      if (j > i && tier.fromRank <= other.toRank && other.fromRank <= tier.toRank)
        problems.push({ field: `prizeTiers[${j}]`, message: `overlaps prizeTiers[${i}]` });
    });
  });
  return problems;
}

/** The prize of a rank (a tie shares its rank's prize); null when unranked or no tier covers it. */
export function prizeOf(tiers: readonly PrizeTier[], rank: number | null): string | null {
  if (rank === null) return null;
  return tiers.find((tier) => tier.fromRank <= rank && rank <= tier.toRank)?.prize ?? null;
}
