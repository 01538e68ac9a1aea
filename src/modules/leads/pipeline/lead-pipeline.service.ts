import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../../common/audit/audit.service';
import type { DataScope } from '../../../common/auth/data-scope';
import type { Principal } from '../../../common/auth/role';
import { DomainException } from '../../../common/errors/domain.exception';
import { ErrorCode } from '../../../common/errors/error-codes';
import { paginate } from '../../../common/pagination/pagination';
import { Lead } from '../lead.entity';
import {
  DEFAULT_FORECAST_CATEGORY_RULE,
  type ForecastCategoryRule,
  forecastCategoryOf,
  forecastCategoryRuleErrors,
  forecastCategorySql,
  DEFAULT_STATUS_PROBABILITIES,
  effectiveWinProbability,
  PIPELINE_PROBABILITY_STATUSES,
  PIPELINE_STATUSES,
  type StatusProbabilities,
  type ForecastCategory,
  statusProbabilityErrors,
  weightedAmountMinor,
} from './lead-pipeline.rules';
import type {
  ListPipelineQuery,
  PipelineLeadDto,
  PipelinePageDto,
  SetLeadPipelineDto,
  StatusProbabilitiesDto,
} from './lead-pipeline.dto';
import { LeadPipelineSettingsRow } from './lead-pipeline-settings.entity';
import { updateSingletonSettings } from '../../../common/http/singleton-settings';
import { OPEN_STATUSES } from '../lead-status.rules';
import { LEAD_SCOPE, LeadsService } from '../leads.service';

/** Which open pipeline to weigh: leads expected to close in [closeFrom, closeTo). Omitted lists mean all. */
export interface WeightedPipelineFilter {
  closeFrom: string;
  /** Day after the last (exclusive). */
  closeTo: string;
  vendorIds?: readonly string[];
  repIds?: readonly string[];
}

export type WeightedPipelineGroupKey = 'vendor' | 'rep' | 'category';

/** One group of the weighted open pipeline, per currency; `vendorId`/`repId` only when grouped by them. */
export interface WeightedPipelineRow {
  vendorId?: string | null;
  repId?: string | null;
  /** Only when grouped by category: the lead's own, else the settings rule on its probability. */
  category?: ForecastCategory;
  currency: string;
  leads: number;
  expectedAmountMinor: number;
  weightedAmountMinor: number;
}

export interface StoredPipelineSettings {
  probabilities: StatusProbabilities;
  forecastCategories: ForecastCategoryRule;
  version: number;
  updatedAt: Date | null;
}

