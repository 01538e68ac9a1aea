import { ApiProperty } from '@nestjs/swagger';
import { OnboardingItem } from './onboarding-checklist.rules';
import { LeadClawbackPolicy } from './vendor-enums';
import { OffboardingTrigger, VendorOffboarding } from './vendor-offboarding.entity';

export class OffboardingItemDto {
  @ApiProperty({ example: 'lead', description: 'user, api_client, rep, lead, webhook_subscription' })
  kind!: string;

  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'back to pool 6f1c…' })
  detail!: string;
}

export class OffboardingSectionDto {
  @ApiProperty({ example: 'leads', description: 'access, reps, leads, webhooks' })
  name!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { openLeads: 3, rerouted: 0, returnedToPool: 3, unassigned: 0, followUpsMoved: 1 },
  })
  counts!: Record<string, number>;

  @ApiProperty({ type: [OffboardingItemDto] })
  items!: OffboardingItemDto[];
}

export class VendorOffboardingReportDto {
  @ApiProperty({ format: 'uuid' })
  vendorId!: string;

  @ApiProperty({ enum: OffboardingTrigger, enumName: 'OffboardingTrigger' })
  trigger!: OffboardingTrigger;

  @ApiProperty({ example: 'Contract breach' })
  reason!: string;

  @ApiProperty({ enum: LeadClawbackPolicy, enumName: 'LeadClawbackPolicy' })
  leadClawbackPolicy!: LeadClawbackPolicy;

  @ApiProperty({ format: 'date-time' })
  offboardedAt!: string;

  @ApiProperty({ example: 'Anna Admin' })
  actorName!: string;

  @ApiProperty({ type: [OffboardingSectionDto] })
  sections!: OffboardingSectionDto[];
}

export function mapVendorOffboarding(report: VendorOffboarding): VendorOffboardingReportDto {
  return {
    vendorId: report.vendorId,
    trigger: report.trigger,
    reason: report.reason,
    leadClawbackPolicy: report.leadClawbackPolicy,
    offboardedAt: report.offboardedAt.toISOString(),
    actorName: report.actorName,
    sections: report.sections,
  };
}

export class OnboardingChecklistItemDto {
  @ApiProperty({ enum: OnboardingItem, enumName: 'OnboardingItem' })
  item!: OnboardingItem;

  @ApiProperty()
  done!: boolean;

  @ApiProperty({ example: '1 of 2 active rep(s) have an active login' })
  detail!: string;
}

export class OnboardingChecklistDto {
  @ApiProperty({ description: 'Whether onboarding → active is allowed' })
  complete!: boolean;

  @ApiProperty({ type: [OnboardingChecklistItemDto] })
  items!: OnboardingChecklistItemDto[];

  @ApiProperty({ enum: OnboardingItem, enumName: 'OnboardingItem', isArray: true })
  missing!: OnboardingItem[];
}
