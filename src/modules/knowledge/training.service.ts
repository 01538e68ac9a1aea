import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DataScope } from '../../common/auth/data-scope';
import { Principal } from '../../common/auth/role';
import { todayIn } from '../../common/calendar/working-days';
import { DomainException } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-codes';
import { Page, PageQuery, paginate } from '../../common/pagination/pagination';
import { CatalogService } from '../catalog/catalog.service';
import { RepsService } from '../vendors/reps.service';
import { Certification, Curriculum, CurriculumEnrolment } from './curriculum.entity';
import { KnowledgeArticle } from './knowledge-article.entity';
import { Audience } from './knowledge.enums';
import { CreateCurriculumDto, ListCertificationsQuery, QuizAttemptDto } from './training.dto';
import { certificationExpiresOn, checkQuestions, gradeQuiz, QuizResult } from './training.rules';

const ENROLMENT_SCOPE = { vendor: 'e.vendor_id', rep: 'e.rep_id' };
const CERTIFICATION_SCOPE = { vendor: 'c.vendor_id', rep: 'c.rep_id' };

export interface QuizOutcome extends QuizResult {
  enrolment: CurriculumEnrolment;
  curriculum: Curriculum;
  certification: Certification | null;
}

/** A rep's valid certification for a product line on a day (routing, onboarding, the scheduler). */
export interface ValidCertification {
  repId: string;
  vendorId: string;
  productLineId: string;
  expiresOn: string;
}

export interface ExpiringCertification {
  id: string;
  repId: string;
  vendorId: string;
  productLineId: string;
  expiresOn: string;
  daysLeft: number;
}

/**
 * Training and certification: curricula per product line (required articles and a quiz with a pass
 * mark), each rep's progress, and certifications with a pass day and an expiry. Company roles write
 * curricula; reps enrol, read and take the quiz; vendor managers see their own reps' progress.
 */
