import { allowedNextStatuses, isLegalStatusTransition, VendorStatus } from './vendor-enums';

const { ONBOARDING, ACTIVE, SUSPENDED, TERMINATED } = VendorStatus;

describe('vendor status lifecycle', () => {
  it.each([
    [ONBOARDING, ACTIVE],
    [ONBOARDING, TERMINATED],
    [ACTIVE, SUSPENDED],
    [SUSPENDED, ACTIVE],
    [ACTIVE, TERMINATED],
    [SUSPENDED, TERMINATED],
  ])('allows %s → %s', (from, to) => {
    expect(isLegalStatusTransition(from, to)).toBe(true);
  });

  it.each([
    [ONBOARDING, SUSPENDED],
    [ACTIVE, ONBOARDING],
    [SUSPENDED, ONBOARDING],
    [ACTIVE, ACTIVE],
    [TERMINATED, ACTIVE],
    [TERMINATED, ONBOARDING],
  ])('refuses %s → %s', (from, to) => {
    expect(isLegalStatusTransition(from, to)).toBe(false);
  });

  it('treats terminated as final', () => {
    expect(allowedNextStatuses(TERMINATED)).toEqual([]);
  });
});
