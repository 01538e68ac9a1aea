import { Body, Controller, Get, Header, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal } from '../../common/auth/auth.decorators';
import { type Principal, Role } from '../../common/auth/role';
import { IfMatch } from '../../common/http/etag';
import { ApiIfMatch } from '../../common/openapi/api-if-match.decorator';
import { Page } from '../../common/pagination/pagination';
import {
  CreateTargetDto,
  ListTargetsQuery,
  mapRevision,
  mapSumCheck,
  mapTarget,
  mapTargetWithPriorYear,
  SumCheckDto,
  TargetDto,
  TargetPage,
  TargetRevisionDto,
  TargetRevisionPage,
  UpdateTargetDto,
} from './targets.dto';
import { TargetsService } from './targets.service';
import { ActivityPlanDto, AttainmentQuery, RepDayPlanDto, TargetAttainmentDto } from './attainment.dto';
import { ErrorCode } from '../../common/errors/error-codes';
import { AttainmentService } from './attainment.service';
import { UuidParam } from '../../common/openapi/uuid-param.decorator';
import { Endpoint } from '../../common/openapi/endpoint.decorator';

const EDITORS = [Role.ADMIN, Role.SALES_MANAGER, Role.VENDOR_MANAGER];

@ApiTags('targets')
@Controller('targets')
@Auth()
export class TargetsController {
  constructor(
    private readonly targets: TargetsService,
    private readonly attainment: AttainmentService,
  ) {}

