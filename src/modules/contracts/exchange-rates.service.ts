import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainException, type FieldError } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-codes';
import { updateVersioned } from '../../common/http/versioned-update';
import type { Money } from '../../common/money/money';
import { Page, paginate } from '../../common/pagination/pagination';
import { convertMinor, type RateUsed } from './currency-conversion.rules';
import { ExchangeRate, MoneySettingsRow } from './exchange-rate.entity';
import type { ExchangeRateInputDto, ListExchangeRatesQuery } from './exchange-rates.dto';

export const DEFAULT_REPORTING_CURRENCY = 'CNY';

export interface ConvertedTotal {
  currency: string;
  /** null when some currency has no rate on or before the day. */
  amountMinor: number | null;
  rates: RateUsed[];
  missingRates: string[];
}

/** Exchange rates (admin-managed, importable) and the reporting currency reports convert into. */
@Injectable()
export class ExchangeRatesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  listExchangeRates(query: ListExchangeRatesQuery): Promise<Page<ExchangeRate>> {
    const builder = this.dataSource.getRepository(ExchangeRate).createQueryBuilder('rate');
    if (query.fromCurrency) builder.andWhere('rate.from_currency = :fromCurrency', query);
    if (query.toCurrency) builder.andWhere('rate.to_currency = :toCurrency', query);
    if (query.onOrBefore) builder.andWhere('rate.rate_on <= :onOrBefore', query);
    return paginate(
      builder,
      query,
      [
        { expression: 'rate.rate_on', read: (row) => row.rateOn },
        { expression: 'rate.id', read: (row) => row.id },
      ],
      'DESC',
    );
  }

  /**
   * Stores the rows in one statement, replacing the rate of a (day, from, to) already held. A row from a
   * currency into itself, or two rows for the same (day, from, to), is 422 EXCHANGE_RATE_INVALID naming
   * the row, and nothing is written.
   */
  async importExchangeRates(rows: readonly ExchangeRateInputDto[]): Promise<number> {
    const errors: FieldError[] = [];
    const seen = new Map<string, number>();
    rows.forEach((row, index) => {
      if (row.fromCurrency === row.toCurrency)
        errors.push({ field: `rows.${index}.toCurrency`, message: 'must differ from fromCurrency' });
      const key = `${row.rateOn}|${row.fromCurrency}|${row.toCurrency}`;
      if (seen.has(key))
        errors.push({
          field: `rows.${index}`,
          message: `repeats row ${seen.get(key)} (same day and currencies)`,
        });
      else seen.set(key, index);
    });
    if (errors.length)
      throw new DomainException(ErrorCode.EXCHANGE_RATE_INVALID, 'Some exchange rates are invalid', errors);
    await this.dataSource.query(
      `INSERT INTO exchange_rates (rate_on, from_currency, to_currency, rate)
       SELECT * FROM unnest($1::date[], $2::char(3)[], $3::char(3)[], $4::numeric[])
       ON CONFLICT (from_currency, to_currency, rate_on)
       DO UPDATE SET rate = EXCLUDED.rate, updated_at = now(), version = exchange_rates.version + 1
        WHERE exchange_rates.rate <> EXCLUDED.rate`,
      [
        rows.map((row) => row.rateOn),
        rows.map((row) => row.fromCurrency),
        rows.map((row) => row.toCurrency),
        rows.map((row) => String(row.rate)),
      ],
    );
    return rows.length;
  }

  async getMoneySettings(
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ reportingCurrency: string; version: number }> {
    const row = await manager.getRepository(MoneySettingsRow).findOneBy({ singleton: true });
    return row
      ? { reportingCurrency: row.reportingCurrency, version: row.version }
      : { reportingCurrency: DEFAULT_REPORTING_CURRENCY, version: 1 };
  }

  updateMoneySettings(
    reportingCurrency: string,
    expectedVersion: number | undefined,
  ): Promise<{ reportingCurrency: string; version: number }> {
    return this.dataSource.transaction(async (em) => {
      const repository = em.getRepository(MoneySettingsRow);
      await repository
        .createQueryBuilder()
        .insert()
        .values({ singleton: true, reportingCurrency: DEFAULT_REPORTING_CURRENCY })
        .orIgnore()
        .execute();
      const row = await repository.findOneOrFail({
        where: { singleton: true },
        lock: { mode: 'pessimistic_write' },
      });
      const stored = await updateVersioned(em, MoneySettingsRow, row, { reportingCurrency }, expectedVersion);
      return { reportingCurrency: stored.reportingCurrency, version: stored.version };
    });
  }

  /**
   * Totals per currency converted into the reporting currency at each currency's latest rate on or before
   * `asOf` (a stored inverse rate is used as 1 / rate when the direct one is missing). One query.
   */
  async convertTotals(
    manager: EntityManager,
    totals: readonly Money[],
    asOf: string,
  ): Promise<ConvertedTotal> {
    const { reportingCurrency: to } = await this.getMoneySettings(manager);
    const [converted] = await this.convertTotalsInto(manager, [totals], to, asOf);
    return converted;
  }

  /**
   * Several lists of totals per currency, each converted into `to` at each currency's latest rate on or
   * before `asOf`: the rates are read once for every list (one query, whatever the number of lists). A
   * list with a currency that has no rate is null (`missingRates` names it), never a partial sum.
   */
  async convertTotalsInto(
    manager: EntityManager,
    lists: readonly (readonly Money[])[],
    to: string,
    asOf: string,
  ): Promise<ConvertedTotal[]> {
    const currencies = [...new Set(lists.flatMap((totals) => totals.map((total) => total.currency)))];
    const rates = await this.latestRates(manager, currencies, to, asOf);
    return lists.map((totals) => {
      let amount = 0;
      const used: RateUsed[] = [];
      const missing: string[] = [];
      for (const total of totals) {
        if (total.currency === to) {
          amount += total.amountMinor;
          continue;
        }
        const rate = rates.get(total.currency);
        if (!rate) {
          missing.push(total.currency);
          continue;
        }
        used.push(rate);
        amount += convertMinor(total.amountMinor, total.currency, to, rate.rate);
      }
      return {
        currency: to,
        amountMinor: missing.length ? null : amount,
        rates: used,
        missingRates: missing,
      };
    });
  }

  /** Per source currency, the latest rate into `to` on or before `asOf` (direct, else the inverse). */
  async latestRates(
    manager: EntityManager,
    currencies: readonly string[],
    to: string,
    asOf: string,
  ): Promise<Map<string, RateUsed>> {
    const others = currencies.filter((currency) => currency !== to);
    if (others.length === 0) return new Map();
    const rows: { from_currency: string; to_currency: string; rate_on: string; rate: string }[] =
      await manager.query(
        `SELECT DISTINCT ON (from_currency, to_currency) from_currency, to_currency,
                to_char(rate_on, 'YYYY-MM-DD') AS rate_on, rate
           FROM exchange_rates
          WHERE ((from_currency = ANY($1::char(3)[]) AND to_currency = $2)
              OR (from_currency = $2 AND to_currency = ANY($1::char(3)[])))
            AND rate_on <= $3
          ORDER BY from_currency, to_currency, rate_on DESC`,
        [others, to, asOf],
      );
    const result = new Map<string, RateUsed>();
    for (const row of rows)
      if (row.to_currency === to)
        result.set(row.from_currency, {
          fromCurrency: row.from_currency,
          toCurrency: to,
          rateOn: row.rate_on,
          rate: Number(row.rate),
        });
    for (const row of rows)
      if (row.from_currency === to && !result.has(row.to_currency))
        result.set(row.to_currency, {
          fromCurrency: row.to_currency,
          toCurrency: to,
          rateOn: row.rate_on,
          rate: 1 / Number(row.rate),
        });
    return result;
  }
}
