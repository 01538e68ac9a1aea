import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { PageOf, PageQuery } from '../../common/pagination/pagination';
import { EnumField, IntField, TextField, UuidField } from '../../common/validation/fields';
import { KnowledgeArticle, KnowledgeArticleRevision } from './knowledge-article.entity';
import { ArticleKind, Audience } from './knowledge.enums';
import { PlaybookPrice } from './playbook-pricing.rules';

const TAG = /^[\p{L}\p{N}][\p{L}\p{N} _:.+#-]*$/u;
const normaliseTags = ({ value }: { value: unknown }): unknown =>
  Array.isArray(value)
    ? value.map((tag: unknown) => (typeof tag === 'string' ? tag.trim().toLowerCase() : tag))
    : value;

export const ARTICLE_BODY_MAX = 50000;
export const AUDIENCE_VENDORS_MAX = 200;

export class CreateArticleDto {
  @EnumField(ArticleKind, {
    enumName: 'ArticleKind',
    description:
      'article: knowledge; playbook: the one sales playbook of a product line (productLineId required, ' +
      'premiumRoomBps allowed); win_story: a won-deal write-up (contractId required)',
  })
  kind!: ArticleKind;

  @TextField({ minLength: 1, maxLength: 200, example: '伺服电机选型指南' })
  title!: string;

  @TextField({
    minLength: 1,
    maxLength: ARTICLE_BODY_MAX,
    example: '## 选型\n先确认负载惯量，再选电机。',
    description: 'Markdown',
  })
  body!: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['servo', 'selection'],
    description: 'Stored lower case',
    maxItems: 20,
  })
  @IsOptional()
  @IsArray()
  @Transform(normaliseTags)
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  @Matches(TAG, { each: true, message: 'each tag starts with a letter or digit' })
  @ArrayUnique()
  @ArrayMaxSize(20)
  tags?: string[];

  @EnumField(Audience, {
    enumName: 'Audience',
    description: 'all_vendors; chosen_vendors (name them in vendorIds); internal (company roles only)',
  })
  audience!: Audience;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    maxItems: AUDIENCE_VENDORS_MAX,
    description: 'The vendors of a chosen_vendors audience; empty otherwise',
  })
  @IsOptional()
  @IsArray()
  @IsUUID('all', { each: true })
  @ArrayUnique()
  @ArrayMaxSize(AUDIENCE_VENDORS_MAX)
  vendorIds?: string[];

  @UuidField({ optional: true, description: 'The catalog product line (required for a playbook)' })
  productLineId?: string;

  @UuidField({ optional: true, description: 'The won contract (win_story only, required there)' })
  contractId?: string;

  @IntField({
    optional: true,
    minimum: 0,
    maximum: 10000,
    example: 1500,
    description: 'Playbook only: how far above the list price a rep may go, in basis points',
  })
  premiumRoomBps?: number;
}

export class UpdateArticleDto {
  @TextField({ optional: true, minLength: 1, maxLength: 200 })
  title?: string;

  @TextField({ optional: true, minLength: 1, maxLength: ARTICLE_BODY_MAX, description: 'Markdown' })
  body?: string;

  @ApiPropertyOptional({ type: [String], maxItems: 20, description: 'Replaces the tags' })
  @IsOptional()
  @IsArray()
  @Transform(normaliseTags)
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  @Matches(TAG, { each: true, message: 'each tag starts with a letter or digit' })
  @ArrayUnique()
  @ArrayMaxSize(20)
  tags?: string[];

  @EnumField(Audience, {
    optional: true,
    enumName: 'Audience',
    description: 'Moving away from chosen_vendors clears the vendor list',
  })
  audience?: Audience;

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: AUDIENCE_VENDORS_MAX })
  @IsOptional()
  @IsArray()
  @IsUUID('all', { each: true })
  @ArrayUnique()
  @ArrayMaxSize(AUDIENCE_VENDORS_MAX)
  vendorIds?: string[];

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 0,
    maximum: 10000,
    description: 'Playbook only; null clears it',
  })
  @ValidateIf((_, value) => value !== null)
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10000)
  premiumRoomBps?: number | null;

  @TextField({ optional: true, maxLength: 500, description: 'Why it changed (kept on the revision)' })
  changeNote?: string;
}

export class ListArticlesQuery extends PageQuery {
  @EnumField(ArticleKind, { optional: true, enumName: 'ArticleKind' })
  kind?: ArticleKind;

