import type { AttainmentNodeDto } from '../targets/attainment.dto';
import { OwnerKind, TargetMetric, TargetStatus } from '../targets/target.enums';
import type { ForecastNodeDto } from '../reports/forecast.dto';
import { ForecastLevel } from '../reports/forecast.dto';
import { dashboardPage } from './dashboard-pages';
import {
  alertDigestTable,
  attainmentTreeTable,
  DIGEST_MAX_KINDS,
  forecastTable,
  TREE_MAX_DEPTH,
} from './dashboard-sections';

const node = (over: Partial<AttainmentNodeDto>): AttainmentNodeDto =>
  ({
    targetId: 't',
    metric: TargetMetric.BOOKINGS,
    periodKey: '2026-Q3',
    ownerKind: OwnerKind.COMPANY,
    ownerId: null,
    regionId: null,
    industryCode: null,
    productLineId: null,
    currency: 'CNY',
    targetStatus: TargetStatus.APPROVED,
    target: 10_000_000,
    stretch: null,
    challenge: null,
    actual: 4_500_000,
    attainmentPercent: 45,
    tierReached: null,
    pace: { workingDays: 64, workingDaysElapsed: 32, pace: 0.5, countryCode: 'CN', asOf: '2026-08-14' },
    projected: 9_000_000,
    status: 'on_track',
    costOfSalesBps: null,
    children: [],
    ...over,
  }) as AttainmentNodeDto;

const names = (kind: OwnerKind, id: string | null) => (id ? `${kind}:${id}` : 'Company');

describe('dashboard sections', () => {
  it('shows a money target in its currency’s major units: 10 000 000 minor CNY is 100,000.00 CNY', () => {
    const table = attainmentTreeTable(node({}), names);
    expect(table.rows[0].cells).toEqual([
      'Company',
      '100,000.00 CNY',
      '45,000.00 CNY',
      '45.0 %',
      '90,000.00 CNY',
      'on_track',
    ]);
  });

  it('indents children depth first and leaves off what is deeper than the tree depth, counting it', () => {
    // company → vendor → rep → (TREE_MAX_DEPTH + 1) levels: a chain of 5 below the root.
    let leaf = node({ ownerKind: OwnerKind.REP, ownerId: 'r5' });
    for (let i = 4; i >= 1; i -= 1)
      leaf = node({ ownerKind: OwnerKind.REP, ownerId: `r${i}`, children: [leaf] });
    const root = node({ children: [leaf, node({ ownerKind: OwnerKind.VENDOR, ownerId: 'v2' })] });
    const table = attainmentTreeTable(root, names);
    expect(table.rows.map((row) => [row.depth, row.cells[0]])).toEqual([
      [0, 'Company'],
      [1, 'rep:r1'],
      [2, 'rep:r2'],
      [3, 'rep:r3'],
      [1, 'vendor:v2'],
    ]);
    expect(TREE_MAX_DEPTH).toBe(3);
    expect(table.note).toBe("2 deeper target(s) not shown: open the target's attainment in the API");
  });

  it('labels a child of a time split with its own period: Company 2026-07 under Company 2026-Q3', () => {
    const root = node({
      children: [node({ periodKey: '2026-07' }), node({ periodKey: '2026-08', industryCode: 'retail' })],
    });
    expect(attainmentTreeTable(root, names).rows.map((row) => row.cells[0])).toEqual([
      'Company',
      'Company 2026-07',
      'Company 2026-08 (retail)',
    ]);
  });

  it('shows a rate in percent (basis points / 100) and no actual as a dash', () => {
    const table = attainmentTreeTable(
      node({
        metric: TargetMetric.CONVERSION_RATE,
        currency: null,
        target: 2_500,
        actual: null,
        attainmentPercent: null,
        projected: null,
        status: null,
      }),
      names,
    );
    expect(table.rows[0].cells).toEqual(['Company', '25.0 %', '—', '—', '—', '—']);
  });

  it('gives the forecast one row per currency and never adds currencies together', () => {
    const forecast: ForecastNodeDto = {
      level: ForecastLevel.COMPANY,
      vendorId: null,
      repId: null,
      pipeline: [
        { currency: 'CNY', leads: 3, expectedAmountMinor: 900_000, weightedAmountMinor: 450_000 },
        { currency: 'EUR', leads: 1, expectedAmountMinor: 100_000, weightedAmountMinor: 20_000 },
      ],
      bookingsToDate: [{ currency: 'CNY', amountMinor: 1_200_000 }],
      runRate: [{ currency: 'CNY', amountMinor: 2_400_000 }],
      categories: [
        {
          category: 'commit',
          currency: 'CNY',
          leads: 1,
          expectedAmountMinor: 500_000,
          weightedAmountMinor: 400_000,
        },
        {
          category: 'pipeline',
          currency: 'CNY',
          leads: 2,
          expectedAmountMinor: 400_000,
          weightedAmountMinor: 50_000,
        },
      ],
      target: [{ targetId: 't', currency: 'CNY', amountMinor: 3_000_000, status: 'approved' }],
      adjustments: [],
    } as unknown as ForecastNodeDto;
    expect(forecastTable(forecast).rows.map((row) => row.cells)).toEqual([
      ['CNY', '12,000.00 CNY', '24,000.00 CNY', '4,500.00 CNY', '4,000.00 CNY', '—', '30,000.00 CNY', '—'],
      ['EUR', '0.00 EUR', '—', '200.00 EUR', '—', '—', '—', '—'],
    ]);
  });

  it('counts the alerts of kinds the digest does not list in its note', () => {
    const byKind = Array.from({ length: DIGEST_MAX_KINDS + 2 }, (_, i) => ({
      type: `kind_${i}`,
      severity: 'warning' as const,
      count: 10 - Math.min(i, 9),
    }));
    const total = byKind.reduce((sum, kind) => sum + kind.count, 0);
    const table = alertDigestTable({
      status: 'open',
      total,
      byKind,
      topSubjects: [],
      groups: [],
    });
    expect(table.rows).toHaveLength(DIGEST_MAX_KINDS);
    // the two left off count 1 each (10 - 9)
    expect(table.note).toBe(`${total} open alert(s); 2 in kinds not listed`);
  });

  it('escapes every cell of a table: a name with markup stays text', () => {
    const html = dashboardPage('t', 's', [
      { title: 'x', tables: [{ columns: ['Owner'], rows: [{ cells: ['<script>alert(1)</script> Kft.'] }] }] },
    ]);
    expect(html).toContain('<td>&lt;script&gt;alert(1)&lt;/script&gt; Kft.</td>');
    expect(html).not.toContain('<script>');
  });
});
