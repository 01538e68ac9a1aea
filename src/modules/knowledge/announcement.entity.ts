import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { BaseEntity } from '../../database/base.entity';
import { AnnouncementAudience, AnnouncementKind } from './knowledge.enums';

/** A message from the company to all vendors or to chosen ones (market news, strategy, price changes). */
@Entity('announcements')
@Index(['createdAt'])
@Check('CHK_announcements_kind', `"kind" IN ('market_news', 'strategy', 'price_change', 'other')`)
@Check('CHK_announcements_audience', `"audience" IN ('all_vendors', 'chosen_vendors')`)
export class Announcement extends BaseEntity {
  @Column({ type: 'varchar', length: 20 })
  kind!: AnnouncementKind;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'varchar', length: 20 })
  audience!: AnnouncementAudience;

  /** The vendors a `chosen_vendors` announcement goes to; empty for all vendors. */
  @Column({ type: 'uuid', array: true, default: '{}' })
  vendorIds!: string[];

  @Column({ type: 'uuid' })
  createdBy!: string;
}

/** A vendor user's read receipt: one per user and announcement, the first time they marked it read. */
@Entity('announcement_reads')
@Unique('UQ_announcement_reads_user', ['announcementId', 'userId'])
@Index(['userId'])
export class AnnouncementRead extends BaseEntity {
  @Column({ type: 'uuid' })
  announcementId!: string;

  @ManyToOne(() => Announcement, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'announcement_id' })
  announcement?: Announcement;

  @Column({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'uuid' })
  vendorId!: string;

  @Column({ type: 'uuid', nullable: true })
  repId!: string | null;

  @Column({ type: 'timestamptz', precision: 3 })
  readAt!: Date;
}
