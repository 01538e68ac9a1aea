import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import { DataScope } from '../../common/auth/data-scope';
import { Principal } from '../../common/auth/role';
import { DomainException } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-codes';
import { Page, paginate } from '../../common/pagination/pagination';
import { refuseNulls } from '../../common/validation/validation-helpers';
import { missingIds } from '../../database/sql-helpers';
import { updateVersioned } from '../../common/http/versioned-update';
import { CatalogService } from '../catalog/catalog.service';
import { Conflict, ConflictDeclaration } from './conflict.entity';
import {
  CreateConflictClearanceDto,
  CreateConflictDeclarationDto,
  ListConflictDeclarationsQuery,
  ListConflictsQuery,
  UpdateConflictDeclarationDto,
} from './conflicts.dto';
import { unknownReference } from './reference-data.service';
import { assertManagesVendor } from './vendor-access';
import { ConflictStatus } from './vendor-enums';

export interface DeclarationWithConflicts {
  declaration: ConflictDeclaration;
  conflicts: Conflict[];
}

@Injectable()
export class ConflictsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly catalog: CatalogService,
  ) {}

  /**
   * Flags every declared competing line that meets a product line of the vendor's agreements not yet
   * ended (current or future). Already flagged pairs keep their state (a cleared one stays cleared).
   */
  async detectConflicts(em: EntityManager, vendorId: string, actor: Principal): Promise<void> {
    const flagged: Conflict[] = await em.query(
      `INSERT INTO conflicts (declaration_id, vendor_id, rep_id, product_line_id, status)
       SELECT d.id, d.vendor_id, d.rep_id, pl, 'open'
         FROM conflict_declarations d, unnest(d.competing_product_line_ids) pl
        WHERE d.vendor_id = $1
          AND EXISTS (SELECT 1 FROM agreements a
                       WHERE a.vendor_id = $1 AND pl = ANY(a.product_line_ids)
                         AND a.ends_on >= (SELECT (now() AT TIME ZONE v.timezone)::date
                                             FROM vendors v WHERE v.id = $1))
       ON CONFLICT (declaration_id, product_line_id) DO NOTHING
       RETURNING id, declaration_id AS "declarationId", rep_id AS "repId", product_line_id AS "productLineId"`,
      [vendorId],
    );
    await this.audit.record(
      em,
      actor,
      ...flagged.map((conflict) => ({
        entityType: 'conflict',
        entityId: conflict.id,
        vendorId,
        action: 'flag',
        after: { ...conflict, status: ConflictStatus.OPEN },
      })),
    );
  }

  private async checkDeclarer(
    em: EntityManager,
    vendorId: string,
    repId: string | null,
    scope: DataScope,
  ): Promise<void> {
    assertManagesVendor(scope, vendorId);
    if (scope.repId !== null && repId !== scope.repId) {
      throw DomainException.forbidden('A rep declares conflicts of interest for themselves only');
    }
    const missingVendor = await missingIds(em, 'vendors', [vendorId]);
    if (missingVendor.length)
      throw unknownReference(ErrorCode.VENDOR_UNKNOWN, 'vendor', 'vendorId', missingVendor);
    if (repId) {
      const [rep]: { id: string }[] = await em.query('SELECT id FROM reps WHERE id = $1 AND vendor_id = $2', [
        repId,
        vendorId,
      ]);
      if (!rep) throw unknownReference(ErrorCode.REP_UNKNOWN, 'rep of this vendor', 'repId', [repId]);
    }
  }

  createConflictDeclaration(
    input: CreateConflictDeclarationDto,
    actor: Principal,
    scope: DataScope,
  ): Promise<DeclarationWithConflicts> {
    return this.dataSource.transaction(async (em) => {
      const repId = input.repId ?? scope.repId;
      await this.checkDeclarer(em, input.vendorId, repId, scope);
      await this.catalog.assertProductLinesExist(
        em,
        input.competingProductLineIds,
        'competingProductLineIds',
      );
      const declaration = await em.save(
        em.create(ConflictDeclaration, {
          vendorId: input.vendorId,
          repId,
          principalName: input.principalName,
          competingLineName: input.competingLineName,
          category: input.category,
          competingProductLineIds: input.competingProductLineIds,
          notes: input.notes ?? null,
        }),
      );
      await this.audit.record(em, actor, {
        entityType: 'conflict_declaration',
        entityId: declaration.id,
        vendorId: declaration.vendorId,
        action: 'create',
        after: declaration,
      });
      await this.detectConflicts(em, declaration.vendorId, actor);
      return (await this.withConflicts(em, [declaration]))[0];
    });
  }

  async listConflictDeclarations(
    query: ListConflictDeclarationsQuery,
    scope: DataScope,
  ): Promise<Page<DeclarationWithConflicts>> {
    const builder = this.dataSource.getRepository(ConflictDeclaration).createQueryBuilder('declaration');
    scope.apply(builder, { vendor: 'declaration.vendor_id', rep: 'declaration.rep_id' });
    if (query.vendorId) builder.andWhere('declaration.vendor_id = :vendorId', { vendorId: query.vendorId });
    if (query.repId) builder.andWhere('declaration.rep_id = :repId', { repId: query.repId });
    const page = await paginate(builder, query, [
      { expression: 'declaration.created_at', read: (row) => row.createdAt.toISOString() },
      { expression: 'declaration.id', read: (row) => row.id },
    ]);
    return {
      data: await this.withConflicts(this.dataSource.manager, page.data),
      nextCursor: page.nextCursor,
    };
  }

  async getConflictDeclaration(
    id: string,
    scope: DataScope,
    em: EntityManager = this.dataSource.manager,
  ): Promise<DeclarationWithConflicts> {
    const builder = em
      .createQueryBuilder(ConflictDeclaration, 'declaration')
      .where('declaration.id = :id', { id });
    scope.apply(builder, { vendor: 'declaration.vendor_id', rep: 'declaration.rep_id' });
    const declaration = await builder.getOne();
    if (!declaration) throw DomainException.notFound('Conflict declaration', id);
    return (await this.withConflicts(em, [declaration]))[0];
  }

  /** Lines no longer declared drop their open conflicts; newly declared ones are checked again. */
  updateConflictDeclaration(
    id: string,
    input: UpdateConflictDeclarationDto,
    expectedVersion: number | undefined,
    actor: Principal,
    scope: DataScope,
  ): Promise<DeclarationWithConflicts> {
    refuseNulls(input, ['notes']);
    return this.dataSource.transaction(async (em) => {
      const { declaration: before } = await this.getConflictDeclaration(id, scope, em);
      if (input.competingProductLineIds) {
        await this.catalog.assertProductLinesExist(
          em,
          input.competingProductLineIds,
          'competingProductLineIds',
        );
      }
      const after = await updateVersioned(em, ConflictDeclaration, before, { ...input }, expectedVersion);
      await em.query(
        `DELETE FROM conflicts WHERE declaration_id = $1 AND status = 'open' AND NOT (product_line_id = ANY($2::uuid[]))`,
        [id, after.competingProductLineIds],
      );
      await this.audit.record(em, actor, {
        entityType: 'conflict_declaration',
        entityId: id,
        vendorId: before.vendorId,
        action: 'update',
        before,
        after,
      });
      await this.detectConflicts(em, before.vendorId, actor);
      return (await this.withConflicts(em, [after]))[0];
    });
  }

  listConflicts(query: ListConflictsQuery, scope: DataScope): Promise<Page<Conflict>> {
    const builder = this.dataSource.getRepository(Conflict).createQueryBuilder('conflict');
    scope.apply(builder, { vendor: 'conflict.vendor_id', rep: 'conflict.rep_id' });
    if (query.vendorId) builder.andWhere('conflict.vendor_id = :vendorId', { vendorId: query.vendorId });
    if (query.status) builder.andWhere('conflict.status = :status', { status: query.status });
    if (query.productLineId)
      builder.andWhere('conflict.product_line_id = :lineId', { lineId: query.productLineId });
    return paginate(builder, query, [
      { expression: 'conflict.created_at', read: (row) => row.createdAt.toISOString() },
      { expression: 'conflict.id', read: (row) => row.id },
    ]);
  }

  async getConflict(
    id: string,
    scope: DataScope,
    em: EntityManager = this.dataSource.manager,
  ): Promise<Conflict> {
    const builder = em.createQueryBuilder(Conflict, 'conflict').where('conflict.id = :id', { id });
    scope.apply(builder, { vendor: 'conflict.vendor_id', rep: 'conflict.rep_id' });
    const conflict = await builder.getOne();
    if (!conflict) throw DomainException.notFound('Conflict', id);
    return conflict;
  }

  /** Clearing puts the product line back into the vendor's effective scope. */
  clearConflict(
    id: string,
    input: CreateConflictClearanceDto,
    actor: Principal,
    scope: DataScope,
  ): Promise<Conflict> {
    return this.dataSource.transaction(async (em) => {
      await this.getConflict(id, scope, em);
      const before = await em.findOneOrFail(Conflict, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (before.status === ConflictStatus.CLEARED) {
        throw new DomainException(ErrorCode.CONFLICT_ALREADY_CLEARED, `Conflict ${id} was already cleared`);
      }
      const after = await updateVersioned(
        em,
        Conflict,
        before,
        {
          status: ConflictStatus.CLEARED,
          clearedAt: () => 'now()',
          clearedBy: actor.subjectId,
          clearReason: input.reason,
        },
        undefined,
      );
      await this.audit.record(em, actor, {
        entityType: 'conflict',
        entityId: id,
        vendorId: before.vendorId,
        action: 'clear',
        before,
        after,
        reason: input.reason,
      });
      return after;
    });
  }

  private async withConflicts(
    em: EntityManager,
    declarations: ConflictDeclaration[],
  ): Promise<DeclarationWithConflicts[]> {
    if (declarations.length === 0) return [];
    const conflicts = await em.find(Conflict, {
      where: { declarationId: In(declarations.map((d) => d.id)) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return declarations.map((declaration) => ({
      declaration,
      conflicts: conflicts.filter((conflict) => conflict.declarationId === declaration.id),
    }));
  }
}
