import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { PageOf, PageQuery } from '../../common/pagination/pagination';
import { PERIOD_KEY_PATTERN } from '../../common/period/period';
import { SettlementLineKind } from './settlement-engine.rules';
import {
  DisputeStatus,
  SettlementDispute,
  SettlementLine,
  SettlementStatement,
  StatementStatus,
} from './settlement.entity';
import { UuidField, TextField, EnumField, IntField, CurrencyField } from '../../common/validation/fields';

const PERIOD_KEY_DESCRIPTION =
  'Period key: a year `2026`, a quarter `2026-Q3`, a month `2026-07` or an ISO week `2026-W05`';

export class CreateStatementDto {
  @UuidField()
  vendorId!: string;

  @UuidField({
    optional: true,
    description: 'The rep, for an independent-rep vendor (settled per rep); leave out for an agency',
  })
  repId?: string;

  @ApiProperty({ example: '2026-07', description: PERIOD_KEY_DESCRIPTION })
  @IsString()
  @Matches(PERIOD_KEY_PATTERN, { message: 'must be a period key such as 2026, 2026-Q3, 2026-07 or 2026-W05' })
  periodKey!: string;
}

export class DraftStatementsDto {
  @ApiProperty({ example: '2026-07', description: PERIOD_KEY_DESCRIPTION })
  @IsString()
  @Matches(PERIOD_KEY_PATTERN, { message: 'must be a period key such as 2026, 2026-Q3, 2026-07 or 2026-W05' })
  periodKey!: string;
}

export class DraftRunDto {
  @ApiProperty({ example: '2026-07' })
  periodKey!: string;

  @ApiProperty({ example: 15, description: 'Payees (agencies, independent reps) with an agreement in force' })
  payees!: number;

  @ApiProperty({ example: 12, description: 'Drafts created for payees that had no statement for the period' })
  created!: number;

  @ApiProperty({ example: 3, description: 'Drafts of the period that already existed and were recomputed' })
  recomputed!: number;

  @ApiProperty({ example: 840, description: 'Lines written' })
  lines!: number;
}

export class ListStatementsQuery extends PageQuery {
  @UuidField({ optional: true })
  vendorId?: string;

  @ApiPropertyOptional({ example: '2026-07' })
  @IsOptional()
  @Matches(PERIOD_KEY_PATTERN)
  periodKey?: string;

  @EnumField(StatementStatus, { optional: true, enumName: 'StatementStatus' })
  status?: StatementStatus;
}

export class MoneyTotalDto {
  @ApiProperty({ example: 'CNY' })
  currency!: string;

  @ApiProperty({ example: 1250000, description: 'Minor units (fen, fillér, cents)' })
  amountMinor!: number;
}

export class StatementDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  vendorId!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Set for an independent rep' })
  repId!: string | null;

  @ApiProperty({ example: '2026-07' })
  periodKey!: string;

  @ApiProperty({ example: '2026-07-01', description: 'First day' })
  periodStart!: string;

  @ApiProperty({ example: '2026-08-01', description: 'Day after the last day (exclusive)' })
  periodEnd!: string;

  @ApiProperty({ enum: StatementStatus, enumName: 'StatementStatus' })
  status!: StatementStatus;

  @ApiProperty({
    type: [MoneyTotalDto],
    description: 'One total per currency; never added across currencies',
  })
  totals!: MoneyTotalDto[];

  @ApiProperty({ example: 42 })
  lineCount!: number;

  @ApiProperty({ format: 'date-time' })
  computedAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  approvedAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lockedAt!: string | null;

  @ApiProperty({ example: 1 })
  version!: number;
}

export class StatementLineDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  statementId!: string;

  @ApiProperty({ example: 1 })
  lineNo!: number;

  @ApiProperty({ enum: SettlementLineKind, enumName: 'SettlementLineKind' })
  kind!: SettlementLineKind;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  agreementId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The credited rep' })
  repId!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The booking or payment the commission is on' })
  sourceFactId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  sourceContractId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  sourceLeadId!: string | null;

  @ApiProperty({ type: String, nullable: true, example: '2026-07', description: 'The month a retainer pays' })
  sourceMonth!: string | null;

  @ApiProperty({ format: 'date', type: String, nullable: true, example: '2026-07-10' })
  factDate!: string | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 1000000,
    description: 'The amount the rate applies to',
  })
  basisMinor!: number | null;

  @ApiProperty({ type: Number, nullable: true, example: 6000, description: 'Credit share, basis points' })
  shareBps!: number | null;

  @ApiProperty({ type: Number, nullable: true, example: 500, description: 'Rate, basis points' })
  rateBps!: number | null;

  @ApiProperty({ type: String, nullable: true, example: 'from 80 %' })
  tier!: string | null;

  @ApiProperty({ example: 50000 })
  amountMinor!: number;

  @ApiProperty({ example: 'CNY' })
  currency!: string;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The earlier line this corrects',
  })
  originalLineId!: string | null;

  @ApiProperty({ type: String, nullable: true, example: '14 of 30 days in force' })
  note!: string | null;
}

export class RaiseDisputeDto {
  @TextField({
    example: 'The contract was signed by our rep, the rate should be 7 %',
    minLength: 3,
    maxLength: 1000,
  })
  reason!: string;
}

