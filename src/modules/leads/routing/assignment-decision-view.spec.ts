import { DataScope } from '../../../common/auth/data-scope';
import { Role } from '../../../common/auth/role';
import type { AssignmentDecision } from './assignment-decision.entity';
import { mapAssignmentDecision } from './routing.dto';

const VENDOR_A = 'aaaaaaaa-0000-4000-8000-000000000001';
const VENDOR_B = 'bbbbbbbb-0000-4000-8000-000000000002';
const REP_A1 = 'aaaaaaaa-0000-4000-8000-0000000000a1';
const REP_A2 = 'aaaaaaaa-0000-4000-8000-0000000000a2';
const REP_B1 = 'bbbbbbbb-0000-4000-8000-0000000000b1';

const decision = {
  id: 'd1',
  leadId: 'l1',
  decidedAt: new Date('2026-11-23T08:00:00Z'),
  trigger: 'auto',
  outcome: 'assigned',
  ruleId: null,
  ruleName: 'Guangdong',
  strategy: 'best_fit',
  chosenRepId: REP_B1,
  chosenVendorId: VENDOR_B,
  poolId: null,
  candidates: [
    { repId: REP_B1, vendorId: VENDOR_B, score: 12, weight: 4 },
    { repId: REP_A1, vendorId: VENDOR_A, score: 9, weight: 3 },
  ],
  excluded: [{ repId: REP_A2, vendorId: VENDOR_A, reasons: ['at_capacity'] }],
  explanation: 'best_fit chose rep B1 of 2 eligible',
  actorId: null,
} as unknown as AssignmentDecision;

const scopeOf = (role: Role, vendorId: string | null, repId: string | null = null) =>
  DataScope.of({ subjectId: 's', kind: 'user', role, vendorId, repId, name: 'n' });

describe('assignment decisions as a caller may see them', () => {
  it('shows a company-wide caller the whole decision', () => {
    expect(mapAssignmentDecision(decision, scopeOf(Role.SALES_MANAGER, null))).toMatchObject({
      chosenRepId: REP_B1,
      candidates: [{ repId: REP_B1 }, { repId: REP_A1 }],
    });
  });

  it('shows a vendor manager only their own reps and not where the lead went outside their vendor', () => {
    const view = mapAssignmentDecision(decision, scopeOf(Role.VENDOR_MANAGER, VENDOR_A));
    expect(view.candidates.map((c) => c.repId)).toEqual([REP_A1]);
    expect(view.excluded.map((c) => c.repId)).toEqual([REP_A2]);
    expect(view).toMatchObject({ chosenRepId: null, chosenVendorId: null });
    expect(view.explanation).not.toContain('B1');
  });

  it('shows a rep only their own entry', () => {
    const view = mapAssignmentDecision(decision, scopeOf(Role.REP, VENDOR_A, REP_A1));
    expect(view.candidates.map((c) => c.repId)).toEqual([REP_A1]);
    expect(view.excluded).toEqual([]);
  });
});
