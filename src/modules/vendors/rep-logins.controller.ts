import { Body, Controller, Get, Patch, Post } from '@nestjs/common';
import { ErrorCode } from '../../common/errors/error-codes';
import { ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal, Scope } from '../../common/auth/auth.decorators';
import { DataScope } from '../../common/auth/data-scope';
import { type Principal, Role } from '../../common/auth/role';
import { CreateRepLoginDto, mapRepLogin, RepLoginDto, UpdateRepLoginDto } from './rep-logins.dto';
import { RepLoginsService } from './rep-logins.service';
import { UuidParam } from '../../common/openapi/uuid-param.decorator';
import { Endpoint } from '../../common/openapi/endpoint.decorator';

/** A rep's login, managed by the rep's own vendor manager (or the company's admins and sales managers). */
@ApiTags('reps')
@Controller('reps/:id/login')
@Auth(Role.ADMIN, Role.SALES_MANAGER, Role.VENDOR_MANAGER)
export class RepLoginsController {
  constructor(private readonly logins: RepLoginsService) {}

  @Post()
  @Endpoint({
    summary: 'Give a rep a login (role rep, the rep’s own vendor)',
    description:
      'A vendor manager may do this for their own vendor’s reps only: another vendor’s rep is 404. The ' +
      'login is always role rep; no other kind of user can be made here (users are created by admins).',
    created: RepLoginDto,
    problems: [400, 403, 404, 409, ErrorCode.REP_INACTIVE],
  })
  async createRepLogin(
    @UuidParam('id') id: string,
    @Body() body: CreateRepLoginDto,
    @CurrentPrincipal() actor: Principal,
    @Scope() scope: DataScope,
  ): Promise<RepLoginDto> {
    return mapRepLogin(await this.logins.createRepLogin(id, body, actor, scope));
  }

  @Get()
  @Endpoint({
    summary: 'Get a rep’s login (404 when the rep has none)',
    description:
      'Admins, sales managers, and the rep’s own vendor manager. Answers the rep’s user login ' +
      '(email, display name, whether active, last sign-in); 404 when the rep has no login or is ' +
      'outside the caller’s scope.',
    ok: RepLoginDto,
    problems: [400, 403, 404],
  })
  async getRepLogin(@UuidParam('id') id: string, @Scope() scope: DataScope): Promise<RepLoginDto> {
    return mapRepLogin(await this.logins.getRepLogin(id, scope));
  }

  @Patch()
  @Endpoint({
    summary: 'Switch a rep’s login off or on, or reset its password',
    description: 'Switching off and resetting both end the tokens already handed out at once.',
    ok: RepLoginDto,
    problems: [400, 403, 404],
  })
  async updateRepLogin(
    @UuidParam('id') id: string,
    @Body() body: UpdateRepLoginDto,
    @CurrentPrincipal() actor: Principal,
    @Scope() scope: DataScope,
  ): Promise<RepLoginDto> {
    return mapRepLogin(await this.logins.updateRepLogin(id, body, actor, scope));
  }
}
