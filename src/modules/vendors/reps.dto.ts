import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsOptional,
  IsString,
  IsTimeZone,
  Matches,
  MaxLength,
} from 'class-validator';
import { PageOf, SyncPageQuery } from '../../common/pagination/pagination';
import { Rep } from './rep.entity';
import { RepGrade } from './vendor-enums';
import { E164 } from './vendors.dto';
import {
  UuidField,
  TextField,
  EnumField,
  IntField,
  BooleanField,
  DateField,
  QueryBooleanField,
} from '../../common/validation/fields';

const TAG = /^[\p{L}\p{N}][\p{L}\p{N} _:.+#-]*$/u;
const normaliseTags = ({ value }: { value: unknown }): unknown =>
  Array.isArray(value)
    ? value.map((tag: unknown) => (typeof tag === 'string' ? tag.trim().toLowerCase() : tag))
    : value;

export class CreateRepDto {
  @UuidField({ description: 'The vendor (or internal team) the rep works for' })
  vendorId!: string;

  @UuidField({
    optional: true,
    nullable: true,
    description: 'The login user of this rep; null on an update unlinks it',
  })
  userId?: string;

  @TextField({ example: 'Wang Fang', minLength: 1, maxLength: 200 })
  fullName!: string;

  @ApiPropertyOptional({ example: 'wang.fang@huadong-partners.cn', maxLength: 254 })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ example: '+8613912345678', description: 'E.164' })
  @IsOptional()
  @Matches(E164, { message: 'phone must be an E.164 number such as +36301234567' })
  phone?: string;

  @UuidField({ optional: true })
  regionId?: string;

  @EnumField(RepGrade, { enumName: 'RepGrade', example: RepGrade.B })
  grade!: RepGrade;

  @ApiPropertyOptional({
    type: [String],
    example: ['industry:manufacturing', 'product:sensors', 'lang:zh', 'key-accounts'],
    description: 'Industry, product expertise, language and free tags; stored lower case',
    maxItems: 50,
  })
  @IsOptional()
  @IsArray()
  @Transform(normaliseTags)
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  @Matches(TAG, { each: true, message: 'each tag starts with a letter or digit' })
  @ArrayUnique()
  @ArrayMaxSize(50)
  tags?: string[];

  @IntField({ optional: true, example: 6, minimum: 0, maximum: 70 })
  yearsOfExperience?: number;

  @IntField({ example: 40, description: 'Most open leads the rep may hold', minimum: 0, maximum: 100000 })
  capacity!: number;

  @IntField({
    optional: true,
    nullable: true,
    example: 10,
    description: 'Own daily call quota; null/absent = the agreement default',
    minimum: 0,
    maximum: 1000,
  })
  dailyCallQuota?: number | null;

  @IntField({ optional: true, nullable: true, example: 45, minimum: 0, maximum: 5000 })
  weeklyCallQuota?: number | null;

  @IntField({
    optional: true,
    nullable: true,
    example: 2,
    description: 'Visits per day; null: the agreement default',
    minimum: 0,
    maximum: 100,
  })
  dailyVisitQuota?: number | null;

  @IntField({
    optional: true,
    nullable: true,
    example: 8,
    description: 'Visits per ISO week',
    minimum: 0,
    maximum: 500,
  })
  weeklyVisitQuota?: number | null;

  @ApiProperty({ example: 'Asia/Shanghai', description: 'IANA time zone' })
  @IsTimeZone()
  @MaxLength(64)
  timezone!: string;

  @DateField({
    optional: true,
    example: '2026-03-02',
    description:
      "First working day with us, the rep's local date; default today in the rep's time zone. Idle time and the weekly quota's pro rata count from it.",
  })
  startedOn?: string;

  @BooleanField({ optional: true, default: true })
  active?: boolean;

  @TextField({
    optional: true,
    example: 'Parental leave until 2026-09',
    description: 'Required when inactive',
    minLength: 1,
    maxLength: 500,
  })
  inactiveReason?: string;
}

/** Moving a rep means changing `vendorId`; a vendor manager can move only within vendors they manage. */
export class UpdateRepDto extends PartialType(CreateRepDto) {}

export class ListRepsQuery extends SyncPageQuery {
  @UuidField({ optional: true })
  vendorId?: string;

