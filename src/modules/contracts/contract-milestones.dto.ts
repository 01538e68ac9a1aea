import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { IsCalendarDate } from '../../common/validation/validation-helpers';
import { ContractMilestone, MilestoneKind, PaymentStatus } from './contract-milestone.entity';
import { TextField, EnumField, IntField, DateField, CurrencyField } from '../../common/validation/fields';

export class CreateMilestoneDto {
  @EnumField(MilestoneKind, { enumName: 'MilestoneKind' })
  kind!: MilestoneKind;

  @IntField({
    example: 250000,
    description: 'Integer minor units of currency; 0 for a step without money',
    minimum: 0,
    maximum: Number.MAX_SAFE_INTEGER,
  })
  amountMinor!: number;

  @CurrencyField({ example: 'CNY', description: 'Must be the contract’s currency' })
  currency!: string;

  @DateField({ example: '2026-09-30' })
  dueOn!: string;

  @DateField({ optional: true, example: '2026-09-28', description: 'The day it was done, if it already is' })
  doneOn?: string;

  @TextField({ optional: true, maxLength: 500 })
  note?: string;
}

export class UpdateMilestoneDto {
  @DateField({ optional: true, example: '2026-10-15', description: 'A new due day' })
  dueOn?: string;

  @ApiPropertyOptional({
    format: 'date',
    example: '2026-10-14',
    nullable: true,
    type: String,
    description: 'The day it was done; null reopens it',
  })
  @ValidateIf((_, value) => value !== null)
  @IsOptional()
  @IsCalendarDate()
  doneOn?: string | null;

  @ApiPropertyOptional({ maxLength: 500, nullable: true, type: String })
  @ValidateIf((_, value) => value !== null)
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string | null;
}

export class MilestoneDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  contractId!: string;

  @ApiProperty({ enum: MilestoneKind, enumName: 'MilestoneKind' })
  kind!: MilestoneKind;

  @ApiProperty({ example: 250000 })
  amountMinor!: number;

  @ApiProperty({ example: 'CNY' })
  currency!: string;

  @ApiProperty({ format: 'date', example: '2026-09-30' })
  dueOn!: string;

  @ApiProperty({ format: 'date', example: null, nullable: true, type: String })
  doneOn!: string | null;

  @ApiProperty({ description: 'Not done and its due day has passed (UTC)' })
  overdue!: boolean;

  @ApiProperty({ nullable: true, type: String })
  note!: string | null;
}

export function mapMilestone(milestone: ContractMilestone, today: string): MilestoneDto {
  return {
    id: milestone.id,
    contractId: milestone.contractId,
    kind: milestone.kind,
    amountMinor: milestone.amountMinor,
    currency: milestone.currency,
    dueOn: milestone.dueOn,
    doneOn: milestone.doneOn,
    overdue: milestone.doneOn === null && milestone.dueOn < today,
    note: milestone.note,
  };
}

export class PaymentStatusDto {
  @ApiProperty({ format: 'uuid' })
  contractId!: string;

  @ApiProperty({
    enum: PaymentStatus,
    enumName: 'PaymentStatus',
    description:
      'paid: payments less refunds cover the total; overdue: otherwise, an invoice or payment milestone is ' +
      'open past its due day, or payments do not cover the posted invoices already past due; partly_paid: some ' +
      'money arrived; invoiced: an invoice was posted (or, without posted invoices, an invoice milestone is ' +
      'done); unbilled: none of these',
  })
  status!: PaymentStatus;

  @ApiProperty({ example: 'CNY' })
  currency!: string;

  @ApiProperty({ example: 198000 })
  totalMinor!: number;

  @ApiProperty({
    example: 198000,
    description: 'Posted invoices’ sum; without posted invoices, the invoice milestones done',
  })
  invoicedMinor!: number;

  @ApiProperty({ example: 99000, description: 'Payments less refunds' })
  paidMinor!: number;

  @ApiProperty({ example: 1, description: 'Invoice and payment milestones open past their due day' })
  overdueMilestones!: number;

  @ApiProperty({
    example: 99000,
    description: 'Posted invoices due before today (payments below it: overdue)',
  })
  invoicedDueMinor!: number;
}
