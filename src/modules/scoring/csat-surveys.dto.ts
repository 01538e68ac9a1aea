import { ApiProperty } from '@nestjs/swagger';
import { PageQuery } from '../../common/pagination/pagination';
import { IntField, TextField, UuidField } from '../../common/validation/fields';
import type { CsatSurvey } from './csat-survey.entity';
import { SURVEY_STATUSES, type SurveyStatus } from './csat-survey.rules';

export class CreateCsatSurveyDto {
  @UuidField({ optional: true, description: 'The contract the customer is asked about (this or visitId)' })
  contractId?: string;

  @UuidField({
    optional: true,
    description: 'The visit (a call report of type visit) asked about (this or contractId)',
  })
  visitId?: string;

  @UuidField({
    optional: true,
    description: 'The rep the answer is for; defaults to the contract’s rep (a visit’s is always its own)',
  })
  repId?: string;

  @IntField({
    optional: true,
    minimum: 1,
    maximum: 365,
    example: 14,
    description: 'Days the link works; defaults to SURVEY_LINK_TTL_DAYS (14)',
  })
  expiresInDays?: number;
}

export class ListCsatSurveysQuery extends PageQuery {
  @UuidField({ optional: true, description: 'Only the invitations about this contract' })
  contractId?: string;

  @UuidField({ optional: true, description: 'Only the invitations about this visit' })
  visitId?: string;
}

export class CsatSurveyDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  contractId!: string | null;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  visitId!: string | null;

  @ApiProperty({ format: 'uuid' })
  vendorId!: string;

  @ApiProperty({ format: 'uuid' })
  repId!: string;

  @ApiProperty({ enum: SURVEY_STATUSES, enumName: 'SurveyStatus' })
  status!: SurveyStatus;

  @ApiProperty({ format: 'date-time' })
  expiresAt!: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  usedAt!: string | null;

  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The CSAT answer it produced' })
  csatResponseId!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

/** The issued link: the token is shown here once; only its hash is stored. */
export class IssuedCsatSurveyDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({
    example: 'https://osm.example.com/api/v1/public/surveys/Jr3…',
    description: 'Send this to the customer',
  })
  url!: string;

  @ApiProperty({ description: 'Random, 32 bytes base64url; shown once' })
  token!: string;

  @ApiProperty({ format: 'date-time' })
  expiresAt!: string;
}

/** What the customer sees: who served them, the question and the scale; no internal data. */
export class PublicSurveyDto {
  @ApiProperty({ example: 'Budapest Sales Kft.' })
  sellerName!: string;

  @ApiProperty({ example: 'Kovács Anna' })
  repName!: string;

  @ApiProperty({ example: 'How satisfied are you with Budapest Sales Kft. and Kovács Anna?' })
  question!: string;

  @ApiProperty({ example: 1 })
  minRating!: number;

  @ApiProperty({ example: 5 })
  maxRating!: number;

  @ApiProperty({ format: 'date-time' })
  expiresAt!: string;
}

export class AnswerPublicSurveyDto {
  @IntField({ example: 5, description: '1 (very unhappy) to 5 (very happy)', minimum: 1, maximum: 5 })
  rating!: number;

  @TextField({ optional: true, example: 'Quick answers, a clear offer', maxLength: 2000 })
  comment?: string;
}

export class PublicSurveyAnswerDto {
  @ApiProperty({ example: 'Thank you for your answer' })
  message!: string;

  @ApiProperty({ format: 'date-time' })
  answeredAt!: string;
}

export const mapCsatSurvey = (row: CsatSurvey, status: SurveyStatus): CsatSurveyDto => ({
  id: row.id,
  contractId: row.contractId,
  visitId: row.visitId,
  vendorId: row.vendorId,
  repId: row.repId,
  status,
  expiresAt: row.expiresAt.toISOString(),
  usedAt: row.usedAt ? row.usedAt.toISOString() : null,
  csatResponseId: row.csatResponseId,
  createdAt: row.createdAt.toISOString(),
});

export const mapPublicSurvey = (row: CsatSurvey): PublicSurveyDto => ({
  sellerName: row.sellerName,
  repName: row.repName,
  question: `How satisfied are you with ${row.sellerName} and ${row.repName}?`,
  minRating: 1,
  maxRating: 5,
  expiresAt: row.expiresAt.toISOString(),
});
