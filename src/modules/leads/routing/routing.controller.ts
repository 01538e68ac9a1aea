import { ErrorCode } from '../../../common/errors/error-codes';
import { Body, Controller, Delete, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal, Scope } from '../../../common/auth/auth.decorators';
import type { DataScope } from '../../../common/auth/data-scope';
import { type Principal, Role } from '../../../common/auth/role';
import { IfMatch } from '../../../common/http/etag';
import { ApiIfMatch } from '../../../common/openapi/api-if-match.decorator';
import { mapPage, Page, PageQuery } from '../../../common/pagination/pagination';
import {
  AssignmentDecisionDto,
  AssignmentDecisionPage,
  AssignmentRuleDto,
  AssignmentRuleInputDto,
  AssignmentRulePage,
  asOfTime,
  AutoAssignLeadsDto,
  AutoAssignResultDto,
  DeclineLeadDto,
  GradeWeightsDto,
  GradeWeightsInputDto,
  mapAssignmentDecision,
  mapAssignmentRule,
  mapRepRoutingPreference,
  OverrideLeadAssignmentDto,
  RematchResultDto,
  RepRoutingPreferenceInputDto,
  RepRoutingPreferenceOutDto,
  mapRoutingSettings,
  RoutingSettingsDto,
  RoutingSettingsInputDto,
} from './routing.dto';
import { RoutingService } from './routing.service';
import { UuidParam } from '../../../common/openapi/uuid-param.decorator';
import { Endpoint } from '../../../common/openapi/endpoint.decorator';

const ELIGIBILITY =
  'A rep is eligible when active, below capacity (open leads), below the per-day assignment quota ' +
  '(rolling 24 h; the rep’s own or the rule’s), not opted out, in a vendor whose effective scope that day ' +
  'covers the lead’s region, industry, product lines (lines with an uncleared conflict of interest are out) ' +
  'and the lead’s sales stage, and neither the rep nor its vendor declined the lead. The first active rule ' +
  'whose filter matches wins; the default rule applies when none does or the matching rule finds nobody.';

@ApiTags('lead routing')
@Controller()
export class RoutingController {
  constructor(private readonly routing: RoutingService) {}

  @Post('assignment-rules')
  @Auth(Role.ADMIN, Role.SALES_MANAGER)
  @Endpoint({
    summary: 'Add an assignment rule',
    description: ELIGIBILITY,
    created: AssignmentRuleDto,
    problems: [400, 422],
  })
  async createAssignmentRule(@Body() body: AssignmentRuleInputDto): Promise<AssignmentRuleDto> {
    return mapAssignmentRule(await this.routing.createAssignmentRule(body));
  }

  @Get('assignment-rules')
  @Auth(Role.ADMIN, Role.SALES_MANAGER)
  @Endpoint({
    summary: 'List assignment rules in the order they are tried',
    description:
      'Admins and sales managers. Lists the assignment rules in the order routing tries them (by ' +
      'position), each with its filter on lead attributes, its target (vendors, reps or a pool), ' +
      'strategy, quotas and active flag.',
    ok: AssignmentRulePage,
    problems: [400],
  })
  async listAssignmentRules(@Query() query: PageQuery): Promise<Page<AssignmentRuleDto>> {
    return mapPage(await this.routing.listAssignmentRules(query), mapAssignmentRule);
  }

  @Get('assignment-rules/:id')
  @Auth(Role.ADMIN, Role.SALES_MANAGER)
  @Endpoint({
    summary: 'Get an assignment rule',
    description:
      'Admins and sales managers. Answers one rule: its position, filter, target, strategy, daily ' +
      'quota per rep, minimum vendor tier for key leads, active flag and version.',
    ok: AssignmentRuleDto,
    problems: [404],
  })
  async getAssignmentRule(@UuidParam('id') id: string): Promise<AssignmentRuleDto> {
    return mapAssignmentRule(await this.routing.getAssignmentRule(id));
  }

  @Put('assignment-rules/:id')
  @Auth(Role.ADMIN, Role.SALES_MANAGER)
  @ApiIfMatch()
  @Endpoint({
    summary: 'Replace an assignment rule (resets its round-robin pointer)',
    description:
      'Admins and sales managers. Replaces the whole rule (filter, target, strategy, quotas, ' +
      'position) and starts its round-robin from the beginning; a target that does not name what ' +
      'its kind needs, or a vendor without an agreement in force today, is 422 ' +
      '`ROUTING_TARGET_INVALID`. Send If-Match (stale: 412).',
    ok: AssignmentRuleDto,
    problems: [400, 404, 412, 422],
  })
  async replaceAssignmentRule(
    @UuidParam('id') id: string,
    @Body() body: AssignmentRuleInputDto,
    @IfMatch() ifMatch: number | undefined,
  ): Promise<AssignmentRuleDto> {
    return mapAssignmentRule(await this.routing.replaceAssignmentRule(id, body, ifMatch));
  }

