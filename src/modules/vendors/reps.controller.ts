import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal, Scope } from '../../common/auth/auth.decorators';
import { DataScope } from '../../common/auth/data-scope';
import { type Principal, Role } from '../../common/auth/role';
import { DomainException } from '../../common/errors/domain.exception';
import { IfMatch } from '../../common/http/etag';
import { Idempotent } from '../../common/idempotency/idempotency.interceptor';
import { ApiIfMatch } from '../../common/openapi/api-if-match.decorator';
import { Page, mapPage, REPLICA_PAGES_NOTE } from '../../common/pagination/pagination';
import { CreateRepDto, ListRepsQuery, mapRep, RepDto, RepPage, UpdateRepDto } from './reps.dto';
import { RepsService, RepWithQuotas } from './reps.service';
import { UuidParam } from '../../common/openapi/uuid-param.decorator';
import { Endpoint } from '../../common/openapi/endpoint.decorator';

const WRITERS = [Role.ADMIN, Role.SALES_MANAGER, Role.VENDOR_MANAGER, Role.INTEGRATION];
const toDto = ({ rep, agreement }: RepWithQuotas): RepDto => mapRep(rep, agreement);

/**
 * Reps: vendor managers see and edit only their own vendor's reps (others are 404); a rep sees only
 * themselves.
 */
@ApiTags('reps')
@Controller('reps')
@Auth()
export class RepsController {
  constructor(private readonly reps: RepsService) {}

  @Post()
  @Auth(...WRITERS)
  @Idempotent()
  @Endpoint({
    summary: 'Add a rep to a vendor or internal team',
    description: 'A vendor manager may add reps only to their own vendor (403 VENDOR_NOT_MANAGED).',
    created: RepDto,
    problems: [400, 409, 422],
  })
  async createRep(
    @Body() body: CreateRepDto,
    @CurrentPrincipal() actor: Principal,
    @Scope() scope: DataScope,
  ): Promise<RepDto> {
    return toDto(await this.reps.createRep(body, actor, scope));
  }

  @Get()
  @Endpoint({
    summary: 'List reps by name, filtered by vendor, grade, region, tags, active flag',
    description:
      'Any signed-in role, within its scope (a vendor manager: their vendor’s reps; a rep: ' +
      'themselves). Lists reps by name with cursor pagination; filter by vendor, grade, region, ' +
      `tags, active flag or \`updatedSince\`. ${REPLICA_PAGES_NOTE}`,
    ok: RepPage,
    problems: [400],
  })
  async listReps(@Query() query: ListRepsQuery, @Scope() scope: DataScope): Promise<Page<RepDto>> {
    const page = await this.reps.listReps(query, scope);
    return mapPage(page, toDto);
  }

  @Get('me')
  @Auth(Role.REP)
  @Endpoint({
    summary: 'The signed-in rep’s own record, with effective call quotas',
    description:
      'Reps only. Answers the signed-in rep’s own record with the call and visit quotas in force ' +
      'for them (their own, else their agreement’s); 404 when the login is not linked to a rep.',
    ok: RepDto,
    problems: [404],
  })
  async getMyRep(@CurrentPrincipal() principal: Principal, @Scope() scope: DataScope): Promise<RepDto> {
    if (!principal.repId) throw DomainException.notFound('Rep');
    return toDto(await this.reps.getRepForRequest(principal.repId, scope));
  }

  @Get(':id')
  @Endpoint({
    summary: 'Get a rep; the ETag header carries its version',
    description:
      'Any signed-in role that may see the rep. Answers the rep with vendor, grade, regions, ' +
      'industries, tags and active flag; the ETag header carries the version to send as If-Match.',
    ok: RepDto,
    problems: [400, 404],
  })
  async getRep(@UuidParam('id') id: string, @Scope() scope: DataScope): Promise<RepDto> {
    return toDto(await this.reps.getRepForRequest(id, scope));
  }

  @Patch(':id')
  @Auth(...WRITERS)
  @ApiIfMatch()
  @Endpoint({
    summary: 'Update a rep, deactivate them (with a reason) or move them to another vendor',
    description: 'Moving to a vendor the caller does not manage is 403 VENDOR_NOT_MANAGED.',
    ok: RepDto,
    problems: [400, 404, 409, 412, 422],
  })
  async updateRep(
    @UuidParam('id') id: string,
    @Body() body: UpdateRepDto,
    @CurrentPrincipal() actor: Principal,
    @Scope() scope: DataScope,
    @IfMatch() ifMatch: number | undefined,
  ): Promise<RepDto> {
    return toDto(await this.reps.updateRep(id, body, ifMatch, actor, scope));
  }
}
