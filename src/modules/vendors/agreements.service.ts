import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import { DataScope } from '../../common/auth/data-scope';
import { Principal } from '../../common/auth/role';
import { DomainException } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-codes';
import { Page, PageQuery, paginate } from '../../common/pagination/pagination';
import { AgreementKpiBreach } from './agreement-kpi-breach.entity';
import { refuseNulls } from '../../common/validation/validation-helpers';
import { updateVersioned } from '../../common/http/versioned-update';
import { CatalogService } from '../catalog/catalog.service';
import { checkAgreementTerms } from './agreement-terms.rules';
import { AgreementKpiClauses, kpiClauseErrors } from './agreement-kpis.rules';
import { Agreement, CommissionBasis, PerLeadFeeKind } from './agreement.entity';
import {
  AgreementKpiClausesDto,
  CreateAgreementDto,
  ListAgreementsQuery,
  UpdateAgreementDto,
} from './agreements.dto';
import { ConflictsService } from './conflicts.service';
import { ReferenceDataService } from './reference-data.service';
import { LeadClawbackPolicy, VendorStatus } from './vendor-enums';
import { Vendor } from './vendor.entity';
import { VendorsService } from './vendors.service';

type AgreementFields = Omit<Agreement, 'id' | 'createdAt' | 'updatedAt' | 'version' | 'vendor'>;

function overlapError(vendorId: string, other?: { id: string; starts_on: string; ends_on: string }) {
  return DomainException.of(
    ErrorCode.AGREEMENT_OVERLAP,
    other
      ? `Vendor ${vendorId} already has agreement ${other.id} in force ${other.starts_on} – ${other.ends_on}, which overlaps these dates`
      : `Vendor ${vendorId} already has an agreement overlapping these dates`,
    other ? { overlappingAgreementId: other.id } : undefined,
  );
}

function agreementFields(agreement: Agreement): AgreementFields {
  const { id, createdAt, updatedAt, version, vendor, ...fields } = agreement;
  void [id, createdAt, updatedAt, version, vendor];
  return fields;
}

/** Only the clauses agreed are stored (null and absent both mean "not agreed"). */
function storedKpis(input: AgreementKpiClausesDto | undefined): AgreementKpiClauses {
  return Object.fromEntries(
    Object.entries(input ?? {}).filter(([, value]) => value !== null && value !== undefined),
  );
}

const isExclusionViolation = (error: unknown): boolean =>
  error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23P01';

