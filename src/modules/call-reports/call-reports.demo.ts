import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { workingDaySql } from '../../common/calendar/calendar.service';
import { addDays, todayIn } from '../../common/calendar/working-days';
import { CallReportOutcome, CallReportType } from './call-report.enums';
import { PlausibilityService } from './plausibility.service';
import { ReportingRepsService } from './reporting-reps.service';

const DEMO_WEEKS = 6;
const DEMO_REPORTER = '00000000-0000-4000-8000-0000000000de';

/** Each rep works at a steady share of their daily quota; a few fall short on purpose. */
const DILIGENCE = [1.15, 0.6, 1.0, 0.85, 1.25, 0.5, 1.05, 0.95, 0.7, 1.1];
const CITY = {
  CN: { latitude: 31.2304, longitude: 121.4737 }, // Shanghai
  HU: { latitude: 47.4979, longitude: 19.0402 }, // Budapest
} as const;

/**
 * Several weeks of call reports for every demo rep, generated in SQL in one statement (working days
 * only, in each rep's time zone), plus a handful of implausible patterns for the flag lists.
 */
const DEMO_REPORTS_SQL = `
INSERT INTO call_reports (rep_id, vendor_id, occurred_at, occurred_on, type, duration_seconds, customer_id,
  outcome, notes, next_step, next_step_on, latitude, longitude, location_name, reported_by, created_at, updated_at)
SELECT r.rep_id, r.vendor_id, t.at, (t.at AT TIME ZONE r.tz)::date, t.type,
       CASE t.type WHEN '${CallReportType.VISIT}' THEN 900 + (random() * 900)::int
                   WHEN '${CallReportType.EMAIL}' THEN 0
                   ELSE 60 + (random() * 600)::int END,
       CASE WHEN random() < 0.7 THEN gen_random_uuid() END,
       t.outcome, NULL,
       CASE WHEN t.outcome = '${CallReportOutcome.FOLLOW_UP_SET}' THEN 'Call back with the revised offer' END,
       CASE WHEN t.outcome = '${CallReportOutcome.FOLLOW_UP_SET}' THEN d::date + 3 END,
       CASE WHEN t.type = '${CallReportType.VISIT}' THEN r.lat + (random() - 0.5) * 0.2 END,
       CASE WHEN t.type = '${CallReportType.VISIT}' THEN r.lon + (random() - 0.5) * 0.2 END,
       NULL, $8::uuid, t.at + interval '2 hours', t.at + interval '2 hours'
  FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::float8[], $6::float8[], $7::float8[], $10::date[])
         AS r(rep_id, vendor_id, tz, country, per_day, lat, lon, last_day)
 CROSS JOIN generate_series($9::date, r.last_day, interval '1 day') d
 CROSS JOIN LATERAL generate_series(1, greatest(0, round(r.per_day + random() * 3 - 1.5))::int) k
 CROSS JOIN LATERAL (
   SELECT (d::date + time '09:00') AT TIME ZONE r.tz + k * interval '35 minutes' AS at,
          CASE WHEN k % 5 = 0 THEN '${CallReportType.VISIT}'
               WHEN k % 7 = 0 THEN '${CallReportType.MEETING}'
               WHEN k % 11 = 0 THEN '${CallReportType.EMAIL}'
               ELSE '${CallReportType.CALL}' END AS type,
          (ARRAY['${Object.values(CallReportOutcome).join("','")}'])[1 + (random() * 6)::int] AS outcome) t
 WHERE ${workingDaySql('r.country', 'd::date')}
RETURNING id`;

