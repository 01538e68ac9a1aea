import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEnum,
  IsOptional,
  Matches,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PageOf, SyncPageQuery } from '../../common/pagination/pagination';
import { INDUSTRY_CODE_PATTERN } from '../leads/leads.published';
import { REGION_CODE_PATTERN, REGION_CODE_SCHEMA, regionCodeMessage } from '../vendors/region-code';
import { CONTRACT_STATUS_RULES_TEXT } from './contract-status';
import {
  ContractApproval,
  ContractStatus,
  CustomerHealth,
  PaymentKind,
  ReviewCycle,
  WinFactor,
} from './contract.enums';
import type {
  Contract,
  ContractCredit,
  ContractInvoice,
  ContractLine,
  ContractPayment,
} from './contract.entity';
import {
  UuidField,
  TextField,
  EnumField,
  IntField,
  DateField,
  CurrencyField,
} from '../../common/validation/fields';
import { EXTERNAL_SOURCE_PATTERN, ExternalIdPath } from '../../common/validation/external-id';

export { EXTERNAL_SOURCE_PATTERN, ExternalIdPath };

const MAX_MINOR = Number.MAX_SAFE_INTEGER;

export class ContractLineInputDto {
  @UuidField({ optional: true, description: 'A product; exactly one of productId and bundleId' })
  productId?: string;

  @UuidField({ optional: true, description: 'A bundle; exactly one of productId and bundleId' })
  bundleId?: string;

  @IntField({ example: 10, minimum: 1, maximum: 1_000_000 })
  quantity!: number;

  @IntField({
    optional: true,
    example: 120000,
    description: 'Unit price in minor units of the contract currency; the list price when omitted',
    minimum: 0,
    maximum: MAX_MINOR,
  })
  unitPriceMinor?: number;

  @IntField({
    optional: true,
    example: 500,
    description: 'Discount in basis points (500 = 5 %)',
    minimum: 0,
    maximum: 10000,
  })
  discountBps?: number;
}

export class ContractCreditInputDto {
  @UuidField({ optional: true, description: 'A rep (their vendor is credited through them)' })
  repId?: string;

  @UuidField({ optional: true, description: 'A vendor without a named rep' })
  vendorId?: string;

  @UuidField({ optional: true, description: 'An internal team (sales unit)' })
  salesUnitId?: string;

  @IntField({
    example: 6000,
    description: 'Share in basis points; a contract’s add up to 10 000',
    minimum: 1,
    maximum: 10000,
  })
  shareBps!: number;
}

export class CreateContractDto {
  @UuidField({ optional: true, description: 'An existing customer (renewals, upsells, ERP imports)' })
  customerId?: string;

  @UuidField({ optional: true, description: 'The lead the deal came from; won at signing' })
  leadId?: string;

  @UuidField({ optional: true, description: 'Seller of record: a vendor (or give repId)' })
  vendorId?: string;

  @UuidField({ optional: true, description: 'Seller of record: the vendor’s rep' })
  repId?: string;

  @UuidField({ optional: true, description: 'Seller of record: an internal team, when no vendor sells' })
  salesUnitId?: string;

  @CurrencyField({ example: 'CNY', description: 'ISO 4217; every line is priced in it' })
  currency!: string;

