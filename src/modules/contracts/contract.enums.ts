/** Where a contract is in its life. See contract-status.ts for the legal moves. */
export enum ContractStatus {
  DRAFT = 'draft',
  PENDING_APPROVAL = 'pending_approval',
  SIGNED = 'signed',
  ACTIVE = 'active',
  FULFILLED = 'fulfilled',
  EXPIRED = 'expired',
  TERMINATED = 'terminated',
}

/** Whether a below-floor contract has a manager's decision. */
export enum ContractApproval {
  NOT_REQUIRED = 'not_required',
  PENDING = 'pending',
  APPROVED = 'approved',
  REJECTED = 'rejected',
}

/** Structured reasons a deal was won (the won-deal write-up). */
export enum WinFactor {
  PRICE = 'price',
  RELATIONSHIP = 'relationship',
  PRODUCT_FIT = 'product_fit',
  SERVICE = 'service',
  SPEED = 'speed',
  OTHER = 'other',
}

/** Money movements the ERP posts against a contract. */
export enum PaymentKind {
  PAYMENT = 'payment',
  REFUND = 'refund',
}

/** How often a contract's fulfilment is reviewed with the customer. */
export enum ReviewCycle {
  MONTHLY = 'monthly',
  QUARTERLY = 'quarterly',
  HALF_YEARLY = 'half_yearly',
  YEARLY = 'yearly',
}

/** The customer's health as a fulfilment review judges it. */
export enum CustomerHealth {
  GREEN = 'green',
  AMBER = 'amber',
  RED = 'red',
}

/** Where a contract's money stands, from its invoice and payment milestones and its posted payments. */
export enum PaymentStatus {
  UNBILLED = 'unbilled',
  INVOICED = 'invoiced',
  PARTLY_PAID = 'partly_paid',
  PAID = 'paid',
  OVERDUE = 'overdue',
}
