/** Whom a scorecard definition scores: reps, or vendors of one kind. */
export enum ScorecardAudience {
  REP = 'rep',
  AGENCY = 'agency',
  INDEPENDENT_REP = 'independent_rep',
  INTERNAL_TEAM = 'internal_team',
}

export enum ScoreSubject {
  REP = 'rep',
  VENDOR = 'vendor',
}

/** The current period's scores move with new facts; a closed period's are final. */
export enum ScoreStatus {
  PROVISIONAL = 'provisional',
  FINAL = 'final',
}
