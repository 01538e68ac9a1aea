import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ReadReplica } from '../../database/read-replica';
import type { DataScope } from '../../common/auth/data-scope';
import type { Principal } from '../../common/auth/role';
import { DomainException } from '../../common/errors/domain.exception';
import { type Money, roundMinor } from '../../common/money/money';
import { parsePeriod, type Period, periodDays } from '../../common/period/period';
import { ExchangeRatesService } from '../contracts/exchange-rates.service';
import { RevenueFactsService } from '../contracts/revenue-facts.service';
import {
  FORECAST_CATEGORIES,
  LeadPipelineService,
  type WeightedPipelineGroupKey,
} from '../leads/leads.published';
import { OwnerKind, TargetMetric } from '../targets/target.enums';
import { TargetsService } from '../targets/targets.service';
import { VendorsService } from '../vendors/vendors.service';
import { ForecastAdjustment, ForecastAdjustmentRevision } from './forecast-adjustment.entity';
import {
  type ForecastAdjustmentDto,
  ForecastLevel,
  ForecastNodeDto,
  ForecastQuery,
  ForecastReportDto,
  type ForecastTargetDto,
  type SetForecastAdjustmentDto,
} from './forecast.dto';

const MS_PER_DAY = 86_400_000;
const dayAfter = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + MS_PER_DAY).toISOString().slice(0, 10);
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / MS_PER_DAY);

/** The scope narrows a filter: a vendor manager asking for another vendor gets an empty list (nothing). */
function narrowed(asked: string | undefined, scoped: string | null): string[] | undefined {
  if (scoped === null) return asked === undefined ? undefined : [asked];
  return asked === undefined || asked === scoped ? [scoped] : [];
}

/**
 * The run-rate: what the bookings so far come to over the whole period at the same pace,
 * `bookings × periodDays ÷ elapsedDays`, rounded half away from zero; nothing before the period starts.
 */
export function runRateMinor(bookedMinor: number, elapsedDays: number, totalDays: number): number | null {
  if (elapsedDays <= 0) return null;
  return roundMinor((bookedMinor * totalDays) / elapsedDays);
}

const byCurrency = (a: { currency: string }, b: { currency: string }) =>
  a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0;

/** The stored key of a forecast node: `company`, `vendor:<id or in-house>` or `rep:<id>`. */
export function forecastNodeKey(level: ForecastLevel, vendorId: string | null, repId: string | null): string {
  if (level === ForecastLevel.COMPANY) return 'company';
  if (level === ForecastLevel.VENDOR) return `vendor:${vendorId ?? 'in-house'}`;
  return `rep:${repId}`;
}

/**
 * Whether a node of this level lies wholly inside the caller's scope, so that its target and the
 * managers' adjustments belong to what they see: the company node only for company-wide callers, a
 * vendor node for anyone not limited to one rep, a rep node always (the rep filter is already scoped).
 */
function nodeWhollyInScope(level: ForecastLevel, scope: DataScope): boolean {
  if (level === ForecastLevel.COMPANY) return scope.vendorId === null;
  if (level === ForecastLevel.VENDOR) return scope.repId === null;
  return true;
}

function mapAdjustment(
  adjustment: ForecastAdjustment,
  history: ForecastAdjustmentRevision[],
): ForecastAdjustmentDto {
  return {
    id: adjustment.id,
    period: adjustment.periodKey,
    level: adjustment.level,
    vendorId: adjustment.vendorId,
    repId: adjustment.repId,
    currency: adjustment.currency,
    amountMinor: adjustment.amountMinor,
    reason: adjustment.reason,
    adjustedBy: adjustment.adjustedBy,
    adjustedByName: adjustment.adjustedByName,
    adjustedAt: adjustment.adjustedAt.toISOString(),
    version: adjustment.version,
    history: history
      .filter((revision) => revision.adjustmentId === adjustment.id)
      .map((revision) => ({
        previousAmountMinor: revision.previousAmountMinor,
        amountMinor: revision.amountMinor,
        previousReason: revision.previousReason,
        reason: revision.reason,
        changedBy: revision.changedBy,
        changedByName: revision.changedByName,
        changedAt: revision.changedAt.toISOString(),
      })),
  };
}