export class AcceptDisputeDto {
  @TextField({ example: 'Attainment was 101 %, the 7 % tier applies', minLength: 3, maxLength: 1000 })
  reason!: string;

  @IntField({
    example: 20000,
    description: 'The correction, signed, in minor units of the disputed line’s currency',
    minimum: -Number.MAX_SAFE_INTEGER,
    maximum: Number.MAX_SAFE_INTEGER,
  })
  amountMinor!: number;

  @CurrencyField({
    optional: true,
    example: 'CNY',
    description: 'If given, must be the disputed line’s currency',
  })
  currency?: string;
}

export class RejectDisputeDto {
  @TextField({
    example: 'The payment arrived after the period closed; it is in the next statement',
    minLength: 3,
    maxLength: 1000,
  })
  reason!: string;
}

export class ListDisputesQuery extends PageQuery {
  @UuidField({ optional: true })
  statementId?: string;

  @EnumField(DisputeStatus, { optional: true, enumName: 'DisputeStatus' })
  status?: DisputeStatus;
}

export class DisputeDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  statementId!: string;

  @ApiProperty({ format: 'uuid' })
  lineId!: string;

  @ApiProperty({ format: 'uuid' })
  vendorId!: string;

  @ApiProperty({ enum: DisputeStatus, enumName: 'DisputeStatus' })
  status!: DisputeStatus;

  @ApiProperty()
  reason!: string;

  @ApiProperty({ format: 'date-time' })
  raisedAt!: string;

  @ApiProperty({ type: String, nullable: true })
  decisionReason!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  decidedAt!: string | null;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The adjustment an acceptance wrote',
  })
  adjustmentId!: string | null;
}

export const StatementPage = PageOf(StatementDto);
export const StatementLinePage = PageOf(StatementLineDto);
export const DisputePage = PageOf(DisputeDto);

export function mapStatement(s: SettlementStatement): StatementDto {
  return {
    id: s.id,
    vendorId: s.vendorId,
    repId: s.repId,
    periodKey: s.periodKey,
    periodStart: s.periodStart,
    periodEnd: s.periodEnd,
    status: s.status,
    totals: s.totals.map((total) => ({ currency: total.currency, amountMinor: total.amountMinor })),
    lineCount: s.lineCount,
    computedAt: s.computedAt.toISOString(),
    approvedAt: s.approvedAt?.toISOString() ?? null,
    lockedAt: s.lockedAt?.toISOString() ?? null,
    version: s.version,
  };
}

export function mapStatementLine(l: SettlementLine): StatementLineDto {
  return {
    id: l.id,
    statementId: l.statementId,
    lineNo: l.lineNo,
    kind: l.kind,
    agreementId: l.agreementId,
    repId: l.repId,
    sourceFactId: l.sourceFactId,
    sourceContractId: l.sourceContractId,
    sourceLeadId: l.sourceLeadId,
    sourceMonth: l.sourceMonth,
    factDate: l.factDate,
    basisMinor: l.basisMinor,
    shareBps: l.shareBps,
    rateBps: l.rateBps,
    tier: l.tier,
    amountMinor: l.amountMinor,
    currency: l.currency,
    originalLineId: l.originalLineId,
    note: l.note,
  };
}

export function mapDispute(d: SettlementDispute): DisputeDto {
  return {
    id: d.id,
    statementId: d.statementId,
    lineId: d.lineId,
    vendorId: d.vendorId,
    status: d.status,
    reason: d.reason,
    raisedAt: d.createdAt.toISOString(),
    decisionReason: d.decisionReason,
    decidedAt: d.decidedAt?.toISOString() ?? null,
    adjustmentId: d.adjustmentId,
  };
}

const CSV_COLUMNS: [string, (l: SettlementLine) => string | number | null][] = [
  ['line_no', (l) => l.lineNo],
  ['kind', (l) => l.kind],
  ['fact_date', (l) => l.factDate],
  ['source_contract_id', (l) => l.sourceContractId],
  ['source_fact_id', (l) => l.sourceFactId],
  ['source_lead_id', (l) => l.sourceLeadId],
  ['source_month', (l) => l.sourceMonth],
  ['rep_id', (l) => l.repId],
  ['agreement_id', (l) => l.agreementId],
  ['basis_minor', (l) => l.basisMinor],
  ['share_bps', (l) => l.shareBps],
  ['rate_bps', (l) => l.rateBps],
  ['tier', (l) => l.tier],
  ['amount_minor', (l) => l.amountMinor],
  ['currency', (l) => l.currency],
  ['original_line_id', (l) => l.originalLineId],
  ['note', (l) => l.note],
];

/** RFC 4180; text that a spreadsheet would run as a formula is prefixed with an apostrophe. */
function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A statement as CSV for payroll or accounts payable: one row per line, amounts in minor units. */
export function statementCsv(statement: SettlementStatement, lines: readonly SettlementLine[]): string {
  const header = [
    'statement_id',
    'vendor_id',
    'payee_rep_id',
    'period',
    'status',
    ...CSV_COLUMNS.map(([name]) => name),
  ];
  const rows = lines.map((line) =>
    [
      statement.id,
      statement.vendorId,
      statement.repId,
      statement.periodKey,
      statement.status,
      ...CSV_COLUMNS.map(([, read]) => read(line)),
    ]
      .map(csvField)
      .join(','),
  );
  return [header.join(','), ...rows].join('\r\n') + '\r\n';
}
