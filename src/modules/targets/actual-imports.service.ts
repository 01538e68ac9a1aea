import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DataSource } from 'typeorm';
import type { Principal } from '../../common/auth/role';
import { DomainException, FieldError } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-codes';
import { flattenValidationErrors } from '../../common/errors/validation';
import { csvText } from '../../common/http/csv-body';
import { isMoney } from './target.enums';
import { parsePeriod } from '../../common/period/period';
import { parseCsv } from '../leads/leads.published';
import {
  ACTUAL_CSV_COLUMNS,
  ImportActualRowDto,
  ImportActualsResultDto,
  MAX_ACTUAL_IMPORT_ROWS,
} from './actual-imports.dto';
import { MARKET_SIZE } from './actuals.service';
import { nodeKey } from './org-nodes';
import { canSee } from './target-rights';
import { TargetMetric, OwnerKind } from './target.enums';
import { TargetsService } from './targets.service';

/**
 * Actuals OSM did not see happen — last year's results, the ERP's history, market size, expenses —
 * imported as JSON or CSV. All or nothing: any bad row (a wrong field, an unknown node, a node outside
 * the caller's scope) refuses the whole file with every row's problem named, and nothing is written.
 * Idempotent: a row replaces the one with the same metric, period, owner and dimensions; sending the
 * same file again reports every row `unchanged`.
 */
