import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { CallReportOutcome, CallReportType } from './call-report.enums';
import { DailyBrief, PeriodSelector, RepCompliance, VendorCompliance } from './compliance.service';
import { ComplianceSummary, QuotaProgress, QuotaSet } from './quota-compliance.rules';
import { UuidField, DateField } from '../../common/validation/fields';

export class PeriodQuery implements PeriodSelector {
  @DateField({ optional: true, example: '2026-11-23', description: 'One day' })
  date?: string;

  @ApiPropertyOptional({ example: '2026-W48', description: 'An ISO week, Monday to Sunday' })
  @IsOptional()
  @Matches(/^\d{4}-W\d{2}$/, { message: 'week must be an ISO week like 2026-W48' })
  week?: string;

  @DateField({ optional: true, example: '2026-11-01' })
  from?: string;

  @DateField({ optional: true, example: '2026-11-30' })
  to?: string;
}

export class TeamComplianceQuery extends PeriodQuery {
  @UuidField({ optional: true, description: 'One vendor; vendor-bound callers always see only theirs' })
  vendorId?: string;
}

export class DailyBriefQuery {
  @DateField({
    optional: true,
    example: '2026-11-23',
    description: "Default: today in the rep's or vendor's time zone",
  })
  date?: string;
}

export class QuotaSetDto implements QuotaSet {
  @ApiProperty({ type: Number, nullable: true, example: 10 })
  dailyCalls!: number | null;

  @ApiProperty({ type: Number, nullable: true, example: 45 })
  weeklyCalls!: number | null;

  @ApiProperty({ type: Number, nullable: true, example: 2 })
  dailyVisits!: number | null;

  @ApiProperty({ type: Number, nullable: true, example: null })
  weeklyVisits!: number | null;
}

export class QuotaProgressDto implements QuotaProgress {
  @ApiProperty({ example: 41 })
  done!: number;

  @ApiProperty({ type: Number, nullable: true, example: 45, description: 'null: no quota applies' })
  expected!: number | null;

  @ApiProperty({ type: Number, nullable: true, example: 91.1 })
  percent!: number | null;

  @ApiProperty()
  met!: boolean;
}

export class CountByTypeDto {
  @ApiProperty({ example: 41 })
  call!: number;

  @ApiProperty({ example: 6 })
  visit!: number;

  @ApiProperty({ example: 2 })
  meeting!: number;

  @ApiProperty({ example: 1 })
  negotiation!: number;

  @ApiProperty({ example: 0 })
  demo!: number;

  @ApiProperty({ example: 3 })
  email!: number;
}

export class ComplianceSummaryDto implements ComplianceSummary {
  @ApiProperty({ example: 4, description: "Working days in the period, in the rep's country calendar" })
  workingDays!: number;

  @ApiProperty({ type: QuotaProgressDto, description: 'Calls (type `call`)' })
  calls!: QuotaProgressDto;

  @ApiProperty({ type: QuotaProgressDto, description: 'Visits (type `visit`)' })
  visits!: QuotaProgressDto;

  @ApiProperty({ example: 1, description: 'Working days on which a daily quota was not reached' })
  daysMissed!: number;

  @ApiProperty({ type: CountByTypeDto })
  byType!: CountByTypeDto;

  @ApiProperty()
  belowQuota!: boolean;
}

export class RepComplianceDto extends ComplianceSummaryDto {
  @ApiProperty({ format: 'uuid' })
  repId!: string;

  @ApiProperty({ example: 'Zhang Wei' })
  repName!: string;

  @ApiProperty({ format: 'uuid' })
  vendorId!: string;

  @ApiProperty({ example: 'Asia/Shanghai' })
  timezone!: string;

  @ApiProperty({ format: 'date', example: '2026-11-23' })
  from!: string;

  @ApiProperty({ format: 'date', example: '2026-11-29' })
  to!: string;

  @ApiProperty({
    type: QuotaSetDto,
    description: 'Effective quotas: the rep’s own, else the agreement default',
  })
  quotas!: QuotaSetDto;
}

export class VendorComplianceDto extends ComplianceSummaryDto {
  @ApiProperty({ format: 'uuid' })
  vendorId!: string;

  @ApiProperty({ format: 'date', example: '2026-11-23' })
  from!: string;

  @ApiProperty({ format: 'date', example: '2026-11-29' })
  to!: string;

  @ApiProperty({ example: 12, description: 'Active reps counted' })
  repCount!: number;

  @ApiProperty({ example: 3 })
  repsBelowQuota!: number;

