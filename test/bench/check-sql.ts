/**
 * The W4 baseline: each scheduler check as one hand-written statement that finds the same subjects with
 * the default thresholds, no vendor overrides (the bench creates none). `$1::timestamptz` is the as-of time.
 *
 * The service does more per check than this SELECT: it also reads its settings, counts what it examined,
 * upserts alerts, resolves the cleared ones and logs the run. The ratio says what all of that costs.
 * For the three checks that maintain leads instead of raising alerts (pool reclaim, revival, grading) the
 * statement finds the leads they act on; the service then also writes them (reclaim, routing, grades).
 */
export const CHECK_SQL: Record<string, string> = {
  // Owned open leads whose pool's reclaim window ran out, or runs out within its warning days (the pool
  // of the lead's vendor, else the default pool; tier key / high / medium / low; the earlier of no
  // follow-up and no status progress, counted from the later of ownership and the last touch or move).
  pool_reclaim: `
    SELECT d.id, d.pool_id, d.due_at, d.due_at <= $1::timestamptz AS reclaim
    FROM (SELECT l.id, p.id AS pool_id, p.warn_days_before,
                 least(greatest(coalesce(s.owned_since, l.created_at), coalesce(l.last_activity_at, l.created_at))
                         + (p.no_follow_up_days ->> t.tier)::int * interval '1 day',
                       greatest(coalesce(s.owned_since, l.created_at),
                                coalesce((SELECT max(a.occurred_at) FROM lead_activities a
                                          WHERE a.lead_id = l.id AND a.status_to IS NOT NULL), l.created_at))
                         + (p.no_progress_days ->> t.tier)::int * interval '1 day') AS due_at,
                 s.reclaim_warned_at
          FROM leads l
          LEFT JOIN lead_pool_states s ON s.lead_id = l.id
          CROSS JOIN LATERAL (SELECT CASE WHEN l.key_lead THEN 'key' WHEN l.grade IN ('high', 'medium') THEN l.grade
                                          ELSE 'low' END AS tier) t
          JOIN LATERAL (SELECT * FROM lead_pools p WHERE p.vendor_id = l.vendor_id OR (p.vendor_id IS NULL AND p.is_default)
                        ORDER BY p.vendor_id IS NULL, p.created_at LIMIT 1) p ON true
          WHERE l.owner_rep_id IS NOT NULL
            AND l.status IN ('new', 'assigned', 'contacted', 'qualified', 'negotiating') AND l.merged_into_id IS NULL) d
    WHERE d.due_at <= $1::timestamptz
       OR (d.warn_days_before > 0 AND d.reclaim_warned_at IS NULL
           AND d.due_at <= $1::timestamptz + d.warn_days_before * interval '1 day')`,
  // Silent (no touch for 30 days) or dead open leads and lost leads with a chance, not revived within
  // the 30 days and not in a pool: 20 % of them, best first (the service routes these).
  lead_revival: `
    WITH c AS (
      SELECT l.id, l.key_lead, l.score FROM leads l
      WHERE l.merged_into_id IS NULL
        AND NOT EXISTS (SELECT 1 FROM lead_pool_states s WHERE s.lead_id = l.id
                         AND (s.pool_id IS NOT NULL OR s.last_revived_at > $1::timestamptz - interval '30 days'))
        AND ((l.status IN ('new', 'assigned', 'contacted', 'qualified', 'negotiating')
              AND (coalesce(l.last_activity_at, l.created_at) <= $1::timestamptz - interval '30 days' OR l.grade = 'dead'))
          OR (l.status = 'lost' AND NOT l.lost_no_chance)))
    SELECT id FROM c ORDER BY key_lead DESC, score DESC, id LIMIT (SELECT ceil(count(*) * 0.2) FROM c)`,
  // Open leads whose grade may have moved with the clock since they were graded (regrade_at passed, or
  // never graded by a pass): the leads the service grades again.
  lead_grading: `
    SELECT id, industry_code, size_band, region_code, vendor_id, source, touch_count, last_activity_at, created_at,
           status, grade, score, key_lead
    FROM leads
    WHERE status IN ('new', 'assigned', 'contacted', 'qualified', 'negotiating') AND merged_into_id IS NULL
      AND (regrade_at IS NULL OR regrade_at <= $1::timestamptz)`,
  idle_reps: `
    WITH r AS (
      SELECT r.id, r.vendor_id, r.started_on, coalesce(r.weekly_call_quota, a.default_weekly_call_quota) AS weekly_quota,
             greatest((SELECT max(c.occurred_at) FROM call_reports c WHERE c.rep_id = r.id AND c.occurred_at <= $1::timestamptz),
                      (SELECT max(l.last_activity_at) FROM leads l WHERE l.owner_rep_id = r.id AND l.last_activity_at <= $1::timestamptz)) AS last_at,
             (SELECT count(*) FROM call_reports c WHERE c.rep_id = r.id AND c.type = 'call'
                AND c.occurred_on BETWEEN date_trunc('week', $1::timestamptz)::date AND $1::date
                AND c.occurred_at >= date_trunc('week', $1::timestamptz) - interval '14 hours'
                AND c.occurred_at < $1::date + 1 + interval '12 hours') AS calls
      FROM reps r
      LEFT JOIN LATERAL (SELECT ag.default_weekly_call_quota FROM agreements ag
                         WHERE ag.vendor_id = r.vendor_id AND ag.starts_on <= $1::date AND ag.ends_on >= $1::date
                         ORDER BY ag.starts_on DESC LIMIT 1) a ON true
      WHERE r.active AND r.started_on <= $1::date)
    SELECT id, vendor_id, last_at,
           (SELECT count(*) FROM generate_series(greatest(coalesce(last_at, $1::timestamptz - interval '60 days')::date, started_on - 1) + 1, $1::date - 1, interval '1 day') d
             WHERE extract(isodow FROM d) < 6) AS idle_days, calls, weekly_quota
    FROM r
    WHERE (SELECT count(*) FROM generate_series(greatest(coalesce(last_at, $1::timestamptz - interval '60 days')::date, started_on - 1) + 1, $1::date - 1, interval '1 day') d
             WHERE extract(isodow FROM d) < 6) >= 3
       OR (extract(isodow FROM $1::timestamptz) >= 3 AND weekly_quota > 0
           AND calls < weekly_quota * least(5, extract(isodow FROM $1::timestamptz)) / 5.0 * 0.5)`,
  stale_key_leads: `
    SELECT id, vendor_id, owner_rep_id, key_lead, grade
    FROM leads
    WHERE status IN ('new', 'assigned', 'contacted', 'qualified', 'negotiating') AND merged_into_id IS NULL
      AND (key_lead OR grade = 'high')
      AND coalesce(last_activity_at, created_at) < $1::timestamptz - CASE WHEN key_lead THEN interval '7 days' ELSE interval '14 days' END`,
  overdue_follow_ups: `
    SELECT id, vendor_id, owner_rep_id, next_follow_up_due
    FROM leads
    WHERE status IN ('new', 'assigned', 'contacted', 'qualified', 'negotiating') AND merged_into_id IS NULL
      AND next_follow_up_due < $1::timestamptz - interval '24 hours'`,
  unassigned_work: `
    SELECT id, vendor_id, created_at
    FROM leads
    WHERE status = 'new' AND owner_rep_id IS NULL AND merged_into_id IS NULL AND created_at < $1::timestamptz - interval '24 hours'`,
  agreements_ending: `
    SELECT a.id, a.vendor_id, a.ends_on
    FROM agreements a JOIN vendors v ON v.id = a.vendor_id
    WHERE v.status IN ('onboarding', 'active') AND a.ends_on BETWEEN $1::date AND $1::date + 30
      AND NOT EXISTS (SELECT 1 FROM agreements b WHERE b.vendor_id = a.vendor_id AND b.starts_on > a.ends_on)`,
  conflicts: `
    SELECT c.id, c.vendor_id, c.rep_id, d.principal_name
    FROM conflicts c JOIN conflict_declarations d ON d.id = c.declaration_id
    WHERE c.status = 'open' AND $1::timestamptz IS NOT NULL`,
  failing_webhooks: `
    SELECT id, vendor_id, url FROM webhook_subscriptions
    WHERE (consecutive_failures >= 5 OR disabled_reason IS NOT NULL) AND $1::timestamptz IS NOT NULL`,
  alert_escalation: `
    UPDATE alerts SET level = CASE level WHEN 'rep' THEN 'vendor_manager' ELSE 'sales_manager' END,
           escalated_at = $1::timestamptz, updated_at = now(), version = version + 1
    WHERE status = 'open' AND level <> 'sales_manager' AND coalesce(escalated_at, raised_at) <= $1::timestamptz - interval '24 hours'
    RETURNING id`,
  // Live vendors whose last agreement ended (in the vendor's time zone) with no successor.
  lapsed_agreements: `
    SELECT v.id, v.name, max(a.ends_on) AS last_ended_on
    FROM vendors v JOIN agreements a ON a.vendor_id = v.id
    WHERE v.status IN ('active', 'suspended')
    GROUP BY v.id
    HAVING max(a.ends_on) < ($1::timestamptz AT TIME ZONE min(v.timezone))::date`,
  // Signed or active contracts ending within the first notice tier (90 days) with no renewal signed.
  contracts_expiring: `
    SELECT c.id, c.vendor_id, c.rep_id, c.ends_on - $1::date AS days_left
    FROM contracts c
    WHERE c.status IN ('signed', 'active') AND c.ends_on BETWEEN $1::date AND $1::date + 90
      AND NOT EXISTS (SELECT 1 FROM contracts r WHERE r.renewal_of_id = c.id
                        AND r.status IN ('signed', 'active', 'fulfilled', 'expired'))`,
  // Last month's commission per vendor and currency: the plain aggregate W8 compares with.
  settlement_drafts: `
    SELECT cr.vendor_id, c.currency, sum(c.total_minor * cr.share_bps / 10000 * a.commission_rate_bps / 10000) AS commission
    FROM contracts c JOIN contract_credits cr ON cr.contract_id = c.id
    JOIN agreements a ON a.vendor_id = cr.vendor_id AND c.signed_on BETWEEN a.starts_on AND a.ends_on
    WHERE c.signed_on >= date_trunc('month', $1::timestamptz - interval '1 month')::date
      AND c.signed_on < date_trunc('month', $1::timestamptz)::date AND c.status = 'signed'
    GROUP BY 1, 2`,
  // The running month's facts per rep: reports and open-flagged reports, leads taken in and won.
  scores_recompute: `
    SELECT r.id,
           (SELECT count(*) FROM call_reports c WHERE c.rep_id = r.id
              AND c.occurred_at >= date_trunc('month', $1::timestamptz) AND c.occurred_at <= $1::timestamptz) AS reports,
           (SELECT count(*) FROM call_report_flags f WHERE f.rep_id = r.id AND f.dismissed_at IS NULL
              AND f.occurred_at >= date_trunc('month', $1::timestamptz)) AS flagged,
           (SELECT count(*) FROM leads l WHERE l.owner_rep_id = r.id AND l.merged_into_id IS NULL
              AND l.created_at >= date_trunc('month', $1::timestamptz)) AS intake,
           (SELECT count(*) FROM leads l WHERE l.owner_rep_id = r.id AND l.status = 'won'
              AND l.created_at >= date_trunc('month', $1::timestamptz)) AS won
    FROM reps r`,
};
