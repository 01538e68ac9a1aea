import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import type { CsatResponse } from './csat-response.entity';

export class CreateCsatResponseDto {
  @ApiProperty({ format: 'uuid', description: 'The rep who served the customer' })
  @IsUUID()
  repId!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The contract asked about (this or visitId)' })
  @IsOptional()
  @IsUUID()
  contractId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The visit asked about (this or contractId)' })
  @IsOptional()
  @IsUUID()
  visitId?: string;

  @ApiProperty({ minimum: 1, maximum: 5, example: 4, description: '1 (very unhappy) to 5 (very happy)' })
  @IsInt()
  @Min(1)
  @Max(5)
  rating!: number;

  @ApiPropertyOptional({ maxLength: 2000, example: 'Quick answers, a clear offer' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'When the customer answered; defaults to now' })
  @IsOptional()
  @IsDateString()
  answeredAt?: string;
}

export class CsatResponseDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  vendorId!: string;

  @ApiProperty({ format: 'uuid' })
  repId!: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  contractId!: string | null;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  visitId!: string | null;

  @ApiProperty({ example: 4 })
  rating!: number;

  @ApiProperty({ nullable: true, type: String })
  comment!: string | null;

  @ApiProperty({ enum: ['erp', 'survey_link'] })
  channel!: 'erp' | 'survey_link';

  @ApiProperty({ format: 'date-time' })
  answeredAt!: string;
}

export const mapCsatResponse = (row: CsatResponse): CsatResponseDto => ({
  id: row.id,
  vendorId: row.vendorId,
  repId: row.repId,
  contractId: row.contractId,
  visitId: row.visitId,
  rating: row.rating,
  comment: row.comment,
  channel: row.channel,
  answeredAt: row.answeredAt.toISOString(),
});