/** Pipeline value on leads: expected amount, close date, win probability; the open pipeline per currency. */
@Injectable()
export class LeadPipelineService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly leads: LeadsService,
  ) {}

  async getPipelineSettings(em: EntityManager = this.dataSource.manager): Promise<StoredPipelineSettings> {
    const row = await em.getRepository(LeadPipelineSettingsRow).findOneBy({ singleton: true });
    if (!row)
      return {
        probabilities: DEFAULT_STATUS_PROBABILITIES,
        forecastCategories: DEFAULT_FORECAST_CATEGORY_RULE,
        version: 1,
        updatedAt: null,
      };
    return {
      probabilities: { ...DEFAULT_STATUS_PROBABILITIES, ...row.probabilities },
      forecastCategories: { commitFromPct: row.commitFromPct, bestCaseFromPct: row.bestCaseFromPct },
      version: row.version,
      updatedAt: row.updatedAt,
    };
  }

  /** Changes the statuses given if the row still has `expectedVersion`; 422 naming each bad field. Audited. */
  updatePipelineSettings(
    change: Partial<StatusProbabilitiesDto>,
    categoryChange: Partial<ForecastCategoryRule>,
    expectedVersion: number | undefined,
    actor: Principal,
  ): Promise<StoredPipelineSettings> {
    const snapshot = (row: LeadPipelineSettingsRow) => ({
      probabilities: { ...DEFAULT_STATUS_PROBABILITIES, ...row.probabilities },
      forecastCategories: { commitFromPct: row.commitFromPct, bestCaseFromPct: row.bestCaseFromPct },
    });
    return this.dataSource.transaction(async (em) => {
      const stored = await updateSingletonSettings(em, LeadPipelineSettingsRow, {
        defaults: { probabilities: DEFAULT_STATUS_PROBABILITIES },
        expectedVersion,
        change: (row) => {
          const after = snapshot(row);
          for (const status of PIPELINE_PROBABILITY_STATUSES)
            if (change[status] !== undefined) after.probabilities[status] = change[status];
          for (const key of ['commitFromPct', 'bestCaseFromPct'] as const)
            if (categoryChange[key] !== undefined) after.forecastCategories[key] = categoryChange[key];
          const errors = [
            ...statusProbabilityErrors(after.probabilities),
            ...forecastCategoryRuleErrors(after.forecastCategories),
          ];
          if (errors.length)
            throw new DomainException(
              ErrorCode.LEAD_PIPELINE_SETTINGS_INVALID,
              `The pipeline settings break a rule: ${errors.map((error) => `${error.field} ${error.message}`).join('; ')}`,
              errors,
            );
          return { probabilities: after.probabilities, ...after.forecastCategories };
        },
        snapshot,
        audit: this.audit,
        actor,
        entityType: 'lead_pipeline_settings',
      });
      return {
        probabilities: stored.probabilities,
        forecastCategories: { commitFromPct: stored.commitFromPct, bestCaseFromPct: stored.bestCaseFromPct },
        version: stored.version,
        updatedAt: stored.updatedAt,
      };
    });
  }

  /**
   * Sets a lead's pipeline value. Only a lead in `qualified` or `negotiating` carries one (earlier:
   * 409 LEAD_NOT_QUALIFIED; won, lost, rejected: 409 LEAD_CLOSED). Outside the caller's scope: 404. Audited.
   */
  setLeadPipeline(id: string, input: SetLeadPipelineDto, scope: DataScope, actor: Principal): Promise<Lead> {
    return this.dataSource.transaction(async (em) => {
      const lead = await scope
        .apply(em.getRepository(Lead).createQueryBuilder('lead'), LEAD_SCOPE)
        .andWhere('lead.id = :id', { id })
        .setLock('pessimistic_write')
        .getOne();
      if (!lead) throw DomainException.notFound('Lead', id);
      if (!OPEN_STATUSES.includes(lead.status) || lead.mergedIntoId)
        throw DomainException.of(ErrorCode.LEAD_CLOSED, `Lead ${id} is ${lead.status}; its value is final`);
      if (!PIPELINE_STATUSES.includes(lead.status))
        throw DomainException.of(
          ErrorCode.LEAD_NOT_QUALIFIED,
          `Lead ${id} is ${lead.status}: a pipeline value is set from qualified on`,
          { leadStatus: lead.status },
        );
      const before = {
        expectedAmountMinor: lead.expectedAmountMinor === null ? null : Number(lead.expectedAmountMinor),
        expectedCurrency: lead.expectedCurrency,
        expectedCloseOn: lead.expectedCloseOn,
        winProbabilityPct: lead.winProbabilityPct,
        forecastCategory: lead.forecastCategory,
      };
      const after = {
        expectedAmountMinor: input.expectedAmountMinor,
        expectedCurrency: input.currency,
        expectedCloseOn: input.expectedCloseOn,
        winProbabilityPct: input.winProbabilityPct ?? null,
        forecastCategory: input.forecastCategory ?? null,
      };
      await em.query(
        `UPDATE leads SET expected_amount_minor = $2, expected_currency = $3, expected_close_on = $4,
                win_probability_pct = $5, forecast_category = $6, updated_at = now(), version = version + 1
          WHERE id = $1`,
        [
          id,
          after.expectedAmountMinor,
          after.expectedCurrency,
          after.expectedCloseOn,
          after.winProbabilityPct,
          after.forecastCategory,
        ],
      );
      await this.audit.record(em, actor, {
        entityType: 'lead',
        entityId: id,
        vendorId: lead.vendorId,
        action: 'pipeline',
        before,
        after,
      });
      return this.leads.getLead(id, scope, em);
    });
  }

  /**
   * Set-based, for reports: the valued open pipeline (qualified or negotiating, not merged away) expected to
   * close in [closeFrom, closeTo), within the caller's scope, summed per currency and the groups asked for.
   * Each lead is weighted with its own probability, else its status default, rounded half away from zero
   * per lead before summing (as `GET /leads/pipeline` does). Amounts of different currencies never add.
   */
  async sumWeightedPipeline(
    manager: EntityManager,
    filter: WeightedPipelineFilter,
    groupBy: readonly WeightedPipelineGroupKey[],
    scope: DataScope,
  ): Promise<WeightedPipelineRow[]> {
    if (filter.vendorIds?.length === 0 || filter.repIds?.length === 0) return [];
    const { probabilities, forecastCategories } = await this.getPipelineSettings(manager);
    const builder = scope
      .apply(manager.getRepository(Lead).createQueryBuilder('lead'), LEAD_SCOPE)
      .andWhere('lead.status IN (:...statuses)', { statuses: PIPELINE_STATUSES })
      .andWhere('lead.merged_into_id IS NULL')
      .andWhere('lead.expected_currency IS NOT NULL')
      .andWhere('lead.expected_close_on >= :closeFrom AND lead.expected_close_on < :closeTo', filter);
    if (filter.vendorIds)
      builder.andWhere('lead.vendor_id IN (:...vendorIds)', { vendorIds: filter.vendorIds });
    if (filter.repIds) builder.andWhere('lead.owner_rep_id IN (:...repIds)', { repIds: filter.repIds });
    const probability = `COALESCE(lead.win_probability_pct, (CAST(:probabilities AS jsonb) ->> lead.status)::int)`;
    const columns = {
      vendor: 'lead.vendor_id',
      rep: 'lead.owner_rep_id',
      category: forecastCategorySql(probability, 'lead.forecast_category', forecastCategories),
    } as const;
    builder
      .select('lead.expected_currency', 'currency')
      .addSelect('count(*)', 'leads')
      .addSelect('sum(lead.expected_amount_minor)', 'expected')
      .addSelect(
        `sum(round(lead.expected_amount_minor * COALESCE(lead.win_probability_pct,
             (CAST(:probabilities AS jsonb) ->> lead.status)::int) / 100.0))`,
        'weighted',
      )
      .setParameter('probabilities', JSON.stringify(probabilities))
      .groupBy('lead.expected_currency')
      .orderBy('lead.expected_currency');
    for (const key of groupBy) {
      builder.addSelect(columns[key], key).addGroupBy(columns[key]).addOrderBy(columns[key]);
    }
    const rows: Record<string, string | null>[] = await builder.getRawMany();
    return rows.map((row) => ({
      ...(groupBy.includes('vendor') ? { vendorId: row.vendor } : {}),
      ...(groupBy.includes('rep') ? { repId: row.rep } : {}),
      ...(groupBy.includes('category') ? { category: row.category as ForecastCategory } : {}),
      currency: row.currency!,
      leads: Number(row.leads),
      expectedAmountMinor: Number(row.expected),
      weightedAmountMinor: Number(row.weighted),
    }));
  }

  /**
   * The open pipeline in the caller's scope: leads in qualified or negotiating (not merged away),
   * soonest expected close first (unvalued ones last), with totals per currency over every match.
   */
  async listPipeline(query: ListPipelineQuery, scope: DataScope): Promise<PipelinePageDto> {
    const { probabilities, forecastCategories } = await this.getPipelineSettings();
    const filtered = () => {
      const builder = scope
        .apply(this.dataSource.getRepository(Lead).createQueryBuilder('lead'), LEAD_SCOPE)
        .andWhere('lead.status IN (:...statuses)', { statuses: PIPELINE_STATUSES })
        .andWhere('lead.merged_into_id IS NULL');
      if (query.vendorId) builder.andWhere('lead.vendor_id = :vendorId', { vendorId: query.vendorId });
      if (query.ownerRepId)
        builder.andWhere('lead.owner_rep_id = :ownerRepId', { ownerRepId: query.ownerRepId });
      if (query.currency)
        builder.andWhere('lead.expected_currency = :currency', { currency: query.currency });
      if (query.closeFrom) builder.andWhere('lead.expected_close_on >= :closeFrom', query);
      if (query.closeTo) builder.andWhere('lead.expected_close_on <= :closeTo', query);
      return builder;
    };
    const page = await paginate(filtered(), query, [
      {
        expression: "COALESCE(lead.expected_close_on, DATE '9999-12-31')",
        read: (row) => row.expectedCloseOn ?? '9999-12-31',
      },
      { expression: 'lead.id', read: (row) => row.id },
    ]);
    const totals: {
      currency: string | null;
      leads: string;
      expected: string | null;
      weighted: string | null;
    }[] = await filtered()
      .select('lead.expected_currency', 'currency')
      .addSelect('count(*)', 'leads')
      .addSelect('sum(lead.expected_amount_minor)', 'expected')
      .addSelect(
        `sum(round(lead.expected_amount_minor * COALESCE(lead.win_probability_pct,
             (CAST(:probabilities AS jsonb) ->> lead.status)::int) / 100.0))`,
        'weighted',
      )
      .setParameter('probabilities', JSON.stringify(probabilities))
      .groupBy('lead.expected_currency')
      .orderBy('lead.expected_currency')
      .getRawMany();
    return {
      data: page.data.map((lead) => mapPipelineLead(lead, probabilities, forecastCategories)),
      nextCursor: page.nextCursor,
      totals: totals
        .filter((row) => row.currency !== null)
        .map((row) => ({
          currency: row.currency!,
          leads: Number(row.leads),
          expectedAmountMinor: Number(row.expected),
          weightedAmountMinor: Number(row.weighted),
        })),
      unvaluedLeads: Number(totals.find((row) => row.currency === null)?.leads ?? 0),
    };
  }
}

function mapPipelineLead(
  lead: Lead,
  probabilities: StatusProbabilities,
  rule: ForecastCategoryRule,
): PipelineLeadDto {
  const probability = effectiveWinProbability(lead.status, lead.winProbabilityPct, probabilities);
  const amount = lead.expectedAmountMinor === null ? null : Number(lead.expectedAmountMinor);
  return {
    leadId: lead.id,
    companyName: lead.companyName,
    status: lead.status,
    grade: lead.grade,
    keyLead: lead.keyLead,
    vendorId: lead.vendorId,
    ownerRepId: lead.ownerRepId,
    expectedAmountMinor: amount,
    currency: lead.expectedCurrency,
    expectedCloseOn: lead.expectedCloseOn,
    winProbabilityPct: probability,
    forecastCategory: forecastCategoryOf(probability, lead.forecastCategory, rule),
    forecastCategorySource: lead.forecastCategory === null ? 'rule' : 'lead',
    probabilitySource: lead.winProbabilityPct === null ? 'status' : 'lead',
    weightedAmountMinor: amount === null ? null : weightedAmountMinor(amount, probability),
  };
}
