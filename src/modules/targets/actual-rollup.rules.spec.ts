import type { OrgChart } from '../vendors/vendors.service';
import { RepGrade } from '../vendors/vendor-enums';
import { MonthlyFacts, monthsBetween } from './actual-rollup.rules';
import { OrgNodes } from './org-nodes';
import { TargetMetric } from './target.enums';

const chart: OrgChart = {
  units: [{ id: 'u1', parentId: null, name: 'East' }],
  vendors: [
    { id: 'v1', salesUnitId: 'u1', name: 'A', countryCode: 'CN', timezone: 'Asia/Shanghai' },
    { id: 'v2', salesUnitId: 'u1', name: 'B', countryCode: 'HU', timezone: 'Europe/Budapest' },
  ],
  reps: [
    {
      id: 'r1',
      vendorId: 'v1',
      fullName: 'R1',
      grade: RepGrade.A,
      capacity: 10,
      timezone: 'Asia/Shanghai',
      active: true,
    },
    {
      id: 'r2',
      vendorId: 'v2',
      fullName: 'R2',
      grade: RepGrade.B,
      capacity: 10,
      timezone: 'Europe/Budapest',
      active: true,
    },
  ],
};
const org = new OrgNodes(chart, { countryCode: 'CN', timezone: 'Asia/Shanghai' });

describe('monthly facts', () => {
  const facts = new MonthlyFacts(
    [
      { vendorId: 'v1', repId: 'r1', month: '2026-01', num: 3, den: 10 },
      { vendorId: 'v1', repId: null, month: '2026-01', num: 1, den: 10 },
      { vendorId: 'v2', repId: 'r2', month: '2026-02', num: 5, den: 5 },
      { vendorId: null, repId: null, month: '2026-02', num: 2, den: 0 },
    ],
    org,
  );

  it('adds every fact up its chain: rep, vendor, sales unit, company', () => {
    expect(facts.value(TargetMetric.CALLS, 'rep:r1', ['2026-01'])).toBe(3);
    expect(facts.value(TargetMetric.CALLS, 'vendor:v1', ['2026-01'])).toBe(4);
    expect(facts.value(TargetMetric.CALLS, 'sales_unit:u1', ['2026-01', '2026-02'])).toBe(9);
    expect(facts.value(TargetMetric.CALLS, 'company', ['2026-01', '2026-02'])).toBe(11);
  });

  it('rolls a rate up as parts, not as a mean of means: (3 + 1 + 5) / (10 + 10 + 5) = 36 %', () => {
    expect(facts.value(TargetMetric.CONVERSION_RATE, 'sales_unit:u1', ['2026-01', '2026-02'])).toBe(3600);
    expect(facts.value(TargetMetric.CONVERSION_RATE, 'rep:r1', ['2026-03'])).toBeNull();
  });

  it('lists the months of a range', () => {
    expect(monthsBetween('2025-11-01', '2026-02-01')).toEqual(['2025-11', '2025-12', '2026-01']);
  });
});