  @EnumField(RepGrade, { optional: true, enumName: 'RepGrade' })
  grade?: RepGrade;

  @UuidField({ optional: true })
  regionId?: string;

  @ApiPropertyOptional({
    type: [String],
    description: 'Reps carrying all of these tags',
    example: ['lang:zh'],
    maxItems: 20,
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    normaliseTags({ value: Array.isArray(value) ? value : [value] }),
  )
  @IsArray()
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  @ArrayMaxSize(20)
  tags?: string[];

  @QueryBooleanField({ optional: true })
  active?: boolean;

  @TextField({ optional: true, description: 'Part of the name, case-insensitive', maxLength: 100 })
  search?: string;
}

export class RepDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  vendorId!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  userId!: string | null;

  @ApiProperty({ example: 'Wang Fang' })
  fullName!: string;

  @ApiProperty({ type: String, nullable: true })
  email!: string | null;

  @ApiProperty({ type: String, nullable: true, example: '+8613912345678' })
  phone!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  regionId!: string | null;

  @ApiProperty({ enum: RepGrade, enumName: 'RepGrade' })
  grade!: RepGrade;

  @ApiProperty({ type: [String], example: ['industry:manufacturing', 'lang:zh'] })
  tags!: string[];

  @ApiProperty({
    type: [String],
    example: ['industry:manufacturing', 'line:industrial-sensors'],
    description:
      'Earned from won deals (at least `minWins` in an industry or product line within `windowMonths`, the ' +
      '`earned_tags` check); read-only, recomputed daily, matched by routing like `tags`',
  })
  earnedTags!: string[];

  @ApiProperty({ example: 6 })
  yearsOfExperience!: number;

  @ApiProperty({ example: 40 })
  capacity!: number;

  @ApiProperty({ type: Number, nullable: true, description: 'The rep’s own quota, if set' })
  dailyCallQuota!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  weeklyCallQuota!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'The rep’s own visit quota, if set' })
  dailyVisitQuota!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  weeklyVisitQuota!: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Default of the vendor’s agreement in force today',
  })
  agreementDailyCallQuota!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  agreementWeeklyCallQuota!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Own quota, else the agreement default' })
  effectiveDailyCallQuota!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  effectiveWeeklyCallQuota!: number | null;

  @ApiProperty()
  active!: boolean;

  @ApiProperty({ type: String, nullable: true })
  inactiveReason!: string | null;

  @ApiProperty({ example: 'Asia/Shanghai' })
  timezone!: string;

  @ApiProperty({ format: 'date', example: '2026-03-02' })
  startedOn!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;

  @ApiProperty({ example: 1 })
  version!: number;
}

export const RepPage = PageOf(RepDto);

export interface AgreementQuotas {
  daily: number | null;
  weekly: number | null;
}

export function mapRep(rep: Rep, agreement: AgreementQuotas | undefined): RepDto {
  const agreementDaily = agreement?.daily ?? null;
  const agreementWeekly = agreement?.weekly ?? null;
  return {
    id: rep.id,
    vendorId: rep.vendorId,
    userId: rep.userId,
    fullName: rep.fullName,
    email: rep.email,
    phone: rep.phone,
    regionId: rep.regionId,
    grade: rep.grade,
    tags: rep.tags,
    earnedTags: rep.earnedTags,
    yearsOfExperience: rep.yearsOfExperience,
    capacity: rep.capacity,
    dailyCallQuota: rep.dailyCallQuota,
    weeklyCallQuota: rep.weeklyCallQuota,
    dailyVisitQuota: rep.dailyVisitQuota,
    weeklyVisitQuota: rep.weeklyVisitQuota,
    agreementDailyCallQuota: agreementDaily,
    agreementWeeklyCallQuota: agreementWeekly,
    effectiveDailyCallQuota: rep.dailyCallQuota ?? agreementDaily,
    effectiveWeeklyCallQuota: rep.weeklyCallQuota ?? agreementWeekly,
    active: rep.active,
    inactiveReason: rep.inactiveReason,
    timezone: rep.timezone,
    startedOn: rep.startedOn,
    updatedAt: rep.updatedAt.toISOString(),
    version: rep.version,
  };
}