@Injectable()
export class AgreementsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly vendors: VendorsService,
    private readonly referenceData: ReferenceDataService,
    private readonly catalog: CatalogService,
    private readonly conflicts: ConflictsService,
  ) {}

  /** Every rule an agreement keeps, checked before anything is written. */
  private async validate(em: EntityManager, fields: AgreementFields, selfId?: string): Promise<void> {
    checkAgreementTerms(fields);
    const kpiErrors = kpiClauseErrors(fields.kpis);
    if (kpiErrors.length)
      throw new DomainException(
        ErrorCode.AGREEMENT_KPI_INVALID,
        'The KPI clauses are inconsistent',
        kpiErrors,
      );
    this.referenceData.assertIndustriesExist(fields.industryCodes);
    await this.referenceData.assertRegionsExist(fields.regionIds, 'regionIds', em);
    await this.catalog.assertProductLinesExist(em, fields.productLineIds, 'productLineIds');
    // The exclusion constraint is the guarantee; this query only names the agreement in the way.
    const [other]: { id: string; starts_on: string; ends_on: string }[] = await em.query(
      `SELECT id, starts_on::text, ends_on::text FROM agreements
        WHERE vendor_id = $1 AND id IS DISTINCT FROM $2::uuid
          AND daterange(starts_on, ends_on, '[]') && daterange($3::date, $4::date, '[]')
        LIMIT 1`,
      [fields.vendorId, selfId ?? null, fields.startsOn, fields.endsOn],
    );
    if (other) throw overlapError(fields.vendorId, other);
  }

  private async lockOpenVendor(em: EntityManager, vendorId: string, scope: DataScope): Promise<Vendor> {
    await this.vendors.getVendor(em, vendorId, scope);
    // Serialises agreement writes of one vendor, so the overlap pre-check sees committed neighbours.
    const vendor = await em.findOneOrFail(Vendor, {
      where: { id: vendorId },
      lock: { mode: 'pessimistic_write' },
    });
    if (vendor.status === VendorStatus.TERMINATED) {
      throw DomainException.of(ErrorCode.VENDOR_TERMINATED, `Vendor ${vendorId} is terminated`);
    }
    return vendor;
  }

  async createAgreement(
    vendorId: string,
    input: CreateAgreementDto,
    actor: Principal,
    scope: DataScope,
  ): Promise<Agreement> {
    try {
      return await this.dataSource.transaction(async (em) => {
        await this.lockOpenVendor(em, vendorId, scope);
        const fields: AgreementFields = {
          vendorId,
          reference: input.reference ?? null,
          startsOn: input.startsOn,
          endsOn: input.endsOn,
          stagesOwned: input.stagesOwned,
          regionIds: input.regionIds,
          industryCodes: input.industryCodes,
          productLineIds: input.productLineIds,
          namedAccounts: input.namedAccounts ?? [],
          commissionRateBps: input.commissionRateBps,
          commissionTiers: input.commissionTiers ?? [],
          commissionBasis: input.commissionBasis ?? CommissionBasis.BOOKED,
          commissionCapMinor: input.commissionCapMinor ?? null,
          perLeadFeeMinor: input.perLeadFeeMinor ?? null,
          perLeadFeeKind:
            input.perLeadFeeKind ?? (input.perLeadFeeMinor !== undefined ? PerLeadFeeKind.ACCEPTED : null),
          retainerFeeMinor: input.retainerFeeMinor ?? null,
          feeCurrency: input.feeCurrency ?? null,
          clawbackDays: input.clawbackDays ?? 0,
          defaultDailyCallQuota: input.defaultDailyCallQuota ?? null,
          defaultWeeklyCallQuota: input.defaultWeeklyCallQuota ?? null,
          defaultDailyVisitQuota: input.defaultDailyVisitQuota ?? null,
          defaultWeeklyVisitQuota: input.defaultWeeklyVisitQuota ?? null,
          confidential: input.confidential ?? false,
          ndaSignedOn: input.ndaSignedOn ?? null,
          requiresCertification: input.requiresCertification ?? false,
          keyLeadMinTier: input.keyLeadMinTier ?? null,
          leadClawbackPolicy: input.leadClawbackPolicy ?? LeadClawbackPolicy.RETURN_TO_POOL,
          kpis: storedKpis(input.kpis),
        };
        await this.validate(em, fields);
        const agreement = await em.save(em.create(Agreement, fields));
        await this.audit.record(em, actor, {
          entityType: 'agreement',
          entityId: agreement.id,
          vendorId,
          action: 'create',
          after: agreement,
        });
        await this.conflicts.detectConflicts(em, vendorId, actor);
        return agreement;
      });
    } catch (error) {
      if (isExclusionViolation(error)) throw overlapError(vendorId);
      throw error;
    }
  }

  async listVendorAgreements(
    vendorId: string,
    query: ListAgreementsQuery,
    scope: DataScope,
  ): Promise<Page<Agreement>> {
    await this.vendors.getVendor(this.dataSource.manager, vendorId, scope);
    const builder = this.dataSource
      .getRepository(Agreement)
      .createQueryBuilder('agreement')
      .where('agreement.vendor_id = :vendorId', { vendorId });
    scope.apply(builder, { vendor: 'agreement.vendor_id' });
    if (query.activeOn) {
      builder.andWhere('agreement.starts_on <= :on AND agreement.ends_on >= :on', { on: query.activeOn });
    }
    return paginate(builder, query, [
      { expression: 'agreement.starts_on', read: (row) => row.startsOn },
      { expression: 'agreement.id', read: (row) => row.id },
    ]);
  }

  async getAgreement(
    id: string,
    scope: DataScope,
    em: EntityManager = this.dataSource.manager,
  ): Promise<Agreement> {
    const builder = em.createQueryBuilder(Agreement, 'agreement').where('agreement.id = :id', { id });
    scope.apply(builder, { vendor: 'agreement.vendor_id' });
    const agreement = await builder.getOne();
    if (!agreement) throw DomainException.notFound('Agreement', id);
    return agreement;
  }

  /** The agreement's KPI breaches, newest first; 404 when the agreement is outside the caller's scope. */
  async listAgreementKpiBreaches(
    id: string,
    query: PageQuery,
    scope: DataScope,
  ): Promise<Page<AgreementKpiBreach>> {
    const agreement = await this.getAgreement(id, scope);
    const builder = this.dataSource
      .getRepository(AgreementKpiBreach)
      .createQueryBuilder('breach')
      .where('breach.agreement_id = :id', { id: agreement.id });
    return paginate(
      builder,
      query,
      [
        { expression: 'breach.detected_at', read: (row) => row.detectedAt.toISOString() },
        { expression: 'breach.id', read: (row) => row.id },
      ],
      'DESC',
    );
  }

  async updateAgreement(
    id: string,
    input: UpdateAgreementDto,
    expectedVersion: number | undefined,
    actor: Principal,
    scope: DataScope,
  ): Promise<Agreement> {
    refuseNulls(input, [
      'reference',
      'commissionBasis',
      'commissionCapMinor',
      'perLeadFeeMinor',
      'perLeadFeeKind',
      'retainerFeeMinor',
      'feeCurrency',
      'defaultDailyCallQuota',
      'defaultWeeklyCallQuota',
      'defaultDailyVisitQuota',
      'defaultWeeklyVisitQuota',
      'ndaSignedOn',
      'kpis',
      'keyLeadMinTier',
    ]);
    const existing = await this.getAgreement(id, scope);
    try {
      return await this.dataSource.transaction(async (em) => {
        await this.lockOpenVendor(em, existing.vendorId, scope);
        const before = await this.getAgreement(id, scope, em);
        const changes = Object.fromEntries(
          Object.entries(input).filter(([, value]) => value !== undefined),
        ) as Partial<AgreementFields>;
        if (input.kpis) changes.kpis = storedKpis(input.kpis);
        if (changes.perLeadFeeMinor !== undefined && !before.perLeadFeeKind && !changes.perLeadFeeKind) {
          changes.perLeadFeeKind = PerLeadFeeKind.ACCEPTED;
        }
        await this.validate(em, { ...agreementFields(before), ...changes }, id);
        const after = await updateVersioned(em, Agreement, before, changes, expectedVersion);
        await this.audit.record(em, actor, {
          entityType: 'agreement',
          entityId: id,
          vendorId: before.vendorId,
          action: 'update',
          before,
          after,
        });
        await this.conflicts.detectConflicts(em, before.vendorId, actor);
        return after;
      });
    } catch (error) {
      if (isExclusionViolation(error)) throw overlapError(existing.vendorId);
      throw error;
    }
  }
}
