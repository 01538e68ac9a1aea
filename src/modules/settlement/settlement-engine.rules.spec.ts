import { DomainException } from '../../common/errors/domain.exception';
import { period } from '../../common/period/period';
import { CommissionBasis, PerLeadFeeKind } from '../vendors/agreement.entity';
import {
  computeStatementLines,
  Payee,
  RevenueFact,
  SettlementContext,
  SettlementLineKind,
  SettlementTerms,
} from './settlement-engine.rules';

const VENDOR = 'vendor-1';
const agency: Payee = { vendorId: VENDOR, repId: null };

/** Base 3 %, from 80 % 5 %, from 100 % 7 %, from 200 % 9 %, from 300 % 11 %. */
const terms = (overrides: Partial<SettlementTerms> = {}): SettlementTerms => ({
  agreementId: 'agr-1',
  vendorId: VENDOR,
  startsOn: '2026-01-01',
  endsOn: '2026-12-31',
  commissionRateBps: 300,
  commissionTiers: [
    { minAttainmentPercent: 80, commissionRateBps: 500 },
    { minAttainmentPercent: 100, commissionRateBps: 700 },
    { minAttainmentPercent: 200, commissionRateBps: 900 },
    { minAttainmentPercent: 300, commissionRateBps: 1100 },
  ],
  commissionBasis: CommissionBasis.BOOKED,
  commissionCapMinor: null,
  perLeadFeeMinor: null,
  perLeadFeeKind: null,
  retainerFeeMinor: null,
  feeCurrency: 'CNY',
  clawbackDays: 90,
  ...overrides,
});

const booking = (overrides: Partial<RevenueFact> = {}): RevenueFact => ({
  factId: 'fact-1',
  contractId: 'contract-1',
  basis: CommissionBasis.BOOKED,
  date: '2026-07-10',
  amountMinor: 1_000_000,
  currency: 'CNY',
  credits: [{ vendorId: VENDOR, repId: 'rep-1', shareBps: 10_000 }],
  ...overrides,
});

const context = (overrides: Partial<SettlementContext> = {}): SettlementContext => ({
  period: period('2026-07'),
  terms: [terms()],
  facts: [],
  attainmentPercent: new Map(),
  leadEvents: [],
  earlierLines: [],
  endings: [],
  pendingAdjustments: [],
  retainerShares: { index: 0, count: 1 },
  ...overrides,
});

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return (error as DomainException).code;
  }
};

/** 10 000.00 CNY booked in July at the given attainment: what the one commission line pays. */
const commissionAt = (attainment: number) => {
  const { lines } = computeStatementLines(
    agency,
    context({ facts: [booking()], attainmentPercent: new Map([['2026-07', attainment]]) }),
  );
  expect(lines).toHaveLength(1);
  return { amount: lines[0].amountMinor, rate: lines[0].rateBps, tier: lines[0].tier };
};

