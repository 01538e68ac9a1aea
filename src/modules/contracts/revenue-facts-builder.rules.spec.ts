import { buildRevenueFacts, ContractFactInput } from './revenue-facts-builder.rules';

const base: ContractFactInput = {
  id: 'c1',
  booked: true,
  currency: 'CNY',
  signedOn: '2026-03-10',
  endsOn: '2027-03-09',
  terminatedOn: null,
  fromLead: true,
  cycleDays: 40,
  regionCode: 'CN-GD',
  industry: 'manufacturing',
  lines: [
    { lineTotalMinor: 70000, productLineShares: [{ productLineId: 'A', weight: 1 }] },
    { lineTotalMinor: 30001, productLineShares: [{ productLineId: 'B', weight: 1 }] },
  ],
  credits: [
    { vendorId: 'v', repId: 'r1', salesUnitId: 'u', shareBps: 3333 },
    { vendorId: 'v', repId: 'r2', salesUnitId: 'u', shareBps: 6667 },
  ],
  payments: [{ id: 'p1', kind: 'payment', amountMinor: 50000, paidOn: '2026-04-01' }],
  firstOfCustomer: true,
  renewalSigned: false,
};

describe('revenue facts of a contract', () => {
  it('splits bookings by credit share exactly and counts the contract once, on the lead seller', () => {
    const bookings = buildRevenueFacts(base).filter((row) => row.measure === 'bookings');
    expect(bookings.reduce((sum, row) => sum + row.amountMinor, 0)).toBe(100001);
    expect(bookings.reduce((sum, row) => sum + row.contractCount, 0)).toBe(1);
    const lead = bookings.find((row) => row.contractCount === 1)!;
    expect(lead).toMatchObject({ repId: 'r2', productLineId: 'A' });
    // r2 holds 66.67 %: of line A 70 000 → 46 669; of line B 30 001 → 20 002
    const r2 = bookings.filter((row) => row.repId === 'r2');
    expect(r2.map((row) => [row.productLineId, row.amountMinor])).toEqual([
      ['A', 46669],
      ['B', 20002],
    ]);
  });

  it('puts payments on the paid day and refunds negative', () => {
    const facts = buildRevenueFacts({
      ...base,
      payments: [
        { id: 'p1', kind: 'payment', amountMinor: 50000, paidOn: '2026-04-01' },
        { id: 'p2', kind: 'refund', amountMinor: 10000, paidOn: '2026-05-01' },
      ],
    }).filter((row) => row.measure === 'revenue');
    const byDay = (day: string) =>
      facts.filter((row) => row.day === day).reduce((sum, row) => sum + row.amountMinor, 0);
    expect(byDay('2026-04-01')).toBe(50000);
    expect(byDay('2026-05-01')).toBe(-10000);
  });

  it('drops an early-terminated contract from renewal counts but keeps its bookings', () => {
    const facts = buildRevenueFacts({ ...base, terminatedOn: '2026-09-30' });
    expect(facts.some((row) => row.measure === 'up_for_renewal')).toBe(false);
    expect(facts.some((row) => row.measure === 'bookings')).toBe(true);
  });

  it('records the cycle days on the one counted won deal', () => {
    const won = buildRevenueFacts(base).filter((row) => row.measure === 'won_deals');
    expect(won.reduce((sum, row) => sum + row.cycleDays, 0)).toBe(40);
  });
});
