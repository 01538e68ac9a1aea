import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal, Scope } from '../../common/auth/auth.decorators';
import type { DataScope } from '../../common/auth/data-scope';
import { ALL_ROLES, type Principal, Role } from '../../common/auth/role';
import { ErrorCode } from '../../common/errors/error-codes';
import { Idempotent } from '../../common/idempotency/idempotency.interceptor';
import { UuidParam } from '../../common/openapi/uuid-param.decorator';
import { mapPage, Page, PageOf, PageQuery } from '../../common/pagination/pagination';
import {
  CertificationDto,
  CertificationPage,
  CreateCurriculumDto,
  CurriculumDto,
  CurriculumPage,
  EnrolmentDto,
  ListCertificationsQuery,
  mapCertification,
  mapCurriculum,
  mapEnrolment,
  MarkArticleReadDto,
  QuizAttemptDto,
  QuizResultDto,
} from './training.dto';
import { TrainingService } from './training.service';
import { Endpoint } from '../../common/openapi/endpoint.decorator';

const COMPANY = [Role.ADMIN, Role.SALES_MANAGER];
const isCompany = (principal: Principal) => COMPANY.includes(principal.role);

class EnrolmentPage extends PageOf(EnrolmentDto) {}

/**
 * Training: curricula per product line, each rep's progress, certifications with an expiry. Company
 * roles write curricula and see the answers; reps enrol, read and take the quiz.
 */
@ApiTags('training')
@Controller()
export class TrainingController {
  constructor(private readonly training: TrainingService) {}