@Injectable()
export class ActualImportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly targets: TargetsService,
  ) {}

  importCsv(body: unknown, principal: Principal): Promise<ImportActualsResultDto> {
    const parsed = parseCsv(csvText(body), MAX_ACTUAL_IMPORT_ROWS);
    if (!parsed.ok) throw DomainException.validation(parsed.errors, parsed.detail);
    const known = new Set<string>(ACTUAL_CSV_COLUMNS);
    const unknown = parsed.header.filter((name) => !known.has(name));
    if (unknown.length)
      throw DomainException.validation(
        unknown.map((name) => ({
          field: `header.${name}`,
          message: `is not a known column (${ACTUAL_CSV_COLUMNS.join(', ')})`,
        })),
      );
    const errors: FieldError[] = [];
    const rows = parsed.rows.map((cells, index) => {
      const plain: Record<string, string> = {};
      parsed.header.forEach((name, i) => {
        if (cells[i] !== '') plain[name] = cells[i];
      });
      const row = plainToInstance(ImportActualRowDto, plain);
      const problems = validateSync(row, { whitelist: true, forbidNonWhitelisted: true });
      errors.push(...flattenValidationErrors(problems, `rows.${index}`));
      return row;
    });
    if (errors.length)
      throw DomainException.validation(errors, 'Some rows of the file are invalid; nothing was imported');
    return this.importRows(rows, principal);
  }

  async importRows(rows: ImportActualRowDto[], principal: Principal): Promise<ImportActualsResultDto> {
    return this.dataSource.transaction(async (em) => {
      const org = await this.targets.loadOrg(em);
      const errors: FieldError[] = [];
      rows.forEach((row, index) => {
        const at = (field: string, message: string) =>
          errors.push({ field: `rows.${index}.${field}`, message });
        if (!parsePeriod(row.periodKey)) at('periodKey', 'is not a period');
        const ownerId = row.ownerId ?? null;
        if ((row.ownerKind === OwnerKind.COMPANY) !== (ownerId === null))
          at('ownerId', ownerId ? 'must be left out for the company' : 'is required for this owner kind');
        else if (
          !org.exists(row.ownerKind, ownerId) ||
          !canSee(principal, nodeKey(row.ownerKind, ownerId), org)
        )
          at('ownerId', `names no ${row.ownerKind} you can see`);
        const money = row.metric === MARKET_SIZE || isMoney(row.metric as TargetMetric);
        if (money && !row.currency) at('currency', `is required for ${row.metric}`);
        if (!money && row.currency) at('currency', `must be left out: ${row.metric} is not money`);
        if (row.metric === MARKET_SIZE && row.ownerKind !== OwnerKind.COMPANY)
          at('ownerKind', 'must be company for market_size');
      });
      if (errors.length) {
        const unknownNode = errors.some(
          (error) => error.field.endsWith('ownerId') && error.message.startsWith('names no'),
        );
        throw new DomainException(
          unknownNode ? ErrorCode.TARGET_ACTUAL_NODE_UNKNOWN : ErrorCode.VALIDATION_FAILED,
          'Some rows are invalid; nothing was imported',
          errors,
        );
      }
      const seen = new Map<string, number>();
      rows.forEach((row, index) => {
        const key = [
          row.metric,
          row.periodKey,
          row.ownerKind,
          row.ownerId,
          row.regionId,
          row.industryCode,
          row.productLineId,
        ].join('|');
        if (seen.has(key))
          errors.push({
            field: `rows.${index}`,
            message: `repeats row ${seen.get(key)} (same metric, period, owner and dimensions)`,
          });
        seen.set(key, index);
      });
      if (errors.length)
        throw DomainException.validation(errors, 'The file lists a row twice; nothing was imported');

      const period = rows.map((row) => parsePeriod(row.periodKey)!);
      const written: { id: string; inserted: boolean; changed: boolean }[] = await em.query(
        `WITH input AS (
           SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::date[], $4::date[], $5::varchar[], $6::uuid[],
                                $7::uuid[], $8::varchar[], $9::uuid[], $10::bigint[], $11::char(3)[], $12::varchar[], $13::int[])
             AS i(metric, period_key, period_start, period_end, owner_kind, owner_id, region_id, industry_code,
                  product_line_id, value, currency, source, ord)),
         upserted AS (
           INSERT INTO target_imported_actuals AS a (metric, period_key, period_start, period_end, owner_kind, owner_id,
               owner_key, region_id, region_key, industry_code, industry_key, product_line_id, product_line_key, value, currency, source)
           SELECT metric, period_key, period_start, period_end, owner_kind, owner_id, coalesce(owner_id::text, ''),
                  region_id, coalesce(region_id::text, ''), industry_code, coalesce(industry_code, ''),
                  product_line_id, coalesce(product_line_id::text, ''), value, currency, source
             FROM input ORDER BY ord
           ON CONFLICT (metric, period_key, owner_kind, owner_key, region_key, industry_key, product_line_key) DO UPDATE
             SET value = excluded.value, currency = excluded.currency, source = excluded.source,
                 version = a.version + 1, updated_at = now()
             WHERE (a.value, a.currency, a.source) IS DISTINCT FROM (excluded.value, excluded.currency, excluded.source)
           RETURNING a.id, a.metric, a.period_key, a.owner_kind, a.owner_key, a.region_key, a.industry_key, a.product_line_key,
                     (xmax = 0) AS inserted)
         SELECT coalesce(u.id, a.id) AS id, coalesce(u.inserted, false) AS inserted, u.id IS NOT NULL AS changed
           FROM input i
           LEFT JOIN upserted u ON (u.metric, u.period_key, u.owner_kind, u.owner_key, u.region_key, u.industry_key, u.product_line_key)
                = (i.metric, i.period_key, i.owner_kind, coalesce(i.owner_id::text, ''), coalesce(i.region_id::text, ''),
                   coalesce(i.industry_code, ''), coalesce(i.product_line_id::text, ''))
           LEFT JOIN target_imported_actuals a ON (a.metric, a.period_key, a.owner_kind, a.owner_key, a.region_key, a.industry_key, a.product_line_key)
                = (i.metric, i.period_key, i.owner_kind, coalesce(i.owner_id::text, ''), coalesce(i.region_id::text, ''),
                   coalesce(i.industry_code, ''), coalesce(i.product_line_id::text, ''))
          ORDER BY i.ord`,
        [
          rows.map((row) => row.metric),
          period.map((p) => p.key),
          period.map((p) => p.start),
          period.map((p) => p.end),
          rows.map((row) => row.ownerKind),
          rows.map((row) => row.ownerId ?? null),
          rows.map((row) => row.regionId ?? null),
          rows.map((row) => row.industryCode ?? null),
          rows.map((row) => row.productLineId ?? null),
          rows.map((row) => row.value),
          rows.map((row) => row.currency ?? null),
          rows.map((row) => row.source ?? null),
          rows.map((_, index) => index),
        ],
      );
      const results = written.map((row, index) => ({
        row: index,
        id: row.id,
        result: row.inserted
          ? ('created' as const)
          : row.changed
            ? ('updated' as const)
            : ('unchanged' as const),
      }));
      return {
        created: results.filter((r) => r.result === 'created').length,
        updated: results.filter((r) => r.result === 'updated').length,
        unchanged: results.filter((r) => r.result === 'unchanged').length,
        rows: results,
      };
    });
  }
}
