import { ApiProperty } from '@nestjs/swagger';
import { CustomerHealth } from './contract.enums';
import type { ContractFulfilmentReview } from './contract.entity';
import { CurrencyField, DateField, EnumField, IntField, TextField } from '../../common/validation/fields';

export class CreateFulfilmentReviewDto {
  @DateField({ example: '2026-01-01', description: 'First day of the reviewed period' })
  periodFrom!: string;

  @DateField({ example: '2026-03-31', description: 'Last day of the reviewed period; not before periodFrom' })
  periodTo!: string;

  @TextField({ optional: true, maxLength: 2000, example: 'All 12 seats in daily use' })
  usageNotes?: string;

  @TextField({ optional: true, maxLength: 2000, example: 'Quarterly maintenance, two on-site trainings' })
  servicesDelivered?: string;

  @IntField({
    optional: true,
    example: 1500000,
    description: 'Value for the customer (e.g. cost saved), integer minor units of valueCurrency',
    minimum: 0,
    maximum: Number.MAX_SAFE_INTEGER,
  })
  valueMinor?: number;

  @CurrencyField({ optional: true, example: 'CNY', description: 'Required with valueMinor' })
  valueCurrency?: string;

  @EnumField(CustomerHealth, { enumName: 'CustomerHealth' })
  health!: CustomerHealth;

  @TextField({ optional: true, maxLength: 2000, example: 'Offer the analytics add-on before renewal' })
  nextSteps?: string;
}

export class FulfilmentReviewDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  contractId!: string;

  @ApiProperty({ format: 'date', example: '2026-01-01' })
  periodFrom!: string;

  @ApiProperty({ format: 'date', example: '2026-03-31' })
  periodTo!: string;

  @ApiProperty({ type: String, nullable: true })
  usageNotes!: string | null;

  @ApiProperty({ type: String, nullable: true })
  servicesDelivered!: string | null;

  @ApiProperty({ type: Number, nullable: true, example: 1500000 })
  valueMinor!: number | null;

  @ApiProperty({ type: String, nullable: true, example: 'CNY' })
  valueCurrency!: string | null;

  @ApiProperty({ enum: CustomerHealth, enumName: 'CustomerHealth' })
  health!: CustomerHealth;

  @ApiProperty({ type: String, nullable: true })
  nextSteps!: string | null;

  @ApiProperty({ format: 'uuid', description: 'The user or API client who recorded it' })
  reviewerId!: string;

  @ApiProperty({ example: 'Kovács Anna' })
  reviewerName!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export function mapFulfilmentReview(review: ContractFulfilmentReview): FulfilmentReviewDto {
  return {
    id: review.id,
    contractId: review.contractId,
    periodFrom: review.periodFrom,
    periodTo: review.periodTo,
    usageNotes: review.usageNotes,
    servicesDelivered: review.servicesDelivered,
    valueMinor: review.valueMinor,
    valueCurrency: review.valueCurrency,
    health: review.health,
    nextSteps: review.nextSteps,
    reviewerId: review.reviewerId,
    reviewerName: review.reviewerName,
    createdAt: review.createdAt.toISOString(),
  };
}
