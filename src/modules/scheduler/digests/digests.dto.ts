import { ApiProperty } from '@nestjs/swagger';
import { Role } from '../../../common/auth/role';
import { PageOf, PageQuery } from '../../../common/pagination/pagination';
import { EnumField, UuidField } from '../../../common/validation/fields';
import { AlertItemDto } from '../alerts/alerts.dto';
import type { AlertDigest } from './alert-digest.entity';
import { DIGEST_RECIPIENT_ROLES, type DigestPeriod, type DigestRecipientRole } from './digest.rules';

const PERIODS: Record<DigestPeriod, DigestPeriod> = { daily: 'daily', weekly: 'weekly' };

export class ListMyDigestsQuery extends PageQuery {
  @EnumField(PERIODS, { enumName: 'DigestPeriod', optional: true, default: 'daily' })
  period?: DigestPeriod;
}

export class ListDigestsQuery extends ListMyDigestsQuery {
  @UuidField({ optional: true, description: 'The user the digests went to' })
  recipientId?: string;
}

export class DigestRecipientDto {
  @ApiProperty({ format: 'uuid', description: 'The user' })
  userId!: string;

  @ApiProperty({
    enum: DIGEST_RECIPIENT_ROLES,
    enumName: 'DigestRecipientRole',
    example: Role.VENDOR_MANAGER,
  })
  role!: DigestRecipientRole;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  vendorId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  repId!: string | null;
}

export class DigestKindDto {
  @ApiProperty({ example: 'stale_key_lead' })
  type!: string;

  @ApiProperty({ example: 4, description: 'Open now' })
  open!: number;

  @ApiProperty({ example: 1, description: 'Acknowledged, not resolved' })
  acknowledged!: number;

  @ApiProperty({ example: 2, description: 'Raised within the window (whatever their status now)' })
  raised!: number;

  @ApiProperty({ example: 1, description: 'Unresolved and critical' })
  critical!: number;

  @ApiProperty({ example: 3, description: 'Unresolved, warning' })
  warning!: number;

  @ApiProperty({ example: 1, description: 'Unresolved, info' })
  info!: number;
}

/** A stored digest; also the `data` of the `digest.daily` and `digest.weekly` webhook events. */
export class DigestDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: PERIODS, enumName: 'DigestPeriod' })
  period!: DigestPeriod;

  @ApiProperty({
    example: '2026-11-23',
    description: 'daily: the recipient’s local day; weekly: its ISO week',
  })
  periodKey!: string;

  @ApiProperty({
    format: 'date',
    example: '2026-11-23',
    description: 'The recipient’s day it was produced on',
  })
  localDay!: string;

  @ApiProperty({ example: 'Asia/Shanghai', description: 'The time zone that day is counted in' })
  timeZone!: string;

  @ApiProperty({ type: DigestRecipientDto })
  recipient!: DigestRecipientDto;

  @ApiProperty({
    format: 'date-time',
    description: 'Alerts raised from here up to producedAt count as raised',
  })
  windowStart!: string;

  @ApiProperty({ format: 'date-time' })
  producedAt!: string;

  @ApiProperty({ example: 7, description: 'Open alerts in the recipient’s scope' })
  open!: number;

  @ApiProperty({ example: 2, description: 'Acknowledged, not resolved' })
  acknowledged!: number;

  @ApiProperty({ example: 3, description: 'Raised within the window' })
  raised!: number;

  @ApiProperty({ type: [DigestKindDto], description: 'Per alert kind, the most unresolved first' })
  byKind!: DigestKindDto[];

  @ApiProperty({
    type: [AlertItemDto],
    description: 'The top unresolved alerts: most severe first, then newest (the `digests` check’s topItems)',
  })
  topItems!: AlertItemDto[];
}

export const DigestPage = PageOf(DigestDto);

export function mapDigest(digest: AlertDigest): DigestDto {
  return {
    id: digest.id,
    period: digest.period,
    periodKey: digest.periodKey,
    localDay: digest.localDay,
    timeZone: digest.timeZone,
    recipient: {
      userId: digest.recipientUserId,
      role: digest.recipientRole,
      vendorId: digest.vendorId,
      repId: digest.repId,
    },
    windowStart: digest.windowStart.toISOString(),
    producedAt: digest.producedAt.toISOString(),
    open: digest.openCount,
    acknowledged: digest.acknowledgedCount,
    raised: digest.raisedCount,
    byKind: digest.byKind,
    topItems: digest.topItems,
  };
}
