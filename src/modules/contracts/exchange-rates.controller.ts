import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, Scope } from '../../common/auth/auth.decorators';
import type { DataScope } from '../../common/auth/data-scope';
import { ALL_ROLES, Role } from '../../common/auth/role';
import { DomainException } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-codes';
import { IfMatch } from '../../common/http/etag';
import { Idempotent } from '../../common/idempotency/idempotency.interceptor';
import { ApiIfMatch } from '../../common/openapi/api-if-match.decorator';
import { Page } from '../../common/pagination/pagination';
import {
  ExchangeRateDto,
  ExchangeRatePage,
  ImportExchangeRatesDto,
  ImportExchangeRatesResultDto,
  ListExchangeRatesQuery,
  mapExchangeRate,
  MoneySettingsDto,
  UpdateMoneySettingsDto,
} from './exchange-rates.dto';
import { ExchangeRatesService } from './exchange-rates.service';
import { Endpoint } from '../../common/openapi/endpoint.decorator';

@ApiTags('exchange rates')
@Controller()
export class ExchangeRatesController {
  constructor(private readonly rates: ExchangeRatesService) {}

  @Get('exchange-rates')
  @Auth(...ALL_ROLES)
  @Endpoint({
    summary: 'List exchange rates, latest day first',
    description:
      'Any signed-in role. Lists the stored exchange rates, the latest day first with cursor ' +
      'pagination; filter by currency pair, or the latest rates on or before a day. Reports ' +
      'convert money with the rate of the day stated, never sum across currencies unconverted.',
    ok: ExchangeRatePage,
    problems: [400],
  })
  async listExchangeRates(@Query() query: ListExchangeRatesQuery): Promise<Page<ExchangeRateDto>> {
    const page = await this.rates.listExchangeRates(query);
    return { data: page.data.map(mapExchangeRate), nextCursor: page.nextCursor };
  }

  @Post('exchange-rates/imports')
  @Idempotent()
  @HttpCode(200)
  @Auth(Role.ADMIN, Role.INTEGRATION)
  @Endpoint({
    summary: 'Store exchange rates (admin or a company-wide integration client), up to 5 000 rows',
    description:
      'Each row: 1 fromCurrency = rate toCurrency on rateOn (major units). A row for a (day, from, to) ' +
      'already held replaces its rate. A rate of 0 or below is 400 naming the row’s rate; a currency into ' +
      'itself or a repeated row is 422 EXCHANGE_RATE_INVALID naming the row; either way nothing is written.',
    ok: ImportExchangeRatesResultDto,
    problems: [400, ErrorCode.EXCHANGE_RATE_INVALID],
  })
  async importExchangeRates(
    @Body() body: ImportExchangeRatesDto,
    @Scope() scope: DataScope,
  ): Promise<ImportExchangeRatesResultDto> {
    if (!scope.isCompanyWide) throw DomainException.forbidden('Exchange rates are company-wide');
    return { stored: await this.rates.importExchangeRates(body.rows) };
  }

  @Get('money-settings')
  @Auth(...ALL_ROLES)
  @Endpoint({
    summary: 'The reporting currency',
    description:
      'Amounts in different currencies are never added; where a report needs one total it converts into ' +
      'this currency at the latest rate on or before its day, and says each rate and day it used.',
    ok: MoneySettingsDto,
  })
  getMoneySettings(): Promise<MoneySettingsDto> {
    return this.rates.getMoneySettings();
  }

  @Put('money-settings')
  @Auth(Role.ADMIN)
  @ApiIfMatch()
  @Endpoint({
    summary: 'Change the reporting currency (admin)',
    description:
      'Admins only. Sets the currency reports convert money into (ISO 4217); amounts stay stored in ' +
      'their own currency and are converted with the stored exchange rates. Send If-Match ' +
      'with the version last read (stale: 412).',
    ok: MoneySettingsDto,
    problems: [400, 412],
  })
  updateMoneySettings(
    @Body() body: UpdateMoneySettingsDto,
    @IfMatch() ifMatch: number | undefined,
  ): Promise<MoneySettingsDto> {
    return this.rates.updateMoneySettings(body.reportingCurrency, ifMatch);
  }
}
