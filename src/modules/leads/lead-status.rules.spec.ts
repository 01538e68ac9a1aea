import type { DomainException } from '../../common/errors/domain.exception';
import { LeadStatus, LostReason } from './lead.enums';
import { checkStatusChange, isLegalTransition, LEAD_STATUS_TRANSITIONS } from './lead-status.rules';

describe('lead status machine', () => {
  it.each([
    ['new', 'assigned'],
    ['new', 'contacted'],
    ['contacted', 'qualified'],
    ['qualified', 'won'],
    ['negotiating', 'won'],
    ['negotiating', 'qualified'],
    ['assigned', 'lost'],
  ])('allows %s → %s', (from, to) => {
    expect(isLegalTransition(from as LeadStatus, to as LeadStatus)).toBe(true);
  });

  it.each([
    ['new', 'won'],
    ['new', 'lost'],
    ['contacted', 'negotiating'],
    ['qualified', 'rejected'],
    ['won', 'lost'],
    ['lost', 'contacted'],
    ['rejected', 'new'],
  ])('refuses %s → %s', (from, to) => {
    expect(isLegalTransition(from as LeadStatus, to as LeadStatus)).toBe(false);
  });

  it('ends in won, lost and rejected', () => {
    for (const status of [LeadStatus.WON, LeadStatus.LOST, LeadStatus.REJECTED])
      expect(LEAD_STATUS_TRANSITIONS[status]).toEqual([]);
  });

  it('needs an owner rep for assigned, a lost reason (with text for other) for lost and a reject reason for rejected', () => {
    const refusal = (
      from: LeadStatus,
      change: Parameters<typeof checkStatusChange>[1],
      ownerRepId: string | null,
    ) => {
      try {
        checkStatusChange({ status: from, ownerRepId }, change);
        return 'allowed';
      } catch (error) {
        const refused = error as DomainException;
        return [refused.code, ...(refused.errors ?? []).map((e) => e.field)].join(' ');
      }
    };
    expect(refusal(LeadStatus.NEW, { to: LeadStatus.ASSIGNED }, null)).toBe('LEAD_STATUS_TRANSITION_INVALID');
    expect(refusal(LeadStatus.NEW, { to: LeadStatus.ASSIGNED }, 'rep-1')).toBe('allowed');
    expect(refusal(LeadStatus.NEW, { to: LeadStatus.WON }, 'rep-1')).toBe('LEAD_STATUS_TRANSITION_INVALID');
    expect(refusal(LeadStatus.ASSIGNED, { to: LeadStatus.LOST }, 'rep-1')).toBe(
      'VALIDATION_FAILED lostReason',
    );
    expect(
      refusal(
        LeadStatus.ASSIGNED,
        { to: LeadStatus.LOST, lostReason: { reason: LostReason.OTHER, text: ' ' } },
        'rep-1',
      ),
    ).toBe('VALIDATION_FAILED lostReason.text');
    expect(
      refusal(
        LeadStatus.ASSIGNED,
        { to: LeadStatus.LOST, lostReason: { reason: LostReason.OTHER, text: 'moved' } },
        'rep-1',
      ),
    ).toBe('allowed');
    expect(refusal(LeadStatus.CONTACTED, { to: LeadStatus.REJECTED }, 'rep-1')).toBe(
      'VALIDATION_FAILED rejectReason',
    );
  });
});
