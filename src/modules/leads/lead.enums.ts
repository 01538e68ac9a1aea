/** Channel a lead came in through. */
export enum LeadSource {
  API = 'api',
  IMPORT = 'import',
  WEB_FORM = 'web_form',
  APP = 'app',
  H5 = 'h5',
  PC = 'pc',
  INVOICE = 'invoice',
  REFERRAL = 'referral',
  EVENT = 'event',
  PARTNER = 'partner',
}

export enum LeadStatus {
  NEW = 'new',
  ASSIGNED = 'assigned',
  CONTACTED = 'contacted',
  QUALIFIED = 'qualified',
  NEGOTIATING = 'negotiating',
  WON = 'won',
  LOST = 'lost',
  REJECTED = 'rejected',
}

export enum LeadGrade {
  HIGH = 'high',
  MEDIUM = 'medium',
  LOW = 'low',
  DEAD = 'dead',
}

export enum CompanySizeBand {
  MICRO = 'micro',
  SMALL = 'small',
  MEDIUM = 'medium',
  LARGE = 'large',
  ENTERPRISE = 'enterprise',
}

export enum LostReason {
  PRICE = 'price',
  COMPETITOR = 'competitor',
  NO_BUDGET = 'no_budget',
  NO_NEED = 'no_need',
  NO_RESPONSE = 'no_response',
  OTHER = 'other',
}

/** Why a lead was refused before it was worked. `no_intent` also blocks the company's future intake. */
export enum RejectReason {
  NO_INTENT = 'no_intent',
  SPAM = 'spam',
  INVALID = 'invalid',
  OTHER = 'other',
}

export enum ActivityChannel {
  CALL = 'call',
  VISIT = 'visit',
  EMAIL = 'email',
  MEETING = 'meeting',
  MESSAGE = 'message',
  /** A written note on the lead (no contact with the customer); by the owner team it is a touch too. */
  NOTE = 'note',
}

/** What an entry of a lead's history records. */
export enum ActivityKind {
  INTAKE = 'intake',
  DUPLICATE_INTAKE = 'duplicate_intake',
  FOLLOW_UP = 'follow_up',
  STATUS_CHANGE = 'status_change',
  GRADE_CHANGE = 'grade_change',
  KEY_LEAD = 'key_lead',
  PLAN_CHANGE = 'plan_change',
  ASSIGNMENT = 'assignment',
  MERGE = 'merge',
  /** A call report filed against the lead (its id is in `details.callReportId`). */
  CALL_REPORT = 'call_report',
  DECLINE = 'decline',
  RECLAIM = 'reclaim',
  RECLAIM_WARNING = 'reclaim_warning',
  REVIVAL = 'revival',
}

export enum FollowUpPlanKind {
  EVERY_N_DAYS = 'every_n_days',
  WEEKLY = 'weekly',
  MONTHLY = 'monthly',
  DATES = 'dates',
}

/** The key a duplicate was recognised by, in the order they are tried. */
export enum DedupeKey {
  /** Customers only: the id in the ERP. */
  ERP_CUSTOMER_ID = 'erpCustomerId',
  TAX_ID = 'taxId',
  COMPANY_NAME = 'companyName',
  PHONE = 'phone',
  EMAIL = 'email',
}

/**
 * Why a caller reads a lead's contact persons (GDPR art. 5(1)(b), PIPL art. 6: purpose limitation). Every
 * read of unmasked contacts is recorded in the audit log with its purpose.
 */
export enum ContactReadPurpose {
  /** Working the lead: calls, visits, offers (the default). */
  SALES_FOLLOW_UP = 'sales_follow_up',
  CUSTOMER_SERVICE = 'customer_service',
  /** Dedupe, cleansing, ERP/CRM sync. */
  DATA_QUALITY = 'data_quality',
  /** A legal obligation or an authority's request. */
  LEGAL_OBLIGATION = 'legal_obligation',
  /** Answering the person's own access, correction or erasure request. */
  DATA_SUBJECT_REQUEST = 'data_subject_request',
}