  @ApiProperty({ type: [ContractLineInputDto], minItems: 1, maxItems: 200 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ContractLineInputDto)
  lines!: ContractLineInputDto[];

  @ApiPropertyOptional({
    type: [ContractCreditInputDto],
    maxItems: 20,
    description: 'Split credit; default one 100 % credit to the seller of record',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ContractCreditInputDto)
  credits?: ContractCreditInputDto[];

  @DateField({ example: '2026-07-01' })
  startsOn!: string;

  @DateField({ example: '2027-06-30', description: 'Last day in force; not before startsOn' })
  endsOn!: string;

  @IntField({ optional: true, example: 30, minimum: 0, maximum: 365 })
  paymentTermsDays?: number;

  @EnumField(ReviewCycle, {
    optional: true,
    enumName: 'ReviewCycle',
    description: 'How often fulfilment is reviewed with the customer (fulfilment_review_due); omitted: none',
  })
  reviewCycle?: ReviewCycle;

  @ApiPropertyOptional({ ...REGION_CODE_SCHEMA, description: 'Defaults to the lead’s region' })
  @IsOptional()
  @Matches(REGION_CODE_PATTERN, { message: regionCodeMessage('regionCode') })
  regionCode?: string;

  @ApiPropertyOptional({ example: 'manufacturing', description: 'Defaults to the lead’s industry' })
  @IsOptional()
  @Matches(INDUSTRY_CODE_PATTERN, { message: 'industryCode must be a lower-case code like manufacturing' })
  industryCode?: string;
}

export class SetReviewCycleDto {
  @ApiProperty({
    enum: ReviewCycle,
    enumName: 'ReviewCycle',
    nullable: true,
    example: ReviewCycle.QUARTERLY,
    description: 'How often fulfilment is reviewed with the customer from now on; null: no more reviews',
  })
  // Required, and null is a value (no more reviews): only a present non-null value is checked as an enum.
  @ValidateIf((dto: SetReviewCycleDto) => dto.reviewCycle !== null)
  @IsEnum(ReviewCycle)
  reviewCycle!: ReviewCycle | null;
}

export class ExternalContractDto extends CreateContractDto {
  @ApiPropertyOptional({
    enum: [ContractStatus.DRAFT, ContractStatus.SIGNED, ContractStatus.ACTIVE],
    description: 'The ERP’s state of the deal; `signed`/`active` sign it (needs signedOn)',
  })
  @IsOptional()
  @IsEnum([ContractStatus.DRAFT, ContractStatus.SIGNED, ContractStatus.ACTIVE])
  status?: ContractStatus;

  @DateField({ optional: true, example: '2026-06-20' })
  signedOn?: string;
}

export class WinFactorDto {
  @EnumField(WinFactor, { enumName: 'WinFactor' })
  factor!: WinFactor;

  @TextField({ optional: true, example: 'Beat the competitor on delivery time', maxLength: 500 })
  text?: string;
}

export class SignContractDto {
  @DateField({
    optional: true,
    example: '2026-06-20',
    description: 'Default: today in the seller’s time zone',
  })
  signedOn?: string;

  @ApiPropertyOptional({ type: [WinFactorDto], maxItems: 6 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(6)
  @ValidateNested({ each: true })
  @Type(() => WinFactorDto)
  winFactors?: WinFactorDto[];

  @TextField({ optional: true, example: 'Won on a two-week pilot and local service', maxLength: 2000 })
  dealSummary?: string;
}

export class ApprovalDecisionDto {
  @ApiProperty({ enum: ['approve', 'reject'] })
  @IsEnum(['approve', 'reject'])
  decision!: 'approve' | 'reject';

  @TextField({ example: 'Strategic account; margin recovered on service', minLength: 3, maxLength: 1000 })
  reason!: string;
}

export class ScopeExceptionDto {
  @TextField({ example: 'Customer insisted on one supplier for both lines', minLength: 3, maxLength: 1000 })
  reason!: string;
}

export class ChangeContractStatusDto {
  @ApiProperty({
    enum: [
      ContractStatus.ACTIVE,
      ContractStatus.FULFILLED,
      ContractStatus.EXPIRED,
      ContractStatus.TERMINATED,
    ],
    description: CONTRACT_STATUS_RULES_TEXT,
  })
  @IsEnum(ContractStatus)
  status!: ContractStatus;

  @TextField({ optional: true, example: 'Customer went into liquidation', maxLength: 1000 })
  reason?: string;

  @DateField({
    optional: true,
    example: '2026-09-30',
    description: 'For terminated: the last day (default today)',
  })
  effectiveOn?: string;
}

export class CreateRenewalDto {
  @ApiProperty({
    enum: ['previous', 'list'],
    description: '`previous`: the old unit prices and discounts; `list`: today’s list prices, no discount',
  })
  @IsEnum(['previous', 'list'])
  pricing!: 'previous' | 'list';

  @DateField({
    optional: true,
    example: '2027-07-01',
    description: 'Default: the day after the old contract ends',
  })
  startsOn?: string;

  @DateField({
    optional: true,
    example: '2028-06-30',
    description: 'Default: as long as the old contract ran',
  })
  endsOn?: string;
}

export class ListContractsQuery extends SyncPageQuery {
  @DateField({
    optional: true,
    example: '2027-03-31',
    description: 'Only contracts ending on or before this day',
  })
  endsOnOrBefore?: string;

  @EnumField(ContractStatus, { optional: true, enumName: 'ContractStatus' })
  status?: ContractStatus;

  @UuidField({ optional: true })
  vendorId?: string;

  @UuidField({ optional: true })
  customerId?: string;
}

// ---- responses ----

export class ContractLineDto {
  @ApiProperty({ example: 0 })
  position!: number;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  productId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  bundleId!: string | null;

  @ApiProperty({ example: 10 })
  quantity!: number;

  @ApiProperty({ example: 120000 })
  unitPriceMinor!: number;

  @ApiProperty({ example: 500 })
  discountBps!: number;

  @ApiProperty({ example: 1140000, description: 'quantity × unit price × (1 − discount), rounded half up' })
  lineTotalMinor!: number;

  @ApiProperty({ example: 128000 })
  unitListMinor!: number;

  @ApiProperty({
    example: 99000,
    description: 'The floor at pricing time (a bundle: its members’ floor sum)',
  })
  unitFloorMinor!: number;

  @ApiProperty({ description: 'Net unit price below the floor: needs a sales manager’s approval' })
  belowFloor!: boolean;
}

export class ContractCreditDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  vendorId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  repId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  salesUnitId!: string | null;

  @ApiProperty({ example: 10000 })
  shareBps!: number;
}

export class ContractDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ContractStatus, enumName: 'ContractStatus' })
  status!: ContractStatus;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  customerId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  leadId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  vendorId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  repId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  salesUnitId!: string | null;

