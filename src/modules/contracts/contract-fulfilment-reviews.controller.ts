import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal, Scope } from '../../common/auth/auth.decorators';
import type { DataScope } from '../../common/auth/data-scope';
import { ALL_ROLES, type Principal, Role } from '../../common/auth/role';
import { UuidParam } from '../../common/openapi/uuid-param.decorator';
import {
  CreateFulfilmentReviewDto,
  FulfilmentReviewDto,
  mapFulfilmentReview,
} from './contract-fulfilment-reviews.dto';
import { ContractFulfilmentReviewsService } from './contract-fulfilment-reviews.service';
import { Endpoint } from '../../common/openapi/endpoint.decorator';

const WRITERS = [Role.ADMIN, Role.SALES_MANAGER, Role.VENDOR_MANAGER, Role.REP, Role.INTEGRATION];

/** Fulfilment reviews; the contract's scope applies (another vendor's contract is 404). */
@ApiTags('contracts')
@Controller('contracts/:id/fulfilment-reviews')
export class ContractFulfilmentReviewsController {
  constructor(private readonly reviews: ContractFulfilmentReviewsService) {}

  @Get()
  @Auth(...ALL_ROLES)
  @Endpoint({
    summary: 'List a contract’s fulfilment reviews, latest period first',
    description:
      'Any role that may see the contract (a rep: contracts they are credited on; a vendor ' +
      'manager: their vendor’s). Lists its fulfilment reviews, latest review period first, each ' +
      'with usage, services delivered, value for the customer, health and next steps.',
    ok: [FulfilmentReviewDto],
    problems: [400, 404],
  })
  async listContractFulfilmentReviews(
    @UuidParam('id') id: string,
    @Scope() scope: DataScope,
  ): Promise<FulfilmentReviewDto[]> {
    return (await this.reviews.listReviews(id, scope)).map(mapFulfilmentReview);
  }

  @Post()
  @Auth(...WRITERS)
  @Endpoint({
    summary:
      'Record a fulfilment review: usage, services delivered, value for the customer, health, next steps',
    description:
      'The latest review (by period end) sets the contract’s `health`. The next review falls due one review ' +
      'cycle after the day following the reviewed period; the scheduler’s `fulfilment_review_due` check raises ' +
      'an alert when it passes without one. A period ending before it starts, or a value without its currency, ' +
      'is 422 FULFILMENT_REVIEW_INVALID naming the field; an unsigned contract is 409.',
    created: FulfilmentReviewDto,
    problems: [400, 404, 409, 422],
  })
  async createContractFulfilmentReview(
    @UuidParam('id') id: string,
    @Body() body: CreateFulfilmentReviewDto,
    @Scope() scope: DataScope,
    @CurrentPrincipal() actor: Principal,
  ): Promise<FulfilmentReviewDto> {
    return mapFulfilmentReview(await this.reviews.createReviewForRequest(id, body, scope, actor));
  }
}