  @Post()
  @Auth(...EDITORS)
  @Endpoint({
    summary: 'Create a target, as a root or as a child splitting its parent along one axis',
    description:
      'A child keeps its parent’s metric and currency and lies inside its period; it differs from it along the ' +
      'parent’s split axis only (time: a shorter period; org: an owner below; region/industry/product_line: that ' +
      'dimension). A manager sets targets below their own node, never their own (403 TARGET_OWN_NODE); a vendor ' +
      'manager sets their reps’ targets. A locked parent refuses children (409 TARGET_LOCKED).',
    created: TargetDto,
    problems: [400, 404, 409, 422],
  })
  async createTarget(
    @Body() body: CreateTargetDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<TargetDto> {
    return mapTarget(await this.targets.createTarget(body, principal));
  }

  @Get()
  @Endpoint({
    summary: 'List targets in scope',
    description: 'A rep sees their own targets; a vendor manager their vendor’s and its reps’; managers all.',
    ok: TargetPage,
    problems: [400],
  })
  async listTargets(
    @Query() query: ListTargetsQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Page<TargetDto>> {
    const page = await this.targets.listTargets(query, principal);
    return { data: page.data.map(mapTargetWithPriorYear), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @Endpoint({
    summary: 'Read a target',
    description:
      'Any signed-in role that may see the target (its owner, the managers above it in the tree, ' +
      'company roles). Answers the target with its values, status, parent and the prior year’s ' +
      'actual for comparison.',
    ok: TargetDto,
    problems: [404],
  })
  async getTarget(@UuidParam('id') id: string, @CurrentPrincipal() principal: Principal): Promise<TargetDto> {
    return mapTargetWithPriorYear(await this.targets.getTarget(id, principal));
  }

  @Patch(':id')
  @Auth(...EDITORS)
  @ApiIfMatch()
  @Endpoint({
    summary: 'Revise a target’s values, weight, note or parent',
    description:
      'Every change keeps the previous values with who, when and why (GET …/revisions); an approved target needs a ' +
      '`reason`. A locked target refuses edits with 409 TARGET_LOCKED; a move that would put a target below ' +
      'itself is 422 TARGET_CYCLE.',
    ok: TargetDto,
    problems: [400, 404, 409, 412, 422],
  })
  async updateTarget(
    @UuidParam('id') id: string,
    @Body() body: UpdateTargetDto,
    @IfMatch() ifMatch: number | undefined,
    @CurrentPrincipal() principal: Principal,
  ): Promise<TargetDto> {
    return mapTarget(await this.targets.updateTarget(id, body, ifMatch, principal));
  }

  @Get(':id/children-check')
  @Endpoint({
    summary: 'Do the target’s children add up to it?',
    description:
      'Additive metrics (money, counts): the children must add up exactly, per tier. Rates and day averages: the ' +
      'children’s weighted mean (by each child’s weight), rounded to a whole unit, must equal the parent.',
    ok: SumCheckDto,
    problems: [404],
  })
  async checkTargetChildren(
    @UuidParam('id') id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<SumCheckDto> {
    const { check, childCount } = await this.targets.getSumCheck(id, principal);
    return mapSumCheck(check, childCount);
  }

  @Post(':id/approve')
  @Auth(...EDITORS)
  @HttpCode(200)
  @Endpoint({
    summary: 'Approve a draft target',
    description:
      'Refused with 422 TARGET_CHILDREN_DO_NOT_SUM while its children do not add up to it; the problem names ' +
      'each tier’s difference (children − parent) in `errors[]` and `sumCheck`.',
    ok: TargetDto,
    problems: [403, 404, 409, 422],
  })
  async approveTarget(
    @UuidParam('id') id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<TargetDto> {
    return mapTarget(await this.targets.approveTarget(id, principal));
  }

  @Post(':id/lock')
  @Auth(Role.ADMIN, Role.SALES_MANAGER)
  @HttpCode(200)
  @Endpoint({
    summary: 'Lock an approved target and its whole subtree',
    description:
      'Locked targets refuse every edit and new children (409 TARGET_LOCKED). Closed periods are locked by the scheduler.',
    ok: TargetDto,
    problems: [404, 409],
  })
  async lockTarget(
    @UuidParam('id') id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<TargetDto> {
    return mapTarget(await this.targets.lockTarget(id, principal));
  }

  @Get('reps/:repId/day-plan')
  @Endpoint({
    summary: 'A rep’s day from their targets: each running target’s activity plan next to the daily quotas',
    description:
      'Every rep target of a plannable metric (revenue, bookings, won_leads, new_customers) whose period runs on ' +
      '`asOf` (the rep’s today by default), with its activity plan (see the activity-plan operation), shortest ' +
      'period first, and the rep’s daily call and visit quotas. A rep reads their own; a vendor manager their reps’.',
    ok: RepDayPlanDto,
    problems: [400, 404],
  })
  getRepDayPlan(
    @UuidParam('repId') repId: string,
    @Query() query: AttainmentQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<RepDayPlanDto> {
    return this.attainment.getRepDayPlan(repId, query.asOf, principal);
  }

  @Get(':id/activity-plan')
  @Endpoint({
    summary: 'From a rep’s target to today’s plan: calls, visits and negotiations per remaining working day',
    description:
      'For a rep’s revenue, bookings, won-leads or new-customers target (else 422 TARGET_ACTIVITY_PLAN_UNSUPPORTED): ' +
      'the won deals still missing (money: the gap over the average booked deal) walked back up the funnel calls → ' +
      'visits → negotiations → won with the rep’s own rates of the 12 months before the period — the vendor’s, then ' +
      'the company’s, when the rep won fewer deals than the targets setting `minWonForOwnRates` — and spread over the ' +
      'working days left (today included) in the rep’s calendar, rounded up. A rep reads their own.',
    ok: ActivityPlanDto,
    problems: [400, 404, ErrorCode.TARGET_ACTIVITY_PLAN_UNSUPPORTED],
  })
  getTargetActivityPlan(
    @UuidParam('id') id: string,
    @Query() query: AttainmentQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ActivityPlanDto> {
    return this.attainment.getActivityPlan(id, query.asOf, principal);
  }

  @Get(':id/attainment')
  @Endpoint({
    summary: 'Attainment of a target and its whole tree, in one request',
    description:
      'Per node: actual, target and tiers, attainment %, the tier the run-rate projection reaches, pace (share of ' +
      'the period’s working days elapsed in the owner’s calendar), projected end-of-period value and status ' +
      '(on_track / at_risk / behind against the pace, thresholds in the targets settings), with its children. ' +
      'A rep reads their own; a vendor manager their vendor’s subtree. A money tree read again while nothing it is ' +
      'computed from changed is answered from memory; any write to its targets, actuals, org chart or calendar is ' +
      'in the next answer.',
    ok: TargetAttainmentDto,
    problems: [400, 404],
  })
  // A company tree is megabytes of JSON: answered as the bytes the service holds for it (see
  // AttainmentService.getTargetAttainment), the shape documented above.
  @Header('Content-Type', 'application/json; charset=utf-8')
  getTargetAttainment(
    @UuidParam('id') id: string,
    @Query() query: AttainmentQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Buffer> {
    return this.attainment.getTargetAttainmentJson(id, query.asOf, principal);
  }

  @Get(':id/revisions')
  @Endpoint({
    summary: 'The revision history of a target, newest first (who, when, why, before → after)',
    description:
      'Any role that may see the target. Lists its revisions, newest first: who changed it, when, ' +
      'why, and the values before and after.',
    ok: TargetRevisionPage,
    problems: [404],
  })
  async listTargetRevisions(
    @UuidParam('id') id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Page<TargetRevisionDto>> {
    const revisions = await this.targets.listRevisions(id, principal);
    return { data: revisions.map(mapRevision), nextCursor: null };
  }
}
