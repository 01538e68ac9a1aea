import { addDays, type LocalDate } from '../../common/calendar/working-days';

/** What a customer complains about. */
export enum ComplaintCategory {
  PRODUCT_QUALITY = 'product_quality',
  DELIVERY = 'delivery',
  SERVICE = 'service',
  BILLING = 'billing',
  SALES_CONDUCT = 'sales_conduct',
  OTHER = 'other',
}

/** A complaint is looked into, then resolved; it never goes back. */
export enum ComplaintStatus {
  OPEN = 'open',
  INVESTIGATING = 'investigating',
  RESOLVED = 'resolved',
}

const NEXT_STATUS: Record<ComplaintStatus, ComplaintStatus | null> = {
  [ComplaintStatus.OPEN]: ComplaintStatus.INVESTIGATING,
  [ComplaintStatus.INVESTIGATING]: ComplaintStatus.RESOLVED,
  [ComplaintStatus.RESOLVED]: null,
};

/** The one legal move from `from` is to the next status; staying, skipping and going back are not. */
export function isLegalComplaintMove(from: ComplaintStatus, to: ComplaintStatus): boolean {
  return NEXT_STATUS[from] === to;
}

export function nextComplaintStatus(from: ComplaintStatus): ComplaintStatus | null {
  return NEXT_STATUS[from];
}

/** Working days a complaint has for its answer when no setting was stored. */
export const DEFAULT_COMPLAINT_RESPONSE_WORKING_DAYS = 2;
export const MAX_COMPLAINT_RESPONSE_WORKING_DAYS = 30;
/** Office hours a complaint may be given at most (thirty office days). */
export const MAX_COMPLAINT_RESPONSE_WORKING_HOURS = 240;

/**
 * The response deadline: the same time of day, `workingDays` working days after the day the complaint
 * came in (in the seller's calendar). A complaint received on a Friday with 2 working days is due on
 * Tuesday at the same hour; one received on a Saturday counts from Monday, so it is due on Wednesday.
 * Calendar days are 24 hours here: a daylight-saving change inside the span moves the hour by one.
 */
export function complaintDeadline(
  receivedAt: Date,
  receivedOn: LocalDate,
  workingDays: number,
  isWorkingDay: (date: LocalDate) => boolean,
): Date {
  let day = receivedOn;
  let counted = 0;
  let spanDays = 0;
  while (counted < workingDays) {
    day = addDays(day, 1);
    spanDays += 1;
    if (isWorkingDay(day)) counted += 1;
  }
  return new Date(receivedAt.getTime() + spanDays * 86_400_000);
}

/** How far a complaint's deadline has to run into the calendar at most (for loading holidays once). */
export function deadlineHorizonDays(workingDays: number, workingHours: number | null = null): number {
  if (workingHours !== null) workingDays = Math.ceil(workingHours / 8) + 1;
  // Two weeks of holidays on top of weekends, generously.
  return workingDays * 3 + 21;
}
