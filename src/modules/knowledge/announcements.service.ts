import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DataScope } from '../../common/auth/data-scope';
import { Principal } from '../../common/auth/role';
import { DomainException } from '../../common/errors/domain.exception';
import { Page, paginate } from '../../common/pagination/pagination';
import { VendorStatus } from '../vendors/vendor-enums';
import { VendorsService } from '../vendors/vendors.service';
import { Announcement, AnnouncementRead } from './announcement.entity';
import {
  AnnouncementReadsDto,
  AnnouncementWithRead,
  CreateAnnouncementDto,
  ListAnnouncementsQuery,
} from './announcements.dto';
import { audienceCondition, checkAudience } from './audience.rules';

/**
 * Announcements from the company to all vendors or chosen ones, with read receipts. A vendor's people see
 * what is addressed to their vendor (anything else is 404); each user marks an announcement read once.
 */
@Injectable()
export class AnnouncementsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly vendors: VendorsService,
  ) {}

  /** An unknown vendor is 422 VENDOR_UNKNOWN and nothing is written. */
  createAnnouncement(input: CreateAnnouncementDto, actor: Principal): Promise<AnnouncementWithRead> {
    const vendorIds = input.vendorIds ?? [];
    checkAudience(input.audience, vendorIds);
    return this.dataSource.transaction(async (em) => {
      await this.vendors.assertVendorsExist(em, vendorIds, 'vendorIds');
      const saved = await em.save(
        em.create(Announcement, {
          kind: input.kind,
          title: input.title,
          body: input.body,
          audience: input.audience,
          vendorIds,
          createdBy: actor.subjectId,
        }),
      );
      return { ...saved, readAt: null };
    });
  }

  /** Newest first; `readAt` is the caller's own receipt. */
  async listAnnouncements(
    query: ListAnnouncementsQuery,
    scope: DataScope,
    caller: Principal,
  ): Promise<Page<AnnouncementWithRead>> {
    const builder = this.visible(this.dataSource.manager, scope);
    if (query.kind) builder.andWhere('a.kind = :kind', { kind: query.kind });
    if (query.unread === true) builder.andWhere(`NOT ${READ_BY}`, { readerId: caller.subjectId });
    if (query.unread === false) builder.andWhere(READ_BY, { readerId: caller.subjectId });
    const page = await paginate(
      builder,
      query,
      [
        { expression: 'a.created_at', read: (row) => row.createdAt.toISOString() },
        { expression: 'a.id', read: (row) => row.id },
      ],
      'DESC',
    );
    return { data: await this.withReadAt(page.data, caller), nextCursor: page.nextCursor };
  }

  async getAnnouncement(id: string, scope: DataScope, caller: Principal): Promise<AnnouncementWithRead> {
    const announcement = await this.readAnnouncement(this.dataSource.manager, id, scope);
    return (await this.withReadAt([announcement], caller))[0];
  }

  /** How many announcements addressed to the caller they have not marked read. */
  async countUnreadAnnouncements(scope: DataScope, caller: Principal): Promise<number> {
    return this.visible(this.dataSource.manager, scope)
      .andWhere(`NOT ${READ_BY}`, { readerId: caller.subjectId })
      .getCount();
  }

  /** Marks it read for the calling vendor user; marking again keeps the first time. */
  markAnnouncementRead(id: string, scope: DataScope, caller: Principal): Promise<AnnouncementWithRead> {
    return this.dataSource.transaction(async (em) => {
      const announcement = await this.readAnnouncement(em, id, scope);
      await em
        .createQueryBuilder()
        .insert()
        .into(AnnouncementRead)
        .values({
          announcementId: id,
          userId: caller.subjectId,
          vendorId: scope.vendorId!,
          repId: caller.repId,
          readAt: new Date(),
        })
        .orIgnore()
        .execute();
      return (await this.withReadAt([announcement], caller, em))[0];
    });
  }

  /** Who read it and how many per vendor, zero rows included for addressed vendors (company roles). */
  async getAnnouncementReads(id: string): Promise<AnnouncementReadsDto> {
    const em = this.dataSource.manager;
    const announcement = await this.readAnnouncement(em, id, DataScope.companyWide());
    const reads = await em.find(AnnouncementRead, {
      where: { announcementId: id },
      order: { readAt: 'ASC', id: 'ASC' },
    });
    const addressed =
      announcement.vendorIds.length > 0
        ? announcement.vendorIds
        : await this.vendors.findVendorIds(em, VendorStatus.ACTIVE);
    const counts = new Map<string, number>(addressed.map((vendorId) => [vendorId, 0]));
    for (const read of reads) counts.set(read.vendorId, (counts.get(read.vendorId) ?? 0) + 1);
    return {
      announcementId: id,
      totalReaders: reads.length,
      vendors: [...counts]
        .map(([vendorId, readers]) => ({ vendorId, readers }))
        .sort((a, b) => b.readers - a.readers || a.vendorId.localeCompare(b.vendorId)),
      readers: reads.map((read) => ({
        userId: read.userId,
        vendorId: read.vendorId,
        repId: read.repId,
        readAt: read.readAt.toISOString(),
      })),
    };
  }

  // ---- internals ----

  private visible(em: EntityManager, scope: DataScope) {
    const audience = audienceCondition({ audience: 'a.audience', vendors: 'a.vendor_ids' }, scope);
    return em.getRepository(Announcement).createQueryBuilder('a').where(audience.condition, audience.params);
  }

  private async readAnnouncement(em: EntityManager, id: string, scope: DataScope): Promise<Announcement> {
    const announcement = await this.visible(em, scope).andWhere('a.id = :id', { id }).getOne();
    if (!announcement) throw DomainException.notFound('Announcement', id);
    return announcement;
  }

  private async withReadAt(
    announcements: Announcement[],
    caller: Principal,
    em: EntityManager = this.dataSource.manager,
  ): Promise<AnnouncementWithRead[]> {
    if (announcements.length === 0) return [];
    const rows: { announcement_id: string; read_at: Date }[] = await em.query(
      `SELECT announcement_id, read_at FROM announcement_reads
        WHERE user_id = $1 AND announcement_id = ANY($2::uuid[])`,
      [caller.subjectId, announcements.map((a) => a.id)],
    );
    const readAt = new Map(rows.map((row) => [row.announcement_id, row.read_at]));
    return announcements.map((a) => ({ ...a, readAt: readAt.get(a.id) ?? null }));
  }
}

/** The caller (`:readerId`) has a receipt for announcement `a`. */
const READ_BY = `EXISTS (SELECT 1 FROM announcement_reads r WHERE r.announcement_id = a.id AND r.user_id = :readerId)`;
