-- The partitioned copy measured for issue #20 item 6 (README, Performance: "Monthly partitions for
-- call_reports?"). Not a migration: run it with psql on a COPY of a generated data set
-- (CREATE DATABASE … TEMPLATE osm_bench_tpl_m_42), never on a live database.
-- Monthly range partitions of occurred_at (UTC months) for the data's months and 3 ahead, the same
-- indexes on the parent, the primary key and the flags' foreign key widened by occurred_at (a unique key
-- of a partitioned table must hold the partition column). Add a default partition with
--   CREATE TABLE call_reports_default PARTITION OF call_reports DEFAULT;
-- to measure that variant.
\set ON_ERROR_STOP on
\timing on
BEGIN;
ALTER TABLE call_report_flags DROP CONSTRAINT "FK_0facae383616eeeceb99169a4b4";
ALTER TABLE call_reports RENAME TO call_reports_unpartitioned;
ALTER TABLE call_reports_unpartitioned DROP CONSTRAINT "PK_03a32be18f818eea57b3ba991c0";
DROP INDEX "IDX_161e92b8d92a12f69d8e6d61c2", "IDX_8034b4fad206738c285b82caf5", "IDX_call_reports_customer",
  "IDX_call_reports_lead", call_reports_calls_by_rep, call_reports_sync_order, call_reports_updated_brin;
CREATE TABLE call_reports (LIKE call_reports_unpartitioned INCLUDING DEFAULTS INCLUDING CONSTRAINTS)
  PARTITION BY RANGE (occurred_at);
DO $$
DECLARE
  month timestamptz;
  last timestamptz := date_trunc('month', now(), 'UTC') + interval '3 months';
BEGIN
  SELECT coalesce(date_trunc('month', min(occurred_at), 'UTC'), date_trunc('month', now(), 'UTC'))
    INTO month FROM call_reports_unpartitioned;
  WHILE month <= last LOOP
    EXECUTE format('CREATE TABLE %I PARTITION OF call_reports FOR VALUES FROM (%L) TO (%L)',
                   'call_reports_' || to_char(month AT TIME ZONE 'UTC', 'YYYY_MM'), month,
                   (month AT TIME ZONE 'UTC' + interval '1 month') AT TIME ZONE 'UTC');
    month := (month AT TIME ZONE 'UTC' + interval '1 month') AT TIME ZONE 'UTC';
  END LOOP;
END $$;
INSERT INTO call_reports SELECT * FROM call_reports_unpartitioned ORDER BY occurred_at;
DROP TABLE call_reports_unpartitioned;
ALTER TABLE call_reports ADD CONSTRAINT "PK_03a32be18f818eea57b3ba991c0" PRIMARY KEY (id, occurred_at);
CREATE INDEX "IDX_161e92b8d92a12f69d8e6d61c2" ON call_reports (vendor_id, occurred_at);
CREATE INDEX "IDX_8034b4fad206738c285b82caf5" ON call_reports (rep_id, occurred_at);
CREATE INDEX "IDX_call_reports_customer" ON call_reports (customer_id, occurred_at) WHERE customer_id IS NOT NULL;
CREATE INDEX "IDX_call_reports_lead" ON call_reports (lead_id, occurred_at) WHERE lead_id IS NOT NULL;
CREATE INDEX call_reports_calls_by_rep ON call_reports (rep_id, occurred_at, occurred_on) WHERE type = 'call';
CREATE INDEX call_reports_sync_order ON call_reports (updated_at, id);
CREATE INDEX call_reports_updated_brin ON call_reports USING brin (updated_at) WITH (autosummarize = on);
ALTER TABLE call_report_flags ADD CONSTRAINT "FK_0facae383616eeeceb99169a4b4"
  FOREIGN KEY (call_report_id, occurred_at) REFERENCES call_reports (id, occurred_at)
  ON DELETE CASCADE ON UPDATE CASCADE;
COMMIT;
-- Without fresh statistics on the new partitions W1 falls to a third.
VACUUM ANALYZE call_reports;
VACUUM ANALYZE call_report_flags;
