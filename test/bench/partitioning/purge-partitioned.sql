-- The same purge on the partitioned copy: the flags of those months first (a partition a foreign key
-- still references cannot be detached), then DETACH and DROP of every month before the cut-off.
\timing on
BEGIN;
DELETE FROM call_report_flags WHERE occurred_at < date_trunc('month', now() - interval '1 year', 'UTC');
DO $$
DECLARE partition record;
BEGIN
  FOR partition IN
    SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
     WHERE i.inhparent = 'call_reports'::regclass AND c.relname ~ '^call_reports_\d{4}_\d{2}$'
       AND to_date(substr(c.relname, 14), 'YYYY_MM') < date_trunc('month', now() - interval '1 year', 'UTC')::date
  LOOP
    EXECUTE format('ALTER TABLE call_reports DETACH PARTITION %I', partition.relname);
    EXECUTE format('DROP TABLE %I', partition.relname);
  END LOOP;
END $$;
COMMIT;
VACUUM call_report_flags;
