import { Body, Controller, Get, Headers, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal } from '../../common/auth/auth.decorators';
import { type Principal, Role } from '../../common/auth/role';
import { ErrorCode } from '../../common/errors/error-codes';
import { parseIfMatch } from '../../common/http/etag';
import { Idempotent } from '../../common/idempotency/idempotency.interceptor';
import { ApiIfMatch } from '../../common/openapi/api-if-match.decorator';
import { ApiProblems } from '../../common/openapi/api-problems.decorator';
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

const toDto = ({ candidate, score }: ScoredCandidate): VendorCandidateDto =>
  mapVendorCandidate(candidate, score);

/** Choosing a vendor: company only (admins and sales managers); everyone else is 403. */
@ApiTags('vendor selection')
@Controller()
@Auth(Role.ADMIN, Role.SALES_MANAGER)
export class VendorSelectionController {
  constructor(private readonly selection: VendorSelectionService) {}

  @Get('vendor-selection/criteria')
  @ApiOperation({
    summary: 'The vendor selection criteria in force and their weights (percent, summing to 100)',
    description: 'The ETag carries the version to send as If-Match with a change.',
  })
  @ApiOkResponse({ type: SelectionCriteriaDto })
  @ApiProblems(403)
  async getSelectionCriteria(): Promise<SelectionCriteriaDto> {
    return mapSelectionCriteria(await this.selection.getSelectionCriteria());
  }

  @Put('vendor-selection/criteria')
  @ApiIfMatch()
  @ApiOperation({
    summary: 'Replace the selection weights',
    description:
      'Each weight is a whole percent from 0 to 100 and the six must sum to 100, else ' +
      '422 SELECTION_WEIGHTS_INVALID and nothing is written. Scores are computed with the weights in force.',
  })
  @ApiOkResponse({ type: SelectionCriteriaDto })
  @ApiProblems(400, 403, 412, 422, ErrorCode.SELECTION_WEIGHTS_INVALID)
  async updateSelectionCriteria(
    @Body() body: UpdateSelectionCriteriaDto,
    @CurrentPrincipal() actor: Principal,
    @Headers('if-match') ifMatch?: string,
  ): Promise<SelectionCriteriaDto> {
    return mapSelectionCriteria(
      await this.selection.updateSelectionCriteria(body, parseIfMatch(ifMatch), actor),
    );
  }

  @Post('vendor-candidates')
  @Idempotent()
  @ApiOperation({ summary: 'Register a provider being considered as a vendor (status candidate)' })
  @ApiCreatedResponse({ type: VendorCandidateDto })
  @ApiProblems(400, 403)
  async createVendorCandidate(
    @Body() body: CreateVendorCandidateDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<VendorCandidateDto> {
    return toDto(await this.selection.createVendorCandidate(body, actor));
  }

  @Get('vendor-candidates')
  @ApiOperation({ summary: 'List vendor candidates by name, with their weighted scores' })
  @ApiOkResponse({ type: VendorCandidatePage })
  @ApiProblems(400, 403)
  async listVendorCandidates(@Query() query: ListVendorCandidatesQuery): Promise<Page<VendorCandidateDto>> {
    const page = await this.selection.listVendorCandidates(query);
    return { ...page, data: page.data.map(toDto) };
  }

  @Get('vendor-candidates/:id')
  @ApiOperation({ summary: 'Get a vendor candidate with each criterion’s rating, weight and contribution' })
  @ApiOkResponse({ type: VendorCandidateDto })
  @ApiProblems(400, 403, 404)
  async getVendorCandidate(@UuidParam('id') id: string): Promise<VendorCandidateDto> {
    return toDto(await this.selection.getVendorCandidate(id));
  }

  @Put('vendor-candidates/:id/ratings')
  @ApiIfMatch()
  @ApiOperation({
    summary: 'Rate a candidate 0–10 per criterion (only the criteria given change)',
    description:
      'Score = Σ rating × weight / 10 (0–100). A selected or rejected candidate is final: ' +
      '409 CANDIDATE_STATUS_TRANSITION_INVALID.',
  })
  @ApiOkResponse({ type: VendorCandidateDto })
  @ApiProblems(400, 403, 404, 409, 412, ErrorCode.CANDIDATE_STATUS_TRANSITION_INVALID)
  async rateVendorCandidate(
    @UuidParam('id') id: string,
    @Body() body: RateVendorCandidateDto,
    @CurrentPrincipal() actor: Principal,
    @Headers('if-match') ifMatch?: string,
  ): Promise<VendorCandidateDto> {
    return toDto(await this.selection.rateVendorCandidate(id, body, parseIfMatch(ifMatch), actor));
  }

  @Post('vendor-candidates/:id/decisions')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({
    summary: 'Decide on a candidate with a reason: shortlist, select or reject',
    description:
      'candidate → shortlisted → selected | rejected (a candidate may be rejected before the shortlist); ' +
      'any other move is 409 CANDIDATE_STATUS_TRANSITION_INVALID. Who, when and why are recorded. ' +
      'Selecting (salesUnitId and tier required) creates the vendor in status onboarding in the same ' +
      'transaction and links it as vendorId.',
  })
  @ApiOkResponse({ type: VendorCandidateDto })
  @ApiProblems(
    400,
    403,
    404,
    409,
    422,
    ErrorCode.CANDIDATE_STATUS_TRANSITION_INVALID,
    ErrorCode.SALES_UNIT_UNKNOWN,
  )
  async decideVendorCandidate(
    @UuidParam('id') id: string,
    @Body() body: CreateCandidateDecisionDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<VendorCandidateDto> {
    return toDto(await this.selection.decideVendorCandidate(id, body, actor));
  }

  @Post('vendor-candidates/comparisons')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Compare candidates side by side (nothing is stored)',
    description:
      'For each candidate: every criterion’s rating, weight and contribution, the total and the rank ' +
      '(best first; equal totals share a rank). An unknown candidate is 404.',
  })
  @ApiOkResponse({ type: CandidateComparisonDto })
  @ApiProblems(400, 403, 404)
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
