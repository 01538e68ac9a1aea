import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiIfMatch } from '../../common/openapi/api-if-match.decorator';
import { Auth, CurrentPrincipal } from '../../common/auth/auth.decorators';
import { type Principal, Role } from '../../common/auth/role';
import { IfMatch } from '../../common/http/etag';
import { ErrorCode } from '../../common/errors/error-codes';
import { Idempotent } from '../../common/idempotency/idempotency.interceptor';
import { Page, PageQuery, mapPage } from '../../common/pagination/pagination';
import {
  ApiClientDto,
  ApiClientPage,
  CreateApiClientDto,
  CreatedApiClientDto,
  CreateUserDto,
  ListUsersQuery,
  mapApiClient,
  mapUser,
  UpdateApiClientDto,
  UpdateUserDto,
  UserDto,
  UserPage,
} from './users.dto';
import { PasswordResetIssuedDto } from './password-resets.dto';
import { PasswordResetsService } from './password-resets.service';
import { UsersService } from './users.service';
import { UuidParam } from '../../common/openapi/uuid-param.decorator';
import { Endpoint } from '../../common/openapi/endpoint.decorator';

@ApiTags('users')
@Controller('users')
@Auth(Role.ADMIN)
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly passwordResets: PasswordResetsService,
  ) {}

  @Post()
  @Idempotent()
  @Endpoint({
    summary: 'Create a user (admin)',
    description: 'Vendor managers and reps must name their vendor; reps also their rep record.',
    created: UserDto,
    problems: [
      400,
      409,
      ErrorCode.REP_LOGIN_EXISTS,
      ErrorCode.VENDOR_UNKNOWN,
      ErrorCode.VENDOR_TERMINATED,
      ErrorCode.REFERENCED_ROW_MISSING,
    ],
  })
  async createUser(@Body() body: CreateUserDto): Promise<UserDto> {
    return mapUser(await this.users.createUserForRequest(body));
  }

  @Get()
  @Endpoint({
    summary: 'List users (admin), oldest first, with cursor pagination',
    description:
      'Admins only. Lists users oldest first with cursor pagination, with role, active flag and ' +
      'the vendor and rep a vendor user is bound to; filter by role or vendor. Password hashes are ' +
      'never returned.',
    ok: UserPage,
    problems: [400],
  })
  async listUsers(@Query() query: ListUsersQuery): Promise<Page<UserDto>> {
    const page = await this.users.listUsers(query);
    return mapPage(page, mapUser);
  }

  @Get(':id')
  @Endpoint({
    summary: 'Get a user (admin); the ETag header carries its version',
    description:
      'Admins only. Answers one user with role, active flag and vendor/rep link; the ETag header ' +
      'carries the version to send as If-Match when updating.',
    ok: UserDto,
    problems: [400, 404],
  })
  async getUser(@UuidParam('id') id: string): Promise<UserDto> {
    return mapUser(await this.users.getUserForRequest(id));
  }

  @Patch(':id')
  @Endpoint({
    summary: 'Update a user (admin): name, active flag, password',
    description:
      'Admins only. Changes the display name, active flag or password of a user. Deactivating a ' +
      'user or changing their password ends the tokens already handed out to them. Send If-Match ' +
      'with the version last read; a stale one is 412.',
    ok: UserDto,
    problems: [400, 404, 412],
  })
  @ApiIfMatch()
  async updateUser(
    @UuidParam('id') id: string,
    @Body() body: UpdateUserDto,
    @IfMatch() ifMatch: number | undefined,
  ): Promise<UserDto> {
    return mapUser(await this.users.updateUser(id, body, ifMatch));
  }

  // Not idempotent on purpose: a replay store would have to keep the plaintext token.
  @Post(':id/password-resets')
  @Endpoint({
    summary: 'Issue a one-time password reset token for a user (admin)',
    description:
      'The token is answered once (only its hash is kept), works once, and expires after ' +
      '`PASSWORD_RESET_TTL_SECONDS` (default 24 h). A new reset voids the user’s older ones. The user ' +
      'redeems it with `POST /api/v1/auth/password-resets`, which also ends the tokens they already had.',
    created: PasswordResetIssuedDto,
    problems: [400, 404],
  })
  async createPasswordReset(
    @UuidParam('id') id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PasswordResetIssuedDto> {
    const { resetToken, expiresAt } = await this.passwordResets.issue(id, principal.subjectId);
    return { resetToken, expiresAt: expiresAt.toISOString() };
  }
}

@ApiTags('users')
@Controller('api-clients')
@Auth(Role.ADMIN)
export class ApiClientsController {
  constructor(private readonly users: UsersService) {}

  // Not idempotent on purpose: a replay store would have to keep the plaintext secret.
  @Post()
  @Endpoint({
    summary: 'Create an integration API client (admin)',
    description:
      'The secret is returned once and only its hash is kept. Bind to a vendor to limit its scope.',
    created: CreatedApiClientDto,
    problems: [400, ErrorCode.VENDOR_UNKNOWN, ErrorCode.VENDOR_TERMINATED],
  })
  async createApiClient(@Body() body: CreateApiClientDto): Promise<CreatedApiClientDto> {
    const { client, secret } = await this.users.createApiClientForRequest(body);
    return { ...mapApiClient(client), clientSecret: secret };
  }

  @Get()
  @Endpoint({
    summary: 'List integration API clients (admin)',
    description:
      'Admins only. Lists the integration API clients, oldest first with cursor pagination: name, ' +
      'whether active, and the vendor a vendor-bound client is limited to. Secrets are never shown ' +
      'again after creation.',
    ok: ApiClientPage,
    problems: [400],
  })
  async listApiClients(@Query() query: PageQuery): Promise<Page<ApiClientDto>> {
    const page = await this.users.listApiClients(query);
    return mapPage(page, mapApiClient);
  }

  @Patch(':id')
  @Endpoint({
    summary: 'Rename or switch off an integration API client (admin)',
    description: 'Switching a client off ends its access at once: its tokens already issued are refused.',
    ok: ApiClientDto,
    problems: [400, 404, 412],
  })
  @ApiIfMatch()
  async updateApiClient(
    @UuidParam('id') id: string,
    @Body() body: UpdateApiClientDto,
    @IfMatch() ifMatch: number | undefined,
  ): Promise<ApiClientDto> {
    return mapApiClient(await this.users.updateApiClient(id, body, ifMatch));
  }
}
