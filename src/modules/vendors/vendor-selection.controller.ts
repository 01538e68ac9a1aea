import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal } from '../../common/auth/auth.decorators';
import { type Principal, Role } from '../../common/auth/role';
import { ErrorCode } from '../../common/errors/error-codes';
import { IfMatch } from '../../common/http/etag';
import { Idempotent } from '../../common/idempotency/idempotency.interceptor';
import { ApiIfMatch } from '../../common/openapi/api-if-match.decorator';
import { UuidParam } from '../../common/openapi/uuid-param.decorator';
import { Page } from '../../common/pagination/pagination';
import {
  CandidateComparisonDto,
  CompareVendorCandidatesDto,
  CreateCandidateDecisionDto,
  CreateVendorCandidateDto,
  ListVendorCandidatesQuery,
  mapSelectionCriteria,
  mapVendorCandidate,
  RateVendorCandidateDto,
  SelectionCriteriaDto,
  UpdateSelectionCriteriaDto,
  VendorCandidateDto,
  VendorCandidatePage,
} from './vendor-selection.dto';
import { ScoredCandidate, VendorSelectionService } from './vendor-selection.service';
import { Endpoint } from '../../common/openapi/endpoint.decorator';

const toDto = ({ candidate, score }: ScoredCandidate): VendorCandidateDto =>
  mapVendorCandidate(candidate, score);

/** Choosing a vendor: company only (admins and sales managers); everyone else is 403. */
@ApiTags('vendor selection')
@Controller()
@Auth(Role.ADMIN, Role.SALES_MANAGER)
export class VendorSelectionController {
  constructor(private readonly selection: VendorSelectionService) {}

  @Get('vendor-selection/criteria')
  @Endpoint({
    summary: 'The vendor selection criteria in force and their weights (percent, summing to 100)',
    description: 'The ETag carries the version to send as If-Match with a change.',
    ok: SelectionCriteriaDto,
    problems: [403],
  })
  async getSelectionCriteria(): Promise<SelectionCriteriaDto> {
    return mapSelectionCriteria(await this.selection.getSelectionCriteria());
  }

  @Put('vendor-selection/criteria')
  @ApiIfMatch()
  @Endpoint({
    summary: 'Replace the selection weights',
    description:
      'Each weight is a whole percent from 0 to 100 and the six must sum to 100, else ' +
      '422 SELECTION_WEIGHTS_INVALID and nothing is written. Scores are computed with the weights in force.',
    ok: SelectionCriteriaDto,
    problems: [400, 403, 412, 422, ErrorCode.SELECTION_WEIGHTS_INVALID],
  })
  async updateSelectionCriteria(
    @Body() body: UpdateSelectionCriteriaDto,
    @CurrentPrincipal() actor: Principal,
    @IfMatch() ifMatch: number | undefined,
  ): Promise<SelectionCriteriaDto> {
    return mapSelectionCriteria(await this.selection.updateSelectionCriteria(body, ifMatch, actor));
  }

  @Post('vendor-candidates')
  @Idempotent()
  @Endpoint({
    summary: 'Register a provider being considered as a vendor (status candidate)',
    description:
      'Admins and sales managers. Registers a provider being considered as a vendor, in status ' +
      'candidate, with its kind, contacts, country, time zone and notes; it is then rated per ' +
      'criterion and decided on.',
    created: VendorCandidateDto,
    problems: [400, 403],
  })
  async createVendorCandidate(
    @Body() body: CreateVendorCandidateDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<VendorCandidateDto> {
    return toDto(await this.selection.createVendorCandidate(body, actor));
  }

  @Get('vendor-candidates')
  @Endpoint({
    summary: 'List vendor candidates by name, with their weighted scores',
    description:
      'Admins and sales managers. Lists the providers under consideration by name, each with its ' +
      'weighted score from its ratings and the criteria weights in force; filter by status ' +
      '(candidate, shortlisted, selected, rejected).',
    ok: VendorCandidatePage,
    problems: [400, 403],
  })
  async listVendorCandidates(@Query() query: ListVendorCandidatesQuery): Promise<Page<VendorCandidateDto>> {
    const page = await this.selection.listVendorCandidates(query);
    return { ...page, data: page.data.map(toDto) };
  }

  @Get('vendor-candidates/:id')
  @Endpoint({
    summary: 'Get a vendor candidate with each criterion’s rating, weight and contribution',
    description:
      'Admins and sales managers. Answers one candidate with each criterion’s rating, its weight ' +
      'and its contribution to the weighted score.',
    ok: VendorCandidateDto,
    problems: [400, 403, 404],
  })
  async getVendorCandidate(@UuidParam('id') id: string): Promise<VendorCandidateDto> {
    return toDto(await this.selection.getVendorCandidate(id));
  }

  @Put('vendor-candidates/:id/ratings')
  @ApiIfMatch()
  @Endpoint({
    summary: 'Rate a candidate 0–10 per criterion (only the criteria given change)',
    description:
      'Score = Σ rating × weight / 10 (0–100). A selected or rejected candidate is final: ' +
      '409 CANDIDATE_STATUS_TRANSITION_INVALID.',
    ok: VendorCandidateDto,
    problems: [400, 403, 404, 409, 412, ErrorCode.CANDIDATE_STATUS_TRANSITION_INVALID],
  })
  async rateVendorCandidate(
    @UuidParam('id') id: string,
    @Body() body: RateVendorCandidateDto,
    @CurrentPrincipal() actor: Principal,
    @IfMatch() ifMatch: number | undefined,
  ): Promise<VendorCandidateDto> {
    return toDto(await this.selection.rateVendorCandidate(id, body, ifMatch, actor));
  }

  @Post('vendor-candidates/:id/decisions')
  @HttpCode(200)
  @Idempotent()
  @Endpoint({
    summary: 'Decide on a candidate with a reason: shortlist, select or reject',
    description:
      'candidate → shortlisted → selected | rejected (a candidate may be rejected before the shortlist); ' +
      'any other move is 409 CANDIDATE_STATUS_TRANSITION_INVALID. Who, when and why are recorded. ' +
      'Selecting (salesUnitId and tier required) creates the vendor in status onboarding in the same ' +
      'transaction and links it as vendorId.',
    ok: VendorCandidateDto,
    problems: [
      400,
      403,
      404,
      409,
      422,
      ErrorCode.CANDIDATE_STATUS_TRANSITION_INVALID,
      ErrorCode.SALES_UNIT_UNKNOWN,
    ],
  })
  async decideVendorCandidate(
    @UuidParam('id') id: string,
    @Body() body: CreateCandidateDecisionDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<VendorCandidateDto> {
    return toDto(await this.selection.decideVendorCandidate(id, body, actor));
  }

  @Post('vendor-candidates/comparisons')
  @HttpCode(200)
  @Endpoint({
    summary: 'Compare candidates side by side (nothing is stored)',
    description:
      'For each candidate: every criterion’s rating, weight and contribution, the total and the rank ' +
      '(best first; equal totals share a rank). An unknown candidate is 404.',
    ok: CandidateComparisonDto,
    problems: [400, 403, 404],
  })
  async compareVendorCandidates(@Body() body: CompareVendorCandidatesDto): Promise<CandidateComparisonDto> {
    const { weights, criteriaVersion, ranked } = await this.selection.compareVendorCandidates(body);
    return {
      weights: { ...weights },
      criteriaVersion,
      candidates: ranked.map(({ rank, candidate, score }) => ({
        rank,
        candidateId: candidate.id,
        name: candidate.name,
        status: candidate.status,
        criteria: score.criteria,
        total: score.total,
        complete: score.complete,
      })),
    };
  }
}
