/** Thresholds of the plausibility checks; configurable per installation (see AppConfig). */
export interface PlausibilityRules {
  /** A call shorter than this many seconds counts as very short. */
  shortCallSeconds: number;
  /** This many very short calls in a row (no other call between) flag each of them. */
  shortCallStreak: number;
  /** Faster than this between two visits is impossible travel. */
  maxTravelSpeedKmh: number;
  /** Visits closer than this are never impossible travel (same building, GPS noise). */
  minTravelDistanceKm: number;
  /** A report filed more than this many hours after the fact is late. */
  maxReportLagHours: number;
}

export const DEFAULT_PLAUSIBILITY_RULES: PlausibilityRules = {
  shortCallSeconds: 20,
  shortCallStreak: 5,
  maxTravelSpeedKmh: 150,
  minTravelDistanceKm: 2,
  maxReportLagHours: 72,
};

const EARTH_RADIUS_KM = 6371.0088;
const toRadians = (degrees: number) => (degrees * Math.PI) / 180;

export interface GeoPoint {
  latitude: number;
  longitude: number;
}

/** Great-circle distance between two points in kilometres. */
export function haversineKm(a: GeoPoint, b: GeoPoint): number {
  const dLat = toRadians(b.latitude - a.latitude);
  const dLon = toRadians(b.longitude - a.longitude);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(toRadians(a.latitude)) * Math.cos(toRadians(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The same formula in SQL, for set-based checks over many visits. Arguments are SQL expressions. */
export function haversineKmSql(lat1: string, lon1: string, lat2: string, lon2: string): string {
  return `(2 * ${EARTH_RADIUS_KM} * asin(least(1, sqrt(
    power(sin(radians(${lat2} - ${lat1}) / 2), 2)
    + cos(radians(${lat1})) * cos(radians(${lat2})) * power(sin(radians(${lon2} - ${lon1}) / 2), 2)))))`;
}

/**
 * Is getting from one visit to the next impossible? `gapSeconds` runs from the end of the first visit
 * to the start of the next; no gap at all with a real distance is impossible too.
 */
export function isImpossibleTravel(
  distanceKm: number,
  gapSeconds: number,
  rules: PlausibilityRules,
): boolean {
  if (distanceKm < rules.minTravelDistanceKm) return false;
  if (gapSeconds <= 0) return true;
  return distanceKm / (gapSeconds / 3600) > rules.maxTravelSpeedKmh;
}

export function isLateReport(occurredAt: Date, reportedAt: Date, rules: PlausibilityRules): boolean {
  return reportedAt.getTime() - occurredAt.getTime() > rules.maxReportLagHours * 3_600_000;
}
