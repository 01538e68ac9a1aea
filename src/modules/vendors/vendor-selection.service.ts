import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import type { Principal } from '../../common/auth/role';
import { DomainException } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-codes';
import { updateVersioned } from '../../common/http/versioned-update';
import { Page, paginate } from '../../common/pagination/pagination';
import {
  CompareVendorCandidatesDto,
  CreateCandidateDecisionDto,
  CreateVendorCandidateDto,
  ListVendorCandidatesQuery,
  RateVendorCandidateDto,
  UpdateSelectionCriteriaDto,
} from './vendor-selection.dto';
import { CandidateDecision, VendorCandidate, VendorSelectionSettingsRow } from './vendor-selection.entity';
import { updateSingletonSettings } from '../../common/http/singleton-settings';
import {
  ALL_SELECTION_CRITERIA,
  allowedNextCandidateStatuses,
  CandidateScore,
  CandidateStatus,
  DEFAULT_SELECTION_WEIGHTS,
  rankCandidates,
  scoreCandidate,
  SelectionWeights,
  selectionWeightErrors,
} from './vendor-selection.rules';
import { VendorsService } from './vendors.service';

export interface StoredSelectionCriteria {
  weights: SelectionWeights;
  version: number;
  /** null: no settings row yet, the defaults apply. */
  updatedAt: Date | null;
}

export interface ScoredCandidate {
  candidate: VendorCandidate;
  score: CandidateScore;
}