describe('settlement engine', () => {
  describe('attainment tiers', () => {
    it('pays the base rate just below 80 %: 3 % of 10 000.00 CNY = 300.00', () => {
      expect(commissionAt(79.99)).toEqual({ amount: 30_000, rate: 300, tier: null });
    });

    it('pays the 80 % tier at exactly 80 %: 5 % = 500.00', () => {
      expect(commissionAt(80)).toEqual({ amount: 50_000, rate: 500, tier: 'from 80 %' });
    });

    it('keeps the 80 % tier just below 100 %', () => {
      expect(commissionAt(99.99).rate).toBe(500);
    });

    it('pays the 100 % tier at exactly 100 %: 7 % = 700.00', () => {
      expect(commissionAt(100)).toEqual({ amount: 70_000, rate: 700, tier: 'from 100 %' });
    });

    it('climbs levels up to 300 %: 250 % pays 9 %, 300 % pays 11 %, 450 % stays at 11 %', () => {
      expect(commissionAt(250).amount).toBe(90_000);
      expect(commissionAt(300)).toEqual({ amount: 110_000, rate: 1100, tier: 'from 300 %' });
      expect(commissionAt(450).amount).toBe(110_000);
    });

    it('pays the base rate when the payee has no target for the period', () => {
      const { lines } = computeStatementLines(agency, context({ facts: [booking()] }));
      expect(lines[0]).toMatchObject({ rateBps: 300, tier: null, amountMinor: 30_000 });
    });
  });

  it('caps an agreement’s commission: 2 × 700.00 = 1 400.00 against a 1 000.00 cap takes off 400.00', () => {
    const { lines, totals } = computeStatementLines(
      agency,
      context({
        terms: [terms({ commissionCapMinor: 100_000 })],
        facts: [booking(), booking({ factId: 'fact-2', contractId: 'contract-2' })],
        attainmentPercent: new Map([['2026-07', 100]]),
      }),
    );
    expect(lines.map((line) => [line.kind, line.amountMinor])).toEqual([
      [SettlementLineKind.COMMISSION, 70_000],
      [SettlementLineKind.COMMISSION, 70_000],
      [SettlementLineKind.CAP, -40_000],
    ]);
    expect(totals).toEqual([{ currency: 'CNY', amountMinor: 100_000 }]);
  });

  it('refuses a cap over commission earned in another currency', () => {
    const ctx = context({
      terms: [terms({ commissionCapMinor: 100_000 })],
      facts: [booking({ currency: 'EUR' })],
    });
    expect(codeOf(() => computeStatementLines(agency, ctx))).toBe('SETTLEMENT_CURRENCY_MIXED');
  });

  it('changes the rate on the day a renewed agreement starts mid-period: 5 % until 15 July, 8 % from 16 July', () => {
    const { lines } = computeStatementLines(
      agency,
      context({
        terms: [
          terms({ endsOn: '2026-07-15', commissionRateBps: 500, commissionTiers: [] }),
          terms({
            agreementId: 'agr-2',
            startsOn: '2026-07-16',
            commissionRateBps: 800,
            commissionTiers: [],
          }),
        ],
        facts: [
          booking({ factId: 'a', date: '2026-07-15', amountMinor: 200_000 }),
          booking({ factId: 'b', date: '2026-07-16', amountMinor: 200_000 }),
        ],
      }),
    );
    expect(lines.map((line) => [line.agreementId, line.rateBps, line.amountMinor])).toEqual([
      ['agr-1', 500, 10_000],
      ['agr-2', 800, 16_000],
    ]);
  });

  it('pays commission on the basis the agreement names: a paid agreement ignores bookings', () => {
    const { lines } = computeStatementLines(
      agency,
      context({
        terms: [terms({ commissionBasis: CommissionBasis.PAID })],
        facts: [booking(), booking({ factId: 'pay-1', basis: CommissionBasis.PAID, amountMinor: 400_000 })],
      }),
    );
    expect(lines.map((line) => [line.sourceFactId, line.amountMinor])).toEqual([['pay-1', 12_000]]);
  });

  describe('split credit', () => {
    const split = booking({
      amountMinor: 1_000_001,
      credits: [
        { vendorId: VENDOR, repId: 'rep-1', shareBps: 6000 },
        { vendorId: VENDOR, repId: 'rep-2', shareBps: 4000 },
      ],
    });

    it('credits 60/40 exactly (600 001 + 400 000 fen) and pays 5 % of each share', () => {
      const { lines } = computeStatementLines(
        agency,
        context({ facts: [split], attainmentPercent: new Map([['2026-07', 90]]) }),
      );
      // 5 % of 600 001 = 30 000.05 → 30 000 fen; 5 % of 400 000 = 20 000 fen.
      expect(lines.map((line) => [line.repId, line.basisMinor, line.shareBps, line.amountMinor])).toEqual([
        ['rep-1', 600_001, 6000, 30_000],
        ['rep-2', 400_000, 4000, 20_000],
      ]);
    });

    it('settles an independent rep on their own share only', () => {
      const { lines } = computeStatementLines(
        { vendorId: VENDOR, repId: 'rep-2' },
        context({ facts: [split], attainmentPercent: new Map([['2026-07', 90]]) }),
      );
      expect(lines.map((line) => [line.repId, line.amountMinor])).toEqual([['rep-2', 20_000]]);
    });

    it('refuses a split that adds up to 110 %', () => {
      const bad = booking({
        credits: [
          { vendorId: VENDOR, repId: 'rep-1', shareBps: 7000 },
          { vendorId: VENDOR, repId: 'rep-2', shareBps: 4000 },
        ],
      });
      expect(codeOf(() => computeStatementLines(agency, context({ facts: [bad] })))).toBe(
        'SETTLEMENT_CREDIT_SPLIT_INVALID',
      );
    });
  });

  describe('clawback', () => {
    // Commission of 300.00 CNY earned on 2 May; 2 May + 90 days = 31 July.
    const earlier = {
      lineId: 'line-may',
      contractId: 'contract-1',
      factDate: '2026-05-02',
      amountMinor: 30_000,
      currency: 'CNY',
      rateBps: 300,
      tier: null,
      clawbackDays: 90,
      clawedBack: false,
    };

    it('takes the commission back when the contract ends on the 90th day of a 90-day window', () => {
      const { lines } = computeStatementLines(
        agency,
        context({ earlierLines: [earlier], endings: [{ contractId: 'contract-1', endedOn: '2026-07-31' }] }),
      );
      expect(lines).toEqual([
        expect.objectContaining({
          kind: SettlementLineKind.CLAWBACK,
          amountMinor: -30_000,
          originalLineId: 'line-may',
          sourceContractId: 'contract-1',
        }),
      ]);
    });

    it('keeps the commission when the contract ends one day outside the window (91 days)', () => {
      const { lines } = computeStatementLines(
        agency,
        context({
          period: period('2026-08'),
          earlierLines: [earlier],
          endings: [{ contractId: 'contract-1', endedOn: '2026-08-01' }],
        }),
      );
      expect(lines).toEqual([]);
    });

    it('never claws the same line back twice', () => {
      const { lines } = computeStatementLines(
        agency,
        context({
          earlierLines: [{ ...earlier, clawedBack: true }],
          endings: [{ contractId: 'contract-1', endedOn: '2026-07-01' }],
        }),
      );
      expect(lines).toEqual([]);
    });
  });

  describe('retainer', () => {
    const hufTerms = terms({ startsOn: '2026-06-17', retainerFeeMinor: 25_000_000, feeCurrency: 'HUF' });

    it('pays 14 of 30 days for an agreement starting on 17 June: 250 000 Ft × 14/30 = 116 666.67 → 116 667 Ft', () => {
      const { lines } = computeStatementLines(
        agency,
        context({ period: period('2026-06'), terms: [hufTerms] }),
      );
      expect(lines).toEqual([
        expect.objectContaining({
          kind: SettlementLineKind.RETAINER,
          sourceMonth: '2026-06',
          amountMinor: 11_666_700,
          currency: 'HUF',
          note: '14 of 30 days in force',
        }),
      ]);
    });

    it('pays the whole retainer in a full month', () => {
      const { lines } = computeStatementLines(agency, context({ terms: [hufTerms] }));
      expect(lines[0].amountMinor).toBe(25_000_000);
    });

    it('pays each month of a quarter separately', () => {
      const { lines } = computeStatementLines(
        agency,
        context({ period: period('2026-Q2'), terms: [hufTerms] }),
      );
      expect(lines.map((line) => [line.sourceMonth, line.amountMinor])).toEqual([['2026-06', 11_666_700]]);
    });
  });

  describe('rounding to what can be paid', () => {
    it('rounds HUF commission to whole forints: 5 % of 12 345.67 Ft = 617.28 → 617 Ft', () => {
      const { lines } = computeStatementLines(
        agency,
        context({
          terms: [terms({ feeCurrency: 'HUF' })],
          facts: [booking({ amountMinor: 1_234_567, currency: 'HUF' })],
          attainmentPercent: new Map([['2026-07', 80]]),
        }),
      );
      expect(lines[0].amountMinor).toBe(61_700);
    });

    it('rounds CNY commission to the fen: 5 % of 12 345.67 CNY = 617.2835 → 617.28', () => {
      const { lines } = computeStatementLines(
        agency,
        context({
          facts: [booking({ amountMinor: 1_234_567 })],
          attainmentPercent: new Map([['2026-07', 80]]),
        }),
      );
      expect(lines[0].amountMinor).toBe(61_728);
    });

    it('keeps one total per currency', () => {
      const { totals } = computeStatementLines(
        agency,
        context({
          facts: [booking(), booking({ factId: 'huf', amountMinor: 1_000_000, currency: 'HUF' })],
        }),
      );
      expect(totals).toEqual([
        { currency: 'CNY', amountMinor: 30_000 },
        { currency: 'HUF', amountMinor: 30_000 },
      ]);
    });
  });

  it('pays a per-lead fee only for the lead event the agreement names, inside the period', () => {
    const { lines } = computeStatementLines(
      agency,
      context({
        terms: [terms({ perLeadFeeMinor: 5_000, perLeadFeeKind: PerLeadFeeKind.QUALIFIED })],
        leadEvents: [
          {
            leadId: 'lead-1',
            kind: PerLeadFeeKind.QUALIFIED,
            date: '2026-07-03',
            vendorId: VENDOR,
            repId: 'rep-1',
          },
          {
            leadId: 'lead-2',
            kind: PerLeadFeeKind.ACCEPTED,
            date: '2026-07-04',
            vendorId: VENDOR,
            repId: 'rep-1',
          },
          {
            leadId: 'lead-3',
            kind: PerLeadFeeKind.QUALIFIED,
            date: '2026-08-01',
            vendorId: VENDOR,
            repId: 'rep-1',
          },
        ],
      }),
    );
    expect(lines.map((line) => [line.kind, line.sourceLeadId, line.amountMinor])).toEqual([
      [SettlementLineKind.PER_LEAD_FEE, 'lead-1', 5_000],
    ]);
  });

  describe('adjustments after locking', () => {
    it('settles a payment of a locked month in the next statement at that month’s rate, naming the locked line', () => {
      const { lines } = computeStatementLines(
        agency,
        context({
          facts: [booking({ factId: 'late', date: '2026-06-20', amountMinor: 200_000 })],
          attainmentPercent: new Map([
            ['2026-06', 85],
            ['2026-07', 120],
          ]),
          earlierLines: [
            {
              lineId: 'line-june',
              contractId: 'contract-1',
              factDate: '2026-06-02',
              amountMinor: 5_000,
              currency: 'CNY',
              rateBps: 500,
              tier: 'from 80 %',
              clawbackDays: 90,
              clawedBack: false,
            },
          ],
        }),
      );
      // June's 85 % pays 5 %: 5 % of 2 000.00 = 100.00 CNY.
      expect(lines).toEqual([
        expect.objectContaining({
          kind: SettlementLineKind.ADJUSTMENT,
          amountMinor: 10_000,
          rateBps: 500,
          originalLineId: 'line-june',
        }),
      ]);
    });

    it('carries an accepted dispute into the statement as an adjustment naming the disputed line', () => {
      const { lines, totals } = computeStatementLines(
        agency,
        context({
          facts: [booking()],
          pendingAdjustments: [
            {
              adjustmentId: 'adj-1',
              originalLineId: 'line-x',
              amountMinor: -1_000,
              currency: 'CNY',
              note: 'wrong rate',
            },
          ],
        }),
      );
      expect(lines.map((line) => [line.kind, line.amountMinor, line.originalLineId])).toEqual([
        [SettlementLineKind.COMMISSION, 30_000, null],
        [SettlementLineKind.ADJUSTMENT, -1_000, 'line-x'],
      ]);
      expect(totals).toEqual([{ currency: 'CNY', amountMinor: 29_000 }]);
    });
  });
});