  @ApiProperty({ type: [RepComplianceDto], description: 'Each active rep, lowest compliance first' })
  reps!: RepComplianceDto[];
}

export class RepsBelowQuotaDto {
  @ApiProperty({ format: 'date', example: '2026-11-23' })
  from!: string;

  @ApiProperty({ format: 'date', example: '2026-11-29' })
  to!: string;

  @ApiProperty({
    type: [RepComplianceDto],
    description: 'Active reps below a quota, lowest compliance first',
  })
  data!: RepComplianceDto[];
}

export class OutcomeCountDto {
  @ApiProperty({ enum: CallReportType, enumName: 'CallReportType' })
  type!: CallReportType;

  @ApiProperty({ enum: CallReportOutcome, enumName: 'CallReportOutcome' })
  outcome!: CallReportOutcome;

  @ApiProperty({ example: 4 })
  count!: number;
}

export class DailyBriefDto {
  @ApiProperty({ format: 'date', example: '2026-11-23' })
  date!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  repId!: string | null;

  @ApiProperty({ format: 'uuid' })
  vendorId!: string;

  @ApiProperty({ type: CountByTypeDto })
  byType!: CountByTypeDto;

  @ApiProperty({ type: [OutcomeCountDto], description: 'Reports by type and outcome' })
  byOutcome!: OutcomeCountDto[];

  @ApiProperty({ example: 9, description: 'Distinct leads touched' })
  leadsTouched!: number;

  @ApiProperty({ example: 3, description: 'Reports that set a next step with a date' })
  followUpsSet!: number;

  @ApiProperty({ example: 1, description: 'Open plausibility flags on the day’s reports' })
  openFlags!: number;

  @ApiProperty({ type: ComplianceSummaryDto, description: 'Quota status for the day' })
  quota!: ComplianceSummaryDto;

  @ApiProperty({
    example: 1,
    description: 'Reps of the vendor below a daily quota (vendor brief); 0 or 1 for a rep',
  })
  repsBelowQuota!: number;

  @ApiProperty({
    type: () => [BriefPlanDto],
    description:
      "A rep's brief: one activity plan per running revenue, bookings, won-leads or new-customers target of the rep (shortest period first), from the target's remaining gap and the rep's funnel rates; empty in a vendor's brief",
  })
  plans!: BriefPlanDto[];
}

export class BriefActivityPerDayDto {
  @ApiProperty({ example: 12 }) calls!: number;
  @ApiProperty({ example: 3 }) visits!: number;
  @ApiProperty({ example: 2 }) negotiations!: number;
}

export class BriefPlanDto {
  @ApiProperty({ format: 'uuid' }) targetId!: string;
  @ApiProperty({ example: 'bookings' }) metric!: string;
  @ApiProperty({ example: '2026-03' }) periodKey!: string;
  @ApiProperty({ example: 3, description: 'Won deals still missing for the target' }) wonNeeded!: number;
  @ApiProperty({
    example: 12,
    description: "Working days left in the period, today included (rep's calendar)",
  })
  workingDaysLeft!: number;
  @ApiProperty({
    type: BriefActivityPerDayDto,
    nullable: true,
    description: 'Calls, visits and negotiations per remaining working day; null when no working day is left',
  })
  perDay!: BriefActivityPerDayDto | null;
}

export function mapComplianceSummary(summary: ComplianceSummary): ComplianceSummaryDto {
  return {
    workingDays: summary.workingDays,
    calls: summary.calls,
    visits: summary.visits,
    daysMissed: summary.daysMissed,
    byType: summary.byType,
    belowQuota: summary.belowQuota,
  };
}

export function mapRepCompliance(compliance: RepCompliance): RepComplianceDto {
  return {
    repId: compliance.rep.repId,
    repName: compliance.rep.fullName,
    vendorId: compliance.rep.vendorId,
    timezone: compliance.rep.timezone,
    from: compliance.from,
    to: compliance.to,
    quotas: compliance.rep.quotas,
    ...mapComplianceSummary(compliance),
  };
}

export function mapVendorCompliance(compliance: VendorCompliance): VendorComplianceDto {
  const reps = compliance.reps.map(mapRepCompliance);
  return {
    vendorId: compliance.vendorId,
    from: compliance.from,
    to: compliance.to,
    repCount: reps.length,
    repsBelowQuota: reps.filter((rep) => rep.belowQuota).length,
    ...mapComplianceSummary(compliance),
    reps,
  };
}

export function mapDailyBrief(brief: DailyBrief): DailyBriefDto {
  return { ...brief, quota: mapComplianceSummary(brief.quota) };
}
