import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsOptional, IsUUID } from 'class-validator';
import { PageOf, PageQuery } from '../../common/pagination/pagination';
import { EnumField, QueryBooleanField, TextField } from '../../common/validation/fields';
import { Announcement } from './announcement.entity';
import { AnnouncementAudience, AnnouncementKind } from './knowledge.enums';

export class CreateAnnouncementDto {
  @EnumField(AnnouncementKind, { enumName: 'AnnouncementKind' })
  kind!: AnnouncementKind;

  @TextField({ minLength: 1, maxLength: 200, example: 'Áremelés március 1-től' })
  title!: string;

  @TextField({ minLength: 1, maxLength: 20000, description: 'Markdown' })
  body!: string;

  @EnumField(AnnouncementAudience, {
    enumName: 'AnnouncementAudience',
    description: 'all_vendors, or chosen_vendors named in vendorIds',
  })
  audience!: AnnouncementAudience;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    maxItems: 200,
    description: 'The vendors of chosen_vendors; an unknown one is 422 VENDOR_UNKNOWN',
  })
  @IsOptional()
  @IsArray()
  @IsUUID('all', { each: true })
  @ArrayUnique()
  @ArrayMaxSize(200)
  vendorIds?: string[];
}

export class ListAnnouncementsQuery extends PageQuery {
  @EnumField(AnnouncementKind, { optional: true, enumName: 'AnnouncementKind' })
  kind?: AnnouncementKind;

  @QueryBooleanField({ optional: true, description: 'true: only those the caller has not marked read' })
  unread?: boolean;
}

export class AnnouncementDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: AnnouncementKind, enumName: 'AnnouncementKind' })
  kind!: AnnouncementKind;

  @ApiProperty()
  title!: string;

  @ApiProperty({ description: 'Markdown' })
  body!: string;

  @ApiProperty({ enum: AnnouncementAudience, enumName: 'AnnouncementAudience' })
  audience!: AnnouncementAudience;

  @ApiProperty({ type: [String], format: 'uuid' })
  vendorIds!: string[];

  @ApiProperty({ description: 'When it was published' })
  createdAt!: string;

  @ApiProperty({ type: String, nullable: true, description: 'When the caller marked it read; null if not' })
  readAt!: string | null;
}

export class AnnouncementPage extends PageOf(AnnouncementDto) {}

export type AnnouncementWithRead = Announcement & { readAt: Date | null };

export function mapAnnouncement(announcement: AnnouncementWithRead): AnnouncementDto {
  return {
    id: announcement.id,
    kind: announcement.kind,
    title: announcement.title,
    body: announcement.body,
    audience: announcement.audience,
    vendorIds: announcement.vendorIds,
    createdAt: announcement.createdAt.toISOString(),
    readAt: announcement.readAt ? announcement.readAt.toISOString() : null,
  };
}

export class UnreadCountDto {
  @ApiProperty({ example: 2, description: 'Announcements addressed to the caller not yet marked read' })
  unread!: number;
}

export class AnnouncementReaderDto {
  @ApiProperty({ format: 'uuid' })
  userId!: string;

  @ApiProperty({ format: 'uuid' })
  vendorId!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  repId!: string | null;

  @ApiProperty()
  readAt!: string;
}

export class VendorReadCountDto {
  @ApiProperty({ format: 'uuid' })
  vendorId!: string;

  @ApiProperty({ example: 3, description: 'Users of the vendor who marked it read (0: nobody yet)' })
  readers!: number;
}

export class AnnouncementReadsDto {
  @ApiProperty({ format: 'uuid' })
  announcementId!: string;

  @ApiProperty({ example: 4 })
  totalReaders!: number;

  @ApiProperty({
    type: [VendorReadCountDto],
    description:
      'One row per addressed vendor (for all_vendors: every active vendor, and any other with a reader), ' +
      'most readers first',
  })
  vendors!: VendorReadCountDto[];

  @ApiProperty({ type: [AnnouncementReaderDto], description: 'Who read it, first reader first' })
  readers!: AnnouncementReaderDto[];
}
