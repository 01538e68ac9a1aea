import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal, Scope } from '../../common/auth/auth.decorators';
import { DataScope } from '../../common/auth/data-scope';
import { type Principal, Role } from '../../common/auth/role';
import { IfMatch } from '../../common/http/etag';
import { Idempotent } from '../../common/idempotency/idempotency.interceptor';
import { ApiIfMatch } from '../../common/openapi/api-if-match.decorator';
import { Page, mapPage } from '../../common/pagination/pagination';
import {
  ConflictDeclarationDto,
  ConflictDeclarationPage,
  ConflictDto,
  ConflictPage,
  CreateConflictClearanceDto,
  CreateConflictDeclarationDto,
  ListConflictDeclarationsQuery,
  ListConflictsQuery,
  mapConflict,
  mapConflictDeclaration,
  UpdateConflictDeclarationDto,
} from './conflicts.dto';
import { ConflictsService, DeclarationWithConflicts } from './conflicts.service';
import { UuidParam } from '../../common/openapi/uuid-param.decorator';
import { Endpoint } from '../../common/openapi/endpoint.decorator';

const DECLARERS = [Role.ADMIN, Role.SALES_MANAGER, Role.VENDOR_MANAGER, Role.REP, Role.INTEGRATION];
const toDto = ({ declaration, conflicts }: DeclarationWithConflicts) =>
  mapConflictDeclaration(declaration, conflicts);

/**
 * Conflicts of interest: vendors (and reps) declare other principals' lines they carry; a declared line
 * competing with a product line in the vendor's agreement scope is flagged, and until a sales manager
 * clears it that line is out of the vendor's effective scope.
 */
@ApiTags('conflicts of interest')
@Controller()
export class ConflictsController {
  constructor(private readonly conflicts: ConflictsService) {}

  @Post('conflict-declarations')
  @Auth(...DECLARERS)
  @Idempotent()
  @Endpoint({
    summary: 'Declare a competing line the vendor or one of its reps carries',
    description:
      'Flags a conflict for each of our product lines it competes with that is in the vendor’s ' +
      'agreements. Vendor managers declare for their own vendor, reps for themselves.',
    created: ConflictDeclarationDto,
    problems: [400, 422],
  })
  async createConflictDeclaration(
    @Body() body: CreateConflictDeclarationDto,
    @CurrentPrincipal() actor: Principal,
    @Scope() scope: DataScope,
  ): Promise<ConflictDeclarationDto> {
    return toDto(await this.conflicts.createConflictDeclaration(body, actor, scope));
  }

  @Get('conflict-declarations')
  @Auth(...DECLARERS)
  @Endpoint({
    summary: 'List conflict-of-interest declarations, oldest first',
    description:
      'Every role, within its scope (a vendor manager: their vendor’s; a rep: their own). Lists ' +
      'declarations of competing product lines carried by a vendor or rep, oldest first, each with ' +
      'the conflicts it raised.',
    ok: ConflictDeclarationPage,
    problems: [400],
  })
  async listConflictDeclarations(
    @Query() query: ListConflictDeclarationsQuery,
    @Scope() scope: DataScope,
  ): Promise<Page<ConflictDeclarationDto>> {
    const page = await this.conflicts.listConflictDeclarations(query, scope);
    return mapPage(page, toDto);
  }

  @Get('conflict-declarations/:id')
  @Auth(...DECLARERS)
  @Endpoint({
    summary: 'Get a declaration with the conflicts it raised',
    description:
      'Every role, within its scope. Answers one declaration with the competing lines declared and ' +
      'the conflicts of interest it raised against the company’s product lines.',
    ok: ConflictDeclarationDto,
    problems: [400, 404],
  })
  async getConflictDeclaration(
    @UuidParam('id') id: string,
    @Scope() scope: DataScope,
  ): Promise<ConflictDeclarationDto> {
    return toDto(await this.conflicts.getConflictDeclaration(id, scope));
  }

  @Patch('conflict-declarations/:id')
  @Auth(...DECLARERS)
  @ApiIfMatch()
  @Endpoint({
    summary: 'Amend a declaration; conflicts follow the declared lines',
    description:
      'Every role, within its scope. Replaces the declared competing lines; conflicts follow the ' +
      'new declaration (new ones raised, dropped lines’ conflicts closed). Audited; send If-Match ' +
      '(stale: 412).',
    ok: ConflictDeclarationDto,
    problems: [400, 404, 412, 422],
  })
  async updateConflictDeclaration(
    @UuidParam('id') id: string,
    @Body() body: UpdateConflictDeclarationDto,
    @CurrentPrincipal() actor: Principal,
    @Scope() scope: DataScope,
    @IfMatch() ifMatch: number | undefined,
  ): Promise<ConflictDeclarationDto> {
    return toDto(await this.conflicts.updateConflictDeclaration(id, body, ifMatch, actor, scope));
  }

  @Get('conflicts')
  @Auth(Role.ADMIN, Role.SALES_MANAGER, Role.VENDOR_MANAGER, Role.INTEGRATION)
  @Endpoint({
    summary: 'List flagged conflicts of interest, by vendor, status or product line',
    description:
      'Admins, sales managers, vendor managers (their vendor) and integration clients. Lists the ' +
      'conflicts of interest raised by declarations, filtered by vendor, status (open or cleared) ' +
      'or product line; an open conflict keeps the product line out of the vendor’s effective ' +
      'scope.',
    ok: ConflictPage,
    problems: [400],
  })
  async listConflicts(
    @Query() query: ListConflictsQuery,
    @Scope() scope: DataScope,
  ): Promise<Page<ConflictDto>> {
    const page = await this.conflicts.listConflicts(query, scope);
    return mapPage(page, mapConflict);
  }

  @Post('conflicts/:id/clearance')
  @HttpCode(200)
  @Idempotent()
  @Auth(Role.ADMIN, Role.SALES_MANAGER)
  @Endpoint({
    summary: 'Clear a conflict of interest with a reason (sales manager)',
    description: 'The product line returns to the vendor’s effective scope. Clearing twice is 409.',
    ok: ConflictDto,
    problems: [400, 404, 409],
  })
  async clearConflict(
    @UuidParam('id') id: string,
    @Body() body: CreateConflictClearanceDto,
    @CurrentPrincipal() actor: Principal,
    @Scope() scope: DataScope,
  ): Promise<ConflictDto> {
    return mapConflict(await this.conflicts.clearConflict(id, body, actor, scope));
  }
}
