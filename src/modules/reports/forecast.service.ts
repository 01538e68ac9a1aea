import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { DataScope } from '../../common/auth/data-scope';
import { DomainException } from '../../common/errors/domain.exception';
import { type Money, roundMinor } from '../../common/money/money';
import { parsePeriod, periodDays } from '../../common/period/period';
import type { RevenueGroupKey } from '../contracts/revenue-facts';
import { RevenueFactsService } from '../contracts/revenue-facts.service';
import { LeadPipelineService, type WeightedPipelineGroupKey } from '../leads/lead-pipeline.service';
import { ForecastLevel, ForecastNodeDto, ForecastQuery, ForecastReportDto } from './forecast.dto';

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

/**
 * The forecast of a period per node (the company, each vendor, each rep): the open pipeline expected to
 * close in the period weighted by win probability (leads' pipeline service), and the run-rate of the
 * bookings so far (contracts' revenue facts). Per currency, never summed across currencies.
 */
@Injectable()
export class ForecastService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pipeline: LeadPipelineService,
    private readonly revenueFacts: RevenueFactsService,
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
    const pipelineKeys: WeightedPipelineGroupKey[] =
      level === ForecastLevel.COMPANY ? [] : level === ForecastLevel.VENDOR ? ['vendor'] : ['vendor', 'rep'];
    const factKeys: RevenueGroupKey[] = [...pipelineKeys];

    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
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
          nodes.set(id, (node = { level, vendorId, repId, pipeline: [], bookingsToDate: [], runRate: [] }));
        return node;
      };
      if (level === ForecastLevel.COMPANY) nodeOf({});
      for (const row of pipeline)
        nodeOf(row).pipeline.push({
          currency: row.currency,
          leads: row.leads,
          expectedAmountMinor: row.expectedAmountMinor,
          weightedAmountMinor: row.weightedAmountMinor,
        });
      for (const row of bookings) {
        const node = nodeOf(row);
        const found = node.bookingsToDate.find((m) => m.currency === row.currency);
        if (found) found.amountMinor += row.amountMinor;
        else node.bookingsToDate.push({ currency: row.currency, amountMinor: row.amountMinor });
      }
      for (const node of nodes.values()) {
        node.pipeline.sort(byCurrency);
        node.bookingsToDate.sort(byCurrency);
        node.runRate = node.bookingsToDate.map((m): Money => ({
          currency: m.currency,
          amountMinor: runRateMinor(m.amountMinor, elapsedDays, totalDays)!,
        }));
      }
      const key = (node: ForecastNodeDto) => `${node.vendorId ?? ''}|${node.repId ?? ''}`;
      return {
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
}
