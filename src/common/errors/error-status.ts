import { HttpStatus } from '@nestjs/common';
import { ErrorCode } from './error-codes';

/**
 * The one table from error code to HTTP status. Exhaustive by type: a new code without a status does not
 * compile. A throw site names the code only; the problem+json filter and the OpenAPI document
 * (`@ApiProblems`) both read the status from here.
 *
 * 400 malformed or invalid input · 401 no valid credentials · 403 the role may not · 404 not found or
 * outside the caller's scope · 409 conflicts with the current state of stored data · 412 stale If-Match ·
 * 422 understood but refused by a business rule (cross-field rules, unknown references, inactive reps).
 */
export const ERROR_STATUS: Record<ErrorCode, HttpStatus> = {
  [ErrorCode.VALIDATION_FAILED]: HttpStatus.BAD_REQUEST,
  [ErrorCode.MALFORMED_REQUEST]: HttpStatus.BAD_REQUEST,
  [ErrorCode.INVALID_CURSOR]: HttpStatus.BAD_REQUEST,
  [ErrorCode.UNAUTHENTICATED]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.INVALID_CREDENTIALS]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.TOO_MANY_LOGIN_FAILURES]: HttpStatus.TOO_MANY_REQUESTS,
  [ErrorCode.FORBIDDEN]: HttpStatus.FORBIDDEN,
  [ErrorCode.NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ErrorCode.ROUTE_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ErrorCode.METHOD_NOT_ALLOWED]: HttpStatus.METHOD_NOT_ALLOWED,
  [ErrorCode.CONFLICT]: HttpStatus.CONFLICT,
  [ErrorCode.UNIQUE_VIOLATION]: HttpStatus.CONFLICT,
  [ErrorCode.REFERENCED_ROW_MISSING]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.ROW_STILL_REFERENCED]: HttpStatus.CONFLICT,
  [ErrorCode.VERSION_MISMATCH]: HttpStatus.PRECONDITION_FAILED,
  [ErrorCode.IDEMPOTENCY_KEY_REUSED]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.IDEMPOTENCY_REQUEST_IN_PROGRESS]: HttpStatus.CONFLICT,
  [ErrorCode.PAYLOAD_TOO_LARGE]: HttpStatus.PAYLOAD_TOO_LARGE,
  [ErrorCode.UNSUPPORTED_MEDIA_TYPE]: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  [ErrorCode.TOO_MANY_REQUESTS]: HttpStatus.TOO_MANY_REQUESTS,
  [ErrorCode.SERVICE_UNAVAILABLE]: HttpStatus.SERVICE_UNAVAILABLE,
  [ErrorCode.INTERNAL_ERROR]: HttpStatus.INTERNAL_SERVER_ERROR,
  [ErrorCode.EMAIL_TAKEN]: HttpStatus.CONFLICT,

  [ErrorCode.CHECK_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ErrorCode.CHECK_ALREADY_RUNNING]: HttpStatus.CONFLICT,
  [ErrorCode.ALERT_NOT_OPEN]: HttpStatus.CONFLICT,
  [ErrorCode.WEBHOOK_HOST_NOT_ALLOWED]: HttpStatus.UNPROCESSABLE_ENTITY,

  [ErrorCode.PRODUCT_LINE_UNKNOWN]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.PRODUCT_UNKNOWN]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.PRICE_FLOOR_ABOVE_LIST]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.BUNDLE_BELOW_FLOOR_SUM]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.BUNDLE_CURRENCY_MISMATCH]: HttpStatus.UNPROCESSABLE_ENTITY,

  [ErrorCode.REGION_UNKNOWN]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.REGION_PARENT_INVALID]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.INDUSTRY_UNKNOWN]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.SALES_UNIT_UNKNOWN]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.SALES_UNIT_CYCLE]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.VENDOR_UNKNOWN]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.REP_UNKNOWN]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.VENDOR_STATUS_TRANSITION_INVALID]: HttpStatus.CONFLICT,
  [ErrorCode.VENDOR_TERMINATED]: HttpStatus.CONFLICT,
  [ErrorCode.VENDOR_NOT_MANAGED]: HttpStatus.FORBIDDEN,
  // Cross-field rules are business-rule refusals (422), not malformed input (400).
  [ErrorCode.AGREEMENT_ENDS_BEFORE_START]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.AGREEMENT_OVERLAP]: HttpStatus.CONFLICT,
  [ErrorCode.AGREEMENT_FEE_INVALID]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.CONFLICT_ALREADY_CLEARED]: HttpStatus.CONFLICT,

  [ErrorCode.LEAD_DUPLICATE]: HttpStatus.CONFLICT,
  // Intake and profile edits alike: the company clashes with a stored customer.
  [ErrorCode.EXISTING_CUSTOMER]: HttpStatus.CONFLICT,
  [ErrorCode.LEAD_NO_INTENT]: HttpStatus.CONFLICT,
  [ErrorCode.LEAD_REFERENCE_UNKNOWN]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.LEAD_STATUS_TRANSITION_INVALID]: HttpStatus.CONFLICT,
  [ErrorCode.LEAD_CLOSED]: HttpStatus.CONFLICT,
  [ErrorCode.LEAD_MERGE_INVALID]: HttpStatus.CONFLICT,
  [ErrorCode.LEAD_GRADING_SETTINGS_INVALID]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.LEAD_PIPELINE_SETTINGS_INVALID]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.LEAD_NOT_QUALIFIED]: HttpStatus.CONFLICT,
  [ErrorCode.NAMED_ACCOUNT_DUPLICATE]: HttpStatus.CONFLICT,
  // A saved mapping naming an OSM field that does not exist, or missing a required one.
  [ErrorCode.IMPORT_MAPPING_INVALID]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.IMPORT_MAPPING_NAME_TAKEN]: HttpStatus.CONFLICT,
  // The shipped presets cannot be changed or removed; copy one under a new name instead.
  [ErrorCode.IMPORT_MAPPING_READ_ONLY]: HttpStatus.CONFLICT,

  // An inactive rep is refused alike wherever it is named: filing call reports, routing, pool hand-outs.
  [ErrorCode.CALL_REPORT_REP_INACTIVE]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.PLAUSIBILITY_FLAG_ALREADY_DISMISSED]: HttpStatus.CONFLICT,

  [ErrorCode.ROUTING_TARGET_INVALID]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.ROUTING_TARGET_NOT_ROUTABLE]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.REP_INACTIVE]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.REP_AT_CAPACITY]: HttpStatus.CONFLICT,
  [ErrorCode.REP_NOT_CERTIFIED]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.CERTIFICATION_OVERRIDE_FORBIDDEN]: HttpStatus.FORBIDDEN,
  [ErrorCode.LEAD_NOT_OWNED]: HttpStatus.CONFLICT,
  [ErrorCode.LEAD_NOT_ELIGIBLE]: HttpStatus.CONFLICT,
  [ErrorCode.LEAD_NOT_IN_POOL]: HttpStatus.CONFLICT,
  [ErrorCode.POOL_UNKNOWN]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.POOL_CLOSED]: HttpStatus.CONFLICT,
  [ErrorCode.POOL_IS_DEFAULT]: HttpStatus.CONFLICT,
  [ErrorCode.POOL_CLAIM_LIMIT_REACHED]: HttpStatus.CONFLICT,
  [ErrorCode.POOL_CLAIM_COOLDOWN]: HttpStatus.CONFLICT,
  [ErrorCode.POOL_HOLDING_CAP_REACHED]: HttpStatus.CONFLICT,

  // Refused at the boundary before any module sees the request.
  [ErrorCode.INPUT_NESTED_TOO_DEEP]: HttpStatus.BAD_REQUEST,
  [ErrorCode.TEXT_INVALID_CHARACTER]: HttpStatus.BAD_REQUEST,
  [ErrorCode.BODY_NOT_AN_OBJECT]: HttpStatus.BAD_REQUEST,
  [ErrorCode.URI_TOO_LONG]: HttpStatus.URI_TOO_LONG,
  // 431 Request Header Fields Too Large has no HttpStatus member.
  [ErrorCode.HEADERS_TOO_LARGE]: 431 as HttpStatus,
  [ErrorCode.REQUEST_TIMEOUT]: HttpStatus.REQUEST_TIMEOUT,
  [ErrorCode.PASSWORD_RESET_TOKEN_INVALID]: HttpStatus.UNPROCESSABLE_ENTITY,

  [ErrorCode.CONTRACT_STATUS_TRANSITION_INVALID]: HttpStatus.CONFLICT,
  [ErrorCode.CONTRACT_APPROVAL_REQUIRED]: HttpStatus.CONFLICT,
  [ErrorCode.CONTRACT_APPROVAL_NOT_PENDING]: HttpStatus.CONFLICT,
  [ErrorCode.CONTRACT_NOT_EDITABLE]: HttpStatus.CONFLICT,
  [ErrorCode.CONTRACT_ALREADY_RENEWED]: HttpStatus.CONFLICT,
  [ErrorCode.CONTRACT_OUT_OF_SCOPE]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.CONTRACT_CURRENCY_MISMATCH]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.CONTRACT_CREDITS_INVALID]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.CONTRACT_SELLER_INVALID]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.CONTRACT_CUSTOMER_REQUIRED]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.CONTRACT_ENDS_BEFORE_START]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.EXCHANGE_RATE_INVALID]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.BUNDLE_UNKNOWN]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.CUSTOMER_UNKNOWN]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.PAYMENT_EXTERNAL_ID_CONFLICT]: HttpStatus.CONFLICT,
  [ErrorCode.INVOICE_EXTERNAL_ID_CONFLICT]: HttpStatus.CONFLICT,
  [ErrorCode.INVOICE_DATES_INVALID]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.FULFILMENT_REVIEW_INVALID]: HttpStatus.UNPROCESSABLE_ENTITY,

  [ErrorCode.TARGET_PERIOD_INVALID]: HttpStatus.BAD_REQUEST,
  [ErrorCode.TARGET_CURRENCY_REQUIRED]: HttpStatus.BAD_REQUEST,
  [ErrorCode.TARGET_TIERS_OUT_OF_ORDER]: HttpStatus.BAD_REQUEST,
  [ErrorCode.TARGET_REVISION_REASON_REQUIRED]: HttpStatus.BAD_REQUEST,
  [ErrorCode.TARGET_DECOMPOSITION_INVALID]: HttpStatus.BAD_REQUEST,
  // A cross-field rule (the child's currency against its parent's), so 422 like every cross-field rule.
  [ErrorCode.TARGET_CURRENCY_MISMATCH]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.TARGET_OWN_NODE]: HttpStatus.FORBIDDEN,
  [ErrorCode.TARGET_NOT_BELOW_OWN_NODE]: HttpStatus.FORBIDDEN,
  [ErrorCode.TARGET_LOCKED]: HttpStatus.CONFLICT,
  [ErrorCode.TARGET_STATUS_TRANSITION_INVALID]: HttpStatus.CONFLICT,
  [ErrorCode.TARGET_HAS_CHILDREN]: HttpStatus.CONFLICT,
  [ErrorCode.TARGET_PERIOD_OUTSIDE_PARENT]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.TARGET_METRIC_MISMATCH]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.TARGET_OWNER_UNKNOWN]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.TARGET_SPLIT_AXIS_MISMATCH]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.TARGET_CYCLE]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.TARGET_CHILDREN_DO_NOT_SUM]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.TARGET_WEIGHTS_SUM_TO_ZERO]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.TARGET_PROFILE_NOT_100]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.TARGET_ACTIVITY_PLAN_UNSUPPORTED]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.TARGET_PROFILE_UNKNOWN]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.TARGET_ACTUAL_NODE_UNKNOWN]: HttpStatus.UNPROCESSABLE_ENTITY,

  [ErrorCode.VENDOR_SUSPENDED]: HttpStatus.FORBIDDEN,
  [ErrorCode.REP_LOGIN_EXISTS]: HttpStatus.CONFLICT,
  [ErrorCode.VENDOR_ONBOARDING_INCOMPLETE]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.SELECTION_WEIGHTS_INVALID]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.AGREEMENT_KPI_INVALID]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.CANDIDATE_STATUS_TRANSITION_INVALID]: HttpStatus.CONFLICT,

  [ErrorCode.SETTLEMENT_STATEMENT_LOCKED]: HttpStatus.CONFLICT,
  [ErrorCode.SETTLEMENT_STATEMENT_STATE_INVALID]: HttpStatus.CONFLICT,
  [ErrorCode.SETTLEMENT_PERIOD_OVERLAP]: HttpStatus.CONFLICT,
  [ErrorCode.SETTLEMENT_DISPUTE_STATE_INVALID]: HttpStatus.CONFLICT,
  [ErrorCode.SETTLEMENT_CREDIT_SPLIT_INVALID]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.SETTLEMENT_CURRENCY_MIXED]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.SETTLEMENT_PAYEE_INVALID]: HttpStatus.UNPROCESSABLE_ENTITY,

  [ErrorCode.SCORECARD_DEFINITION_INVALID]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.COMPLAINT_STATUS_INVALID]: HttpStatus.CONFLICT,
  [ErrorCode.COMPLAINT_CONTRACT_MISMATCH]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.SURVEY_ALREADY_ANSWERED]: HttpStatus.CONFLICT,
  [ErrorCode.SURVEY_EXPIRED]: HttpStatus.GONE,
  [ErrorCode.SURVEY_REP_MISSING]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.SURVEY_RATE_LIMITED]: HttpStatus.TOO_MANY_REQUESTS,
  [ErrorCode.VENDOR_REVIEW_EXISTS]: HttpStatus.CONFLICT,
  [ErrorCode.GRADE_OVERRIDE_INVALID]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.LEADERBOARD_SCOPE_INVALID]: HttpStatus.BAD_REQUEST,
  [ErrorCode.CONTEST_NO_PARTICIPANT]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.CONTEST_PRIZE_TIERS_INVALID]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.PERIOD_INVALID]: HttpStatus.BAD_REQUEST,

  [ErrorCode.REPORT_TOO_MANY_DIMENSIONS]: HttpStatus.BAD_REQUEST,
  [ErrorCode.REPORT_RANGE_TOO_LONG]: HttpStatus.BAD_REQUEST,
  [ErrorCode.REPORT_MEASURE_DIMENSION_UNSUPPORTED]: HttpStatus.BAD_REQUEST,
  [ErrorCode.REPORT_EXPORT_TOO_LARGE]: HttpStatus.BAD_REQUEST,
  [ErrorCode.REPORT_DASHBOARD_LINK_INVALID]: HttpStatus.UNAUTHORIZED,

  [ErrorCode.AUDIENCE_INVALID]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.ARTICLE_KIND_FIELDS_INVALID]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.PLAYBOOK_EXISTS]: HttpStatus.CONFLICT,
  [ErrorCode.CONTRACT_UNKNOWN]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.CURRICULUM_NOT_ENROLLED]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.CURRICULUM_ARTICLES_UNREAD]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.CURRICULUM_ARTICLE_INVALID]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.DATA_SUBJECT_NOT_FOUND]: HttpStatus.NOT_FOUND,
};

export function statusOf(code: ErrorCode): HttpStatus {
  return ERROR_STATUS[code];
}

/** The codes answered with `status`, in catalogue order. */
export function codesWithStatus(status: number): ErrorCode[] {
  return (Object.keys(ERROR_STATUS) as ErrorCode[]).filter((code) => Number(ERROR_STATUS[code]) === status);
}
