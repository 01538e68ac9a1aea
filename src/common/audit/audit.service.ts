import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { DataScope } from '../auth/data-scope';
import { Principal } from '../auth/role';
import { Page, paginate } from '../pagination/pagination';
import { AuditLog } from './audit-log.entity';
import { ListAuditLogQuery } from './audit.dto';

export interface AuditEntry {
  entityType: string;
  entityId: string;
  /** Every object the entry covers, when more than one; `entityId` is the first. */
  entityIds?: string[];
  vendorId?: string | null;
  action: string;
  before?: object | null;
  after?: object | null;
  reason?: string | null;
}

/** Bookkeeping columns that change on every write and say nothing about what the user changed. */
const NOT_CHANGES = new Set(['createdAt', 'updatedAt', 'version']);

/** A JSON-safe copy of an object as it is stored (dates as ISO strings). */
export function auditSnapshot(value: object | null | undefined): Record<string, unknown> | null {
  if (!value) return null;
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}

/** Names of the fields whose values differ between two snapshots. */
export function changedFieldNames(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): string[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  return [...keys]
    .filter((key) => !NOT_CHANGES.has(key))
    .filter((key) => JSON.stringify(before?.[key] ?? null) !== JSON.stringify(after?.[key] ?? null))
    .sort();
}

@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditLog) private readonly entries: Repository<AuditLog>) {}

  /** Records changes inside the caller's transaction (`em`), so the change and its entry commit together. */
  async record(em: EntityManager, actor: Principal, ...changes: AuditEntry[]): Promise<void> {
    if (changes.length === 0) return;
    const rows = changes.map((change) => {
      const before = auditSnapshot(change.before);
      const after = auditSnapshot(change.after);
      return {
        entityType: change.entityType,
        entityId: change.entityId,
        entityIds: change.entityIds ?? [],
        vendorId: change.vendorId ?? null,
        action: change.action,
        actorSubjectId: actor.subjectId,
        actorRole: actor.role,
        before,
        after,
        changedFields: changedFieldNames(before, after),
        reason: change.reason ?? null,
      };
    });
    await em
      .createQueryBuilder()
      .insert()
      .into(AuditLog)
      .values(rows as never[])
      .execute();
  }

  /**
   * Set-based, for data-subject exports: the entries of these actions that name any of the objects (as
   * `entityId` or among `entityIds`), oldest first.
   */
  async listEntriesNaming(
    manager: EntityManager,
    entityType: string,
    entityIds: readonly string[],
    actions: readonly string[],
  ): Promise<AuditLog[]> {
    if (entityIds.length === 0) return [];
    return manager
      .getRepository(AuditLog)
      .createQueryBuilder('entry')
      .where('entry.entity_type = :entityType', { entityType })
      .andWhere('entry.action = ANY(:actions)', { actions })
      .andWhere('(entry.entity_id = ANY(:ids) OR entry.entity_ids && :ids::uuid[])', { ids: entityIds })
      .orderBy('entry.at', 'ASC')
      .addOrderBy('entry.id', 'ASC')
      .getMany();
  }

  listAuditLog(query: ListAuditLogQuery, scope: DataScope): Promise<Page<AuditLog>> {
    const builder = this.entries
      .createQueryBuilder('entry')
      .where('entry.entity_type = :entityType', { entityType: query.entityType });
    if (query.entityId)
      builder.andWhere('(entry.entity_id = :entityId OR entry.entity_ids @> ARRAY[:entityId]::uuid[])', {
        entityId: query.entityId,
      });
    if (query.action) builder.andWhere('entry.action = :action', { action: query.action });
    scope.apply(builder, { vendor: 'entry.vendor_id' });
    return paginate(builder, query, [
      { expression: 'entry.at', read: (row) => row.at.toISOString() },
      { expression: 'entry.id', read: (row) => row.id },
    ]);
  }
}
