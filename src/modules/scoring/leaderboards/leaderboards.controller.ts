import { Body, Controller, Get, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { DataScope } from '../../../common/auth/data-scope';
import { Auth, CurrentPrincipal, Scope } from '../../../common/auth/auth.decorators';
import { ALL_ROLES, type Principal, Role } from '../../../common/auth/role';
import { ErrorCode } from '../../../common/errors/error-codes';
import { UuidParam } from '../../../common/openapi/uuid-param.decorator';
import { mapPage, type Page } from '../../../common/pagination/pagination';
import { ContestsService } from './contests.service';
import {
  ContestDto,
  ContestPage,
  ContestStandingsDto,
  CreateContestDto,
  LeaderboardDto,
  LeaderboardQueryDto,
  LeaderboardSettingsDto,
  LeaderboardSettingsInputDto,
  ListContestsQuery,
  mapContest,
  mapLeaderboard,
  mapLeaderboardSettings,
  mapStandings,
} from './leaderboards.dto';
import { LeaderboardsService } from './leaderboards.service';
import { Endpoint } from '../../../common/openapi/endpoint.decorator';

@ApiTags('scoring')
@Controller()
export class LeaderboardsController {
  constructor(
    private readonly leaderboards: LeaderboardsService,
    private readonly contests: ContestsService,
  ) {}

  @Get('leaderboards')
  @Auth(...ALL_ROLES)
  @Endpoint({
    summary: 'A period’s leaderboard of reps or vendors on one KPI or the total',
    description:
      'Ranked from the stored scores over the company, one vendor’s reps (scope vendor, vendorId) or one ' +
      'region’s reps (scope region, regionId); tied values share a rank (1, 2, 2, 4), unscored or unmeasured ' +
      'subjects come last without one. A KPI ranks by its normalised 0–100 score. A rep sees every rep, ' +
      'peers as "Rep #<position>" with no id when the setting repsSeePeerNames is off, and of the vendors ' +
      'their own; a vendor manager sees their vendor’s reps and the whole vendor ranking; company roles ' +
      'everything. `me` is the caller’s own row. 400 LEADERBOARD_SCOPE_INVALID for a scope without its ' +
      'id or a region board of vendors; another vendor’s board for a vendor-bound caller is 404.',
    ok: LeaderboardDto,
    problems: [400, 404, ErrorCode.LEADERBOARD_SCOPE_INVALID],
  })
  async getLeaderboard(
    @Query() query: LeaderboardQueryDto,
    @Scope() scope: DataScope,
  ): Promise<LeaderboardDto> {
    return mapLeaderboard(await this.leaderboards.getLeaderboard(query, scope));
  }

  @Get('leaderboard-settings')
  @Auth(...ALL_ROLES)
  @Endpoint({
    summary: 'Whether reps see their peers’ names on leaderboards and contest standings',
    description:
      'Any signed-in role. Answers whether reps see their peers’ names on leaderboards and contest ' +
      'standings, or only their own row and anonymous ranks.',
    ok: LeaderboardSettingsDto,
  })
  async getLeaderboardSettings(): Promise<LeaderboardSettingsDto> {
    return mapLeaderboardSettings(await this.leaderboards.getLeaderboardSettings());
  }

  @Put('leaderboard-settings')
  @Auth(Role.ADMIN, Role.SALES_MANAGER)
  @Endpoint({
    summary: 'Let reps see, or not, their peers’ names (default: they do)',
    description:
      'Admins and sales managers. With `repsSeePeerNames: false` a rep sees their peers on leaderboards ' +
      'and contest standings as "Rep #n" and only their own row in full; managers always see names. ' +
      'Audited; answers the settings with their new version.',
    ok: LeaderboardSettingsDto,
    problems: [400],
  })
  async updateLeaderboardSettings(
    @Body() body: LeaderboardSettingsInputDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<LeaderboardSettingsDto> {
    return mapLeaderboardSettings(await this.leaderboards.updateLeaderboardSettings(body, actor));
  }

  @Post('contests')
  @Auth(Role.ADMIN, Role.SALES_MANAGER)
  @Endpoint({
    summary: 'Start an incentive contest',
    description:
      'Reps (named, or every active rep of a named vendor) or vendors (named, not terminated) compete on a ' +
      'KPI’s normalised score or the total over a month, quarter or year; prize tiers give a prize per ' +
      'rank range (a tie shares its rank’s prize). 422 CONTEST_NO_PARTICIPANT when nobody eligible ' +
      'exists, 422 CONTEST_PRIZE_TIERS_INVALID for overlapping or backward tiers, 400 PERIOD_INVALID for ' +
      'a week; nothing is written. Audited.',
    created: ContestDto,
    problems: [400, 422, ErrorCode.CONTEST_NO_PARTICIPANT, ErrorCode.CONTEST_PRIZE_TIERS_INVALID],
  })
  async createContest(
    @Body() body: CreateContestDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<ContestDto> {
    return mapContest(await this.contests.createContest(body, actor));
  }

  @Get('contests')
  @Auth(...ALL_ROLES)
  @Endpoint({
    summary: 'Contests, newest first',
    description: 'A vendor manager or rep sees those their vendor or one of its reps takes part in.',
    ok: ContestPage,
    problems: [400],
  })
  async listContests(
    @Query() query: ListContestsQuery,
    @Scope() scope: DataScope,
  ): Promise<Page<ContestDto>> {
    return mapPage(await this.contests.listContests(query, scope), mapContest);
  }

  @Get('contests/:id')
  @Auth(...ALL_ROLES)
  @Endpoint({
    summary: 'One contest',
    description:
      'Any signed-in role that may see it. Answers one incentive contest: its KPI, period, the ' +
      'eligible reps or vendors, prize tiers and status.',
    ok: ContestDto,
    problems: [400, 404],
  })
  async getContest(@UuidParam('id') id: string, @Scope() scope: DataScope): Promise<ContestDto> {
    return mapContest(await this.contests.getContest(id, scope));
  }

  @Get('contests/:id/standings')
  @Auth(...ALL_ROLES)
  @Endpoint({
    summary: 'A contest’s standings: live while it runs, frozen once its period closed',
    description:
      'Live: ranked from the stored scores of the period as they are now. When the period’s scores are ' +
      'final, the scheduler’s `contests_close` check stores the standings and closes the contest; from ' +
      'then on they are read from the stored rows and never change. Names follow the leaderboard setting.',
    ok: ContestStandingsDto,
    problems: [400, 404],
  })
  async getContestStandings(
    @UuidParam('id') id: string,
    @Scope() scope: DataScope,
  ): Promise<ContestStandingsDto> {
    return mapStandings(await this.contests.getStandings(id, scope));
  }
}
