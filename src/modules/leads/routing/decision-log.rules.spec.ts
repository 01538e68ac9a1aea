import type { ExcludedCandidate, ScoredCandidate } from './assignment-decision.entity';
import {
  decodeCandidates,
  decodeExcluded,
  decodeReasonCounts,
  encodeDecisionLog,
  REASON_CODES,
  reasonBits,
  reasonsOfBits,
} from './decision-log.rules';
import { IneligibleReason } from './routing.enums';

const VENDOR_A = 'aaaaaaaa-0000-4000-8000-000000000001';
const VENDOR_B = 'bbbbbbbb-0000-4000-8000-000000000002';
const REP_A1 = 'aaaaaaaa-0000-4000-8000-0000000000a1';
const REP_A2 = 'aaaaaaaa-0000-4000-8000-0000000000a2';
const REP_B1 = 'bbbbbbbb-0000-4000-8000-0000000000b1';
const REP_B2 = 'bbbbbbbb-0000-4000-8000-0000000000b2';

describe('the decision log stored as codes', () => {
  const candidates: ScoredCandidate[] = [
    { repId: REP_B1, vendorId: VENDOR_B, score: 12, weight: 4, openLeads: 3 },
    { repId: REP_A1, vendorId: VENDOR_A, score: -7, weight: 1, openLeads: 0 },
  ];
  const excluded: ExcludedCandidate[] = [
    {
      repId: REP_A2,
      vendorId: VENDOR_A,
      reasons: [
        IneligibleReason.REGION_OUT_OF_SCOPE,
        IneligibleReason.CONFLICT_OF_INTEREST,
        IneligibleReason.AT_CAPACITY,
      ],
    },
    { repId: REP_B2, vendorId: VENDOR_B, reasons: [IneligibleReason.FIRST_RESPONSE_MISSED] },
  ];
  const byReason = {
    at_capacity: 42,
    region_out_of_scope: 1,
    conflict_of_interest: 1,
    first_response_missed: 1,
  };

  it('a decision stored as codes reads back as the same candidates and reasons', () => {
    const stored = encodeDecisionLog(candidates, excluded, byReason);
    expect(decodeCandidates(stored)).toEqual(candidates);
    expect(decodeExcluded(stored)).toEqual(excluded);
    expect(decodeReasonCounts(stored.excludedReasonCounts)).toEqual(byReason);
  });

  it('names each vendor once and points at it by position, four numbers per candidate, two per exclusion', () => {
    const stored = encodeDecisionLog(candidates, excluded, byReason);
    expect(stored.logVendorIds).toEqual([VENDOR_B, VENDOR_A]);
    expect(stored.candidateRepIds).toEqual([REP_B1, REP_A1]);
    expect(stored.candidateCodes).toEqual([1, 12, 4, 3, 2, -7, 1, 0]);
    // region (code 1) + conflict (3) + at capacity (9): 2 + 8 + 512; first response missed (13): 8192.
    expect(stored.excludedCodes).toEqual([2, 522, 1, 8192]);
    expect(stored.excludedReasonCounts).toEqual([0, 1, 0, 1, 0, 0, 0, 0, 0, 42, 0, 0, 0, 1]);
  });

  it('reads an old entry without open leads or weight back without them', () => {
    const old = [{ repId: REP_A1, vendorId: VENDOR_A, score: 9 } as ScoredCandidate];
    expect(decodeCandidates(encodeDecisionLog(old, [], {}))).toEqual(old);
  });

  it('an empty log is empty arrays', () => {
    expect(encodeDecisionLog([], [], {})).toEqual({
      logVendorIds: [],
      candidateRepIds: [],
      candidateCodes: [],
      excludedRepIds: [],
      excludedCodes: [],
      excludedReasonCounts: [],
    });
  });

  it('has a code for every reason, and reads reasons back in the order the engine checks them', () => {
    expect(new Set(REASON_CODES)).toEqual(new Set(Object.values(IneligibleReason)));
    const engineOrder = [
      IneligibleReason.INDUSTRY_OUT_OF_SCOPE,
      IneligibleReason.STAGE_OUT_OF_SCOPE,
      IneligibleReason.OPTED_OUT,
    ];
    expect(reasonsOfBits(reasonBits(engineOrder))).toEqual(engineOrder);
  });
});
