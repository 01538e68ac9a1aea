-- The year-old purge on the one table: reports before the month a year ago, their flags by the cascade.
\timing on
DELETE FROM call_reports WHERE occurred_at < date_trunc('month', now() - interval '1 year', 'UTC');
VACUUM call_reports;
VACUUM call_report_flags;