/** Choosing a vendor: the weighted criteria, candidates with ratings, comparison and the decision. Company only. */
@Injectable()
export class VendorSelectionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly vendors: VendorsService,
  ) {}

  async getSelectionCriteria(em: EntityManager = this.dataSource.manager): Promise<StoredSelectionCriteria> {
    const row = await em.getRepository(VendorSelectionSettingsRow).findOneBy({ singleton: true });
    if (!row) return { weights: DEFAULT_SELECTION_WEIGHTS, version: 1, updatedAt: null };
    return {
      weights: { ...DEFAULT_SELECTION_WEIGHTS, ...row.weights },
      version: row.version,
      updatedAt: row.updatedAt,
    };
  }

  /** Replaces the weights if the row still has `expectedVersion`; weights not summing to 100 % are 422. */
  updateSelectionCriteria(
    input: UpdateSelectionCriteriaDto,
    expectedVersion: number | undefined,
    actor: Principal,
  ): Promise<StoredSelectionCriteria> {
    const weights = Object.fromEntries(
      ALL_SELECTION_CRITERIA.map((criterion) => [criterion, input.weights[criterion]]),
    ) as SelectionWeights;
    const errors = selectionWeightErrors(weights);
    if (errors.length)
      throw new DomainException(
        ErrorCode.SELECTION_WEIGHTS_INVALID,
        `The selection weights break a rule: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`,
        errors,
      );
    return this.dataSource.transaction(async (em) => {
      const stored = await updateSingletonSettings(em, VendorSelectionSettingsRow, {
        defaults: { weights: DEFAULT_SELECTION_WEIGHTS },
        expectedVersion,
        change: () => ({ weights }),
        snapshot: (row) => ({ weights: row.weights }),
        audit: this.audit,
        actor,
        entityType: 'vendor_selection_settings',
      });
      return { weights: stored.weights, version: stored.version, updatedAt: stored.updatedAt };
    });
  }

  createVendorCandidate(input: CreateVendorCandidateDto, actor: Principal): Promise<ScoredCandidate> {
    return this.dataSource.transaction(async (em) => {
      const candidate = await em.save(
        em.create(VendorCandidate, {
          name: input.name,
          kind: input.kind,
          status: CandidateStatus.CANDIDATE,
          countryCode: input.countryCode,
          timezone: input.timezone,
          contactName: input.contactName ?? null,
          contactEmail: input.contactEmail ?? null,
          contactPhone: input.contactPhone ?? null,
          notes: input.notes ?? null,
          ratings: {},
          decisions: [],
          vendorId: null,
        }),
      );
      await this.audit.record(em, actor, {
        entityType: 'vendor_candidate',
        entityId: candidate.id,
        action: 'create',
        after: candidate,
      });
      return this.scored(em, candidate);
    });
  }

  async listVendorCandidates(query: ListVendorCandidatesQuery): Promise<Page<ScoredCandidate>> {
    const builder = this.dataSource.getRepository(VendorCandidate).createQueryBuilder('candidate');
    if (query.status) builder.where('candidate.status = :status', { status: query.status });
    const page = await paginate(builder, query, [
      { expression: 'candidate.name', read: (row) => row.name },
      { expression: 'candidate.id', read: (row) => row.id },
    ]);
    const { weights } = await this.getSelectionCriteria();
    return {
      ...page,
      data: page.data.map((candidate) => ({ candidate, score: scoreCandidate(candidate.ratings, weights) })),
    };
  }

  async getVendorCandidate(id: string): Promise<ScoredCandidate> {
    return this.scored(this.dataSource.manager, await this.findCandidate(this.dataSource.manager, id));
  }

  /** Sets the ratings given (0–10 each), keeps the others; a decided candidate is no longer rated. */
  rateVendorCandidate(
    id: string,
    input: RateVendorCandidateDto,
    expectedVersion: number | undefined,
    actor: Principal,
  ): Promise<ScoredCandidate> {
    return this.dataSource.transaction(async (em) => {
      const before = await this.findCandidate(em, id, true);
      if (allowedNextCandidateStatuses(before.status).length === 0) throw this.transitionError(before, null);
      const given = Object.fromEntries(
        ALL_SELECTION_CRITERIA.flatMap((criterion) =>
          input[criterion] === undefined || input[criterion] === null ? [] : [[criterion, input[criterion]]],
        ),
      );
      const after = await updateVersioned(
        em,
        VendorCandidate,
        before,
        { ratings: { ...before.ratings, ...given } },
        expectedVersion,
      );
      await this.audit.record(em, actor, {
        entityType: 'vendor_candidate',
        entityId: id,
        action: 'rate',
        before: { ratings: before.ratings },
        after: { ratings: after.ratings },
      });
      return this.scored(em, after);
    });
  }

  /**
   * Records a decision (who, when, why) and moves the candidate; selecting creates the vendor in
   * `onboarding` through the vendors service in the same transaction and links it.
   */
  decideVendorCandidate(
    id: string,
    input: CreateCandidateDecisionDto,
    actor: Principal,
  ): Promise<ScoredCandidate> {
    if (input.status === CandidateStatus.SELECTED) {
      const missing = [
        ...(input.salesUnitId
          ? []
          : [{ field: 'salesUnitId', message: 'is required to select a candidate' }]),
        ...(input.tier ? [] : [{ field: 'tier', message: 'is required to select a candidate' }]),
      ];
      if (missing.length) throw DomainException.validation(missing);
    }
    return this.dataSource.transaction(async (em) => {
      const before = await this.findCandidate(em, id, true);
      if (!allowedNextCandidateStatuses(before.status).includes(input.status))
        throw this.transitionError(before, input.status);
      const decision: CandidateDecision = {
        status: input.status,
        reason: input.reason,
        decidedAt: new Date().toISOString(),
        decidedById: actor.subjectId,
        decidedByName: actor.name,
      };
      let vendorId: string | null = null;
      if (input.status === CandidateStatus.SELECTED) {
        const vendor = await this.vendors.createVendorIn(
          em,
          {
            name: before.name,
            kind: before.kind,
            tier: input.tier!,
            salesUnitId: input.salesUnitId!,
            countryCode: before.countryCode,
            timezone: before.timezone,
            contactName: before.contactName ?? undefined,
            contactEmail: before.contactEmail ?? undefined,
            contactPhone: before.contactPhone ?? undefined,
          },
          actor,
        );
        vendorId = vendor.id;
      }
      const after = await updateVersioned(
        em,
        VendorCandidate,
        before,
        { status: input.status, decisions: [...before.decisions, decision], vendorId },
        undefined,
      );
      await this.audit.record(em, actor, {
        entityType: 'vendor_candidate',
        entityId: id,
        vendorId,
        action: 'decide',
        before: { status: before.status },
        after: { status: after.status, vendorId },
        reason: input.reason,
      });
      return this.scored(em, after);
    });
  }

  /** Several candidates side by side: each criterion's rating, weight and contribution, total and rank. */
  async compareVendorCandidates(input: CompareVendorCandidatesDto): Promise<{
    weights: SelectionWeights;
    criteriaVersion: number;
    ranked: (ScoredCandidate & { rank: number })[];
  }> {
    const candidates = await this.dataSource
      .getRepository(VendorCandidate)
      .createQueryBuilder('candidate')
      .where('candidate.id = ANY(:ids::uuid[])', { ids: input.candidateIds })
      .getMany();
    const found = new Set(candidates.map((candidate) => candidate.id));
    const unknown = input.candidateIds.filter((id) => !found.has(id));
    if (unknown.length) throw DomainException.notFound('Vendor candidate', unknown.join(', '));
    const criteria = await this.getSelectionCriteria();
    const ranked = rankCandidates(
      candidates.map((candidate) => ({
        name: candidate.name,
        candidate,
        score: scoreCandidate(candidate.ratings, criteria.weights),
      })),
    );
    return { weights: criteria.weights, criteriaVersion: criteria.version, ranked };
  }

  private async findCandidate(em: EntityManager, id: string, lock = false): Promise<VendorCandidate> {
    const candidate = await em.findOne(VendorCandidate, {
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!candidate) throw DomainException.notFound('Vendor candidate', id);
    return candidate;
  }

  private async scored(em: EntityManager, candidate: VendorCandidate): Promise<ScoredCandidate> {
    const { weights } = await this.getSelectionCriteria(em);
    return { candidate, score: scoreCandidate(candidate.ratings, weights) };
  }

  private transitionError(candidate: VendorCandidate, to: CandidateStatus | null): DomainException {
    const allowed = allowedNextCandidateStatuses(candidate.status);
    return new DomainException(
      ErrorCode.CANDIDATE_STATUS_TRANSITION_INVALID,
      to
        ? `A candidate cannot move from ${candidate.status} to ${to}` +
            (allowed.length ? `; allowed: ${allowed.join(', ')}` : `; ${candidate.status} is final`)
        : `The candidate is ${candidate.status}; its ratings are final`,
      undefined,
      { currentStatus: candidate.status, allowedNextStatuses: allowed },
    );
  }
}
