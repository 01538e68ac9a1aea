import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, Matches, ValidateNested } from 'class-validator';
import { PERIOD_KEY_PATTERN, type PeriodKind } from '../../common/period/period';
import { PageOf, PageQuery } from '../../common/pagination/pagination';
import { DateField, EnumField, IntField, TextField, UuidField } from '../../common/validation/fields';
import type { ReviewActionItem, VendorReview } from './vendor-review.entity';
import { MAX_RATING, MIN_RATING, ReviewActionStatus } from './vendor-review.rules';

const rating = (description: string) =>
  IntField({ example: 4, minimum: MIN_RATING, maximum: MAX_RATING, description });
const optionalRating = (description: string) =>
  IntField({ optional: true, example: 4, minimum: MIN_RATING, maximum: MAX_RATING, description });

export class ReviewActionItemInputDto {
  @TextField({ example: 'Send the monthly market report by the 5th', minLength: 1, maxLength: 500 })
  title!: string;

  @UuidField({ description: 'The user answerable for it' })
  ownerUserId!: string;

  @DateField({ example: '2026-04-30' })
  dueOn!: string;
}

export class CreateVendorReviewDto {
  @UuidField()
  vendorId!: string;

  @ApiPropertyOptional({
    example: '2026-Q1',
    description: 'A month, quarter or year key; defaults to the quarter running today (UTC)',
  })
  @IsOptional()
  @Matches(PERIOD_KEY_PATTERN, { message: 'period must be a period key such as 2026, 2026-Q3 or 2026-07' })
  period?: string;

  @rating('How well the vendor works with us, 1–5')
  cooperation!: number;

  @rating('How clearly and promptly it communicates, 1–5')
  communication!: number;

  @rating('How professionally its reps act, 1–5')
  professionalism!: number;

  @rating('Quality of the market feedback it passes on, 1–5')
  marketFeedback!: number;

  @TextField({ optional: true, maxLength: 4000 })
  comments?: string;

  @ApiPropertyOptional({ type: [ReviewActionItemInputDto], maxItems: 50 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ReviewActionItemInputDto)
  actionItems?: ReviewActionItemInputDto[];
}

export class UpdateVendorReviewDto {
  @optionalRating('1–5')
  cooperation?: number;

  @optionalRating('1–5')
  communication?: number;

  @optionalRating('1–5')
  professionalism?: number;

  @optionalRating('1–5')
  marketFeedback?: number;

  @TextField({ optional: true, maxLength: 4000 })
  comments?: string;
}

export class UpdateReviewActionItemDto {
  @EnumField(ReviewActionStatus, { optional: true, enumName: 'ReviewActionStatus' })
  status?: ReviewActionStatus;

  @DateField({ optional: true, example: '2026-05-15' })
  dueOn?: string;

  @UuidField({ optional: true })
  ownerUserId?: string;
}

export class ListVendorReviewsQuery extends PageQuery {
  @UuidField({ optional: true })
  vendorId?: string;

  @ApiPropertyOptional({ example: '2026-Q1' })
  @IsOptional()
  @Matches(PERIOD_KEY_PATTERN, { message: 'period must be a period key such as 2026, 2026-Q3 or 2026-07' })
  period?: string;
}

export class ReviewActionItemDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  reviewId!: string;

  @ApiProperty({ format: 'uuid' })
  vendorId!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty({ format: 'uuid' })
  ownerUserId!: string;

  @ApiProperty({ format: 'date', example: '2026-04-30' })
  dueOn!: string;

  @ApiProperty({ enum: ReviewActionStatus, enumName: 'ReviewActionStatus' })
  status!: ReviewActionStatus;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  closedAt!: string | null;

  @ApiProperty({ example: 1 })
  version!: number;
}

export class VendorReviewDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  vendorId!: string;

  @ApiProperty({ example: '2026-Q1' })
  period!: string;

  @ApiProperty({ enum: ['month', 'quarter', 'year'] })
  periodKind!: PeriodKind;

  @ApiProperty({ example: 4 }) cooperation!: number;
  @ApiProperty({ example: 3 }) communication!: number;
  @ApiProperty({ example: 5 }) professionalism!: number;
  @ApiProperty({ example: 4 }) marketFeedback!: number;

  @ApiProperty({ example: 4, description: 'Mean of the four ratings: the review_score KPI' })
  score!: number;

  @ApiProperty({ nullable: true, type: String })
  comments!: string | null;

  @ApiProperty({ format: 'uuid' })
  reviewedBy!: string;

  @ApiProperty({ type: [ReviewActionItemDto] })
  actionItems!: ReviewActionItemDto[];

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ example: 1 })
  version!: number;
}

export const VendorReviewPage = PageOf(VendorReviewDto);

export const mapReviewActionItem = (item: ReviewActionItem): ReviewActionItemDto => ({
  id: item.id,
  reviewId: item.reviewId,
  vendorId: item.vendorId,
  title: item.title,
  ownerUserId: item.ownerUserId,
  dueOn: item.dueOn,
  status: item.status,
  closedAt: item.closedAt?.toISOString() ?? null,
  version: item.version,
});

export const mapVendorReview = (review: VendorReview): VendorReviewDto => ({
  id: review.id,
  vendorId: review.vendorId,
  period: review.periodKey,
  periodKind: review.periodKind,
  cooperation: review.cooperation,
  communication: review.communication,
  professionalism: review.professionalism,
  marketFeedback: review.marketFeedback,
  score: Number(review.score),
  comments: review.comments,
  reviewedBy: review.reviewedBy,
  actionItems: [...(review.actionItems ?? [])]
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.id.localeCompare(b.id))
    .map(mapReviewActionItem),
  createdAt: review.createdAt.toISOString(),
  version: review.version,
});
