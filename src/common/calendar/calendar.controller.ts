import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth } from '../auth/auth.decorators';
import { Role } from '../auth/role';
import {
  HolidayDto,
  HolidayPathParams,
  ListHolidaysQuery,
  mapHoliday,
  PutHolidayDto,
  WorkingDaysDto,
  WorkingDaysQuery,
} from './calendar.dto';
import { CalendarService } from './calendar.service';
import { Endpoint } from '../openapi/endpoint.decorator';

@ApiTags('calendar')
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get('holidays')
  @Auth()
  @Endpoint({
    summary: 'List the holidays and make-up workdays of a country for a year',
    description: 'Weekends are implicit; only exceptions to them are listed.',
    ok: [HolidayDto],
    problems: [400],
  })
  async listHolidays(@Query() query: ListHolidaysQuery): Promise<HolidayDto[]> {
    return (await this.calendar.listHolidays(query.countryCode, query.year)).map(mapHoliday);
  }

  @Put('holidays/:countryCode/:date')
  @Auth(Role.ADMIN)
  @Endpoint({
    summary: 'Set a calendar day of a country (admin): a holiday or a make-up workday',
    description: 'Creates or replaces the entry for that day. Quotas and compliance use it at once.',
    ok: HolidayDto,
    problems: [400],
  })
  async putHoliday(@Param() params: HolidayPathParams, @Body() body: PutHolidayDto): Promise<HolidayDto> {
    return mapHoliday(await this.calendar.putHoliday(params.countryCode, params.date, body));
  }

  @Delete('holidays/:countryCode/:date')
  @Auth(Role.ADMIN)
  @HttpCode(204)
  @Endpoint({
    summary: 'Remove a calendar day of a country (admin); the day follows the weekend rule again',
    description:
      'Admins only. Deletes the stored holiday or make-up workday of the country on that date; ' +
      'from then on the date is a working day or not by the weekend rule alone, for every ' +
      'deadline, quota and SLA computed after. 404 when nothing is stored for that day.',
    noContent: 'Removed',
    problems: [400, 404],
  })
  async deleteHoliday(@Param() params: HolidayPathParams): Promise<void> {
    await this.calendar.deleteHoliday(params.countryCode, params.date);
  }

  @Get('working-days')
  @Auth()
  @Endpoint({
    summary: 'Count the working days of a country between two dates (both included)',
    description:
      'Any signed-in role. Counts the working days of the country from `from` to `to`, both days ' +
      'included, by its weekend rule, holidays and make-up workdays, and lists the dates. The same ' +
      'calendar drives complaint deadlines, quotas and the first-response SLA.',
    ok: WorkingDaysDto,
    problems: [400],
  })
  async getWorkingDays(@Query() query: WorkingDaysQuery): Promise<WorkingDaysDto> {
    const calendar = await this.calendar.calendarForRequest(query.countryCode, query.from, query.to);
    const dates = calendar.workingDaysBetween(query.from, query.to);
    return { countryCode: query.countryCode, from: query.from, to: query.to, count: dates.length, dates };
  }
}
