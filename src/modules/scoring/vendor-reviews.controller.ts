import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal, Scope } from '../../common/auth/auth.decorators';
import type { DataScope } from '../../common/auth/data-scope';
import { type Principal, Role } from '../../common/auth/role';
import { ErrorCode } from '../../common/errors/error-codes';
import { UuidParam } from '../../common/openapi/uuid-param.decorator';
import { mapPage, type Page } from '../../common/pagination/pagination';
import { todayUtc } from '../../common/validation/validation-helpers';
import {
  CreateVendorReviewDto,
  ListVendorReviewsQuery,
  mapReviewActionItem,
  mapVendorReview,
  ReviewActionItemDto,
  ReviewActionItemInputDto,
  UpdateReviewActionItemDto,
  UpdateVendorReviewDto,
  VendorReviewDto,
  VendorReviewPage,
} from './vendor-reviews.dto';
import { VendorReviewsService } from './vendor-reviews.service';
import { Endpoint } from '../../common/openapi/endpoint.decorator';

/** The company reviews its vendors; a vendor's manager reads its own reviews and nothing else. */
const REVIEWERS = [Role.ADMIN, Role.SALES_MANAGER];
const READERS = [Role.ADMIN, Role.SALES_MANAGER, Role.VENDOR_MANAGER, Role.INTEGRATION];

@ApiTags('vendor reviews')
@Controller('vendor-reviews')
export class VendorReviewsController {
  constructor(private readonly reviews: VendorReviewsService) {}

  @Post()
  @Auth(...REVIEWERS)
  @Endpoint({
    summary: 'Review a vendor for a period (the running quarter by default)',
    description:
      'Four ratings 1–5 (cooperation, communication, professionalism, quality of market feedback); the ' +
      'review score is their mean and is the review_score KPI of the vendor scorecard for every scored ' +
      'period the review’s period overlaps. Action items carry an owner (an active user; a vendor-bound ' +
      'user must be of this vendor, else 422 REFERENCED_ROW_MISSING) and a due day; open past it, the ' +
      '`review_actions_overdue` check raises an alert. A second review of the vendor for the same period ' +
      'is 409 VENDOR_REVIEW_EXISTS. Audited.',
    created: VendorReviewDto,
    problems: [
      400,
      404,
      ErrorCode.PERIOD_INVALID,
      ErrorCode.VENDOR_REVIEW_EXISTS,
      ErrorCode.REFERENCED_ROW_MISSING,
    ],
  })
  async createVendorReview(
    @Body() body: CreateVendorReviewDto,
    @Scope() scope: DataScope,
    @CurrentPrincipal() actor: Principal,
  ): Promise<VendorReviewDto> {
    return mapVendorReview(await this.reviews.createVendorReview(body, scope, actor, todayUtc()));
  }

  @Get()
  @Auth(...READERS)
  @Endpoint({
    summary: 'List vendor reviews, latest period first',
    description: 'A vendor manager sees only their own vendor’s reviews (read-only).',
    ok: VendorReviewPage,
    problems: [400, ErrorCode.PERIOD_INVALID],
  })
  async listVendorReviews(
    @Query() query: ListVendorReviewsQuery,
    @Scope() scope: DataScope,
  ): Promise<Page<VendorReviewDto>> {
    return mapPage(await this.reviews.listVendorReviews(query, scope), mapVendorReview);
  }

  @Get(':id')
  @Auth(...READERS)
  @Endpoint({
    summary: 'One vendor review with its action items',
    description:
      'Admins, sales managers, integration clients, and the reviewed vendor’s manager. Answers one ' +
      'review with its ratings, score, comments and action items.',
    ok: VendorReviewDto,
    problems: [400, 404],
  })
  async getVendorReview(@UuidParam('id') id: string, @Scope() scope: DataScope): Promise<VendorReviewDto> {
    return mapVendorReview(await this.reviews.getVendorReview(id, scope));
  }

  @Patch(':id')
  @Auth(...REVIEWERS)
  @Endpoint({
    summary: 'Change a review’s ratings (its score follows) or comments. Audited.',
    description:
      'Admins and sales managers. Changes a review’s ratings (its score is computed again) or ' +
      'comments. Audited with before and after.',
    ok: VendorReviewDto,
    problems: [400, 404],
  })
  async updateVendorReview(
    @UuidParam('id') id: string,
    @Body() body: UpdateVendorReviewDto,
    @Scope() scope: DataScope,
    @CurrentPrincipal() actor: Principal,
  ): Promise<VendorReviewDto> {
    return mapVendorReview(await this.reviews.updateVendorReview(id, body, scope, actor));
  }

  @Post(':id/action-items')
  @Auth(...REVIEWERS)
  @Endpoint({
    summary: 'Add an action item to a review',
    description:
      'Admins and sales managers. Adds an action item to a review: what is to be done, by whom and ' +
      'by when; an owner that does not exist is 422 `REFERENCED_ROW_MISSING`.',
    created: ReviewActionItemDto,
    problems: [400, 404, ErrorCode.REFERENCED_ROW_MISSING],
  })
  async addReviewActionItem(
    @UuidParam('id') id: string,
    @Body() body: ReviewActionItemInputDto,
    @Scope() scope: DataScope,
    @CurrentPrincipal() actor: Principal,
  ): Promise<ReviewActionItemDto> {
    return mapReviewActionItem(await this.reviews.addReviewActionItem(id, body, scope, actor));
  }

  @Patch(':id/action-items/:itemId')
  @Auth(...REVIEWERS)
  @Endpoint({
    summary: 'Close (done, cancelled), reopen, re-date or hand over an action item',
    description: 'Closing an overdue item resolves its alert at the next check. Audited.',
    ok: ReviewActionItemDto,
    problems: [400, 404, ErrorCode.REFERENCED_ROW_MISSING],
  })
  async updateReviewActionItem(
    @UuidParam('id') id: string,
    @UuidParam('itemId') itemId: string,
    @Body() body: UpdateReviewActionItemDto,
    @Scope() scope: DataScope,
    @CurrentPrincipal() actor: Principal,
  ): Promise<ReviewActionItemDto> {
    return mapReviewActionItem(await this.reviews.updateReviewActionItem(id, itemId, body, scope, actor));
  }
}
