import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DataScope } from '../../common/auth/data-scope';
import { Principal } from '../../common/auth/role';
import { DomainException, FieldError } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-codes';
import { Page, paginate } from '../../common/pagination/pagination';
import { CatalogService } from '../catalog/catalog.service';
import { CustomersService } from '../leads/leads.published';
import { ReferenceDataService } from '../vendors/reference-data.service';
import { MarketFeedback } from './market-feedback.entity';
import { CreateMarketFeedbackDto, ListMarketFeedbackQuery } from './market-feedback.dto';

const FEEDBACK_SCOPE = { vendor: 'f.vendor_id', rep: 'f.rep_id' };

/**
 * Market feedback from vendors: written by a vendor's people for their own vendor (the vendor and the
 * rep come from the caller), read by the company with filters, by a vendor manager for their vendor and
 * by a rep for what they reported.
 */
@Injectable()
export class MarketFeedbackService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly catalog: CatalogService,
    private readonly referenceData: ReferenceDataService,
    private readonly customers: CustomersService,
  ) {}

  /** A price comes with its currency; references must exist (422 with their codes), nothing written. */
  createMarketFeedback(
    input: CreateMarketFeedbackDto,
    scope: DataScope,
    actor: Principal,
  ): Promise<MarketFeedback> {
    const pair: FieldError[] = [];
    if (input.observedPriceMinor !== undefined && input.currency === undefined)
      pair.push({ field: 'currency', message: 'is required with observedPriceMinor' });
    if (input.currency !== undefined && input.observedPriceMinor === undefined)
      pair.push({ field: 'observedPriceMinor', message: 'is required with currency' });
    if (pair.length) throw DomainException.validation(pair);
    return this.dataSource.transaction(async (em) => {
      if (input.productLineId)
        await this.catalog.assertProductLinesExist(em, [input.productLineId], 'productLineId');
      if (input.regionCode) {
        const unknown = await this.referenceData.findUnknownRegionCodes(em, [input.regionCode]);
        if (unknown.length)
          throw new DomainException(ErrorCode.REGION_UNKNOWN, `Unknown region code ${input.regionCode}`, [
            { field: 'regionCode', message: `region ${input.regionCode} does not exist` },
          ]);
      }
      if (input.customerId) {
        const invisible = await this.customers.findInvisibleCustomerIds(em, [input.customerId], scope);
        if (invisible.length)
          throw new DomainException(ErrorCode.CUSTOMER_UNKNOWN, `Unknown customer ${input.customerId}`, [
            { field: 'customerId', message: 'is not a customer you can see' },
          ]);
      }
      return em.save(
        em.create(MarketFeedback, {
          vendorId: scope.vendorId!,
          repId: scope.repId,
          createdBy: actor.subjectId,
          kind: input.kind,
          text: input.text,
          competitorName: input.competitorName ?? null,
          productLineId: input.productLineId ?? null,
          regionCode: input.regionCode ?? null,
          observedPriceMinor: input.observedPriceMinor ?? null,
          currency: input.currency ?? null,
          customerId: input.customerId ?? null,
          observedOn: input.observedOn ?? new Date().toISOString().slice(0, 10),
        }),
      );
    });
  }

  /** Newest observation first, filtered by kind, vendor, product line and observed-on range. */
  listMarketFeedback(query: ListMarketFeedbackQuery, scope: DataScope): Promise<Page<MarketFeedback>> {
    if (query.from && query.to && query.from > query.to)
      throw DomainException.validation([{ field: 'to', message: 'must not be before from' }]);
    const builder = scope.apply(
      this.dataSource.getRepository(MarketFeedback).createQueryBuilder('f'),
      FEEDBACK_SCOPE,
    );
    if (query.kind) builder.andWhere('f.kind = :kind', { kind: query.kind });
    if (query.vendorId) builder.andWhere('f.vendor_id = :vendorId', { vendorId: query.vendorId });
    if (query.productLineId)
      builder.andWhere('f.product_line_id = :productLineId', { productLineId: query.productLineId });
    if (query.from) builder.andWhere('f.observed_on >= :from', { from: query.from });
    if (query.to) builder.andWhere('f.observed_on <= :to', { to: query.to });
    return paginate(
      builder,
      query,
      [
        { expression: 'f.observed_on', read: (row) => row.observedOn },
        { expression: 'f.created_at', read: (row) => row.createdAt.toISOString() },
        { expression: 'f.id', read: (row) => row.id },
      ],
      'DESC',
    );
  }

  async getMarketFeedback(id: string, scope: DataScope): Promise<MarketFeedback> {
    const row = await scope
      .apply(this.dataSource.getRepository(MarketFeedback).createQueryBuilder('f'), FEEDBACK_SCOPE)
      .andWhere('f.id = :id', { id })
      .getOne();
    if (!row) throw DomainException.notFound('Market feedback', id);
    return row;
  }
}
