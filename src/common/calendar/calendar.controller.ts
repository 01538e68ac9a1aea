import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth } from '../auth/auth.decorators';
import { Role } from '../auth/role';
import { ApiProblems } from '../openapi/api-problems.decorator';
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

@ApiTags('calendar')
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get('holidays')
  @Auth()
  @ApiOperation({
    summary: 'List the holidays and make-up workdays of a country for a year',
    description: 'Weekends are implicit; only exceptions to them are listed.',
  })
  @ApiOkResponse({ type: [HolidayDto] })
  @ApiProblems(400)
  async listHolidays(@Query() query: ListHolidaysQuery): Promise<HolidayDto[]> {
    return (await this.calendar.listHolidays(query.countryCode, query.year)).map(mapHoliday);
  }

  @Put('holidays/:countryCode/:date')
  @Auth(Role.ADMIN)
  @ApiOperation({
    summary: 'Set a calendar day of a country (admin): a holiday or a make-up workday',
    description: 'Creates or replaces the entry for that day. Quotas and compliance use it at once.',
  })
  @ApiOkResponse({ type: HolidayDto })
  @ApiProblems(400)
  async putHoliday(@Param() params: HolidayPathParams, @Body() body: PutHolidayDto): Promise<HolidayDto> {
    return mapHoliday(await this.calendar.putHoliday(params.countryCode, params.date, body));
  }

  @Delete('holidays/:countryCode/:date')
  @Auth(Role.ADMIN)
  @HttpCode(204)
  @ApiOperation({
    summary: 'Remove a calendar day of a country (admin); the day follows the weekend rule again',
  })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiProblems(400, 404)
  async deleteHoliday(@Param() params: HolidayPathParams): Promise<void> {
    await this.calendar.deleteHoliday(params.countryCode, params.date);
  }

  @Get('working-days')
  @Auth()
  @ApiOperation({ summary: 'Count the working days of a country between two dates (both included)' })
  @ApiOkResponse({ type: WorkingDaysDto })
  @ApiProblems(400)
  async getWorkingDays(@Query() query: WorkingDaysQuery): Promise<WorkingDaysDto> {
    const calendar = await this.calendar.calendarForRequest(query.countryCode, query.from, query.to);
    const dates = calendar.workingDaysBetween(query.from, query.to);
    return { countryCode: query.countryCode, from: query.from, to: query.to, count: dates.length, dates };
  }
}
