import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { DomainException } from '../errors/domain.exception';
import { Holiday } from './holiday.entity';
import { PutHolidayDto } from './calendar.dto';
import {
  CalendarDayKind,
  DEFAULT_WEEKEND,
  isValidLocalDate,
  LocalDate,
  WEEKEND_BY_COUNTRY,
  WorkingCalendar,
} from './working-days';

export const MAX_CALENDAR_RANGE_DAYS = 366;

/**
 * Working days per country: weekends from code, holidays and make-up workdays from the `holidays`
 * table. Reports that count working days over many reps use `workingDaySql` inside their own query.
 */
@Injectable()
export class CalendarService {
  constructor(@InjectRepository(Holiday) private readonly holidays: Repository<Holiday>) {}

  listHolidays(countryCode: string, year: number): Promise<Holiday[]> {
    return this.holidays
      .createQueryBuilder('h')
      .where('h.country_code = :countryCode', { countryCode })
      .andWhere('h.date BETWEEN :from AND :to', { from: `${year}-01-01`, to: `${year}-12-31` })
      .orderBy('h.date', 'ASC')
      .getMany();
  }

  async putHoliday(countryCode: string, date: LocalDate, input: PutHolidayDto): Promise<Holiday> {
    assertDate(date, 'date');
    await this.holidays
      .createQueryBuilder()
      .insert()
      .into(Holiday)
      .values({ countryCode, date, name: input.name, kind: input.kind })
      .orUpdate(['name', 'kind'], ['country_code', 'date'])
      .execute();
    // The upsert bumps no version on its own; keep ETags honest when a day changes.
    await this.holidays.query(
      `UPDATE holidays SET version = version + 1, updated_at = now()
        WHERE country_code = $1 AND date = $2 AND created_at <> updated_at`,
      [countryCode, date],
    );
    return this.holidays.findOneByOrFail({ countryCode, date });
  }

  async deleteHoliday(countryCode: string, date: LocalDate): Promise<void> {
    assertDate(date, 'date');
    const result = await this.holidays.delete({ countryCode, date });
    if (!result.affected) throw DomainException.notFound(`Calendar day ${countryCode} ${date}`);
  }

  /**
   * A fingerprint of every calendar day of every country between two dates (inclusive): equal while no
   * holiday or make-up workday in that span was added, changed or removed. Taken from the rows themselves,
   * so it holds whatever wrote them.
   */
  async holidaysStamp(manager: EntityManager, from: LocalDate, to: LocalDate): Promise<string> {
    const [row]: { stamp: string | null }[] = await manager.query(
      `SELECT md5(string_agg(country_code || date || kind, ',' ORDER BY country_code, date)) AS stamp
         FROM holidays WHERE date BETWEEN $1 AND $2`,
      [from, to],
    );
    return row.stamp ?? '';
  }

  /** Entry point of `GET /calendar/working-days`: a read outside any transaction. */
  calendarForRequest(countryCode: string, from: LocalDate, to: LocalDate): Promise<WorkingCalendar> {
    return this.calendarFor(this.holidays.manager, countryCode, from, to);
  }

  async calendarFor(
    manager: EntityManager,
    countryCode: string,
    from: LocalDate,
    to: LocalDate,
  ): Promise<WorkingCalendar> {
    assertRange(from, to);
    const exceptions = await manager
      .getRepository(Holiday)
      .createQueryBuilder('h')
      .where('h.country_code = :countryCode', { countryCode })
      .andWhere('h.date BETWEEN :from AND :to', { from, to })
      .getMany();
    return new WorkingCalendar(countryCode, exceptions);
  }

  /** Seeds or replaces many calendar days at once (demo data, bulk admin loads). */
  async putHolidays(
    days: readonly { countryCode: string; date: LocalDate; name: string; kind: CalendarDayKind }[],
    em: EntityManager = this.holidays.manager,
  ): Promise<void> {
    if (days.length === 0) return;
    await em.query(
      `INSERT INTO holidays (country_code, date, name, kind)
       SELECT * FROM unnest($1::char(2)[], $2::date[], $3::varchar[], $4::varchar[])
       ON CONFLICT (country_code, date) DO UPDATE SET name = excluded.name, kind = excluded.kind,
         version = holidays.version + 1, updated_at = now()`,
      [
        days.map((d) => d.countryCode),
        days.map((d) => d.date),
        days.map((d) => d.name),
        days.map((d) => d.kind),
      ],
    );
  }
}

/**
 * A boolean SQL expression: is `dateSql` a working day in country `countrySql`? For set-based reports
 * (generate_series over days × reps); the weekend rule is the same one `WorkingCalendar` applies.
 */
export function workingDaySql(countrySql: string, dateSql: string): string {
  const special = Object.entries(WEEKEND_BY_COUNTRY)
    .map(([country, days]) => `WHEN '${country}' THEN '{${days.join(',')}}'::int[]`)
    .join(' ');
  const weekend = special
    ? `CASE upper(${countrySql}) ${special} ELSE '{${DEFAULT_WEEKEND.join(',')}}'::int[] END`
    : `'{${DEFAULT_WEEKEND.join(',')}}'::int[]`;
  return `coalesce(
    (SELECT hd.kind = '${CalendarDayKind.WORKDAY}' FROM holidays hd
      WHERE hd.country_code = upper(${countrySql}) AND hd.date = ${dateSql}),
    NOT (extract(isodow FROM ${dateSql})::int = ANY(${weekend})))`;
}

function assertDate(value: string, field: string): void {
  if (!isValidLocalDate(value))
    throw DomainException.validation([{ field, message: 'is not a calendar date' }]);
}

export function assertRange(from: LocalDate, to: LocalDate, fields: [string, string] = ['from', 'to']): void {
  assertDate(from, fields[0]);
  assertDate(to, fields[1]);
  if (to < from)
    throw DomainException.validation([{ field: fields[1], message: `must not be before ${fields[0]}` }]);
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  if (days > MAX_CALENDAR_RANGE_DAYS) {
    throw DomainException.validation([
      { field: fields[1], message: `must be at most ${MAX_CALENDAR_RANGE_DAYS} days after ${fields[0]}` },
    ]);
  }
}