  @UuidField({ optional: true })
  productLineId?: string;

  @TextField({ optional: true, maxLength: 60, description: 'Articles carrying this tag (any case)' })
  tag?: string;

  @TextField({
    optional: true,
    minLength: 1,
    maxLength: 100,
    example: '电机',
    description:
      'Words to find in title, tags and body (all of them, up to 5; any case; accents count). Works on ' +
      'Chinese text without spaces: a two-character word is found inside a sentence.',
  })
  q?: string;
}

export class ArticleDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ArticleKind, enumName: 'ArticleKind' })
  kind!: ArticleKind;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  productLineId!: string | null;

  @ApiProperty()
  title!: string;

  @ApiProperty({ description: 'Markdown' })
  body!: string;

  @ApiProperty({ type: [String] })
  tags!: string[];

  @ApiProperty({ enum: Audience, enumName: 'Audience' })
  audience!: Audience;

  @ApiProperty({ type: [String], format: 'uuid' })
  vendorIds!: string[];

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  contractId!: string | null;

  @ApiProperty({ type: Number, nullable: true })
  premiumRoomBps!: number | null;

  @ApiProperty({ example: 2, description: 'The current revision; the ETag' })
  version!: number;

  @ApiProperty()
  createdAt!: string;

  @ApiProperty()
  updatedAt!: string;
}

export class ArticlePage extends PageOf(ArticleDto) {}

export function mapArticle(article: KnowledgeArticle): ArticleDto {
  return {
    id: article.id,
    kind: article.kind,
    productLineId: article.productLineId,
    title: article.title,
    body: article.body,
    tags: article.tags,
    audience: article.audience,
    vendorIds: article.audienceVendorIds,
    contractId: article.contractId,
    premiumRoomBps: article.premiumRoomBps,
    version: article.version,
    createdAt: article.createdAt.toISOString(),
    updatedAt: article.updatedAt.toISOString(),
  };
}

export class ArticleRevisionDto {
  @ApiProperty({ example: 1 })
  revision!: number;

  @ApiProperty()
  title!: string;

  @ApiProperty()
  body!: string;

  @ApiProperty({ type: [String] })
  tags!: string[];

  @ApiProperty({ enum: Audience, enumName: 'Audience' })
  audience!: Audience;

  @ApiProperty({ type: [String], format: 'uuid' })
  vendorIds!: string[];

  @ApiProperty({ type: Number, nullable: true })
  premiumRoomBps!: number | null;

  @ApiProperty({ type: String, nullable: true })
  changeNote!: string | null;

  @ApiProperty({ format: 'uuid', description: 'The user who wrote this revision' })
  editedBy!: string;

  @ApiProperty()
  createdAt!: string;
}

export class ArticleRevisionPage extends PageOf(ArticleRevisionDto) {}

export function mapRevision(revision: KnowledgeArticleRevision): ArticleRevisionDto {
  return {
    revision: revision.revision,
    title: revision.title,
    body: revision.body,
    tags: revision.tags,
    audience: revision.audience,
    vendorIds: revision.audienceVendorIds,
    premiumRoomBps: revision.premiumRoomBps,
    changeNote: revision.changeNote,
    editedBy: revision.editedBy,
    createdAt: revision.createdAt.toISOString(),
  };
}

export class PlaybookProductDto implements PlaybookPrice {
  @ApiProperty({ format: 'uuid' })
  productId!: string;

  @ApiProperty({ example: 'SRV-200' })
  sku!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ example: 'CNY' })
  currency!: string;

  @ApiProperty({ example: 120000 })
  listPriceMinor!: number;

  @ApiProperty({ example: 100000, description: 'Never sold below without approval' })
  floorPriceMinor!: number;

  @ApiProperty({ example: 20000, description: 'list − floor' })
  discountRoomMinor!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 138000,
    description: 'list × (1 + premiumRoomBps / 10 000), rounded down; null when the playbook states no room',
  })
  premiumCeilingMinor!: number | null;
}

export class PlaybookDto {
  @ApiProperty({ format: 'uuid' })
  productLineId!: string;

  @ApiProperty({ type: ArticleDto })
  article!: ArticleDto;

  @ApiProperty({
    type: [PlaybookProductDto],
    description: 'The product line’s active products with their prices, from the catalog, by SKU',
  })
  products!: PlaybookProductDto[];
}
