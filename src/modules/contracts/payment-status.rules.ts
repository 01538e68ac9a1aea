import { PaymentStatus } from './contract.enums';

/** The money facts of one contract on one day, all in its currency (integer minor units). */
export interface PaymentFacts {
  totalMinor: number;
  /** Posted invoices' sum; when the ERP posted none, the invoice milestones done. */
  invoicedMinor: number;
  /** Payments less refunds. */
  paidMinor: number;
  /** Invoice and payment milestones open past their due day. */
  overdueMilestones: number;
  /** Posted invoices due before today: payments below this sum leave an invoice past due unpaid. */
  invoicedDueMinor: number;
}

/** Posted invoices are the ERP's word and replace the invoice milestones as the invoiced figure. */
export function invoicedMinorOf(postedInvoicesMinor: number, invoiceMilestonesDoneMinor: number): number {
  return postedInvoicesMinor > 0 ? postedInvoicesMinor : invoiceMilestonesDoneMinor;
}

/**
 * The payment status rule (pure): paid when payments cover the total; else overdue when a milestone is
 * open past due or the invoices already due are not covered by payments (paid oldest first); else partly
 * paid when some money arrived; else invoiced; else unbilled.
 */
export function paymentStatusOf(facts: PaymentFacts): PaymentStatus {
  if (facts.totalMinor > 0 && facts.paidMinor >= facts.totalMinor) return PaymentStatus.PAID;
  if (facts.overdueMilestones > 0) return PaymentStatus.OVERDUE;
  if (facts.paidMinor < facts.invoicedDueMinor) return PaymentStatus.OVERDUE;
  if (facts.paidMinor > 0) return PaymentStatus.PARTLY_PAID;
  if (facts.invoicedMinor > 0) return PaymentStatus.INVOICED;
  return PaymentStatus.UNBILLED;
}
