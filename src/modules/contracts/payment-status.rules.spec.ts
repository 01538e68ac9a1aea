import { PaymentStatus } from './contract-milestone.entity';
import { invoicedMinorOf, paymentStatusOf, PaymentFacts } from './payment-status.rules';

/** A 198 000 fen contract: two invoices of 99 000, the first due 2026-03-01, the second 2026-06-01. */
const base: PaymentFacts = {
  totalMinor: 198000,
  invoicedMinor: 0,
  paidMinor: 0,
  overdueMilestones: 0,
  invoicedDueMinor: 0,
};

describe('payment status with posted invoices', () => {
  it('nothing invoiced nor paid is unbilled', () => {
    expect(paymentStatusOf(base)).toBe(PaymentStatus.UNBILLED);
  });

  it('both invoices posted, none due yet, is invoiced (198 000 invoiced)', () => {
    expect(paymentStatusOf({ ...base, invoicedMinor: 198000 })).toBe(PaymentStatus.INVOICED);
  });

  it('the first invoice past due with nothing paid is overdue (0 < 99 000 due)', () => {
    expect(paymentStatusOf({ ...base, invoicedMinor: 198000, invoicedDueMinor: 99000 })).toBe(
      PaymentStatus.OVERDUE,
    );
  });

  it('the first invoice past due and paid in part is still overdue (60 000 < 99 000)', () => {
    expect(
      paymentStatusOf({ ...base, invoicedMinor: 198000, invoicedDueMinor: 99000, paidMinor: 60000 }),
    ).toBe(PaymentStatus.OVERDUE);
  });

  it('the first invoice past due and covered is partly paid (99 000 ≥ 99 000, below 198 000)', () => {
    expect(
      paymentStatusOf({ ...base, invoicedMinor: 198000, invoicedDueMinor: 99000, paidMinor: 99000 }),
    ).toBe(PaymentStatus.PARTLY_PAID);
  });

  it('both invoices past due and the total paid is paid', () => {
    expect(
      paymentStatusOf({ ...base, invoicedMinor: 198000, invoicedDueMinor: 198000, paidMinor: 198000 }),
    ).toBe(PaymentStatus.PAID);
  });

  it('a milestone open past due is overdue even with invoices covered', () => {
    expect(paymentStatusOf({ ...base, overdueMilestones: 1, paidMinor: 10000 })).toBe(PaymentStatus.OVERDUE);
  });

  it('posted invoices replace done invoice milestones as the invoiced figure', () => {
    expect(invoicedMinorOf(99000, 198000)).toBe(99000);
    expect(invoicedMinorOf(0, 198000)).toBe(198000);
  });
});