@Injectable()
export class TrainingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly catalog: CatalogService,
    private readonly reps: RepsService,
  ) {}

  /** Required articles must exist and be for all vendors (422 CURRICULUM_ARTICLE_INVALID). */
  createCurriculum(input: CreateCurriculumDto, actor: Principal): Promise<Curriculum> {
    checkQuestions(input.questions);
    return this.dataSource.transaction(async (em) => {
      await this.catalog.assertProductLinesExist(em, [input.productLineId], 'productLineId');
      const articles = input.requiredArticleIds.length
        ? await em
            .getRepository(KnowledgeArticle)
            .createQueryBuilder('a')
            .where('a.id IN (:...ids)', { ids: input.requiredArticleIds })
            .getMany()
        : [];
      const readable = new Set(articles.filter((a) => a.audience === Audience.ALL_VENDORS).map((a) => a.id));
      const bad = input.requiredArticleIds.filter((id) => !readable.has(id));
      if (bad.length)
        throw new DomainException(
          ErrorCode.CURRICULUM_ARTICLE_INVALID,
          'Required articles must exist and be addressed to all vendors',
          bad.map((id) => ({
            field: 'requiredArticleIds',
            message: `article ${id} is unknown or not for all vendors`,
          })),
        );
      return em.save(
        em.create(Curriculum, {
          productLineId: input.productLineId,
          title: input.title,
          requiredArticleIds: input.requiredArticleIds,
          questions: input.questions.map((q) => ({
            prompt: q.prompt,
            options: q.options,
            correctOption: q.correctOption,
          })),
          passMarkPct: input.passMarkPct,
          validityMonths: input.validityMonths,
          createdBy: actor.subjectId,
        }),
      );
    });
  }

  listCurricula(query: PageQuery): Promise<Page<Curriculum>> {
    return paginate(this.dataSource.getRepository(Curriculum).createQueryBuilder('cu'), query, [
      { expression: 'cu.created_at', read: (row) => row.createdAt.toISOString() },
      { expression: 'cu.id', read: (row) => row.id },
    ]);
  }

  async getCurriculum(id: string, em: EntityManager = this.dataSource.manager): Promise<Curriculum> {
    const curriculum = await em.findOneBy(Curriculum, { id });
    if (!curriculum) throw DomainException.notFound('Curriculum', id);
    return curriculum;
  }

  /** The calling rep enrols; enrolling again answers the same enrolment. */
  enrolInCurriculum(
    id: string,
    scope: DataScope,
  ): Promise<{ enrolment: CurriculumEnrolment; curriculum: Curriculum }> {
    return this.dataSource.transaction(async (em) => {
      const curriculum = await this.getCurriculum(id, em);
      await em
        .createQueryBuilder()
        .insert()
        .into(CurriculumEnrolment)
        .values({ curriculumId: id, repId: scope.repId!, vendorId: scope.vendorId! })
        .orIgnore()
        .execute();
      const enrolment = await em.findOneByOrFail(CurriculumEnrolment, {
        curriculumId: id,
        repId: scope.repId!,
      });
      return { enrolment, curriculum };
    });
  }

  /** Marks one of the curriculum's required articles read for the calling rep (enrolled first, else 422). */
  markCurriculumArticleRead(
    id: string,
    articleId: string,
    scope: DataScope,
  ): Promise<{ enrolment: CurriculumEnrolment; curriculum: Curriculum }> {
    return this.dataSource.transaction(async (em) => {
      const curriculum = await this.getCurriculum(id, em);
      const enrolment = await this.lockEnrolment(em, id, scope);
      if (!curriculum.requiredArticleIds.includes(articleId))
        throw new DomainException(
          ErrorCode.CURRICULUM_ARTICLE_INVALID,
          'Not a required article of this curriculum',
          [{ field: 'articleId', message: 'is not on the curriculum' }],
        );
      if (!enrolment.readArticleIds.includes(articleId)) {
        enrolment.readArticleIds = [...enrolment.readArticleIds, articleId];
        await em.update(
          CurriculumEnrolment,
          { id: enrolment.id },
          { readArticleIds: enrolment.readArticleIds },
        );
      }
      return { enrolment: await em.findOneByOrFail(CurriculumEnrolment, { id: enrolment.id }), curriculum };
    });
  }

  /**
   * Grades the calling rep's answers. Not enrolled: 422 CURRICULUM_NOT_ENROLLED; required articles unread:
   * 422 CURRICULUM_ARTICLES_UNREAD; nothing is written then. A pass certifies the rep for the product
   * line from today (the rep's time zone) for the curriculum's validity.
   */
  takeCurriculumQuiz(id: string, input: QuizAttemptDto, scope: DataScope): Promise<QuizOutcome> {
    return this.dataSource.transaction(async (em) => {
      const curriculum = await this.getCurriculum(id, em);
      const enrolment = await this.lockEnrolment(em, id, scope);
      const read = new Set(enrolment.readArticleIds);
      const unread = curriculum.requiredArticleIds.filter((articleId) => !read.has(articleId));
      if (unread.length)
        throw DomainException.of(
          ErrorCode.CURRICULUM_ARTICLES_UNREAD,
          `Read the required articles first: ${unread.join(', ')}`,
          { unreadArticleIds: unread },
        );
      const result = gradeQuiz(curriculum.questions, input.answers, curriculum.passMarkPct);
      const rep = await this.reps.getRep(em, enrolment.repId, scope);
      const today = todayIn(rep.rep.timezone);
      await em.update(
        CurriculumEnrolment,
        { id: enrolment.id },
        {
          attempts: enrolment.attempts + 1,
          bestScorePct: Math.max(enrolment.bestScorePct ?? 0, result.scorePct),
          ...(result.passed ? { passedOn: today } : {}),
        },
      );
      const certification = result.passed
        ? await em.save(
            em.create(Certification, {
              repId: enrolment.repId,
              vendorId: enrolment.vendorId,
              productLineId: curriculum.productLineId,
              curriculumId: id,
              scorePct: result.scorePct,
              passedOn: today,
              expiresOn: certificationExpiresOn(today, curriculum.validityMonths),
            }),
          )
        : null;
      return {
        ...result,
        curriculum,
        certification,
        enrolment: await em.findOneByOrFail(CurriculumEnrolment, { id: enrolment.id }),
      };
    });
  }

  /** Each enrolled rep's progress in the caller's scope (a rep: their own), by rep. */
  async listCurriculumProgress(
    id: string,
    query: PageQuery,
    scope: DataScope,
  ): Promise<{ page: Page<CurriculumEnrolment>; curriculum: Curriculum }> {
    const curriculum = await this.getCurriculum(id);
    const builder = scope
      .apply(this.dataSource.getRepository(CurriculumEnrolment).createQueryBuilder('e'), ENROLMENT_SCOPE)
      .andWhere('e.curriculum_id = :id', { id });
    const page = await paginate(builder, query, [{ expression: 'e.rep_id', read: (row) => row.repId }]);
    return { page, curriculum };
  }

  listCertifications(query: ListCertificationsQuery, scope: DataScope): Promise<Page<Certification>> {
    const builder = scope.apply(
      this.dataSource.getRepository(Certification).createQueryBuilder('c'),
      CERTIFICATION_SCOPE,
    );
    if (query.repId) builder.andWhere('c.rep_id = :repId', { repId: query.repId });
    if (query.productLineId)
      builder.andWhere('c.product_line_id = :productLineId', { productLineId: query.productLineId });
    if (query.validOn)
      builder.andWhere(':validOn::date BETWEEN c.passed_on AND c.expires_on', { validOn: query.validOn });
    return paginate(
      builder,
      query,
      [
        { expression: 'c.passed_on', read: (row) => row.passedOn },
        { expression: 'c.id', read: (row) => row.id },
      ],
      'DESC',
    );
  }

  // ---- for other modules (set-based, in the caller's transaction) ----

  /** The reps' certifications valid on `on`, latest expiry per rep and product line. */
  findValidCertifications(
    manager: EntityManager,
    repIds: readonly string[],
    on: string,
  ): Promise<ValidCertification[]> {
    return manager.query(
      `SELECT rep_id AS "repId", vendor_id AS "vendorId", product_line_id AS "productLineId",
              to_char(max(expires_on), 'YYYY-MM-DD') AS "expiresOn"
         FROM certifications
        WHERE rep_id = ANY($1::uuid[]) AND $2::date BETWEEN passed_on AND expires_on
        GROUP BY rep_id, vendor_id, product_line_id
        ORDER BY rep_id, product_line_id`,
      [[...new Set(repIds)], on],
    );
  }

  /**
   * Certifications running out within `withinDays` of `today` that no later certification of the same
   * rep and product line takes over (for the scheduler's `certification_expiring`).
   */
  findExpiringCertifications(
    manager: EntityManager,
    today: string,
    withinDays: number,
  ): Promise<ExpiringCertification[]> {
    return manager.query(
      `SELECT c.id, c.rep_id AS "repId", c.vendor_id AS "vendorId", c.product_line_id AS "productLineId",
              to_char(c.expires_on, 'YYYY-MM-DD') AS "expiresOn", (c.expires_on - $1::date)::int AS "daysLeft"
         FROM certifications c
        WHERE c.expires_on BETWEEN $1::date AND $1::date + $2::int
          AND NOT EXISTS (SELECT 1 FROM certifications n
                           WHERE n.rep_id = c.rep_id AND n.product_line_id = c.product_line_id
                             AND n.expires_on > c.expires_on)
        ORDER BY c.expires_on, c.id`,
      [today, withinDays],
    );
  }

  countCertifications(manager: EntityManager): Promise<number> {
    return manager
      .query(`SELECT count(*)::int AS n FROM certifications`)
      .then((rows: { n: number }[]) => rows[0].n);
  }

  // ---- internals ----

  private async lockEnrolment(
    em: EntityManager,
    curriculumId: string,
    scope: DataScope,
  ): Promise<CurriculumEnrolment> {
    const enrolment = await em
      .getRepository(CurriculumEnrolment)
      .createQueryBuilder('e')
      .where('e.curriculum_id = :curriculumId AND e.rep_id = :repId', { curriculumId, repId: scope.repId })
      .setLock('pessimistic_write')
      .getOne();
    if (!enrolment)
      throw new DomainException(ErrorCode.CURRICULUM_NOT_ENROLLED, 'Enrol in the curriculum first', [
        { field: 'id', message: 'you are not enrolled in this curriculum' },
      ]);
    return enrolment;
  }
}