/**
 * The forecast of a period per node (the company, each vendor, each rep): the open pipeline expected to
 * close in the period weighted by win probability (leads' pipeline service), and the run-rate of the
 * bookings so far (contracts' revenue facts). Per currency, never summed across currencies.
 */
@Injectable()
export class ForecastService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly replica: ReadReplica,
    private readonly pipeline: LeadPipelineService,
    private readonly revenueFacts: RevenueFactsService,
    private readonly targets: TargetsService,
    private readonly vendors: VendorsService,
    private readonly exchangeRates: ExchangeRatesService,
  ) {}

  getForecast(query: ForecastQuery, scope: DataScope, today = new Date()): Promise<ForecastReportDto> {
    const period = parsePeriod(query.period);
    if (!period)
      throw DomainException.validation([{ field: 'period', message: `${query.period} is not a period` }]);
    const level = query.level ?? ForecastLevel.COMPANY;
    const asOf = query.asOf ?? today.toISOString().slice(0, 10);
    const totalDays = periodDays(period);
    const elapsedDays = Math.min(totalDays, Math.max(0, daysBetween(period.start, dayAfter(asOf))));
    const vendorIds = narrowed(query.vendorId, scope.vendorId);
    const repIds = narrowed(query.repId, scope.repId);
    const factKeys: ('vendor' | 'rep')[] =
      level === ForecastLevel.COMPANY ? [] : level === ForecastLevel.VENDOR ? ['vendor'] : ['vendor', 'rep'];
    const pipelineKeys: WeightedPipelineGroupKey[] = [...factKeys, 'category'];

    // One snapshot, on the read replica when there is one (`ReadReplica`).
    return this.replica.read(async (manager) => {
      // One after the other: a transaction's connection runs one statement at a time.
      const pipeline = await this.pipeline.sumWeightedPipeline(
        manager,
        { closeFrom: period.start, closeTo: period.end, vendorIds, repIds },
        pipelineKeys,
        scope,
      );
      const bookings = elapsedDays
        ? await this.revenueFacts.sumRevenueFacts(
            manager,
            {
              measure: 'bookings',
              from: period.start,
              to: elapsedDays === totalDays ? period.end : dayAfter(asOf),
              vendorIds,
              repIds,
            },
            factKeys,
          )
        : [];

      const nodes = new Map<string, ForecastNodeDto>();
      const nodeOf = (row: { vendorId?: string | null; repId?: string | null }) => {
        const vendorId = level === ForecastLevel.COMPANY ? null : (row.vendorId ?? null);
        const repId = level === ForecastLevel.REP ? (row.repId ?? null) : null;
        const id = JSON.stringify([vendorId, repId]);
        let node = nodes.get(id);
        if (!node)
          nodes.set(
            id,
            (node = {
              level,
              vendorId,
              repId,
              pipeline: [],
              bookingsToDate: [],
              runRate: [],
              categories: [],
              target: [],
              adjustments: [],
            }),
          );
        return node;
      };
      if (level === ForecastLevel.COMPANY) nodeOf({});
      for (const row of pipeline) {
        const node = nodeOf(row);
        const amounts = {
          leads: row.leads,
          expectedAmountMinor: row.expectedAmountMinor,
          weightedAmountMinor: row.weightedAmountMinor,
        };
        node.categories.push({ category: row.category!, currency: row.currency, ...amounts });
        // The categories of a currency add up to its pipeline (each lead rounded once, before summing).
        const total = node.pipeline.find((p) => p.currency === row.currency);
        if (!total) node.pipeline.push({ currency: row.currency, ...amounts });
        else {
          total.leads += amounts.leads;
          total.expectedAmountMinor += amounts.expectedAmountMinor;
          total.weightedAmountMinor += amounts.weightedAmountMinor;
        }
      }
      if (nodeWhollyInScope(level, scope)) {
        for (const { vendorId, repId, target } of await this.nodeTargets(
          manager,
          period,
          level,
          vendorIds,
          repIds,
          scope,
        ))
          nodeOf({ vendorId, repId }).target.push(target);
        for (const adjustment of await this.nodeAdjustments(manager, period, level, vendorIds, repIds, scope))
          nodeOf(adjustment).adjustments.push(adjustment);
      }
      for (const row of bookings) {
        const node = nodeOf(row);
        const found = node.bookingsToDate.find((m) => m.currency === row.currency);
        if (found) found.amountMinor += row.amountMinor;
        else node.bookingsToDate.push({ currency: row.currency, amountMinor: row.amountMinor });
      }
      const categoryRank = (category: string) => FORECAST_CATEGORIES.indexOf(category as never);
      for (const node of nodes.values()) {
        node.categories.sort(
          (a, b) => categoryRank(a.category) - categoryRank(b.category) || byCurrency(a, b),
        );
        node.target.sort(byCurrency);
        node.adjustments.sort(byCurrency);
        node.pipeline.sort(byCurrency);
        node.bookingsToDate.sort(byCurrency);
        node.runRate = node.bookingsToDate.map((m): Money => ({
          currency: m.currency,
          amountMinor: runRateMinor(m.amountMinor, elapsedDays, totalDays)!,
        }));
      }
      const key = (node: ForecastNodeDto) => `${node.vendorId ?? ''}|${node.repId ?? ''}`;
      const todayKey = today.toISOString().slice(0, 10);
      const ratesAsOf = query.convertTo ? (asOf < todayKey ? asOf : todayKey) : undefined;
      if (query.convertTo && ratesAsOf)
        await this.convertNodes(manager, [...nodes.values()], query.convertTo, ratesAsOf);
      return {
        ratesAsOf,
        period: period.key,
        start: period.start,
        end: period.end,
        asOf,
        level,
        periodDays: totalDays,
        elapsedDays,
        elapsedShare: Math.round((elapsedDays / totalDays) * 10000) / 10000,
        nodes: [...nodes.values()].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)),
      };
    });
  }

  /**
   * Each node's money in one currency: the weighted pipeline, its commit part, bookings so far, the
   * run-rate, the target and the adjusted forecasts, all converted with the rates of one day, read once.
   */
  private async convertNodes(
    manager: EntityManager,
    nodes: ForecastNodeDto[],
    to: string,
    asOf: string,
  ): Promise<void> {
    const money = (rows: readonly { currency: string; amountMinor: number }[]): Money[] =>
      rows.map((row) => ({ currency: row.currency, amountMinor: row.amountMinor }));
    const weighted = (rows: readonly { currency: string; weightedAmountMinor: number }[]): Money[] =>
      rows.map((row) => ({ currency: row.currency, amountMinor: row.weightedAmountMinor }));
    const fields = ['pipeline', 'commit', 'bookingsToDate', 'runRate', 'target', 'adjusted'] as const;
    const lists = nodes.flatMap((node) => [
      weighted(node.pipeline),
      weighted(node.categories.filter((row) => row.category === 'commit')),
      money(node.bookingsToDate),
      money(node.runRate),
      money(node.target),
      money(node.adjustments),
    ]);
    const converted = await this.exchangeRates.convertTotalsInto(manager, lists, to, asOf);
    nodes.forEach((node, i) => {
      node.converted = Object.fromEntries(
        fields.map((field, j) => [field, converted[i * fields.length + j]]),
      ) as unknown as ForecastNodeDto['converted'];
    });
  }

  /** The agreed bookings targets of the period for the level's owners, keyed like the forecast's nodes. */
  private async nodeTargets(
    manager: EntityManager,
    period: Period,
    level: ForecastLevel,
    vendorIds: string[] | undefined,
    repIds: string[] | undefined,
    scope: DataScope,
  ): Promise<{ vendorId: string | null; repId: string | null; target: ForecastTargetDto }[]> {
    const toDto = (target: { id: string; currency: string | null; baseValue: number; status: string }) => ({
      targetId: target.id,
      currency: target.currency ?? '',
      amountMinor: target.baseValue,
      status: target.status,
    });
    const bookings = TargetMetric.BOOKINGS;
    if (level === ForecastLevel.COMPANY)
      return (await this.targets.agreedTargetsOf(manager, bookings, period.key, OwnerKind.COMPANY)).map(
        (t) => ({
          vendorId: null,
          repId: null,
          target: toDto(t),
        }),
      );
    if (level === ForecastLevel.VENDOR)
      return (
        await this.targets.agreedTargetsOf(manager, bookings, period.key, OwnerKind.VENDOR, vendorIds)
      ).map((t) => ({ vendorId: t.ownerId, repId: null, target: toDto(t) }));
    const targets = await this.targets.agreedTargetsOf(manager, bookings, period.key, OwnerKind.REP, repIds);
    const { reps } = await this.vendors.getSellers(manager, {
      vendorIds: [],
      repIds: targets.map((t) => t.ownerId!),
      salesUnitIds: [],
    });
    const vendorOf = new Map(reps.map((rep) => [rep.id, rep.vendorId]));
    return targets
      .map((t) => ({ vendorId: vendorOf.get(t.ownerId!) ?? null, repId: t.ownerId, target: toDto(t) }))
      .filter((row) => scope.canSeeVendor(row.vendorId) && (!vendorIds || vendorIds.includes(row.vendorId!)));
  }

  /** The managers' adjustments of the period at this level, within the filters and the caller's scope. */
  private async nodeAdjustments(
    manager: EntityManager,
    period: Period,
    level: ForecastLevel,
    vendorIds: string[] | undefined,
    repIds: string[] | undefined,
    scope: DataScope,
  ): Promise<ForecastAdjustmentDto[]> {
    if (vendorIds?.length === 0 || repIds?.length === 0) return [];
    const builder = scope
      .apply(manager.getRepository(ForecastAdjustment).createQueryBuilder('adjustment'), {
        vendor: 'adjustment.vendor_id',
        rep: 'adjustment.rep_id',
      })
      .andWhere('adjustment.period_key = :periodKey AND adjustment.level = :level', {
        periodKey: period.key,
        level,
      });
    if (vendorIds && level !== ForecastLevel.COMPANY)
      builder.andWhere('adjustment.vendor_id IN (:...vendorIds)', { vendorIds });
    if (repIds && level === ForecastLevel.REP)
      builder.andWhere('adjustment.rep_id IN (:...repIds)', { repIds });
    const adjustments = await builder.orderBy('adjustment.id').getMany();
    return this.withHistory(manager, adjustments);
  }

  private async withHistory(
    manager: EntityManager,
    adjustments: ForecastAdjustment[],
  ): Promise<ForecastAdjustmentDto[]> {
    if (adjustments.length === 0) return [];
    const history = await manager
      .getRepository(ForecastAdjustmentRevision)
      .createQueryBuilder('revision')
      .where('revision.adjustment_id IN (:...ids)', { ids: adjustments.map((a) => a.id) })
      .orderBy('revision.changed_at', 'DESC')
      .addOrderBy('revision.created_at', 'DESC')
      .addOrderBy('revision.id', 'DESC')
      .getMany();
    return adjustments.map((adjustment) => mapAdjustment(adjustment, history));
  }

  /**
   * Sets a manager's forecast for one period, node and currency, beside the computed one: the first
   * value or a change, each kept as a revision with the value before, who, when and why. A vendor
   * manager adjusts their own vendor's nodes only (another's answers 404, as if it did not exist).
   */
  setForecastAdjustment(
    input: SetForecastAdjustmentDto,
    scope: DataScope,
    actor: Principal,
    now = new Date(),
  ): Promise<ForecastAdjustmentDto> {
    const period = parsePeriod(input.period);
    if (!period)
      throw DomainException.validation([{ field: 'period', message: `${input.period} is not a period` }]);
    return this.dataSource.transaction(async (manager) => {
      const { vendorId, repId } = await this.adjustedNode(manager, input, scope);
      const nodeKey = forecastNodeKey(input.level, vendorId, repId);
      const repository = manager.getRepository(ForecastAdjustment);
      const values = {
        amountMinor: input.amountMinor,
        reason: input.reason,
        adjustedBy: actor.subjectId,
        adjustedByName: actor.name.slice(0, 200),
        adjustedAt: now,
      };
      const inserted = await repository
        .createQueryBuilder()
        .insert()
        .values({
          periodKey: period.key,
          level: input.level,
          nodeKey,
          vendorId,
          repId,
          currency: input.currency,
          ...values,
        })
        .orIgnore()
        .returning(['id'])
        .execute();
      // A first value has nothing before it; a change locks the row and keeps what it replaces.
      const row = await repository.findOneOrFail({
        where: { periodKey: period.key, nodeKey, currency: input.currency },
        lock: { mode: 'pessimistic_write' },
      });
      const first = (inserted.raw as unknown[]).length > 0;
      await manager.getRepository(ForecastAdjustmentRevision).insert({
        adjustmentId: row.id,
        previousAmountMinor: first ? null : row.amountMinor,
        amountMinor: input.amountMinor,
        previousReason: first ? null : row.reason,
        reason: input.reason,
        changedBy: actor.subjectId,
        changedByName: values.adjustedByName,
        changedAt: now,
      });
      if (!first) await repository.update({ id: row.id }, { ...values, version: row.version + 1 });
      const stored = await repository.findOneByOrFail({ id: row.id });
      return (await this.withHistory(manager, [stored]))[0];
    });
  }

  /** The node an adjustment is for, checked against the level and the caller's scope. */
  private async adjustedNode(
    manager: EntityManager,
    input: SetForecastAdjustmentDto,
    scope: DataScope,
  ): Promise<{ vendorId: string | null; repId: string | null }> {
    const refuse = (field: string, message: string) => DomainException.validation([{ field, message }]);
    if (input.level === ForecastLevel.COMPANY) {
      if (input.vendorId) throw refuse('vendorId', 'must be omitted for the company node');
      if (input.repId) throw refuse('repId', 'must be omitted for the company node');
      if (scope.vendorId !== null)
        throw DomainException.forbidden('Only company roles adjust the company node');
      return { vendorId: null, repId: null };
    }
    if (input.level === ForecastLevel.VENDOR) {
      if (input.repId) throw refuse('repId', 'must be omitted for a vendor node');
      const vendorId = input.vendorId ?? null;
      if (vendorId === null) {
        if (scope.vendorId !== null) throw DomainException.notFound('Vendor', 'in-house');
        return { vendorId, repId: null };
      }
      const { vendors } = await this.vendors.getSellers(manager, {
        vendorIds: [vendorId],
        repIds: [],
        salesUnitIds: [],
      });
      if (!vendors.length || !scope.canSeeVendor(vendorId))
        throw DomainException.notFound('Vendor', vendorId);
      return { vendorId, repId: null };
    }
    if (!input.repId) throw refuse('repId', 'is required for a rep node');
    const { reps } = await this.vendors.getSellers(manager, {
      vendorIds: [],
      repIds: [input.repId],
      salesUnitIds: [],
    });
    const rep = reps[0];
    if (!rep || !scope.canSeeVendor(rep.vendorId)) throw DomainException.notFound('Rep', input.repId);
    if (input.vendorId && input.vendorId !== rep.vendorId)
      throw refuse('vendorId', `must be the rep’s vendor (${rep.vendorId}) or omitted`);
    return { vendorId: rep.vendorId, repId: rep.id };
  }
}
