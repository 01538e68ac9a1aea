import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal, Scope } from '../../common/auth/auth.decorators';
import type { DataScope } from '../../common/auth/data-scope';
import { ALL_ROLES, type Principal, Role } from '../../common/auth/role';
import { ErrorCode } from '../../common/errors/error-codes';
import { Idempotent } from '../../common/idempotency/idempotency.interceptor';
import { ApiProblems } from '../../common/openapi/api-problems.decorator';
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
  @ApiOperation({
    summary: 'Report what was seen or heard in the market: a competitor, a price, a customer’s opinion',
    description:
      'The vendor (and the rep) come from the caller. A price is integer minor units with its currency ' +
      '(one without the other is 400).',
  })
  @ApiCreatedResponse({ type: MarketFeedbackDto })
  @ApiProblems(400, 422, ErrorCode.PRODUCT_LINE_UNKNOWN, ErrorCode.REGION_UNKNOWN, ErrorCode.CUSTOMER_UNKNOWN)
  async createMarketFeedback(
    @Body() body: CreateMarketFeedbackDto,
    @Scope() scope: DataScope,
    @CurrentPrincipal() actor: Principal,
  ): Promise<MarketFeedbackDto> {
    return mapMarketFeedback(await this.feedback.createMarketFeedback(body, scope, actor));
  }

  @Get()
  @Auth(...ALL_ROLES)
  @ApiOperation({
    summary: 'List market feedback by kind, vendor, product line and observed-on range, newest first',
  })
  @ApiOkResponse({ type: MarketFeedbackPage })
  @ApiProblems(400)
  async listMarketFeedback(
    @Query() query: ListMarketFeedbackQuery,
    @Scope() scope: DataScope,
  ): Promise<Page<MarketFeedbackDto>> {
    return mapPage(await this.feedback.listMarketFeedback(query, scope), mapMarketFeedback);
  }

  @Get(':id')
  @Auth(...ALL_ROLES)
  @ApiOperation({ summary: 'Get one market feedback record' })
  @ApiOkResponse({ type: MarketFeedbackDto })
  @ApiProblems(400, 404)
  async getMarketFeedback(
    @UuidParam('id') id: string,
    @Scope() scope: DataScope,
  ): Promise<MarketFeedbackDto> {
    return mapMarketFeedback(await this.feedback.getMarketFeedback(id, scope));
  }
}
