import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal } from '../../../common/auth/auth.decorators';
import { type Principal, Role } from '../../../common/auth/role';
import { Idempotent } from '../../../common/idempotency/idempotency.interceptor';
import { Page, mapPage } from '../../../common/pagination/pagination';
import { ImportResultDto, summarise } from '../intake/lead-imports.dto';
import {
  ImportNamedAccountsDto,
  ListNamedAccountsQuery,
  MAX_NAMED_ACCOUNT_IMPORT_ROWS,
  mapNamedAccount,
  NamedAccountDto,
  NamedAccountInputDto,
  NamedAccountPage,
} from './named-accounts.dto';
import { NamedAccountsService } from './named-accounts.service';
import { UuidParam } from '../../../common/openapi/uuid-param.decorator';
import { Endpoint } from '../../../common/openapi/endpoint.decorator';

const MATCH_RULE =
  'A lead whose normalised tax id or company name (the lead dedupe keys) matches a named account is a key ' +
  'lead by rule, with the reason `named account: <company name>`. A tax id match wins; the name matches ' +
  'only when the lead or the account has no tax id (two different tax ids are two companies). Adding or ' +
  'removing an account re-flags the leads it names at once.';

@ApiTags('named accounts')
@Controller('named-accounts')
@Auth(Role.ADMIN, Role.SALES_MANAGER)
export class NamedAccountsController {
  constructor(private readonly namedAccounts: NamedAccountsService) {}

  @Get()
  @Endpoint({
    summary: 'List the named accounts, oldest first (admin, sales manager)',
    description:
      'Admins and sales managers. Lists the companies on the named-account list, oldest first with ' +
      'cursor pagination, each with its company name and tax id and the keys intake matches them ' +
      'by; filter by company name.',
    ok: NamedAccountPage,
    problems: [400],
  })
  async listNamedAccounts(@Query() query: ListNamedAccountsQuery): Promise<Page<NamedAccountDto>> {
    const page = await this.namedAccounts.listNamedAccounts(query);
    return mapPage(page, mapNamedAccount);
  }

  @Post()
  @Idempotent()
  @Endpoint({
    summary: 'Put a company on the named-account list (admin, sales manager)',
    description: `${MATCH_RULE} A company already listed (same tax id or normalised name) is 409 NAMED_ACCOUNT_DUPLICATE.`,
    created: NamedAccountDto,
    problems: [400, 409, 422],
  })
  async createNamedAccount(
    @Body() body: NamedAccountInputDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<NamedAccountDto> {
    return mapNamedAccount(await this.namedAccounts.createNamedAccount(body, actor));
  }

  @Post('imports')
  @Idempotent()
  @HttpCode(200)
  @Endpoint({
    summary: `Add up to ${MAX_NAMED_ACCOUNT_IMPORT_ROWS} named accounts, with a result per row`,
    description:
      `${MATCH_RULE} Each row is created, a duplicate (of a listed account or an earlier row, with the key ` +
      'that matched) or rejected (bad tax id, with the field). A request of the wrong shape is refused whole ' +
      'with 400 and nothing is written.',
    ok: ImportResultDto,
    problems: [400, 422],
  })
  async importNamedAccounts(
    @Body() body: ImportNamedAccountsDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<ImportResultDto> {
    return summarise(await this.namedAccounts.importNamedAccounts(body.rows, actor));
  }

  @Get(':id')
  @Endpoint({
    summary: 'Get a named account (admin, sales manager)',
    description:
      'Admins and sales managers. Answers one named account: company name, tax id, their matching ' +
      'keys, the note, and who put it on the list when.',
    ok: NamedAccountDto,
    problems: [400, 404],
  })
  async getNamedAccount(@UuidParam('id') id: string): Promise<NamedAccountDto> {
    return mapNamedAccount(await this.namedAccounts.getNamedAccount(id));
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Endpoint({
    summary: 'Take a company off the named-account list (admin, sales manager)',
    description: 'Leads flagged by rule only because of it lose the flag (or keep it under another rule).',
    noContent: 'Removed',
    problems: [400, 404],
  })
  async deleteNamedAccount(@UuidParam('id') id: string, @CurrentPrincipal() actor: Principal): Promise<void> {
    await this.namedAccounts.deleteNamedAccount(id, actor);
  }
}
