import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DateField, EnumField, TextField, UuidField } from '../../common/validation/fields';
import { RepGrade, VendorTier } from '../vendors/vendor-enums';
import { GradeChangeCause, type GradeChangeRow } from './earned-grade.entity';
import { TIER_OF_GRADE } from './earned-grades.rules';
import type { SubjectGrade } from './grades.service';
import { GRADES, type Grade } from './scorecard-engine.rules';
import { ScoreSubject } from './scoring.enums';

export class GradeSubjectParams {
  @EnumField(ScoreSubject, { enumName: 'ScoreSubject' })
  subject!: ScoreSubject;

  @UuidField()
  subjectId!: string;
}

export class GradeOverrideDto {
  @EnumField(RepGrade, {
    enumName: 'RepGrade',
    example: 'A',
    description: 'For a vendor: A platinum … D bronze',
  })
  grade!: RepGrade;

  @TextField({
    optional: true,
    example: 'Covers the Budapest key account alone while the team is rebuilt',
    maxLength: 1000,
    description: 'Required: an override without a reason is 422 GRADE_OVERRIDE_INVALID',
  })
  reason?: string;

  @DateField({ example: '2026-12-31', description: 'The last day it stands (after today)' })
  expiresOn!: string;
}

export class GradeOverrideOutDto {
  @ApiProperty({ enum: GRADES })
  grade!: Grade;

  @ApiProperty()
  reason!: string;

  @ApiProperty({ format: 'date', example: '2026-12-31' })
  expiresOn!: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  by!: string | null;
}

export class GradeChangeDto {
  @ApiProperty({ enum: GRADES, nullable: true, type: String })
  from!: Grade | null;

  @ApiProperty({ enum: GRADES })
  to!: Grade;

  @ApiProperty({ enum: GradeChangeCause, enumName: 'GradeChangeCause' })
  cause!: GradeChangeCause;

  @ApiProperty({ nullable: true, type: String, example: '2026-05', description: 'The month that earned it' })
  period!: string | null;

  @ApiProperty({ nullable: true, type: String })
  reason!: string | null;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  changedBy!: string | null;

  @ApiProperty({ format: 'date-time' })
  changedAt!: string;
}

export class SubjectGradeDto {
  @ApiProperty({ enum: ScoreSubject, enumName: 'ScoreSubject' })
  subject!: ScoreSubject;

  @ApiProperty({ format: 'uuid' })
  subjectId!: string;

  @ApiProperty({ format: 'uuid' })
  vendorId!: string;

  @ApiProperty({
    enum: GRADES,
    nullable: true,
    type: String,
    description: 'In force: the override, else earned',
  })
  grade!: Grade | null;

  @ApiPropertyOptional({
    enum: VendorTier,
    enumName: 'VendorTier',
    nullable: true,
    description: 'Vendors only',
  })
  tier!: VendorTier | null;

  @ApiProperty({ enum: GRADES, nullable: true, type: String, description: 'Earned from closed months' })
  earnedGrade!: Grade | null;

  @ApiProperty({ nullable: true, type: String, example: '2026-05', description: 'The last month counted' })
  lastPeriod!: string | null;

  @ApiProperty({ type: GradeOverrideOutDto, nullable: true })
  override!: GradeOverrideOutDto | null;

  @ApiProperty({ type: [GradeChangeDto], description: 'Newest first' })
  history!: GradeChangeDto[];
}

const mapChange = (row: GradeChangeRow): GradeChangeDto => ({
  from: row.fromGrade,
  to: row.toGrade,
  cause: row.cause,
  period: row.periodKey,
  reason: row.reason,
  changedBy: row.changedBy,
  changedAt: row.createdAt.toISOString(),
});

export function mapSubjectGrade(grade: SubjectGrade): SubjectGradeDto {
  const row = grade.row;
  const inForce = row?.effectiveGrade ?? null;
  return {
    subject: grade.subject,
    subjectId: grade.subjectId,
    vendorId: grade.vendorId,
    grade: inForce,
    tier: grade.subject === ScoreSubject.VENDOR && inForce ? TIER_OF_GRADE[inForce] : null,
    earnedGrade: row?.earnedGrade ?? null,
    lastPeriod: row?.lastPeriodKey ?? null,
    override:
      row?.overrideGrade && row.overrideExpiresOn
        ? {
            grade: row.overrideGrade,
            reason: row.overrideReason ?? '',
            expiresOn: row.overrideExpiresOn,
            by: row.overrideBy,
          }
        : null,
    history: grade.history.map(mapChange),
  };
}