  @ApiProperty({ example: 'CNY' })
  currency!: string;

  @ApiProperty({ example: 1140000 })
  totalMinor!: number;

  @ApiProperty({ example: 1280000 })
  listTotalMinor!: number;

  @ApiProperty({ type: Number, nullable: true, example: 30 })
  paymentTermsDays!: number | null;

  @ApiProperty({ type: String, nullable: true, ...REGION_CODE_SCHEMA })
  regionCode!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'manufacturing' })
  industryCode!: string | null;

  @ApiProperty({ format: 'date', example: '2026-07-01' })
  startsOn!: string;

  @ApiProperty({ format: 'date', example: '2027-06-30' })
  endsOn!: string;

  @ApiProperty({ format: 'date', type: String, nullable: true, example: '2026-06-20' })
  signedOn!: string | null;

  @ApiProperty({ format: 'date', type: String, nullable: true })
  terminatedOn!: string | null;

  @ApiProperty({ type: String, nullable: true })
  statusReason!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  renewalOfId!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'sap-erp' })
  externalSource!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'SO-2026-00042' })
  externalId!: string | null;

  @ApiProperty({ enum: ContractApproval, enumName: 'ContractApproval' })
  approval!: ContractApproval;

  @ApiProperty({ type: String, nullable: true })
  approvalReason!: string | null;

  @ApiProperty({ type: String, nullable: true })
  scopeExceptionReason!: string | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Days from lead intake to signature' })
  cycleDays!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Lead touches before the win' })
  touchesBeforeWin!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Call reports on the lead before the win' })
  callReportsBeforeWin!: number | null;

  @ApiProperty({ type: [WinFactorDto] })
  winFactors!: WinFactorDto[];

  @ApiProperty({ type: String, nullable: true })
  dealSummary!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'For a renewal: why its seller was chosen' })
  ownerDecision!: string | null;

  @ApiProperty({ enum: ReviewCycle, enumName: 'ReviewCycle', nullable: true })
  reviewCycle!: ReviewCycle | null;

  @ApiProperty({
    enum: CustomerHealth,
    enumName: 'CustomerHealth',
    nullable: true,
    description:
      'Customer health from the latest fulfilment review; a renewal draft shows its original’s until it has ' +
      'its own; null before any review',
  })
  health!: CustomerHealth | null;

  @ApiProperty({ type: [ContractLineDto] })
  lines!: ContractLineDto[];

  @ApiProperty({ type: [ContractCreditDto] })
  credits!: ContractCreditDto[];

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({
    format: 'date-time',
    description: 'Last change of the contract record; `updatedSince` filters on it',
  })
  updatedAt!: string;

  @ApiProperty({ example: 1 })
  version!: number;
}

export const ContractPage = PageOf(ContractDto);

export function mapContract(contract: Contract): ContractDto {
  return {
    id: contract.id,
    status: contract.status,
    customerId: contract.customerId,
    leadId: contract.leadId,
    vendorId: contract.vendorId,
    repId: contract.repId,
    salesUnitId: contract.salesUnitId,
    currency: contract.currency,
    totalMinor: contract.totalMinor,
    listTotalMinor: contract.listTotalMinor,
    paymentTermsDays: contract.paymentTermsDays,
    regionCode: contract.regionCode,
    industryCode: contract.industryCode,
    startsOn: contract.startsOn,
    endsOn: contract.endsOn,
    signedOn: contract.signedOn,
    terminatedOn: contract.terminatedOn,
    statusReason: contract.statusReason,
    renewalOfId: contract.renewalOfId,
    externalSource: contract.externalSource,
    externalId: contract.externalId,
    approval: contract.approval,
    approvalReason: contract.approvalReason,
    scopeExceptionReason: contract.scopeExceptionReason,
    cycleDays: contract.cycleDays,
    touchesBeforeWin: contract.touchesBeforeWin,
    callReportsBeforeWin: contract.callReportsBeforeWin,
    winFactors: contract.winFactors,
    dealSummary: contract.dealSummary,
    ownerDecision: contract.ownerDecision,
    reviewCycle: contract.reviewCycle,
    health: contract.health,
    lines: (contract.lines ?? []).sort((a, b) => a.position - b.position).map(mapLine),
    credits: (contract.credits ?? []).map(mapCredit),
    createdAt: contract.createdAt.toISOString(),
    updatedAt: contract.updatedAt.toISOString(),
    version: contract.version,
  };
}

