import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { DataScope } from '../../common/auth/data-scope';
import { Auth, CurrentPrincipal, Scope } from '../../common/auth/auth.decorators';
import { ALL_ROLES, type Principal, Role } from '../../common/auth/role';
import { todayUtc } from '../../common/validation/validation-helpers';
import {
  mapScorecardDefinition,
  ReviseScorecardDefinitionDto,
  ScorecardAudienceParams,
  ScorecardDefinitionDto,
} from './scorecard-definitions.dto';
import { ScorecardDefinitionsService } from './scorecard-definitions.service';
import {
  ComputedScoresDto,
  ComputeScoresQuery,
  ListScoresQuery,
  mapRankedScore,
  mapScore,
  ScoreListDto,
  ScoreTrendDto,
  ScoreTrendParams,
  ScoreTrendQuery,
} from './scores.dto';
import { ScoringService } from './scoring.service';
import { Endpoint } from '../../common/openapi/endpoint.decorator';

@ApiTags('scoring')
@Controller()
export class ScoringController {
  constructor(
    private readonly definitions: ScorecardDefinitionsService,
    private readonly scoring: ScoringService,
  ) {}

  @Get('scorecard-definitions')
  @Auth(...ALL_ROLES)
  @Endpoint({
    summary: 'The scorecard in force for reps and for each vendor kind (latest revision)',
    description:
      'Each KPI scores 0 at zeroPoint and 100 at hundredPoint, linearly and clamped (hundredPoint below ' +
      'zeroPoint means lower is better); the total is the weighted sum; grade bands give A–D.',
    ok: [ScorecardDefinitionDto],
  })
  async listScorecardDefinitions(): Promise<ScorecardDefinitionDto[]> {
    return (await this.definitions.listScorecardDefinitions()).map(mapScorecardDefinition);
  }

  @Get('scorecard-definitions/:audience/revisions')
  @Auth(...ALL_ROLES)
  @Endpoint({
    summary: 'Every revision of one audience’s scorecard, newest first',
    description:
      'Any signed-in role. Lists every stored revision of the audience’s scorecard (reps, or one ' +
      'vendor kind), newest first, with its KPIs, weights and targets and who revised it.',
    ok: [ScorecardDefinitionDto],
    problems: [400],
  })
  async listScorecardDefinitionRevisions(
    @Param() params: ScorecardAudienceParams,
  ): Promise<ScorecardDefinitionDto[]> {
    return (await this.definitions.listScorecardDefinitionRevisions(params.audience)).map(
      mapScorecardDefinition,
    );
  }

  @Put('scorecard-definitions/:audience')
  @Auth(Role.ADMIN, Role.SALES_MANAGER)
  @Endpoint({
    summary: 'Edit a scorecard: stores its next revision',
    description:
      'Weights must sum to 100 %, every KPI’s zeroPoint must differ from its hundredPoint, a KPI may ' +
      'appear once and bands keep 0 < C < B < A ≤ 100; otherwise 422 SCORECARD_DEFINITION_INVALID names ' +
      'each failing field and nothing is written. Scores already stored keep the revision they were ' +
      'computed with; the next computation uses the new one. Audited.',
    ok: ScorecardDefinitionDto,
    problems: [400, 422],
  })
  async reviseScorecardDefinition(
    @Param() params: ScorecardAudienceParams,
    @Body() body: ReviseScorecardDefinitionDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<ScorecardDefinitionDto> {
    return mapScorecardDefinition(
      await this.definitions.reviseScorecardDefinition(params.audience, body, actor),
    );
  }

  @Post('scores/computations')
  @Auth(Role.ADMIN, Role.SALES_MANAGER)
  @Endpoint({
    summary: 'Compute every rep’s and vendor’s score for a period now',
    description:
      'The scheduler does this for the running month, quarter and year on every tick. A period that has ' +
      'ended is stored final and never recomputed; a running one is provisional. 400 PERIOD_INVALID ' +
      'for a week or a malformed key.',
    ok: ComputedScoresDto,
    problems: [400],
  })
  async computeScores(@Query() query: ComputeScoresQuery): Promise<ComputedScoresDto> {
    const computed = await this.scoring.computeScoresNow(query.period, todayUtc());
    return { period: computed.period.key, status: computed.status, written: computed.written };
  }

  @Get('scores')
  @Auth(...ALL_ROLES)
  @Endpoint({
    summary: 'Scores of a period, ranked: the leaderboard',
    description:
      'Ranked by total among all reps (or vendors) of the company, or of one vendor with vendorId. A ' +
      'vendor manager sees their vendor’s and its reps’ rows; a rep sees only their own row, with their ' +
      'rank among everyone. Each row explains every KPI: raw value, normalised score, weight, contribution.',
    ok: ScoreListDto,
    problems: [400],
  })
  async listScores(@Query() query: ListScoresQuery, @Scope() scope: DataScope): Promise<ScoreListDto> {
    return { data: (await this.scoring.listScores(query, scope)).map(mapRankedScore) };
  }

  @Get('scores/:subject/:subjectId/trend')
  @Auth(...ALL_ROLES)
  @Endpoint({
    summary: 'One rep’s or vendor’s scores over the months, quarters or years, oldest first',
    description:
      'Any role within its scope (a rep: their own scores; a vendor manager: their vendor and its ' +
      'reps). The subject’s computed scores period by period, oldest first, by month, quarter or ' +
      'year. A subject outside the scope is 404.',
    ok: ScoreTrendDto,
    problems: [400, 404],
  })
  async getScoreTrend(
    @Param() params: ScoreTrendParams,
    @Query() query: ScoreTrendQuery,
    @Scope() scope: DataScope,
  ): Promise<ScoreTrendDto> {
    const rows = await this.scoring.getScoreTrend(params.subject, params.subjectId, query.periodKind, scope);
    return { data: rows.map(mapScore) };
  }
}
