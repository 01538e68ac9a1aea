/** Where a survey invitation stands: waiting for its answer, answered (single use), or past its expiry. */
export type SurveyStatus = 'pending' | 'answered' | 'expired';

export const SURVEY_STATUSES: readonly SurveyStatus[] = ['pending', 'answered', 'expired'];

/**
 * An answered invitation stays answered after its expiry (the answer counts); an unanswered one expires
 * at `expiresAt` itself (the expiry instant no longer takes an answer).
 */
export function surveyStatus(invitation: { usedAt: Date | null; expiresAt: Date }, now: Date): SurveyStatus {
  if (invitation.usedAt) return 'answered';
  return invitation.expiresAt.getTime() <= now.getTime() ? 'expired' : 'pending';
}
