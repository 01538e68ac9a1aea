import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsOptional } from 'class-validator';
import type { CsatResponse } from './csat-response.entity';
import { UuidField, TextField, IntField } from '../../common/validation/fields';

export class CreateCsatResponseDto {
  @UuidField({ description: 'The rep who served the customer' })
  repId!: string;

  @UuidField({ optional: true, description: 'The contract asked about (this or visitId)' })
  contractId?: string;

  @UuidField({ optional: true, description: 'The visit asked about (this or contractId)' })
  visitId?: string;

  @IntField({ example: 4, description: '1 (very unhappy) to 5 (very happy)', minimum: 1, maximum: 5 })
  rating!: number;

  @TextField({ optional: true, example: 'Quick answers, a clear offer', maxLength: 2000 })
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
