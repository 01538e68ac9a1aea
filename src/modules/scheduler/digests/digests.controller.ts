import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal } from '../../../common/auth/auth.decorators';
import { ALL_ROLES, type Principal, Role } from '../../../common/auth/role';
import { mapPage, type Page } from '../../../common/pagination/pagination';
import { DigestDto, DigestPage, ListDigestsQuery, ListMyDigestsQuery, mapDigest } from './digests.dto';
import { DigestsService } from './digests.service';
import { Endpoint } from '../../../common/openapi/endpoint.decorator';

const PRODUCED =
  'The scheduler’s `digests` check produces, once per recipient’s local day (their rep’s or vendor’s time ' +
  'zone; a sales manager’s the company’s), a daily digest of the alerts in their scope — counts per kind, ' +
  'the top items — and once per ISO week a weekly one; each is also sent as the webhook `digest.daily` / ' +
  '`digest.weekly` with this schema as its `data`. A day with nothing unresolved and nothing raised has none.';

@ApiTags('alerts')
@Controller('digests')
export class DigestsController {
  constructor(private readonly digests: DigestsService) {}

  @Get('me')
  @Auth(...ALL_ROLES)
  @Endpoint({
    summary: 'My alert digests of a period (daily or weekly), newest first',
    description: PRODUCED,
    ok: DigestPage,
    problems: [400],
  })
  async listMyDigests(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListMyDigestsQuery,
  ): Promise<Page<DigestDto>> {
    return mapPage(await this.digests.listMyDigests(principal, query), mapDigest);
  }

  @Get()
  @Auth(Role.ADMIN, Role.SALES_MANAGER)
  @Endpoint({
    summary: 'Alert digests of a period, of one recipient or everyone, newest first (company roles)',
    description: PRODUCED,
    ok: DigestPage,
    problems: [400],
  })
  async listDigests(@Query() query: ListDigestsQuery): Promise<Page<DigestDto>> {
    return mapPage(await this.digests.listDigests(query), mapDigest);
  }
}
