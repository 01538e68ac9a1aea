import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import { Principal } from '../../common/auth/role';
import { DomainException } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-codes';
import { Page, paginate } from '../../common/pagination/pagination';
import { missingIds } from '../../database/sql-helpers';
import { refuseNulls } from '../../common/validation/validation-helpers';
import { updateVersioned } from '../../common/http/versioned-update';
import { INDUSTRY_CODES } from './industries';
import {
  CreateRegionDto,
  CreateSalesUnitDto,
  ListRegionsQuery,
  ListSalesUnitsQuery,
  UpdateRegionDto,
  UpdateSalesUnitDto,
} from './reference-data.dto';
import { Region } from './region.entity';
import { SalesUnit } from './sales-unit.entity';

export function unknownReference(
  code: ErrorCode,
  what: string,
  field: string,
  missing: string[],
): DomainException {
  return new DomainException(
    code,
    `Unknown ${what}: ${missing.join(', ')}`,
    missing.map((value) => ({ field, message: `${what} ${value} does not exist` })),
  );
}

/** Regions, the sales-unit tree and the industry list that vendors, reps and leads refer to. */
@Injectable()
export class ReferenceDataService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  // ---- regions ----

  createRegion(input: CreateRegionDto, actor: Principal): Promise<Region> {
    if (input.code.slice(0, 2) !== input.countryCode) {
      throw DomainException.validation([
        { field: 'code', message: `must start with its country ${input.countryCode}` },
      ]);
    }
    return this.dataSource.transaction(async (em) => {
      if (input.parentId) await this.assertParentFits(em, null, input.parentId, input.countryCode);
      const region = await em.save(em.create(Region, { ...input, parentId: input.parentId ?? null }));
      await this.audit.record(em, actor, {
        entityType: 'region',
        entityId: region.id,
        action: 'create',
        after: region,
      });
      return region;
    });
  }

  /** Renames a region or moves it in the tree: same country, never under itself or its own sub-regions. */
  updateRegion(
    id: string,
    input: UpdateRegionDto,
    expectedVersion: number | undefined,
    actor: Principal,
  ): Promise<Region> {
    refuseNulls(input, ['parentId']);
    return this.dataSource.transaction(async (em) => {
      const before = await em.findOneBy(Region, { id });
      if (!before) throw DomainException.notFound('Region', id);
      if (input.parentId) await this.assertParentFits(em, id, input.parentId, before.countryCode);
      const after = await updateVersioned(em, Region, before, { ...input }, expectedVersion);
      await this.audit.record(em, actor, {
        entityType: 'region',
        entityId: id,
        action: 'update',
        before,
        after,
      });
      return after;
    });
  }

  /** A parent region exists, lies in the same country and (for a move) is not the region or inside it. */
  private async assertParentFits(
    em: EntityManager,
    id: string | null,
    parentId: string,
    countryCode: string,
  ): Promise<void> {
    const parent = await em.findOneBy(Region, { id: parentId });
    if (!parent) throw unknownReference(ErrorCode.REGION_UNKNOWN, 'region', 'parentId', [parentId]);
    const inside = id ? (await this.regionLineage(id, em)).inside : [];
    const problem =
      parent.countryCode !== countryCode
        ? `lies in ${parent.countryCode}, not ${countryCode}`
        : inside.includes(parentId)
          ? 'is the region itself or one of its sub-regions'
          : null;
    if (problem) {
      throw new DomainException(
        ErrorCode.REGION_PARENT_INVALID,
        `Region ${parentId} cannot hold this region`,
        [{ field: 'parentId', message: problem }],
      );
    }
  }

  listRegions(query: ListRegionsQuery): Promise<Page<Region>> {
    const builder = this.dataSource.getRepository(Region).createQueryBuilder('region');
    if (query.countryCode) builder.andWhere('region.country_code = :country', { country: query.countryCode });
    return paginate(builder, query, [
      { expression: 'region.code', read: (row) => row.code },
      { expression: 'region.id', read: (row) => row.id },
    ]);
  }

  async getRegion(id: string): Promise<Region> {
    const region = await this.dataSource.getRepository(Region).findOneBy({ id });
    if (!region) throw DomainException.notFound('Region', id);
    return region;
  }

  /** The region with every region inside it, and the regions around it (its ancestors). */
  async regionLineage(
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ inside: string[]; around: string[] }> {
    const rows: { id: string; side: 'inside' | 'around' }[] = await manager.query(
      `WITH RECURSIVE
         down AS (SELECT id FROM regions WHERE id = $1
                  UNION SELECT r.id FROM regions r JOIN down ON r.parent_id = down.id),
         up AS (SELECT parent_id AS id FROM regions WHERE id = $1 AND parent_id IS NOT NULL
                UNION SELECT r.parent_id FROM regions r JOIN up ON r.id = up.id WHERE r.parent_id IS NOT NULL)
       SELECT id::text, 'inside' AS side FROM down UNION ALL SELECT id::text, 'around' FROM up`,
      [id],
    );
    return {
      inside: rows.filter((row) => row.side === 'inside').map((row) => row.id),
      around: rows.filter((row) => row.side === 'around').map((row) => row.id),
    };
  }

  /** Of the given region codes, those no region has (set-based, for bulk lead intake). */
  async findUnknownRegionCodes(manager: EntityManager, codes: readonly string[]): Promise<string[]> {
    const unique = [...new Set(codes)];
    if (unique.length === 0) return [];
    const rows: { code: string }[] = await manager.query(
      'SELECT code FROM regions WHERE code = ANY($1::text[])',
      [unique],
    );
    const found = new Set(rows.map((row) => row.code));
    return unique.filter((code) => !found.has(code));
  }

  /** Region codes by id, in one query. */
  async regionCodesByIds(manager: EntityManager, ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows: { id: string; code: string }[] = await manager.query(
      'SELECT id, code FROM regions WHERE id = ANY($1::uuid[])',
      [[...new Set(ids)]],
    );
    return new Map(rows.map((row) => [row.id, row.code]));
  }

  /**
   * Every region's code mapped to the code of its ancestor at `level` of the region tree (0 = a region
   * without a parent); a region at or above that level maps to itself. One recursive query over the tree.
   */
  async regionRollUp(manager: EntityManager, level: number): Promise<Map<string, string>> {
    const rows: { code: string; ancestor: string }[] = await manager.query(
      `WITH RECURSIVE walk AS (
         SELECT id, code, 0 AS depth, ARRAY[code]::text[] AS path FROM regions WHERE parent_id IS NULL
         UNION ALL
         SELECT r.id, r.code, w.depth + 1, w.path || r.code::text FROM regions r JOIN walk w ON r.parent_id = w.id
          WHERE w.depth < 50
       )
       SELECT code, path[LEAST(depth, $1::int) + 1] AS ancestor FROM walk`,
      [level],
    );
    return new Map(rows.map((row) => [row.code, row.ancestor]));
  }

  /** The codes of a region and of every region inside it (just the code when it names no region); one query. */
  async regionCodesWithin(manager: EntityManager, code: string): Promise<string[]> {
    const rows: { code: string }[] = await manager.query(
      `WITH RECURSIVE below AS (
         SELECT id, code, 0 AS depth FROM regions WHERE code = $1
         UNION ALL
         SELECT r.id, r.code, b.depth + 1 FROM regions r JOIN below b ON r.parent_id = b.id WHERE b.depth < 50
       )
       SELECT code FROM below`,
      [code],
    );
    return rows.length ? rows.map((row) => row.code) : [code];
  }

  /** Region ids by code, for the given codes (unknown codes are left out); one query. */
  async regionIdsByCode(manager: EntityManager, codes: readonly string[]): Promise<Map<string, string>> {
    if (codes.length === 0) return new Map();
    const rows: { id: string; code: string }[] = await manager.query(
      'SELECT id::text, code FROM regions WHERE code = ANY($1::text[])',
      [[...new Set(codes)]],
    );
    return new Map(rows.map((row) => [row.code, row.id]));
  }

  /** Refuses (422 REGION_UNKNOWN) when any id names no region. */
  async assertRegionsExist(
    ids: readonly string[],
    field = 'regionIds',
    em: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    const missing = await missingIds(em, 'regions', ids);
    if (missing.length) throw unknownReference(ErrorCode.REGION_UNKNOWN, 'region', field, missing);
  }

  /** Refuses (422 INDUSTRY_UNKNOWN) when any code is not on the industry list. */
  assertIndustriesExist(codes: readonly string[], field = 'industryCodes'): void {
    const missing = [...new Set(codes)].filter((code) => !INDUSTRY_CODES.includes(code));
    if (missing.length) throw unknownReference(ErrorCode.INDUSTRY_UNKNOWN, 'industry', field, missing);
  }

  // ---- sales units ----

  createSalesUnit(input: CreateSalesUnitDto, actor: Principal): Promise<SalesUnit> {
    return this.dataSource.transaction(async (em) => {
      if (input.parentId) await this.assertSalesUnitExists(input.parentId, 'parentId', em);
      const unit = await em.save(em.create(SalesUnit, { ...input, parentId: input.parentId ?? null }));
      await this.audit.record(em, actor, {
        entityType: 'sales_unit',
        entityId: unit.id,
        action: 'create',
        after: unit,
      });
      return unit;
    });
  }

  listSalesUnits(query: ListSalesUnitsQuery): Promise<Page<SalesUnit>> {
    const builder = this.dataSource.getRepository(SalesUnit).createQueryBuilder('unit');
    if (query.parentId) builder.andWhere('unit.parent_id = :parentId', { parentId: query.parentId });
    if (query.kind) builder.andWhere('unit.kind = :kind', { kind: query.kind });
    return paginate(builder, query, [
      { expression: 'unit.code', read: (row) => row.code },
      { expression: 'unit.id', read: (row) => row.id },
    ]);
  }

  async getSalesUnit(id: string, em: EntityManager = this.dataSource.manager): Promise<SalesUnit> {
    const unit = await em.findOneBy(SalesUnit, { id });
    if (!unit) throw DomainException.notFound('Sales unit', id);
    return unit;
  }

  /** Moving a unit under one of its own descendants would cut the tree into a loop: refused. */
  updateSalesUnit(
    id: string,
    input: UpdateSalesUnitDto,
    expectedVersion: number | undefined,
    actor: Principal,
  ): Promise<SalesUnit> {
    refuseNulls(input, []);
    return this.dataSource.transaction(async (em) => {
      const before = await this.getSalesUnit(id, em);
      if (input.parentId) {
        await this.assertSalesUnitExists(input.parentId, 'parentId', em);
        const subtree = await this.salesUnitSubtreeIds(id, em);
        if (subtree.includes(input.parentId)) {
          throw new DomainException(
            ErrorCode.SALES_UNIT_CYCLE,
            'A sales unit cannot be moved under itself or one of its descendants',
            [{ field: 'parentId', message: 'is the unit itself or one of its descendants' }],
          );
        }
      }
      const after = await updateVersioned(em, SalesUnit, before, { ...input }, expectedVersion);
      await this.audit.record(em, actor, {
        entityType: 'sales_unit',
        entityId: id,
        action: 'update',
        before,
        after,
      });
      return after;
    });
  }

  async assertSalesUnitExists(
    id: string,
    field = 'salesUnitId',
    em: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    const missing = await missingIds(em, 'sales_units', [id]);
    if (missing.length) throw unknownReference(ErrorCode.SALES_UNIT_UNKNOWN, 'sales unit', field, missing);
  }

  /** The unit and every unit below it (for rolling targets up the tree). */
  async salesUnitSubtreeIds(rootId: string, em: EntityManager = this.dataSource.manager): Promise<string[]> {
    const rows: { id: string }[] = await em.query(
      `WITH RECURSIVE tree AS (
         SELECT id FROM sales_units WHERE id = $1
         UNION SELECT u.id FROM sales_units u JOIN tree ON u.parent_id = tree.id)
       SELECT id FROM tree`,
      [rootId],
    );
    return rows.map((row) => row.id);
  }
}
