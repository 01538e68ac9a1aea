import { DataScope } from '../../../common/auth/data-scope';
import { Role } from '../../../common/auth/role';
import { rollupGrain } from './lead-count-rollup.rules';

describe('which lead counts the lead-count rollup covers', () => {
  const range = { from: '2025-01-01', to: '2027-01-01' };
  const company = DataScope.companyWide();
  const vendorId = '00000000-0000-4000-8000-000000000001';
  const repId = '00000000-0000-4000-8000-000000000002';

  it('reads years for a year grain and for a count without the period dimension', () => {
    expect(rollupGrain(range, ['period', 'region', 'vendor'], 'year', company)).toBe('year');
    expect(rollupGrain(range, ['industry', 'source'], 'day', company)).toBe('year');
  });

  it('reads months, never years, for a month or quarter grain', () => {
    expect(rollupGrain(range, ['period'], 'month', company)).toBe('month');
    expect(rollupGrain(range, ['period', 'vendor'], 'quarter', company)).toBe('month');
  });

  it('counts over the leads by day or ISO week, which months do not add up to', () => {
    expect(rollupGrain(range, ['period'], 'day', company)).toBeUndefined();
    expect(rollupGrain(range, ['period'], 'week', company)).toBeUndefined();
  });

  it('counts over the leads by rep or product line, dimensions or filters the rollup does not keep', () => {
    expect(rollupGrain(range, ['rep'], 'year', company)).toBeUndefined();
    expect(rollupGrain(range, ['productLine'], 'year', company)).toBeUndefined();
    expect(rollupGrain({ ...range, repId }, ['vendor'], 'year', company)).toBeUndefined();
    expect(rollupGrain({ ...range, productLineId: repId }, ['vendor'], 'year', company)).toBeUndefined();
  });

  it("answers a vendor manager from the rollup, a rep's own scope over the leads", () => {
    const vendorManager = DataScope.of({
      subjectId: 'u1',
      kind: 'user',
      role: Role.VENDOR_MANAGER,
      vendorId,
      repId: null,
      name: 'vm',
    });
    const rep = DataScope.of({ subjectId: 'u2', kind: 'user', role: Role.REP, vendorId, repId, name: 'rep' });
    expect(rollupGrain(range, ['vendor'], 'year', vendorManager)).toBe('year');
    expect(rollupGrain(range, ['vendor'], 'year', rep)).toBeUndefined();
  });
});