function mapLine(line: ContractLine): ContractLineDto {
  return {
    position: line.position,
    productId: line.productId,
    bundleId: line.bundleId,
    quantity: line.quantity,
    unitPriceMinor: line.unitPriceMinor,
    discountBps: line.discountBps,
    lineTotalMinor: line.lineTotalMinor,
    unitListMinor: line.unitListMinor,
    unitFloorMinor: line.unitFloorMinor,
    belowFloor: line.belowFloor,
  };
}

function mapCredit(credit: ContractCredit): ContractCreditDto {
  return {
    vendorId: credit.vendorId,
    repId: credit.repId,
    salesUnitId: credit.salesUnitId,
    shareBps: credit.shareBps,
  };
}

// ---- payments ----

export class PostPaymentDto {
  @EnumField(PaymentKind, { optional: true, enumName: 'PaymentKind', default: PaymentKind.PAYMENT })
  kind?: PaymentKind;

  @IntField({
    example: 500000,
    description: 'Positive; a refund is posted with kind refund',
    minimum: 1,
    maximum: MAX_MINOR,
  })
  amountMinor!: number;

  @CurrencyField({ example: 'CNY' })
  currency!: string;

  @DateField({ example: '2026-08-15', description: 'The day the money arrived (value date)' })
  paidOn!: string;

  @ApiProperty({ example: 'sap-erp', pattern: EXTERNAL_SOURCE_PATTERN.source })
  @Matches(EXTERNAL_SOURCE_PATTERN, { message: 'externalSource must be a short code' })
  externalSource!: string;

  @TextField({ example: 'PAY-2026-0815-01', minLength: 1, maxLength: 100 })
  externalId!: string;
}

export class PaymentDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  contractId!: string;

  @ApiProperty({ enum: PaymentKind, enumName: 'PaymentKind' })
  kind!: PaymentKind;

  @ApiProperty({ example: 500000 })
  amountMinor!: number;

  @ApiProperty({ example: 'CNY' })
  currency!: string;

  @ApiProperty({ format: 'date', example: '2026-08-15' })
  paidOn!: string;

  @ApiProperty({ example: 'sap-erp' })
  externalSource!: string;

  @ApiProperty({ example: 'PAY-2026-0815-01' })
  externalId!: string;
}

export function mapPayment(payment: ContractPayment): PaymentDto {
  return {
    id: payment.id,
    contractId: payment.contractId,
    kind: payment.kind,
    amountMinor: payment.amountMinor,
    currency: payment.currency,
    paidOn: payment.paidOn,
    externalSource: payment.externalSource,
    externalId: payment.externalId,
  };
}

// ---- invoices ----

export class PostInvoiceDto {
  @IntField({
    example: 198000,
    description: 'The invoiced amount, in the contract’s currency',
    minimum: 1,
    maximum: MAX_MINOR,
  })
  amountMinor!: number;

  @CurrencyField({ example: 'CNY' })
  currency!: string;

  @DateField({ example: '2026-02-01', description: 'The invoice date' })
  invoicedOn!: string;

  @DateField({ example: '2026-03-03', description: 'The day it falls due (not before the invoice date)' })
  dueOn!: string;

  @ApiProperty({ example: 'sap-erp', pattern: EXTERNAL_SOURCE_PATTERN.source })
  @Matches(EXTERNAL_SOURCE_PATTERN, { message: 'externalSource must be a short code' })
  externalSource!: string;

  @TextField({ example: 'INV-2026-0201-07', minLength: 1, maxLength: 100 })
  externalId!: string;
}

export class InvoiceDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  contractId!: string;

  @ApiProperty({ example: 198000 })
  amountMinor!: number;

  @ApiProperty({ example: 'CNY' })
  currency!: string;

  @ApiProperty({ format: 'date', example: '2026-02-01' })
  invoicedOn!: string;

  @ApiProperty({ format: 'date', example: '2026-03-03' })
  dueOn!: string;

  @ApiProperty({ example: 'sap-erp' })
  externalSource!: string;

  @ApiProperty({ example: 'INV-2026-0201-07' })
  externalId!: string;
}

export function mapInvoice(invoice: ContractInvoice): InvoiceDto {
  return {
    id: invoice.id,
    contractId: invoice.contractId,
    amountMinor: invoice.amountMinor,
    currency: invoice.currency,
    invoicedOn: invoice.invoicedOn,
    dueOn: invoice.dueOn,
    externalSource: invoice.externalSource,
    externalId: invoice.externalId,
  };
}
