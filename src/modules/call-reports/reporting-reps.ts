import { QuotaSet } from './quota-compliance.rules';

/** What call reports need to know of a rep, read in one query for many reps. */
export interface ReportingRep {
  repId: string;
  vendorId: string;
  fullName: string;
  active: boolean;
  /** IANA time zone: days and weeks are counted in it. */
  timezone: string;
  /** ISO country code of the rep's calendar (the vendor's country). */
  countryCode: string;
  /** Effective quotas: the rep's own, else the vendor's active agreement default. */
  quotas: QuotaSet;
}
