import { ApiProperty, PartialType, PickType } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsUUID } from 'class-validator';
import { PageOf, PageQuery } from '../../common/pagination/pagination';
import { Conflict, ConflictDeclaration } from './conflict.entity';
import { ConflictStatus } from './vendor-enums';
import { UuidField, TextField, EnumField } from '../../common/validation/fields';

export class CreateConflictDeclarationDto {
  @UuidField({ description: 'The declaring vendor' })
  vendorId!: string;

  @UuidField({ optional: true, description: 'Set when one rep, not the whole vendor, carries the line' })
  repId?: string;

  @TextField({
    example: 'Siemens AG',
    description: 'The other principal the vendor sells for',
    minLength: 1,
    maxLength: 200,
  })
  principalName!: string;

  @TextField({ example: 'SITRANS P pressure transmitters', minLength: 1, maxLength: 200 })
  competingLineName!: string;

  @TextField({ example: 'Process instrumentation', minLength: 1, maxLength: 100 })
  category!: string;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'Our product lines the declared line competes with',
    maxItems: 50,
  })
  @IsArray()
  @IsUUID('all', { each: true })
  @ArrayUnique()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  competingProductLineIds!: string[];

  @TextField({ optional: true, maxLength: 2000 })
  notes?: string;
}

export class UpdateConflictDeclarationDto extends PartialType(
  PickType(CreateConflictDeclarationDto, [
    'principalName',
    'competingLineName',
    'category',
    'competingProductLineIds',
    'notes',
  ] as const),
) {}

export class ListConflictDeclarationsQuery extends PageQuery {
  @UuidField({ optional: true })
  vendorId?: string;

  @UuidField({ optional: true })
  repId?: string;
}

export class ConflictDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  declarationId!: string;

  @ApiProperty({ format: 'uuid' })
  vendorId!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  repId!: string | null;

  @ApiProperty({ format: 'uuid', description: 'Our product line in the vendor’s scope' })
  productLineId!: string;

  @ApiProperty({ enum: ConflictStatus, enumName: 'ConflictStatus' })
  status!: ConflictStatus;

  @ApiProperty({ format: 'date-time' })
  detectedAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  clearedAt!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Subject id of who cleared it' })
  clearedBy!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Separate teams and customer lists; reviewed' })
  clearReason!: string | null;

  @ApiProperty({ example: 1 })
  version!: number;
}

export const ConflictPage = PageOf(ConflictDto);

export function mapConflict(conflict: Conflict): ConflictDto {
  return {
    id: conflict.id,
    declarationId: conflict.declarationId,
    vendorId: conflict.vendorId,
    repId: conflict.repId,
    productLineId: conflict.productLineId,
    status: conflict.status,
    detectedAt: conflict.createdAt.toISOString(),
    clearedAt: conflict.clearedAt?.toISOString() ?? null,
    clearedBy: conflict.clearedBy,
    clearReason: conflict.clearReason,
    version: conflict.version,
  };
}

export class ConflictDeclarationDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  vendorId!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  repId!: string | null;

  @ApiProperty({ example: 'Siemens AG' })
  principalName!: string;

  @ApiProperty({ example: 'SITRANS P pressure transmitters' })
  competingLineName!: string;

  @ApiProperty({ example: 'Process instrumentation' })
  category!: string;

  @ApiProperty({ type: [String], format: 'uuid' })
  competingProductLineIds!: string[];

  @ApiProperty({ type: String, nullable: true })
  notes!: string | null;

  @ApiProperty({ type: [ConflictDto], description: 'Conflicts flagged against the vendor’s agreement scope' })
  conflicts!: ConflictDto[];

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ example: 1 })
  version!: number;
}

export const ConflictDeclarationPage = PageOf(ConflictDeclarationDto);

export function mapConflictDeclaration(
  declaration: ConflictDeclaration,
  conflicts: Conflict[],
): ConflictDeclarationDto {
  return {
    id: declaration.id,
    vendorId: declaration.vendorId,
    repId: declaration.repId,
    principalName: declaration.principalName,
    competingLineName: declaration.competingLineName,
    category: declaration.category,
    competingProductLineIds: declaration.competingProductLineIds,
    notes: declaration.notes,
    conflicts: conflicts.filter((c) => c.declarationId === declaration.id).map(mapConflict),
    createdAt: declaration.createdAt.toISOString(),
    version: declaration.version,
  };
}

export class ListConflictsQuery extends PageQuery {
  @UuidField({ optional: true })
  vendorId?: string;

  @EnumField(ConflictStatus, { optional: true, enumName: 'ConflictStatus' })
  status?: ConflictStatus;

  @UuidField({ optional: true })
  productLineId?: string;
}

export class CreateConflictClearanceDto {
  @TextField({
    example: 'Separate teams and customer lists; reviewed with legal',
    minLength: 1,
    maxLength: 1000,
  })
  reason!: string;
}
