export enum CallReportType {
  CALL = 'call',
  VISIT = 'visit',
  MEETING = 'meeting',
  NEGOTIATION = 'negotiation',
  DEMO = 'demo',
  EMAIL = 'email',
}

export enum CallReportOutcome {
  NO_ANSWER = 'no_answer',
  CONNECTED = 'connected',
  INTERESTED = 'interested',
  FOLLOW_UP_SET = 'follow_up_set',
  PROPOSAL_SENT = 'proposal_sent',
  WON = 'won',
  LOST = 'lost',
}

export enum PlausibilityFlagKind {
  /** One of many very short calls in a row. */
  SHORT_CALL_STREAK = 'short_call_streak',
  /** Starts before the rep's previous activity ended. */
  OVERLAPPING = 'overlapping',
  /** A visit too far from the previous visit for the time between them. */
  IMPOSSIBLE_TRAVEL = 'impossible_travel',
  /** Reported long after it happened. */
  LATE_REPORT = 'late_report',
}

/** Which report types count towards which quota. Other types are listed but count towards none. */
export const CALL_QUOTA_TYPES: readonly CallReportType[] = [CallReportType.CALL];
export const VISIT_QUOTA_TYPES: readonly CallReportType[] = [CallReportType.VISIT];
