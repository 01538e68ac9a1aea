import { OnboardingItem, onboardingChecklist } from './onboarding-checklist.rules';

const agreement = (ndaSignedOn: string | null, requiresCertification = false, productLineIds = ['pl-1']) => ({
  id: 'a',
  ndaSignedOn,
  requiresCertification,
  productLineIds,
});

describe('onboarding checklist', () => {
  it('lists every missing item of a vendor with nothing in place', () => {
    const checklist = onboardingChecklist({
      currentAgreements: [],
      activeRepIds: [],
      repIdsWithLogin: [],
      certifiedProductLines: new Map(),
    });
    expect(checklist.complete).toBe(false);
    expect(checklist.missing).toEqual([
      OnboardingItem.AGREEMENT_SIGNED,
      OnboardingItem.NDA_ON_FILE,
      OnboardingItem.REP_WITH_LOGIN,
    ]);
  });

  it('needs the NDA on a current agreement and a login of an active rep', () => {
    const checklist = onboardingChecklist({
      currentAgreements: [agreement(null)],
      activeRepIds: ['r1'],
      repIdsWithLogin: ['r2'],
      certifiedProductLines: new Map(),
    });
    expect(checklist.missing).toEqual([OnboardingItem.NDA_ON_FILE, OnboardingItem.REP_WITH_LOGIN]);
  });

  it('is complete with a current agreement carrying an NDA and one active rep with a login', () => {
    const checklist = onboardingChecklist({
      currentAgreements: [agreement('2026-11-20')],
      activeRepIds: ['r1', 'r2'],
      repIdsWithLogin: ['r2'],
      certifiedProductLines: new Map(),
    });
    expect(checklist).toMatchObject({ complete: true, missing: [] });
    expect(checklist.items[2].detail).toBe('1 of 2 active rep(s) have an active login');
  });

  it('asks for a certified rep only when the agreement requires it, certified for one of its product lines', () => {
    const facts = (certifiedProductLines: Map<string, Set<string>>) =>
      onboardingChecklist({
        currentAgreements: [agreement('2026-11-20', true)],
        activeRepIds: ['r1', 'r2'],
        repIdsWithLogin: ['r1'],
        certifiedProductLines,
      });
    expect(facts(new Map()).missing).toEqual([OnboardingItem.REP_CERTIFIED]);
    // A certification for a line the agreement does not sell does not count.
    expect(facts(new Map([['r2', new Set(['pl-9'])]])).missing).toEqual([OnboardingItem.REP_CERTIFIED]);
    const done = facts(new Map([['r2', new Set(['pl-1'])]]));
    expect(done).toMatchObject({ complete: true, missing: [] });
    expect(done.items[3]).toEqual({
      item: OnboardingItem.REP_CERTIFIED,
      done: true,
      detail: "1 of 2 active rep(s) certified for the agreement's product lines",
    });
  });
});