@Injectable()
export class CallReportsDemoSeeder {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reps: ReportingRepsService,
    private readonly plausibility: PlausibilityService,
  ) {}

  /** Seeds once, into an empty table; returns the number of reports written. */
  /** The idle rep stopped reporting `idleDays` ago; everyone else reported up to yesterday. */
  async seedDemoCallReports(demo: { repId: string; idleRepId: string; idleDays: number }): Promise<number> {
    const [{ any }] = await this.dataSource.query<{ any: boolean }[]>(
      'SELECT EXISTS (SELECT 1 FROM call_reports) AS any',
    );
    if (any) return 0;
    const reps = (await this.reps.findReps(this.dataSource.manager, { allVendors: true })).filter(
      (rep) => rep.active,
    );
    if (reps.length === 0) return 0;
    const today = todayIn('UTC');
    const from = addDays(today, -7 * DEMO_WEEKS);
    const to = addDays(today, -1);
    const city = (country: string) => CITY[country as keyof typeof CITY] ?? CITY.HU;
    return this.dataSource.transaction(async (em) => {
      const generated = await em.query<{ id: string }[]>(DEMO_REPORTS_SQL, [
        reps.map((rep) => rep.repId),
        reps.map((rep) => rep.vendorId),
        reps.map((rep) => rep.timezone),
        reps.map((rep) => rep.countryCode),
        // The demo rep falls a little short, so the demo login shows a quota gap.
        reps.map(
          (rep, index) =>
            (rep.quotas.dailyCalls ?? 6) *
            (rep.repId === demo.repId ? 0.75 : DILIGENCE[index % DILIGENCE.length]),
        ),
        reps.map((rep) => city(rep.countryCode).latitude),
        reps.map((rep) => city(rep.countryCode).longitude),
        DEMO_REPORTER,
        from,
        reps.map((rep) => (rep.repId === demo.idleRepId ? addDays(today, -demo.idleDays) : to)),
      ]);
      const demoRep = reps.find((rep) => rep.repId === demo.repId) ?? reps[0];
      const suspicious = await em.query<{ id: string }[]>(
        `INSERT INTO call_reports (rep_id, vendor_id, occurred_at, occurred_on, type, duration_seconds, outcome,
           latitude, longitude, location_name, reported_by, created_at, updated_at)
         SELECT $1::uuid, $2::uuid, s.at, (s.at AT TIME ZONE $3)::date, s.type, s.seconds, s.outcome,
                s.lat, s.lon, s.place, $4::uuid, s.at + s.lag, s.at + s.lag
           FROM (VALUES
             -- six calls of a few seconds in a row
             ($5::timestamptz + interval '18 hours', 'call', 6, 'no_answer', NULL::float8, NULL::float8, NULL, interval '1 hour'),
             ($5::timestamptz + interval '18 hours 1 minute', 'call', 4, 'no_answer', NULL, NULL, NULL, interval '1 hour'),
             ($5::timestamptz + interval '18 hours 2 minutes', 'call', 5, 'no_answer', NULL, NULL, NULL, interval '1 hour'),
             ($5::timestamptz + interval '18 hours 3 minutes', 'call', 3, 'no_answer', NULL, NULL, NULL, interval '1 hour'),
             ($5::timestamptz + interval '18 hours 4 minutes', 'call', 7, 'no_answer', NULL, NULL, NULL, interval '1 hour'),
             ($5::timestamptz + interval '18 hours 5 minutes', 'call', 2, 'no_answer', NULL, NULL, NULL, interval '1 hour'),
             -- a meeting during another meeting
             ($5::timestamptz + interval '20 hours', 'meeting', 3600, 'interested', NULL, NULL, NULL, interval '1 hour'),
             ($5::timestamptz + interval '20 hours 30 minutes', 'negotiation', 2400, 'proposal_sent', NULL, NULL, NULL, interval '1 hour'),
             -- Shanghai, then Beijing forty minutes later
             ($5::timestamptz + interval '22 hours', 'visit', 1800, 'connected', 31.2304, 121.4737, '上海', interval '1 hour'),
             ($5::timestamptz + interval '23 hours 10 minutes', 'visit', 1800, 'interested', 39.9042, 116.4074, '北京', interval '1 hour'),
             -- filed five days late
             ($5::timestamptz - interval '3 days', 'visit', 2700, 'follow_up_set', NULL, NULL, NULL, interval '5 days')
           ) AS s(at, type, seconds, outcome, lat, lon, place, lag)
         RETURNING id`,
        [demoRep.repId, demoRep.vendorId, demoRep.timezone, DEMO_REPORTER, `${addDays(today, -2)}T00:00:00Z`],
      );
      await this.plausibility.raiseFlags(
        em,
        [...generated, ...suspicious].map((row) => row.id),
      );
      return generated.length + suspicious.length;
    });
  }
}
