import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, Scope } from '../auth/auth.decorators';
import { DataScope } from '../auth/data-scope';
import { Role } from '../auth/role';
import { Page, mapPage } from '../pagination/pagination';
import { AuditLogEntryDto, AuditLogPage, ListAuditLogQuery, mapAuditLogEntry } from './audit.dto';
import { AuditService } from './audit.service';
import { Endpoint } from '../openapi/endpoint.decorator';

@ApiTags('audit')
@Controller('audit-log')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Auth(Role.ADMIN, Role.SALES_MANAGER, Role.VENDOR_MANAGER, Role.INTEGRATION)
  @Endpoint({
    summary: 'Read the change history of an object, oldest first',
    description:
      'Who changed what and when, with the object before and after. Vendor managers and vendor-bound ' +
      'clients read only entries of their own vendor; company objects (catalog prices) are not theirs.',
    ok: AuditLogPage,
    problems: [400],
  })
  async listAuditLog(
    @Query() query: ListAuditLogQuery,
    @Scope() scope: DataScope,
  ): Promise<Page<AuditLogEntryDto>> {
    const page = await this.audit.listAuditLog(query, scope);
    return mapPage(page, mapAuditLogEntry);
  }
}
