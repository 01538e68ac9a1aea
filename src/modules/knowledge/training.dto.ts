import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsInt,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { PageOf, PageQuery } from '../../common/pagination/pagination';
import { DateField, IntField, TextField, UuidField } from '../../common/validation/fields';
import { Certification, Curriculum, CurriculumEnrolment } from './curriculum.entity';

export const MAX_QUESTIONS = 50;
export const MAX_OPTIONS = 6;

export class QuizQuestionDto {
  @TextField({ minLength: 1, maxLength: 500, example: 'PS-200 的量程应选工作压力的多少倍？' })
  prompt!: string;

  @ApiProperty({ type: [String], minItems: 2, maxItems: MAX_OPTIONS, example: ['1 倍', '1.5 倍', '3 倍'] })
  @IsArray()
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(200, { each: true })
  @ArrayMinSize(2)
  @ArrayMaxSize(MAX_OPTIONS)
  options!: string[];

  @IntField({ minimum: 0, maximum: MAX_OPTIONS - 1, example: 1, description: 'Index of the right option' })
  correctOption!: number;
}

export class CreateCurriculumDto {
  @UuidField({ description: 'The catalog product line it certifies for' })
  productLineId!: string;

  @TextField({ minLength: 1, maxLength: 200, example: 'Industrial sensors certification' })
  title!: string;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    maxItems: 20,
    description: 'Articles to read first; each must be readable by every vendor (audience all_vendors)',
  })
  @IsArray()
  @IsUUID('all', { each: true })
  @ArrayUnique()
  @ArrayMaxSize(20)
  requiredArticleIds: string[] = [];

  @ApiProperty({ type: [QuizQuestionDto], minItems: 1, maxItems: MAX_QUESTIONS })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => QuizQuestionDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_QUESTIONS)
  questions!: QuizQuestionDto[];

  @IntField({ minimum: 1, maximum: 100, example: 80, description: 'Whole per cent needed to pass' })
  passMarkPct!: number;

  @IntField({ minimum: 1, maximum: 60, example: 12, description: 'How long a pass certifies, in months' })
  validityMonths!: number;
}

export class MarkArticleReadDto {
  @UuidField({ description: 'One of the curriculum’s required articles' })
  articleId!: string;
}

export class QuizAttemptDto {
  @ApiProperty({
    type: [Number],
    maxItems: MAX_QUESTIONS,
    example: [1, 0, 2],
    description: 'The chosen option of each question, in order',
  })
  @IsArray()
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(MAX_OPTIONS - 1, { each: true })
  @ArrayMaxSize(MAX_QUESTIONS)
  answers!: number[];
}

export class ListCertificationsQuery extends PageQuery {
  @UuidField({ optional: true })
  repId?: string;

  @UuidField({ optional: true })
  productLineId?: string;

  @DateField({ optional: true, description: 'Only certifications valid on this day' })
  validOn?: string;
}

// ---- responses ----

export class QuizQuestionViewDto {
  @ApiProperty()
  prompt!: string;

  @ApiProperty({ type: [String] })
  options!: string[];

  @ApiProperty({ type: Number, nullable: true, description: 'Shown to company roles only; null for others' })
  correctOption!: number | null;
}

export class CurriculumDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  productLineId!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty({ type: [String], format: 'uuid' })
  requiredArticleIds!: string[];

  @ApiProperty({ type: [QuizQuestionViewDto] })
  questions!: QuizQuestionViewDto[];

  @ApiProperty({ example: 80 })
  passMarkPct!: number;

  @ApiProperty({ example: 12 })
  validityMonths!: number;

  @ApiProperty({ example: 1 })
  version!: number;
}

export class CurriculumPage extends PageOf(CurriculumDto) {}

export function mapCurriculum(curriculum: Curriculum, showAnswers: boolean): CurriculumDto {
  return {
    id: curriculum.id,
    productLineId: curriculum.productLineId,
    title: curriculum.title,
    requiredArticleIds: curriculum.requiredArticleIds,
    questions: curriculum.questions.map((q) => ({
      prompt: q.prompt,
      options: q.options,
      correctOption: showAnswers ? q.correctOption : null,
    })),
    passMarkPct: curriculum.passMarkPct,
    validityMonths: curriculum.validityMonths,
    version: curriculum.version,
  };
}

export class EnrolmentDto {
  @ApiProperty({ format: 'uuid' })
  curriculumId!: string;

  @ApiProperty({ format: 'uuid' })
  repId!: string;

  @ApiProperty({ format: 'uuid' })
  vendorId!: string;

  @ApiProperty({ type: [String], format: 'uuid' })
  readArticleIds!: string[];

  @ApiProperty({ example: 2, description: 'Required articles not read yet' })
  articlesLeft!: number;

  @ApiProperty({ example: 1 })
  attempts!: number;

  @ApiProperty({ type: Number, nullable: true, example: 75 })
  bestScorePct!: number | null;

  @ApiProperty({ format: 'date', type: String, nullable: true, example: '2026-12-02' })
  passedOn!: string | null;
}

export function mapEnrolment(enrolment: CurriculumEnrolment, curriculum: Curriculum): EnrolmentDto {
  const read = new Set(enrolment.readArticleIds);
  return {
    curriculumId: enrolment.curriculumId,
    repId: enrolment.repId,
    vendorId: enrolment.vendorId,
    readArticleIds: enrolment.readArticleIds,
    articlesLeft: curriculum.requiredArticleIds.filter((id) => !read.has(id)).length,
    attempts: enrolment.attempts,
    bestScorePct: enrolment.bestScorePct,
    passedOn: enrolment.passedOn,
  };
}

export class CertificationDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  repId!: string;

  @ApiProperty({ format: 'uuid' })
  vendorId!: string;

  @ApiProperty({ format: 'uuid' })
  productLineId!: string;

  @ApiProperty({ format: 'uuid' })
  curriculumId!: string;

  @ApiProperty({ example: 75 })
  scorePct!: number;

  @ApiProperty({ format: 'date', example: '2026-12-02' })
  passedOn!: string;

  @ApiProperty({ format: 'date', example: '2027-12-01', description: 'The last day it is valid' })
  expiresOn!: string;
}

export class CertificationPage extends PageOf(CertificationDto) {}

export function mapCertification(c: Certification): CertificationDto {
  return {
    id: c.id,
    repId: c.repId,
    vendorId: c.vendorId,
    productLineId: c.productLineId,
    curriculumId: c.curriculumId,
    scorePct: c.scorePct,
    passedOn: c.passedOn,
    expiresOn: c.expiresOn,
  };
}

export class QuizResultDto {
  @ApiProperty({ example: 3 })
  correct!: number;

  @ApiProperty({ example: 4 })
  total!: number;

  @ApiProperty({ example: 75 })
  scorePct!: number;

  @ApiProperty()
  passed!: boolean;

  @ApiProperty({ type: EnrolmentDto })
  progress!: EnrolmentDto;

  @ApiProperty({ type: CertificationDto, nullable: true, description: 'The certification a pass earned' })
  certification!: CertificationDto | null;
}
