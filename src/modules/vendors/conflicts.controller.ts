import { Body, Controller, Get, Headers, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal, Scope } from '../../common/auth/auth.decorators';
import { DataScope } from '../../common/auth/data-scope';
import { type Principal, Role } from '../../common/auth/role';
import { parseIfMatch } from '../../common/http/etag';
import { Idempotent } from '../../common/idempotency/idempotency.interceptor';
import { ApiIfMatch } from '../../common/openapi/api-if-match.decorator';
import { ApiProblems } from '../../common/openapi/api-problems.decorator';
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
  @ApiOperation({
    summary: 'Declare a competing line the vendor or one of its reps carries',
    description:
      'Flags a conflict for each of our product lines it competes with that is in the vendor’s ' +
      'agreements. Vendor managers declare for their own vendor, reps for themselves.',
  })
  @ApiCreatedResponse({ type: ConflictDeclarationDto })
  @ApiProblems(400, 422)
  async createConflictDeclaration(
    @Body() body: CreateConflictDeclarationDto,
    @CurrentPrincipal() actor: Principal,
    @Scope() scope: DataScope,
  ): Promise<ConflictDeclarationDto> {
    return toDto(await this.conflicts.createConflictDeclaration(body, actor, scope));
  }

  @Get('conflict-declarations')
  @Auth(...DECLARERS)
  @ApiOperation({ summary: 'List conflict-of-interest declarations, oldest first' })
  @ApiOkResponse({ type: ConflictDeclarationPage })
  @ApiProblems(400)
  async listConflictDeclarations(
    @Query() query: ListConflictDeclarationsQuery,
    @Scope() scope: DataScope,
  ): Promise<Page<ConflictDeclarationDto>> {
    const page = await this.conflicts.listConflictDeclarations(query, scope);
    return mapPage(page, toDto);
  }

  @Get('conflict-declarations/:id')
  @Auth(...DECLARERS)
  @ApiOperation({ summary: 'Get a declaration with the conflicts it raised' })
  @ApiOkResponse({ type: ConflictDeclarationDto })
  @ApiProblems(400, 404)
  async getConflictDeclaration(
    @UuidParam('id') id: string,
    @Scope() scope: DataScope,
  ): Promise<ConflictDeclarationDto> {
    return toDto(await this.conflicts.getConflictDeclaration(id, scope));
  }

  @Patch('conflict-declarations/:id')
  @Auth(...DECLARERS)
  @ApiIfMatch()
  @ApiOperation({ summary: 'Amend a declaration; conflicts follow the declared lines' })
  @ApiOkResponse({ type: ConflictDeclarationDto })
  @ApiProblems(400, 404, 412, 422)
  async updateConflictDeclaration(
    @UuidParam('id') id: string,
    @Body() body: UpdateConflictDeclarationDto,
    @CurrentPrincipal() actor: Principal,
    @Scope() scope: DataScope,
    @Headers('if-match') ifMatch?: string,
  ): Promise<ConflictDeclarationDto> {
    return toDto(
      await this.conflicts.updateConflictDeclaration(id, body, parseIfMatch(ifMatch), actor, scope),
    );
  }

  @Get('conflicts')
  @Auth(Role.ADMIN, Role.SALES_MANAGER, Role.VENDOR_MANAGER, Role.INTEGRATION)
  @ApiOperation({ summary: 'List flagged conflicts of interest, by vendor, status or product line' })
  @ApiOkResponse({ type: ConflictPage })
  @ApiProblems(400)
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
  @ApiOperation({
    summary: 'Clear a conflict of interest with a reason (sales manager)',
    description: 'The product line returns to the vendor’s effective scope. Clearing twice is 409.',
  })
  @ApiOkResponse({ type: ConflictDto })
  @ApiProblems(400, 404, 409)
  async clearConflict(
    @UuidParam('id') id: string,
    @Body() body: CreateConflictClearanceDto,
    @CurrentPrincipal() actor: Principal,
    @Scope() scope: DataScope,
  ): Promise<ConflictDto> {
    return mapConflict(await this.conflicts.clearConflict(id, body, actor, scope));
  }
}
