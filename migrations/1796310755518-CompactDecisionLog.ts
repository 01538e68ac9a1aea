import { MigrationInterface, QueryRunner } from 'typeorm';

/** The reason codes of `decision-log.rules.ts` as they stood when the log became codes (position = code + 1). */
const REASONS = `ARRAY['vendor_not_routable', 'region_out_of_scope', 'industry_out_of_scope', 'conflict_of_interest',
  'product_line_out_of_scope', 'stage_out_of_scope', 'declined_by_vendor', 'vendor_tier_too_low', 'opted_out',
  'at_capacity', 'daily_quota_reached', 'declined_by_rep', 'not_certified', 'first_response_missed']::text[]`;

/**
 * The decision log as codes instead of JSON text: the vendors named once, candidates and exclusions pointing
 * at them by position, four numbers per candidate (vendor, score, weight, open leads), two per exclusion
 * (vendor, reasons as bits), the counts per reason code. Existing decisions are converted; `down` rebuilds
 * the JSON.
 */
export class CompactDecisionLog1796310755518 implements MigrationInterface {
  name = 'CompactDecisionLog1796310755518';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const [column, type] of [
      ['log_vendor_ids', 'uuid'],
      ['candidate_rep_ids', 'uuid'],
      ['candidate_codes', 'integer'],
      ['excluded_rep_ids', 'uuid'],
      ['excluded_codes', 'integer'],
      ['excluded_reason_counts', 'integer'],
    ])
      await queryRunner.query(
        `ALTER TABLE "assignment_decisions" ADD "${column}" ${type} array NOT NULL DEFAULT '{}'`,
      );
    // The vendors a decision names, in the order they first appear (candidates, then exclusions).
    await queryRunner.query(
      `UPDATE "assignment_decisions" d SET "log_vendor_ids" = coalesce((
         SELECT array_agg(v.vendor_id ORDER BY v.first) FROM (
           SELECT (x.e->>'vendorId')::uuid AS vendor_id, min(x.ord) AS first FROM (
             SELECT c.e, c.ord FROM jsonb_array_elements(d."candidates") WITH ORDINALITY c(e, ord)
             UNION ALL
             SELECT x.e, 1000000 + x.ord FROM jsonb_array_elements(d."excluded") WITH ORDINALITY x(e, ord)) x
           GROUP BY 1) v), '{}')
        WHERE d."candidates" <> '[]' OR d."excluded" <> '[]'`,
    );
    await queryRunner.query(
      `UPDATE "assignment_decisions" d SET
         "candidate_rep_ids" = coalesce((
           SELECT array_agg((c.e->>'repId')::uuid ORDER BY c.ord)
             FROM jsonb_array_elements(d."candidates") WITH ORDINALITY c(e, ord)), '{}'),
         "candidate_codes" = coalesce((
           SELECT array_agg(v.n ORDER BY c.ord, v.k)
             FROM jsonb_array_elements(d."candidates") WITH ORDINALITY c(e, ord),
                  LATERAL (VALUES (1, array_position(d."log_vendor_ids", (c.e->>'vendorId')::uuid)),
                                  (2, round((c.e->>'score')::numeric)::int),
                                  (3, round((c.e->>'weight')::numeric)::int),
                                  (4, (c.e->>'openLeads')::int)) v(k, n)), '{}'),
         "excluded_rep_ids" = coalesce((
           SELECT array_agg((x.e->>'repId')::uuid ORDER BY x.ord)
             FROM jsonb_array_elements(d."excluded") WITH ORDINALITY x(e, ord)), '{}'),
         "excluded_codes" = coalesce((
           SELECT array_agg(v.n ORDER BY x.ord, v.k)
             FROM jsonb_array_elements(d."excluded") WITH ORDINALITY x(e, ord),
                  LATERAL (VALUES (1, array_position(d."log_vendor_ids", (x.e->>'vendorId')::uuid)),
                                  (2, (SELECT coalesce(bit_or(1 << (array_position(${REASONS}, r) - 1)), 0)
                                         FROM jsonb_array_elements_text(x.e->'reasons') r))) v(k, n)), '{}'),
         "excluded_reason_counts" = coalesce((
           SELECT array_agg(coalesce((d."excluded_by_reason"->>u.reason)::int, 0) ORDER BY u.i)
             FROM unnest(${REASONS}) WITH ORDINALITY u(reason, i)
            WHERE u.i <= (SELECT max(array_position(${REASONS}, k)) FROM jsonb_object_keys(d."excluded_by_reason") k)),
           '{}')
        WHERE d."candidates" <> '[]' OR d."excluded" <> '[]' OR d."excluded_by_reason" <> '{}'`,
    );
    await queryRunner.query(`ALTER TABLE "assignment_decisions" DROP COLUMN "excluded_by_reason"`);
    await queryRunner.query(`ALTER TABLE "assignment_decisions" DROP COLUMN "excluded"`);
    await queryRunner.query(`ALTER TABLE "assignment_decisions" DROP COLUMN "candidates"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "assignment_decisions" ADD "candidates" jsonb NOT NULL DEFAULT '[]'`,
    );
    await queryRunner.query(`ALTER TABLE "assignment_decisions" ADD "excluded" jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(
      `ALTER TABLE "assignment_decisions" ADD "excluded_by_reason" jsonb NOT NULL DEFAULT '{}'`,
    );
    await queryRunner.query(
      `UPDATE "assignment_decisions" d SET
         "candidates" = coalesce((
           SELECT jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
                    'repId', u.rep_id,
                    'vendorId', d."log_vendor_ids"[d."candidate_codes"[4 * u.i - 3]],
                    'score', d."candidate_codes"[4 * u.i - 2],
                    'weight', d."candidate_codes"[4 * u.i - 1],
                    'openLeads', d."candidate_codes"[4 * u.i])) ORDER BY u.i)
             FROM unnest(d."candidate_rep_ids") WITH ORDINALITY u(rep_id, i)), '[]'),
         "excluded" = coalesce((
           SELECT jsonb_agg(jsonb_build_object(
                    'repId', u.rep_id,
                    'vendorId', d."log_vendor_ids"[d."excluded_codes"[2 * u.i - 1]],
                    'reasons', (SELECT coalesce(jsonb_agg(r.reason ORDER BY r.k), '[]')
                                  FROM unnest(${REASONS}) WITH ORDINALITY r(reason, k)
                                 WHERE d."excluded_codes"[2 * u.i] & (1 << (r.k - 1)::int) <> 0)) ORDER BY u.i)
             FROM unnest(d."excluded_rep_ids") WITH ORDINALITY u(rep_id, i)), '[]'),
         "excluded_by_reason" = coalesce((
           SELECT jsonb_object_agg(u.reason, u.n) FROM unnest(${REASONS}, d."excluded_reason_counts") u(reason, n)
            WHERE u.n > 0), '{}')
        WHERE d."candidate_rep_ids" <> '{}' OR d."excluded_rep_ids" <> '{}' OR d."excluded_reason_counts" <> '{}'`,
    );
    for (const column of [
      'excluded_reason_counts',
      'excluded_codes',
      'excluded_rep_ids',
      'candidate_codes',
      'candidate_rep_ids',
      'log_vendor_ids',
    ])
      await queryRunner.query(`ALTER TABLE "assignment_decisions" DROP COLUMN "${column}"`);
  }
}
