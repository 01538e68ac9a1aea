import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal, Scope } from '../../common/auth/auth.decorators';
import type { DataScope } from '../../common/auth/data-scope';
import { ALL_ROLES, type Principal, Role } from '../../common/auth/role';
import { ErrorCode } from '../../common/errors/error-codes';
import { Idempotent } from '../../common/idempotency/idempotency.interceptor';
import { UuidParam } from '../../common/openapi/uuid-param.decorator';
import { mapPage, Page } from '../../common/pagination/pagination';
import {
  AnnouncementDto,
  AnnouncementPage,
  AnnouncementReadsDto,
  CreateAnnouncementDto,
  ListAnnouncementsQuery,
  mapAnnouncement,
  UnreadCountDto,
} from './announcements.dto';
import { AnnouncementsService } from './announcements.service';
import { Endpoint } from '../../common/openapi/endpoint.decorator';

const COMPANY = [Role.ADMIN, Role.SALES_MANAGER];
const VENDOR_USERS = [Role.VENDOR_MANAGER, Role.REP];

/** Announcements from the company to vendors; a vendor's people see those addressed to them (else 404). */
@ApiTags('announcements')
@Controller('announcements')
export class AnnouncementsController {
  constructor(private readonly announcements: AnnouncementsService) {}

  @Post()
  @Auth(...COMPANY)
  @Idempotent()
  @Endpoint({
    summary: 'Announce market news, strategy or a price change to all vendors or chosen ones',
    description:
      'chosen_vendors names its vendors in vendorIds; an unknown vendor is 422 VENDOR_UNKNOWN and nothing ' +
      'is written.',
    created: AnnouncementDto,
    problems: [400, 422, ErrorCode.VENDOR_UNKNOWN, ErrorCode.AUDIENCE_INVALID],
  })
  async createAnnouncement(
    @Body() body: CreateAnnouncementDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<AnnouncementDto> {
    return mapAnnouncement(await this.announcements.createAnnouncement(body, actor));
  }

  @Get()
  @Auth(...ALL_ROLES)
  @Endpoint({
    summary: 'List the announcements addressed to the caller, newest first',
    description:
      'Any signed-in role. Lists the announcements addressed to the caller (company roles see all; ' +
      'vendor users those sent to all vendors or to their vendor), newest first, each with the ' +
      'time the caller marked it read (null while unread).',
    ok: AnnouncementPage,
    problems: [400],
  })
  async listAnnouncements(
    @Query() query: ListAnnouncementsQuery,
    @Scope() scope: DataScope,
    @CurrentPrincipal() caller: Principal,
  ): Promise<Page<AnnouncementDto>> {
    return mapPage(await this.announcements.listAnnouncements(query, scope, caller), mapAnnouncement);
  }

  @Get('unread-count')
  @Auth(...ALL_ROLES)
  @Endpoint({
    summary: 'How many announcements addressed to the caller they have not marked read',
    description:
      'Any signed-in role. Counts the announcements addressed to the caller that they have not ' +
      'marked read, for a badge in a client.',
    ok: UnreadCountDto,
    problems: [400],
  })
  async countUnreadAnnouncements(
    @Scope() scope: DataScope,
    @CurrentPrincipal() caller: Principal,
  ): Promise<UnreadCountDto> {
    return { unread: await this.announcements.countUnreadAnnouncements(scope, caller) };
  }

  @Get(':id')
  @Auth(...ALL_ROLES)
  @Endpoint({
    summary: 'Get an announcement with the caller’s read time',
    description:
      'Any signed-in role to whom it is addressed (others get 404). Answers the announcement with ' +
      'its kind, audience and text, and when the caller marked it read.',
    ok: AnnouncementDto,
    problems: [400, 404],
  })
  async getAnnouncement(
    @UuidParam('id') id: string,
    @Scope() scope: DataScope,
    @CurrentPrincipal() caller: Principal,
  ): Promise<AnnouncementDto> {
    return mapAnnouncement(await this.announcements.getAnnouncement(id, scope, caller));
  }

  @Post(':id/read')
  @Auth(...VENDOR_USERS)
  @HttpCode(200)
  @Endpoint({
    summary: 'Mark an announcement read (vendor users; again keeps the first time)',
    description:
      'Vendor managers and reps, for an announcement addressed to them. Records that the caller ' +
      'read it; marking it again keeps the first time. Company roles do not mark reads.',
    ok: AnnouncementDto,
    problems: [400, 404],
  })
  async markAnnouncementRead(
    @UuidParam('id') id: string,
    @Scope() scope: DataScope,
    @CurrentPrincipal() caller: Principal,
  ): Promise<AnnouncementDto> {
    return mapAnnouncement(await this.announcements.markAnnouncementRead(id, scope, caller));
  }

  @Get(':id/reads')
  @Auth(...COMPANY)
  @Endpoint({
    summary: 'Who read an announcement, and how many per addressed vendor',
    description:
      'Admins and sales managers. Answers who read the announcement and when, and for each ' +
      'addressed vendor how many of its users read it, to follow up with those who did not.',
    ok: AnnouncementReadsDto,
    problems: [400, 404],
  })
  async getAnnouncementReads(@UuidParam('id') id: string): Promise<AnnouncementReadsDto> {
    return this.announcements.getAnnouncementReads(id);
  }
}
