import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DataScope } from '../../common/auth/data-scope';
import type { Principal } from '../../common/auth/role';
import { DomainException } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-codes';
import { paginate, type Page } from '../../common/pagination/pagination';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { CallReportType } from '../call-reports/call-report.enums';
import { CallReportsService } from '../call-reports/call-reports.service';
import { ContractsService } from '../contracts/contracts.service';
import { RepsService } from '../vendors/reps.service';
import { VendorsService } from '../vendors/vendors.service';
import { CsatSurvey } from './csat-survey.entity';
import { surveyStatus } from './csat-survey.rules';
import type { AnswerPublicSurveyDto, CreateCsatSurveyDto, ListCsatSurveysQuery } from './csat-surveys.dto';
import { CsatService } from './csat.service';

const SURVEY_SCOPE = { vendor: 'survey.vendor_id', rep: 'survey.rep_id' };
const MS_PER_DAY = 86_400_000;
/** A token is 32 random bytes in base64url: 43 characters. Anything else cannot be one. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export const surveyTokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * Survey links: whoever may post a CSAT answer about a contract's rep issues a single-use link for the
 * customer; the customer answers without signing in, and the answer is a CSAT response like the ERP's.
 */
@Injectable()
export class CsatSurveysService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly contracts: ContractsService,
    private readonly callReports: CallReportsService,
    private readonly reps: RepsService,
    private readonly vendors: VendorsService,
    private readonly csat: CsatService,
  ) {}

  async issueSurvey(
    input: CreateCsatSurveyDto,
    scope: DataScope,
    actor: Principal,
  ): Promise<{ survey: CsatSurvey; token: string }> {
    const token = randomBytes(32).toString('base64url');
    const days = input.expiresInDays ?? this.config.surveyLinkTtlDays;
    if (!input.contractId === !input.visitId)
      throw DomainException.validation([
        { field: 'contractId', message: 'give either a contractId or a visitId' },
      ]);
    const visit = input.visitId ? await this.callReports.getCallReport(input.visitId, scope) : null;
    if (visit && visit.type !== CallReportType.VISIT)
      throw DomainException.validation([{ field: 'visitId', message: 'is a call report that is no visit' }]);
    if (visit && input.repId && input.repId !== visit.repId)
      throw DomainException.validation([{ field: 'repId', message: 'a visit’s survey is for its own rep' }]);
    const survey = await this.dataSource.transaction(async (em) => {
      const contract = input.contractId
        ? await this.contracts.getContract(input.contractId, scope, em)
        : null;
      const repId = visit ? visit.repId : (input.repId ?? contract?.repId);
      if (!repId) {
        throw new DomainException(
          ErrorCode.SURVEY_REP_MISSING,
          'The contract has no rep; name the rep the answer is for (repId)',
        );
      }
      const { rep } = await this.reps.getRep(em, repId, scope);
      const vendor = await this.vendors.getVendor(em, rep.vendorId, DataScope.companyWide());
      const repository = em.getRepository(CsatSurvey);
      return repository.save(
        repository.create({
          tokenHash: surveyTokenHash(token),
          contractId: contract?.id ?? null,
          visitId: visit?.id ?? null,
          vendorId: rep.vendorId,
          repId: rep.id,
          sellerName: vendor.name,
          repName: rep.fullName,
          expiresAt: new Date(Date.now() + days * MS_PER_DAY),
          usedAt: null,
          csatResponseId: null,
          issuedBy: actor.subjectId,
        }),
      );
    });
    return { survey, token };
  }

  surveyUrl(token: string): string {
    return `${this.config.surveyLinkBaseUrl}${token}`;
  }

  async listSurveys(query: ListCsatSurveysQuery, scope: DataScope): Promise<Page<CsatSurvey>> {
    const builder = scope.apply(
      this.dataSource.getRepository(CsatSurvey).createQueryBuilder('survey'),
      SURVEY_SCOPE,
    );
    if (query.contractId)
      builder.andWhere('survey.contract_id = :contractId', { contractId: query.contractId });
    if (query.visitId) builder.andWhere('survey.visit_id = :visitId', { visitId: query.visitId });
    return paginate(
      builder,
      query,
      [
        { expression: 'survey.created_at', read: (row) => row.createdAt.toISOString() },
        { expression: 'survey.id', read: (row) => row.id },
      ],
      'DESC',
    );
  }

  /** The open survey behind a token: unknown is 404, answered 409, expired 410. */
  async getOpenSurvey(token: string): Promise<CsatSurvey> {
    return this.refuseClosed(await this.findByToken(token, this.dataSource.manager, false), new Date());
  }

  /** Stores the answer as a CSAT response and marks the link used, in one transaction. */
  answerSurvey(token: string, input: AnswerPublicSurveyDto): Promise<CsatSurvey> {
    return this.dataSource.transaction(async (em) => {
      const now = new Date();
      const survey = this.refuseClosed(await this.findByToken(token, em, true), now);
      const response = await this.csat.recordCsatResponse(
        em,
        {
          repId: survey.repId,
          contractId: survey.contractId,
          visitId: survey.visitId,
          rating: input.rating,
          comment: input.comment,
          answeredAt: now.toISOString(),
        },
        'survey_link',
        DataScope.companyWide(),
      );
      survey.usedAt = now;
      survey.csatResponseId = response.id;
      return em.getRepository(CsatSurvey).save(survey);
    });
  }

  private async findByToken(token: string, em: DataSource['manager'], lock: boolean): Promise<CsatSurvey> {
    const builder = em
      .getRepository(CsatSurvey)
      .createQueryBuilder('survey')
      .where('survey.token_hash = :hash', { hash: surveyTokenHash(token) });
    if (lock) builder.setLock('pessimistic_write');
    const survey = TOKEN_SHAPE.test(token) ? await builder.getOne() : null;
    if (!survey) throw new DomainException(ErrorCode.NOT_FOUND, 'No survey has this link');
    return survey;
  }

  private refuseClosed(survey: CsatSurvey, now: Date): CsatSurvey {
    const status = surveyStatus(survey, now);
    if (status === 'answered')
      throw new DomainException(
        ErrorCode.SURVEY_ALREADY_ANSWERED,
        'This survey was answered already; thank you',
      );
    if (status === 'expired')
      throw new DomainException(ErrorCode.SURVEY_EXPIRED, 'This survey link has expired');
    return survey;
  }
}
