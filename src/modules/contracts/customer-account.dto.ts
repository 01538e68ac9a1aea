import { ApiProperty } from '@nestjs/swagger';
import { CallReportDto } from '../call-reports/call-reports.dto';
import { CustomerDto, LeadGrade, LeadStatus } from '../leads/leads.published';
import { ContractStatus } from './contract.enums';
import { ConvertedTotalDto } from './exchange-rates.dto';

export class AccountContractDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ContractStatus, enumName: 'ContractStatus', example: ContractStatus.ACTIVE })
  status!: ContractStatus;

  @ApiProperty({ example: 'CNY' })
  currency!: string;

  @ApiProperty({ example: 9600000, description: 'Contract total in minor units of currency' })
  totalMinor!: number;

  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2026-02-20' })
  signedOn!: string | null;

  @ApiProperty({ format: 'date', example: '2026-03-01' })
  startsOn!: string;

  @ApiProperty({ format: 'date', example: '2027-02-28' })
  endsOn!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  vendorId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  repId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  renewalOfId!: string | null;
}

export class AccountMoneyDto {
  @ApiProperty({ example: 'CNY' })
  currency!: string;

  @ApiProperty({ example: 4800000, description: 'Payments less refunds, minor units' })
  amountMinor!: number;
}

export class TrailingRevenueDto {
  @ApiProperty({ format: 'date', example: '2025-12-02', description: 'First paid day counted' })
  from!: string;

  @ApiProperty({ format: 'date', example: '2026-12-01', description: 'Last paid day counted (today, UTC)' })
  to!: string;

  @ApiProperty({
    type: [AccountMoneyDto],
    description: 'One row per currency, never added across currencies',
  })
  totals!: AccountMoneyDto[];

  @ApiProperty({
    type: ConvertedTotalDto,
    description: 'The totals converted into the reporting currency at the latest rates on or before `to`',
  })
  inReportingCurrency!: ConvertedTotalDto;
}

export class AccountLeadDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Midea Kitchen Appliances upsell' })
  companyName!: string;

  @ApiProperty({ enum: LeadStatus, enumName: 'LeadStatus' })
  status!: LeadStatus;

  @ApiProperty({ enum: LeadGrade, enumName: 'LeadGrade' })
  grade!: LeadGrade;

  @ApiProperty()
  keyLead!: boolean;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  vendorId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  ownerRepId!: string | null;

  @ApiProperty({ type: Number, nullable: true, example: 4800000 })
  expectedAmountMinor!: number | null;

  @ApiProperty({ type: String, nullable: true, example: 'CNY' })
  expectedCurrency!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class CustomerAccountDto extends CustomerDto {
  @ApiProperty({
    type: [AccountContractDto],
    description:
      'The customer’s contracts the caller may see (a rep their own, a vendor its own), latest start first, at most 100',
  })
  contracts!: AccountContractDto[];

  @ApiProperty({
    type: TrailingRevenueDto,
    description: 'Revenue of those contracts paid in the trailing 12 months, per currency',
  })
  trailing12MonthRevenue!: TrailingRevenueDto;

  @ApiProperty({
    type: [AccountLeadDto],
    description: 'Open leads linked to the customer or carrying its tax id or name, newest first, at most 50',
  })
  openLeads!: AccountLeadDto[];

  @ApiProperty({ type: [CallReportDto], description: 'The latest 10 call reports on the customer' })
  recentCallReports!: CallReportDto[];

  @ApiProperty({
    type: String,
    nullable: true,
    enum: ['green', 'amber', 'red'],
    description:
      'Customer health from the latest fulfilment review of its contracts in the caller’s scope; null until a review is recorded',
  })
  health!: 'green' | 'amber' | 'red' | null;

  @ApiProperty({
    type: String,
    nullable: true,
    enum: ['A', 'B', 'C'],
    description:
      'Key-account class by trailing-12-month revenue in the reporting currency (80/20), recalculated by ' +
      'the scheduler’s key_accounts check; null until classified or when a currency has no rate',
  })
  keyAccountClass!: 'A' | 'B' | 'C' | null;
}
