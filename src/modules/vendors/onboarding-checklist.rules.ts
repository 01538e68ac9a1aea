/** What must be in place before a vendor in onboarding may become active. */
export enum OnboardingItem {
  AGREEMENT_SIGNED = 'agreement_signed',
  NDA_ON_FILE = 'nda_on_file',
  REP_WITH_LOGIN = 'rep_with_login',
  /** Only when a current agreement requires certification. */
  REP_CERTIFIED = 'rep_certified',
}

export interface OnboardingFacts {
  /** Agreements that have not ended yet (in force or signed for later). */
  currentAgreements: {
    id: string;
    ndaSignedOn: string | null;
    requiresCertification: boolean;
    productLineIds: string[];
  }[];
  activeRepIds: string[];
  repIdsWithLogin: string[];
  /** Active rep id → product lines with a certification valid today (empty when none could be read). */
  certifiedProductLines: Map<string, Set<string>>;
}

export interface OnboardingChecklist {
  complete: boolean;
  items: { item: OnboardingItem; done: boolean; detail: string }[];
  missing: OnboardingItem[];
}

/**
 * The onboarding checklist from the facts, with no I/O. "At least one rep certified" joins the list when a
 * current agreement requires certification: an active rep must hold a valid certification for a product
 * line of such an agreement (any product line when the agreement names none).
 */
export function onboardingChecklist(facts: OnboardingFacts): OnboardingChecklist {
  const withNda = facts.currentAgreements.filter((agreement) => agreement.ndaSignedOn !== null);
  const loggedIn = facts.activeRepIds.filter((id) => facts.repIdsWithLogin.includes(id));
  const items = [
    {
      item: OnboardingItem.AGREEMENT_SIGNED,
      done: facts.currentAgreements.length > 0,
      detail: `${facts.currentAgreements.length} agreement(s) in force or signed for later`,
    },
    {
      item: OnboardingItem.NDA_ON_FILE,
      done: withNda.length > 0,
      detail: withNda.length
        ? `NDA signed on ${withNda[0].ndaSignedOn}`
        : 'no current agreement records an NDA',
    },
    {
      item: OnboardingItem.REP_WITH_LOGIN,
      done: loggedIn.length > 0,
      detail: `${loggedIn.length} of ${facts.activeRepIds.length} active rep(s) have an active login`,
    },
  ];
  const requiring = facts.currentAgreements.filter((agreement) => agreement.requiresCertification);
  if (requiring.length) {
    const lines = new Set(requiring.flatMap((agreement) => agreement.productLineIds));
    const anyLine = requiring.some((agreement) => agreement.productLineIds.length === 0);
    const certified = facts.activeRepIds.filter((id) =>
      [...(facts.certifiedProductLines.get(id) ?? [])].some((line) => anyLine || lines.has(line)),
    );
    items.push({
      item: OnboardingItem.REP_CERTIFIED,
      done: certified.length > 0,
      detail: `${certified.length} of ${facts.activeRepIds.length} active rep(s) certified for the agreement's product lines`,
    });
  }
  const missing = items.filter((entry) => !entry.done).map((entry) => entry.item);
  return { complete: missing.length === 0, items, missing };
}
