import { ApiProperty } from '@nestjs/swagger';
import { AttainmentStatus, OwnerKind, TargetMetric, TargetStatus, TargetTier } from './target.enums';
import { DateField } from '../../common/validation/fields';

export class AttainmentQuery {
  @DateField({
    optional: true,
    example: '2026-03-13',
    description: 'The day pace is measured at; default today in each owner’s own time zone',
  })
  asOf?: string;
}

export class PaceDto {
  @ApiProperty({ example: 21 }) workingDays!: number;
  @ApiProperty({ example: 10 }) workingDaysElapsed!: number;
  @ApiProperty({ example: 0.4762, description: 'Share of the period’s working days elapsed, 0 … 1' })
  pace!: number;
  @ApiProperty({ example: 'HU', description: 'Whose calendar: the owner’s country' }) countryCode!: string;
  @ApiProperty({ example: '2026-03-13' }) asOf!: string;
}

export class AttainmentNodeDto {
  @ApiProperty({ format: 'uuid' }) targetId!: string;
  @ApiProperty({ enum: TargetMetric, enumName: 'TargetMetric' }) metric!: TargetMetric;
  @ApiProperty() periodKey!: string;
  @ApiProperty({ enum: OwnerKind, enumName: 'TargetOwnerKind' }) ownerKind!: OwnerKind;
  @ApiProperty({ type: String, nullable: true }) ownerId!: string | null;
  @ApiProperty({ type: String, nullable: true }) regionId!: string | null;
  @ApiProperty({ type: String, nullable: true }) industryCode!: string | null;
  @ApiProperty({ type: String, nullable: true }) productLineId!: string | null;
  @ApiProperty({ type: String, nullable: true }) currency!: string | null;
  @ApiProperty({ enum: TargetStatus, enumName: 'TargetStatus' }) targetStatus!: TargetStatus;
  @ApiProperty() target!: number;
  @ApiProperty({ type: Number, nullable: true }) stretch!: number | null;
  @ApiProperty({ type: Number, nullable: true }) challenge!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Null when no actual is known for the node' })
  actual!: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 47.5 }) attainmentPercent!: number | null;
  @ApiProperty({
    enum: TargetTier,
    enumName: 'TargetTier',
    nullable: true,
    description: 'The highest tier the projection reaches',
  })
  tierReached!: TargetTier | null;
  @ApiProperty({ type: PaceDto }) pace!: PaceDto;
  @ApiProperty({ type: Number, nullable: true, description: 'Run-rate end-of-period value: actual / pace' })
  projected!: number | null;
  @ApiProperty({ enum: AttainmentStatus, enumName: 'AttainmentStatus', nullable: true })
  status!: AttainmentStatus | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 1000,
    description:
      'sales_expense nodes: cost of sales, the expense actual over the same node’s revenue in the same currency ' +
      'and period, in basis points (1000 = 10 %); null for other metrics or without revenue',
  })
  costOfSalesBps!: number | null;
  @ApiProperty({ type: () => [AttainmentNodeDto] }) children!: AttainmentNodeDto[];
}

export class TargetAttainmentDto {
  @ApiProperty({ example: 0.95 }) onTrackRatio!: number;
  @ApiProperty({ example: 0.8 }) atRiskRatio!: number;
  @ApiProperty({ description: 'Nodes in the tree (the root and everything under it you may see)' })
  nodeCount!: number;
  @ApiProperty({ type: AttainmentNodeDto }) root!: AttainmentNodeDto;
}

export class FunnelRatesDto {
  @ApiProperty({
    enum: ['rep', 'vendor', 'company'],
    description:
      'Whose history the rates come from: the rep’s own when they won enough deals, else the vendor’s, else the company’s',
  })
  source!: 'rep' | 'vendor' | 'company';
  @ApiProperty({ example: 0.25 }) visitsPerCall!: number;
  @ApiProperty({ example: 0.5 }) negotiationsPerVisit!: number;
  @ApiProperty({ example: 0.4 }) wonPerNegotiation!: number;
}

export class ActivityPerDayDto {
  @ApiProperty({ example: 12 }) calls!: number;
  @ApiProperty({ example: 3 }) visits!: number;
  @ApiProperty({ example: 2 }) negotiations!: number;
}

export class ActivityPlanDto {
  @ApiProperty({ format: 'uuid' }) targetId!: string;
  @ApiProperty({ enum: TargetMetric, enumName: 'TargetMetric' }) metric!: TargetMetric;
  @ApiProperty() periodKey!: string;
  @ApiProperty({ format: 'uuid' }) repId!: string;
  @ApiProperty({ type: String, nullable: true }) currency!: string | null;
  @ApiProperty({ description: 'The base value of the target' }) target!: number;
  @ApiProperty({ description: 'The actual so far' }) actual!: number;
  @ApiProperty({ example: '2026-03-13', description: 'The day the plan is for (the rep’s today by default)' })
  asOf!: string;
  @ApiProperty({ example: '2025-03', description: 'First month of the history the rates are learned from' })
  historyFrom!: string;
  @ApiProperty({
    example: '2026-02',
    description: 'Last month of that history (the month before the period)',
  })
  historyTo!: string;
  @ApiProperty({ type: FunnelRatesDto, nullable: true, description: 'Null when nobody has history yet' })
  rates!: FunnelRatesDto | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'Average booked deal in the target currency (money targets): the rep’s, else vendor’s, else company’s',
  })
  averageDealMinor!: number | null;
  @ApiProperty({ description: 'Won deals still needed (money: the gap over the average deal, rounded up)' })
  wonNeeded!: number;
  @ApiProperty() negotiationsNeeded!: number;
  @ApiProperty() visitsNeeded!: number;
  @ApiProperty() callsNeeded!: number;
  @ApiProperty({ description: 'Working days left in the period, today included, in the rep’s calendar' })
  workingDaysLeft!: number;
  @ApiProperty({ type: ActivityPerDayDto, nullable: true, description: 'Null with no rates or no day left' })
  perDay!: ActivityPerDayDto | null;
}

export class RepDayPlanDto {
  @ApiProperty({ format: 'uuid' }) repId!: string;
  @ApiProperty({ example: '2026-03-13' }) asOf!: string;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'The rep’s daily call quota (own, else the agreement’s)',
  })
  dailyCallQuota!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'The rep’s daily visit quota (own, else the agreement’s)',
  })
  dailyVisitQuota!: number | null;
  @ApiProperty({
    type: [ActivityPlanDto],
    description:
      'One plan per plannable target of the rep whose period runs on the day, shortest period first',
  })
  plans!: ActivityPlanDto[];
}
