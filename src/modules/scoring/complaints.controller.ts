import { Body, Controller, Get, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal, Scope } from '../../common/auth/auth.decorators';
import type { DataScope } from '../../common/auth/data-scope';
import { ALL_ROLES, type Principal, Role } from '../../common/auth/role';
import { ErrorCode } from '../../common/errors/error-codes';
import { UuidParam } from '../../common/openapi/uuid-param.decorator';
import { mapPage, type Page } from '../../common/pagination/pagination';
import {
  ChangeComplaintStatusDto,
  ComplaintDto,
  ComplaintPage,
  ComplaintSettingsDto,
  ComplaintSettingsInputDto,
  CreateComplaintDto,
  ListComplaintsQuery,
  mapComplaint,
  mapComplaintSettings,
} from './complaints.dto';
import { ComplaintsService } from './complaints.service';
import { Endpoint } from '../../common/openapi/endpoint.decorator';

const COMPLAINT_WRITERS = [Role.ADMIN, Role.SALES_MANAGER, Role.VENDOR_MANAGER, Role.INTEGRATION];

@ApiTags('customer feedback')
@Controller()
export class ComplaintsController {
  constructor(private readonly complaints: ComplaintsService) {}

  @Post('complaints')
  @Auth(...COMPLAINT_WRITERS)
  @Endpoint({
    summary: 'Record a customer’s complaint',
    description:
      'About a contract (optional) of the customer: the contract’s vendor and rep, else the customer’s ' +
      'vendor, scope the complaint. A customer or contract outside the caller’s scope is 404; a contract ' +
      'of another customer is 422 COMPLAINT_CONTRACT_MISMATCH; an owner who is no active user, or a ' +
      'user of another vendor, is 422 REFERENCED_ROW_MISSING. The response deadline is the complaint ' +
      'settings’ working days after receipt in the seller’s calendar; unresolved past it, the scheduler’s ' +
      '`complaints_overdue` check raises an alert.',
    created: ComplaintDto,
    problems: [400, 404, ErrorCode.COMPLAINT_CONTRACT_MISMATCH, ErrorCode.REFERENCED_ROW_MISSING],
  })
  async createComplaint(
    @Body() body: CreateComplaintDto,
    @Scope() scope: DataScope,
    @CurrentPrincipal() actor: Principal,
  ): Promise<ComplaintDto> {
    return mapComplaint(await this.complaints.createComplaint(body, scope, actor));
  }

  @Get('complaints')
  @Auth(...ALL_ROLES)
  @Endpoint({
    summary: 'List complaints the caller may see, newest first',
    description: 'A vendor manager sees their vendor’s, a rep those about their own contracts.',
    ok: ComplaintPage,
    problems: [400],
  })
  async listComplaints(
    @Query() query: ListComplaintsQuery,
    @Scope() scope: DataScope,
  ): Promise<Page<ComplaintDto>> {
    const now = new Date();
    return mapPage(await this.complaints.listComplaints(query, scope), (row) => mapComplaint(row, now));
  }

  @Get('complaints/:id')
  @Auth(...ALL_ROLES)
  @Endpoint({
    summary: 'One complaint',
    description:
      'Any role that may see it (company roles; the complaint’s vendor’s users). Answers the ' +
      'complaint with its category, customer, contract, vendor and rep, status, answer deadline ' +
      'and whether it is overdue, and its resolution.',
    ok: ComplaintDto,
    problems: [400, 404],
  })
  async getComplaint(@UuidParam('id') id: string, @Scope() scope: DataScope): Promise<ComplaintDto> {
    return mapComplaint(await this.complaints.getComplaint(id, scope));
  }

  @Post('complaints/:id/status')
  @Auth(...COMPLAINT_WRITERS)
  @Endpoint({
    summary: 'Move a complaint on: open → investigating → resolved',
    description:
      'Only the next status is accepted; skipping one, staying, or going back is 409 ' +
      'COMPLAINT_STATUS_INVALID with the allowed next status. Resolving clears its overdue alert at the ' +
      'next check. Audited.',
    ok: ComplaintDto,
    problems: [400, 404, ErrorCode.COMPLAINT_STATUS_INVALID],
  })
  async changeComplaintStatus(
    @UuidParam('id') id: string,
    @Body() body: ChangeComplaintStatusDto,
    @Scope() scope: DataScope,
    @CurrentPrincipal() actor: Principal,
  ): Promise<ComplaintDto> {
    return mapComplaint(await this.complaints.changeComplaintStatus(id, body, scope, actor));
  }

  @Get('complaint-settings')
  @Auth(...ALL_ROLES)
  @Endpoint({
    summary: 'How long a new complaint has for its answer',
    description:
      'Any signed-in role. Answers how many working days a new complaint has for its answer; the ' +
      'deadline is set when the complaint is recorded.',
    ok: ComplaintSettingsDto,
  })
  async getComplaintSettings(): Promise<ComplaintSettingsDto> {
    return mapComplaintSettings(await this.complaints.getComplaintSettings());
  }

  @Put('complaint-settings')
  @Auth(Role.ADMIN, Role.SALES_MANAGER)
  @Endpoint({
    summary: 'Set the working days a new complaint has for its answer (1–30)',
    description: 'Applies to complaints recorded from now on; open ones keep their deadline. Audited.',
    ok: ComplaintSettingsDto,
    problems: [400],
  })
  async updateComplaintSettings(
    @Body() body: ComplaintSettingsInputDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<ComplaintSettingsDto> {
    return mapComplaintSettings(await this.complaints.updateComplaintSettings(body, actor));
  }
}
