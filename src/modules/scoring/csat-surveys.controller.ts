import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Req } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Auth, CurrentPrincipal, Public, Scope } from '../../common/auth/auth.decorators';
import type { DataScope } from '../../common/auth/data-scope';
import { Role, type Principal } from '../../common/auth/role';
import { ErrorCode } from '../../common/errors/error-codes';
import { mapPage, PageOf, type Page } from '../../common/pagination/pagination';
import { surveyStatus } from './csat-survey.rules';
import {
  AnswerPublicSurveyDto,
  CreateCsatSurveyDto,
  CsatSurveyDto,
  IssuedCsatSurveyDto,
  ListCsatSurveysQuery,
  mapCsatSurvey,
  mapPublicSurvey,
  PublicSurveyAnswerDto,
  PublicSurveyDto,
} from './csat-surveys.dto';
import { CsatSurveysService, surveyTokenHash } from './csat-surveys.service';
import { PublicRateLimitService } from './public-rate-limit.service';
import { Endpoint } from '../../common/openapi/endpoint.decorator';

const CsatSurveyPage = PageOf(CsatSurveyDto);

@ApiTags('customer feedback')
@Controller('csat-surveys')
export class CsatSurveysController {
  constructor(private readonly surveys: CsatSurveysService) {}

  @Post()
  @Auth(Role.ADMIN, Role.SALES_MANAGER, Role.INTEGRATION)
  @Endpoint({
    summary: 'Issue a single-use survey link about a contract or a visit for the customer',
    description:
      'The same callers as for posting a CSAT answer: the contract or visit (a call report of type visit; ' +
      'give exactly one) and the rep (the visit’s; the contract’s unless `repId` names another) must be ' +
      'inside the caller’s scope, else 404. The answer counts for that rep. ' +
      'The token is random (32 bytes, base64url) and shown only here; only its hash is stored. The link ' +
      'works once, until `expiresAt` (default SURVEY_LINK_TTL_DAYS, 14 days). A contract without a rep and ' +
      'no `repId` is 422 SURVEY_REP_MISSING.',
    created: IssuedCsatSurveyDto,
    problems: [400, 404, ErrorCode.SURVEY_REP_MISSING],
  })
  async createCsatSurvey(
    @Body() body: CreateCsatSurveyDto,
    @Scope() scope: DataScope,
    @CurrentPrincipal() actor: Principal,
  ): Promise<IssuedCsatSurveyDto> {
    const { survey, token } = await this.surveys.issueSurvey(body, scope, actor);
    return {
      id: survey.id,
      url: this.surveys.surveyUrl(token),
      token,
      expiresAt: survey.expiresAt.toISOString(),
    };
  }

  @Get()
  @Auth(Role.ADMIN, Role.SALES_MANAGER, Role.VENDOR_MANAGER, Role.INTEGRATION)
  @Endpoint({
    summary: 'List survey links, newest first, with their status',
    description:
      '`pending` (unanswered, before its expiry), `answered` (used once; stays so) or `expired`. ' +
      'A vendor manager and a vendor-bound client see their vendor’s links only.',
    ok: CsatSurveyPage,
    problems: [400],
  })
  async listCsatSurveys(
    @Query() query: ListCsatSurveysQuery,
    @Scope() scope: DataScope,
  ): Promise<Page<CsatSurveyDto>> {
    const now = new Date();
    return mapPage(await this.surveys.listSurveys(query, scope), (row) =>
      mapCsatSurvey(row, surveyStatus(row, now)),
    );
  }
}

const TOKEN_PARAM = {
  name: 'token',
  description: 'The token of the survey link (43 characters, base64url)',
  example: 'Jr3kq0cXbYf6m8QWk2v1oZ0H4tq9n7UuQ5pYwA3sLxE',
};

/** The customer's side of a survey link: no sign-in; the token is the credential. */
@ApiTags('customer feedback')
@Controller('public/surveys')
@Public()
export class PublicSurveysController {
  constructor(
    private readonly surveys: CsatSurveysService,
    private readonly limiter: PublicRateLimitService,
  ) {}

  @Get(':token')
  @Endpoint({
    summary: 'Show a survey link’s question (no sign-in)',
    description:
      'The seller’s and the rep’s names, the question and the 1–5 scale. Unknown token 404, answered 409 ' +
      'SURVEY_ALREADY_ANSWERED, expired 410 SURVEY_EXPIRED. Rate-limited per client address and per token ' +
      '(SURVEY_RATE_LIMIT_PER_MINUTE per token, SURVEY_RATE_LIMIT_PER_ADDRESS_PER_MINUTE per address; ' +
      'past either: 429 SURVEY_RATE_LIMITED with Retry-After).',
    ok: PublicSurveyDto,
    problems: [
      404,
      ErrorCode.SURVEY_ALREADY_ANSWERED,
      ErrorCode.SURVEY_EXPIRED,
      ErrorCode.SURVEY_RATE_LIMITED,
    ],
  })
  @ApiParam(TOKEN_PARAM)
  async getPublicSurvey(
    @Param('token') token: string,
    @Req() request: FastifyRequest,
  ): Promise<PublicSurveyDto> {
    await this.limit(token, request);
    return mapPublicSurvey(await this.surveys.getOpenSurvey(token));
  }

  @Post(':token')
  @HttpCode(HttpStatus.CREATED)
  @Endpoint({
    summary: 'Answer a survey link: a rating 1–5 and an optional comment (no sign-in)',
    description:
      'Stores a CSAT response for the link’s contract and rep (it counts in the csat KPI like the ERP’s) ' +
      'and marks the link used, in one transaction. A second answer is 409 SURVEY_ALREADY_ANSWERED, an ' +
      'expired link 410 SURVEY_EXPIRED, an unknown token 404, a rating outside 1–5 400; none writes ' +
      'anything. Rate-limited like the GET (429 SURVEY_RATE_LIMITED).',
    created: PublicSurveyAnswerDto,
    problems: [
      400,
      404,
      ErrorCode.SURVEY_ALREADY_ANSWERED,
      ErrorCode.SURVEY_EXPIRED,
      ErrorCode.SURVEY_RATE_LIMITED,
    ],
  })
  @ApiParam(TOKEN_PARAM)
  async answerPublicSurvey(
    @Param('token') token: string,
    @Body() body: AnswerPublicSurveyDto,
    @Req() request: FastifyRequest,
  ): Promise<PublicSurveyAnswerDto> {
    await this.limit(token, request);
    const survey = await this.surveys.answerSurvey(token, body);
    return { message: 'Thank you for your answer', answeredAt: survey.usedAt!.toISOString() };
  }

  private limit(token: string, request: FastifyRequest): Promise<void> {
    return this.limiter.hit(request.ip, surveyTokenHash(token));
  }
}
