import { OnboardingItem, onboardingChecklist } from './onboarding-checklist';

describe('onboarding checklist', () => {
  it('lists every missing item of a vendor with nothing in place', () => {
    const checklist = onboardingChecklist({ currentAgreements: [], activeRepIds: [], repIdsWithLogin: [] });
    expect(checklist.complete).toBe(false);
    expect(checklist.missing).toEqual([
      OnboardingItem.AGREEMENT_SIGNED,
      OnboardingItem.NDA_ON_FILE,
      OnboardingItem.REP_WITH_LOGIN,
    ]);
  });

  it('needs the NDA on a current agreement and a login of an active rep', () => {
    const checklist = onboardingChecklist({
      currentAgreements: [{ id: 'a', ndaSignedOn: null }],
      activeRepIds: ['r1'],
      repIdsWithLogin: ['r2'],
    });
    expect(checklist.missing).toEqual([OnboardingItem.NDA_ON_FILE, OnboardingItem.REP_WITH_LOGIN]);
  });

  it('is complete with a current agreement carrying an NDA and one active rep with a login', () => {
    const checklist = onboardingChecklist({
      currentAgreements: [{ id: 'a', ndaSignedOn: '2026-11-20' }],
      activeRepIds: ['r1', 'r2'],
      repIdsWithLogin: ['r2'],
    });
    expect(checklist).toMatchObject({ complete: true, missing: [] });
    expect(checklist.items[2].detail).toBe('1 of 2 active rep(s) have an active login');
  });
});