  @Post('curricula')
  @Auth(...COMPANY)
  @Idempotent()
  @Endpoint({
    summary: 'Create a curriculum for a product line: required articles and a quiz with a pass mark',
    description:
      'Required articles must be addressed to all vendors (422 CURRICULUM_ARTICLE_INVALID). A pass certifies ' +
      'the rep for the product line for validityMonths.',
    created: CurriculumDto,
    problems: [400, 422, ErrorCode.PRODUCT_LINE_UNKNOWN, ErrorCode.CURRICULUM_ARTICLE_INVALID],
  })
  async createCurriculum(
    @Body() body: CreateCurriculumDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<CurriculumDto> {
    return mapCurriculum(await this.training.createCurriculum(body, actor), true);
  }

  @Get('curricula')
  @Auth(...ALL_ROLES)
  @Endpoint({
    summary: 'List curricula, oldest first (answers for company roles only)',
    description:
      'Any signed-in role. Lists the curricula oldest first with their required articles and quiz; ' +
      'the correct answers are included only for admins and sales managers.',
    ok: CurriculumPage,
    problems: [400],
  })
  async listCurricula(
    @Query() query: PageQuery,
    @CurrentPrincipal() caller: Principal,
  ): Promise<Page<CurriculumDto>> {
    return mapPage(await this.training.listCurricula(query), (c) => mapCurriculum(c, isCompany(caller)));
  }

  @Get('curricula/:id')
  @Auth(...ALL_ROLES)
  @Endpoint({
    summary: 'Get a curriculum (answers for company roles only)',
    description:
      'Any signed-in role. Answers one curriculum: its product line, required articles, quiz ' +
      'questions and pass mark; the correct answers only for admins and sales managers.',
    ok: CurriculumDto,
    problems: [400, 404],
  })
  async getCurriculum(
    @UuidParam('id') id: string,
    @CurrentPrincipal() caller: Principal,
  ): Promise<CurriculumDto> {
    return mapCurriculum(await this.training.getCurriculum(id), isCompany(caller));
  }

  @Post('curricula/:id/enrolments')
  @Auth(Role.REP)
  @HttpCode(200)
  @Endpoint({
    summary: 'Enrol the calling rep in a curriculum (again: the same enrolment)',
    description:
      'Reps only. Enrols the calling rep in the curriculum and answers the enrolment with their ' +
      'progress; enrolling again answers the same enrolment.',
    ok: EnrolmentDto,
    problems: [400, 404],
  })
  async enrolInCurriculum(@UuidParam('id') id: string, @Scope() scope: DataScope): Promise<EnrolmentDto> {
    const { enrolment, curriculum } = await this.training.enrolInCurriculum(id, scope);
    return mapEnrolment(enrolment, curriculum);
  }

  @Post('curricula/:id/read-articles')
  @Auth(Role.REP)
  @HttpCode(200)
  @Endpoint({
    summary: 'Mark a required article of a curriculum read by the calling rep',
    description:
      'Reps only, enrolled in the curriculum (else 422 `CURRICULUM_NOT_ENROLLED`). Marks one of ' +
      'its required articles read; an article that is not required by the curriculum is 422 ' +
      '`CURRICULUM_ARTICLE_INVALID`. Answers the updated enrolment.',
    ok: EnrolmentDto,
    problems: [400, 404, 422, ErrorCode.CURRICULUM_NOT_ENROLLED, ErrorCode.CURRICULUM_ARTICLE_INVALID],
  })
  async markCurriculumArticleRead(
    @UuidParam('id') id: string,
    @Body() body: MarkArticleReadDto,
    @Scope() scope: DataScope,
  ): Promise<EnrolmentDto> {
    const { enrolment, curriculum } = await this.training.markCurriculumArticleRead(
      id,
      body.articleId,
      scope,
    );
    return mapEnrolment(enrolment, curriculum);
  }

  @Post('curricula/:id/quiz-attempts')
  @Auth(Role.REP)
  @HttpCode(200)
  @Endpoint({
    summary: 'Answer a curriculum’s quiz; a pass certifies the rep for its product line',
    description:
      'Not enrolled: 422 CURRICULUM_NOT_ENROLLED; required articles unread: 422 CURRICULUM_ARTICLES_UNREAD; ' +
      'nothing is written then. The score is whole per cent, rounded down.',
    ok: QuizResultDto,
    problems: [400, 404, 422, ErrorCode.CURRICULUM_NOT_ENROLLED, ErrorCode.CURRICULUM_ARTICLES_UNREAD],
  })
  async takeCurriculumQuiz(
    @UuidParam('id') id: string,
    @Body() body: QuizAttemptDto,
    @Scope() scope: DataScope,
  ): Promise<QuizResultDto> {
    const outcome = await this.training.takeCurriculumQuiz(id, body, scope);
    return {
      correct: outcome.correct,
      total: outcome.total,
      scorePct: outcome.scorePct,
      passed: outcome.passed,
      progress: mapEnrolment(outcome.enrolment, outcome.curriculum),
      certification: outcome.certification ? mapCertification(outcome.certification) : null,
    };
  }

  @Get('curricula/:id/progress')
  @Auth(...ALL_ROLES)
  @Endpoint({
    summary: 'Each enrolled rep’s progress in a curriculum (vendor managers: their reps; reps: their own)',
    description:
      'Any signed-in role, within its scope: company roles see every enrolled rep, a vendor ' +
      'manager their reps, a rep their own. Each enrolment with the required articles read, quiz ' +
      'attempts and whether the rep passed.',
    ok: EnrolmentPage,
    problems: [400, 404],
  })
  async listCurriculumProgress(
    @UuidParam('id') id: string,
    @Query() query: PageQuery,
    @Scope() scope: DataScope,
  ): Promise<Page<EnrolmentDto>> {
    const { page, curriculum } = await this.training.listCurriculumProgress(id, query, scope);
    return mapPage(page, (e) => mapEnrolment(e, curriculum));
  }

  @Get('certifications')
  @Auth(...ALL_ROLES)
  @Endpoint({
    summary: 'List certifications by rep, product line and day valid, latest pass first',
    description:
      'Any signed-in role, within its scope (a rep: their own; a vendor manager: their reps’). ' +
      'Lists the certifications a passed quiz gave, latest pass first; filter by rep, product ' +
      'line, or the day they must be valid on.',
    ok: CertificationPage,
    problems: [400],
  })
  async listCertifications(
    @Query() query: ListCertificationsQuery,
    @Scope() scope: DataScope,
  ): Promise<Page<CertificationDto>> {
    return mapPage(await this.training.listCertifications(query, scope), mapCertification);
  }
}