  @Delete('assignment-rules/:id')
  @HttpCode(204)
  @Auth(Role.ADMIN, Role.SALES_MANAGER)
  @Endpoint({
    summary: 'Delete an assignment rule',
    description:
      'Admins and sales managers. Deletes the rule; routing no longer tries it, and decisions ' +
      'already recorded under it stay in the lead’s decision history. 404 when there is no such ' +
      'rule.',
    noContent: 'Deleted',
    problems: [404],
  })
  async deleteAssignmentRule(@UuidParam('id') id: string): Promise<void> {
    await this.routing.deleteAssignmentRule(id);
  }

  @Get('lead-routing/settings')
  @Auth(Role.ADMIN, Role.SALES_MANAGER)
  @Endpoint({
    summary: 'Get the company routing settings',
    description:
      'Admins and sales managers. Answers whether a lead is routed by the assignment rules at once ' +
      'when it is taken in, and the settings’ version.',
    ok: RoutingSettingsDto,
  })
  async getRoutingSettings(): Promise<RoutingSettingsDto> {
    return mapRoutingSettings(await this.routing.getRoutingSettings());
  }

  @Put('lead-routing/settings')
  @Auth(Role.ADMIN)
  @Endpoint({
    summary: 'Switch automatic assignment on intake on or off',
    description:
      'Admins only. Switches automatic assignment on intake on or off; when off, new leads wait ' +
      'unassigned until routed on request or by the auto-assignment run.',
    ok: RoutingSettingsDto,
    problems: [400],
  })
  async updateRoutingSettings(@Body() body: RoutingSettingsInputDto): Promise<RoutingSettingsDto> {
    return mapRoutingSettings(await this.routing.updateRoutingSettings(body));
  }

  @Get('lead-routing/grade-weights')
  @Auth(Role.ADMIN, Role.SALES_MANAGER)
  @Endpoint({
    summary: 'The routing weight of each rep grade',
    description:
      'best_fit multiplies a rep’s match score by its grade’s weight, weighted_random draws by it. ' +
      'Revision 0 is the defaults (A 4, B 3, C 2, D 1).',
    ok: GradeWeightsDto,
  })
  async getGradeWeights(): Promise<GradeWeightsDto> {
    const { weights, revision } = await this.routing.getGradeWeights();
    return { ...weights, revision };
  }

