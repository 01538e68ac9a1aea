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
  [ErrorCode.NAMED_ACCOUNT_DUPLICATE]: HttpStatus.CONFLICT,

  // An inactive rep is refused alike wherever it is named: filing call reports, routing, pool hand-outs.
  [ErrorCode.CALL_REPORT_REP_INACTIVE]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.PLAUSIBILITY_FLAG_ALREADY_DISMISSED]: HttpStatus.CONFLICT,

  [ErrorCode.ROUTING_TARGET_INVALID]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.ROUTING_TARGET_NOT_ROUTABLE]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.REP_INACTIVE]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.REP_AT_CAPACITY]: HttpStatus.CONFLICT,
  [ErrorCode.LEAD_NOT_OWNED]: HttpStatus.CONFLICT,
  [ErrorCode.LEAD_NOT_ELIGIBLE]: HttpStatus.CONFLICT,
  [ErrorCode.LEAD_NOT_IN_POOL]: HttpStatus.CONFLICT,
  [ErrorCode.POOL_UNKNOWN]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.POOL_CLAIM_LIMIT_REACHED]: HttpStatus.CONFLICT,
  [ErrorCode.POOL_CLAIM_COOLDOWN]: HttpStatus.CONFLICT,
  [ErrorCode.POOL_HOLDING_CAP_REACHED]: HttpStatus.CONFLICT,
};

export function statusOf(code: ErrorCode): HttpStatus {
  return ERROR_STATUS[code];
}

/** The codes answered with `status`, in catalogue order. */
export function codesWithStatus(status: number): ErrorCode[] {
  return (Object.keys(ERROR_STATUS) as ErrorCode[]).filter((code) => Number(ERROR_STATUS[code]) === status);
}
