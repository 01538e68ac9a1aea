import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal, Scope } from '../../common/auth/auth.decorators';
import type { DataScope } from '../../common/auth/data-scope';
import { ALL_ROLES, type Principal, Role } from '../../common/auth/role';
import { ErrorCode } from '../../common/errors/error-codes';
import { Idempotent } from '../../common/idempotency/idempotency.interceptor';
import { UuidParam } from '../../common/openapi/uuid-param.decorator';
import { mapPage, Page } from '../../common/pagination/pagination';
import {
  CreateMarketFeedbackDto,
  ListMarketFeedbackQuery,
  mapMarketFeedback,
  MarketFeedbackDto,
  MarketFeedbackPage,
} from './market-feedback.dto';
import { MarketFeedbackService } from './market-feedback.service';
import { Endpoint } from '../../common/openapi/endpoint.decorator';

/**
 * Market feedback from vendors. Vendor users write it for their own vendor; the company lists all of it,
 * a vendor manager their vendor's, a rep their own (another's is 404).
 */
@ApiTags('market-feedback')
@Controller('market-feedback')
export class MarketFeedbackController {
  constructor(private readonly feedback: MarketFeedbackService) {}

  @Post()
  @Auth(Role.VENDOR_MANAGER, Role.REP)
  @Idempotent()
  @Endpoint({
    summary: 'Report what was seen or heard in the market: a competitor, a price, a customer’s opinion',
    description:
      'The vendor (and the rep) come from the caller. A price is integer minor units with its currency ' +
      '(one without the other is 400).',
    created: MarketFeedbackDto,
    problems: [
      400,
      422,
      ErrorCode.PRODUCT_LINE_UNKNOWN,
      ErrorCode.REGION_UNKNOWN,
      ErrorCode.CUSTOMER_UNKNOWN,
    ],
  })
  async createMarketFeedback(
    @Body() body: CreateMarketFeedbackDto,
    @Scope() scope: DataScope,
    @CurrentPrincipal() actor: Principal,
  ): Promise<MarketFeedbackDto> {
    return mapMarketFeedback(await this.feedback.createMarketFeedback(body, scope, actor));
  }

  @Get()
  @Auth(...ALL_ROLES)
  @Endpoint({
    summary: 'List market feedback by kind, vendor, product line and observed-on range, newest first',
    description:
      'Any signed-in role, within its scope (a vendor manager or rep: their vendor’s feedback). ' +
      'Lists what was reported from the market (competitors, prices, customer opinions) newest ' +
      'first; filter by kind, vendor, product line and observed-on range.',
    ok: MarketFeedbackPage,
    problems: [400],
  })
  async listMarketFeedback(
    @Query() query: ListMarketFeedbackQuery,
    @Scope() scope: DataScope,
  ): Promise<Page<MarketFeedbackDto>> {
    return mapPage(await this.feedback.listMarketFeedback(query, scope), mapMarketFeedback);
  }

  @Get(':id')
  @Auth(...ALL_ROLES)
  @Endpoint({
    summary: 'Get one market feedback record',
    description:
      'Any role that may see it (its vendor’s users, company roles). Answers one market feedback ' +
      'record with what was observed, where, when and by whom.',
    ok: MarketFeedbackDto,
    problems: [400, 404],
  })
  async getMarketFeedback(
    @UuidParam('id') id: string,
    @Scope() scope: DataScope,
  ): Promise<MarketFeedbackDto> {
    return mapMarketFeedback(await this.feedback.getMarketFeedback(id, scope));
  }
}
