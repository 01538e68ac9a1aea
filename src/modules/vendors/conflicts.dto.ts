import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import { PageOf, PageQuery } from '../../common/pagination/pagination';
import { Conflict, ConflictDeclaration } from './conflict.entity';
import { ConflictStatus } from './vendor-enums';

export class CreateConflictDeclarationDto {
  @ApiProperty({ format: 'uuid', description: 'The declaring vendor' })
  @IsUUID()
  vendorId!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Set when one rep, not the whole vendor, carries the line',
  })
  @IsOptional()
  @IsUUID()
  repId?: string;

  @ApiProperty({
    example: 'Siemens AG',
    maxLength: 200,
    description: 'The other principal the vendor sells for',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  principalName!: string;

  @ApiProperty({ example: 'SITRANS P pressure transmitters', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  competingLineName!: string;

  @ApiProperty({ example: 'Process instrumentation', maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
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

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
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
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  vendorId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
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
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  vendorId?: string;

  @ApiPropertyOptional({ enum: ConflictStatus, enumName: 'ConflictStatus' })
  @IsOptional()
  @IsEnum(ConflictStatus)
  status?: ConflictStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  productLineId?: string;
}

export class CreateConflictClearanceDto {
  @ApiProperty({ example: 'Separate teams and customer lists; reviewed with legal', maxLength: 1000 })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  reason!: string;
}
