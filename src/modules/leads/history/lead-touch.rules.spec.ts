import { ActivityKind } from '../lead.enums';
import { isOwnerTeamTouch, type TouchEntry } from './lead-touch.rules';

describe('a touch is the owner team’s work', () => {
  const lead = { vendorId: 'vendor-a', ownerRepId: 'rep-1' };
  const entry = (over: Partial<TouchEntry>): TouchEntry => ({
    kind: ActivityKind.FOLLOW_UP,
    actorVendorId: null,
    actorRepId: null,
    actorId: 'user',
    ...over,
  });

  it('the owner rep’s call report is a touch', () => {
    expect(
      isOwnerTeamTouch(
        entry({ kind: ActivityKind.CALL_REPORT, actorRepId: 'rep-1', actorVendorId: 'vendor-a' }),
        lead,
      ),
    ).toBe(true);
  });

  it('a follow-up or status change by any user of the owning vendor is a touch', () => {
    expect(isOwnerTeamTouch(entry({ actorVendorId: 'vendor-a' }), lead)).toBe(true);
    expect(
      isOwnerTeamTouch(entry({ kind: ActivityKind.STATUS_CHANGE, actorVendorId: 'vendor-a' }), lead),
    ).toBe(true);
  });

  it('a company user’s note on a vendor’s lead is not a touch', () => {
    expect(isOwnerTeamTouch(entry({}), lead)).toBe(false);
  });

  it('another vendor’s rep is not the owner team', () => {
    expect(isOwnerTeamTouch(entry({ actorVendorId: 'vendor-b', actorRepId: 'rep-9' }), lead)).toBe(false);
  });

  it('intake, duplicate intake and assignment are history, not touches, whoever wrote them', () => {
    for (const kind of [ActivityKind.INTAKE, ActivityKind.DUPLICATE_INTAKE, ActivityKind.ASSIGNMENT])
      expect(isOwnerTeamTouch(entry({ kind, actorVendorId: 'vendor-a', actorRepId: 'rep-1' }), lead)).toBe(
        false,
      );
  });

  it('a lead nobody owns is the company’s to work; the system’s own entries never count', () => {
    const unowned = { vendorId: null, ownerRepId: null };
    expect(isOwnerTeamTouch(entry({}), unowned)).toBe(true);
    expect(isOwnerTeamTouch(entry({ actorVendorId: 'vendor-a' }), unowned)).toBe(false);
    expect(isOwnerTeamTouch(entry({ actorId: null }), unowned)).toBe(false);
  });
});
