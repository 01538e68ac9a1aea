import { ApiProperty } from '@nestjs/swagger';
import { PageOf, PageQuery } from '../../common/pagination/pagination';
import { CallReportFlag } from './call-report-flag.entity';
import { PlausibilityFlagKind } from './call-report.enums';
import { UuidField, TextField, EnumField, QueryBooleanField } from '../../common/validation/fields';

export class ListFlagsQuery extends PageQuery {
  @UuidField({ optional: true })
  repId?: string;

  @UuidField({ optional: true })
  vendorId?: string;

  @EnumField(PlausibilityFlagKind, { optional: true, enumName: 'PlausibilityFlagKind' })
  kind?: PlausibilityFlagKind;

  @QueryBooleanField({ optional: true, default: false, description: 'Also list dismissed flags' })
  includeDismissed?: boolean;
}

export class DismissFlagDto {
  @TextField({
    example: 'Checked with the customer: the visits were real, the rep used the train.',
    minLength: 3,
    maxLength: 500,
  })
  reason!: string;
}

export class PlausibilityFlagDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  callReportId!: string;

  @ApiProperty({ format: 'uuid' })
  repId!: string;

  @ApiProperty({ format: 'uuid' })
  vendorId!: string;

  @ApiProperty({ format: 'date-time', description: 'When the flagged report happened' })
  occurredAt!: string;

  @ApiProperty({ enum: PlausibilityFlagKind, enumName: 'PlausibilityFlagKind' })
  kind!: PlausibilityFlagKind;

  @ApiProperty({ example: '195 km from the previous visit 35 min after it (334 km/h)' })
  detail!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  dismissedAt!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  dismissedBy!: string | null;

  @ApiProperty({ type: String, nullable: true })
  dismissReason!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ example: 1 })
  version!: number;
}

export const PlausibilityFlagPage = PageOf(PlausibilityFlagDto);

export function mapFlag(flag: CallReportFlag): PlausibilityFlagDto {
  return {
    id: flag.id,
    callReportId: flag.callReportId,
    repId: flag.repId,
    vendorId: flag.vendorId,
    occurredAt: flag.occurredAt.toISOString(),
    kind: flag.kind,
    detail: flag.detail,
    dismissedAt: flag.dismissedAt?.toISOString() ?? null,
    dismissedBy: flag.dismissedBy,
    dismissReason: flag.dismissReason,
    createdAt: flag.createdAt.toISOString(),
    version: flag.version,
  };
}