  @Put('lead-routing/grade-weights')
  @Auth(Role.ADMIN, Role.SALES_MANAGER)
  @Endpoint({
    summary: 'Set the routing weight of each rep grade (stores the next revision)',
    description: 'Whole numbers 1–1000; the next routing decision weighs with them.',
    ok: GradeWeightsDto,
    problems: [400],
  })
  async updateGradeWeights(
    @Body() body: GradeWeightsInputDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<GradeWeightsDto> {
    const { weights, revision } = await this.routing.updateGradeWeights(
      { A: body.A, B: body.B, C: body.C, D: body.D },
      actor,
    );
    return { ...weights, revision };
  }

  @Put('reps/:repId/routing-preference')
  @Auth(Role.ADMIN, Role.SALES_MANAGER, Role.VENDOR_MANAGER, Role.REP)
  @Endpoint({
    summary: 'Opt a rep out of routing or cap the leads routed to them per day',
    description:
      'Admins, sales managers, the rep’s vendor manager and the rep themselves, within their ' +
      'scope. Opts the rep out of routing or caps the leads routed to them per day; leads they ' +
      'already hold stay with them.',
    ok: RepRoutingPreferenceOutDto,
    problems: [400, 404],
  })
  async setRepRoutingPreference(
    @UuidParam('repId') repId: string,
    @Body() body: RepRoutingPreferenceInputDto,
    @Scope() scope: DataScope,
  ): Promise<RepRoutingPreferenceOutDto> {
    return mapRepRoutingPreference(await this.routing.setRepRoutingPreference(repId, body, scope));
  }

  @Post('leads/:id/routing')
  @HttpCode(200)
  @Auth(Role.ADMIN, Role.SALES_MANAGER)
  @Endpoint({
    summary: 'Route one lead by the assignment rules now',
    description: ELIGIBILITY,
    ok: AssignmentDecisionDto,
    problems: [404, 409],
  })
  async assignLead(
    @UuidParam('id') id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AssignmentDecisionDto> {
    return mapAssignmentDecision(await this.routing.assignLead(id, principal, new Date()));
  }

  @Post('lead-routing/auto-assignments')
  @HttpCode(200)
  @Auth(Role.ADMIN, Role.SALES_MANAGER)
  @Endpoint({
    summary: 'Route every unassigned lead (no vendor, no owner, not in a pool) in one pass',
    description: `${ELIGIBILITY} Key leads and higher scores are served first, so capacity goes to them.`,
    ok: AutoAssignResultDto,
    problems: [400],
  })
  autoAssignLeads(
    @Body() body: AutoAssignLeadsDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AutoAssignResultDto> {
    return this.routing.autoAssignLeads(principal, asOfTime(body), body.limit);
  }

  @Post('leads/:id/assignment-override')
  @HttpCode(200)
  @Auth(Role.ADMIN, Role.SALES_MANAGER, Role.VENDOR_MANAGER)
  @Endpoint({
    summary: 'Give a lead to a chosen rep, with a reason',
    description:
      'The rep must be active (422 REP_INACTIVE) and below capacity (409 REP_AT_CAPACITY). A vendor manager picks among their own reps for their own leads. ' +
      'When the rep’s agreement requires certification, the rep must hold a valid certification for every product line of the lead (422 REP_NOT_CERTIFIED, naming the missing lines in `productLineIds`), ' +
      'unless an admin or sales manager passes `overrideCertification: true` (anyone else: 403 CERTIFICATION_OVERRIDE_FORBIDDEN); the override and the lines the rep lacks are written in the decision’s explanation and the lead’s history.',
    ok: AssignmentDecisionDto,
    problems: [
      400,
      403,
      404,
      ErrorCode.REP_INACTIVE,
      ErrorCode.ROUTING_TARGET_NOT_ROUTABLE,
      ErrorCode.REP_AT_CAPACITY,
      ErrorCode.REP_NOT_CERTIFIED,
      ErrorCode.CERTIFICATION_OVERRIDE_FORBIDDEN,
      ErrorCode.LEAD_CLOSED,
    ],
  })
  async overrideLeadAssignment(
    @UuidParam('id') id: string,
    @Body() body: OverrideLeadAssignmentDto,
    @Scope() scope: DataScope,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AssignmentDecisionDto> {
    return mapAssignmentDecision(
      await this.routing.overrideLeadAssignment(id, body, scope, principal, new Date()),
      scope,
    );
  }

  @Post('leads/:id/declines')
  @HttpCode(200)
  @Auth(Role.ADMIN, Role.SALES_MANAGER, Role.VENDOR_MANAGER, Role.REP)
  @Endpoint({
    summary: 'Decline a lead; it is routed again and never offered to the decliner again',
    description:
      'A rep declines their own lead; a vendor manager for the whole vendor (or level rep for the owner); company managers on behalf of the owner. A lead without the owner to decline → 409 LEAD_NOT_OWNED.',
    ok: { type: AssignmentDecisionDto, description: 'The new routing decision' },
    problems: [400, 403, 404, 409],
  })
  async declineLead(
    @UuidParam('id') id: string,
    @Body() body: DeclineLeadDto,
    @Scope() scope: DataScope,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AssignmentDecisionDto> {
    return mapAssignmentDecision(
      await this.routing.declineLead(id, body, scope, principal, new Date()),
      scope,
    );
  }

  @Get('leads/:id/assignment-decisions')
  @Auth(Role.ADMIN, Role.SALES_MANAGER, Role.VENDOR_MANAGER, Role.REP, Role.INTEGRATION)
  @Endpoint({
    summary: 'Why a lead went where it went: every routing decision, latest recorded first',
    description:
      'Any role that may see the lead, within its scope. Every routing decision about it, latest ' +
      'recorded first with cursor pagination: the trigger, the rule that matched, the candidates ' +
      'considered and why others were passed over, and the outcome; a vendor user sees only the ' +
      'candidates of their own scope, and of a decision that went elsewhere only that it was ' +
      'routed outside their scope.',
    ok: AssignmentDecisionPage,
    problems: [400, 404],
  })
  async listLeadAssignmentDecisions(
    @UuidParam('id') id: string,
    @Query() query: PageQuery,
    @Scope() scope: DataScope,
  ): Promise<Page<AssignmentDecisionDto>> {
    const page = await this.routing.listLeadAssignmentDecisions(id, scope, query);
    return mapPage(page, (row) => mapAssignmentDecision(row, scope));
  }

  @Post('reps/:repId/lead-rematch')
  @HttpCode(200)
  @Auth(Role.ADMIN, Role.SALES_MANAGER)
  @Endpoint({
    summary:
      'Re-match every open lead of a rep by the rules (after a grade or tag change, or when the rep leaves)',
    description:
      'Admins and sales managers. Routes every open lead of the rep by the rules again, for ' +
      'example after a grade or tag change or when the rep leaves: leads that still fit stay, the ' +
      'others move to a better rep, to a pool or back to unassigned. Answers the counts and the ' +
      'time taken.',
    ok: RematchResultDto,
    problems: [404],
  })
  rematchRepLeads(
    @UuidParam('repId') repId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<RematchResultDto> {
    return this.routing.rematchRepLeads(repId, principal, new Date());
  }
}
