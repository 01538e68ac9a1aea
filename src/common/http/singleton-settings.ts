import { EntityManager, EntityTarget, type QueryDeepPartialEntity } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Principal } from '../auth/role';
import { DomainException } from '../errors/domain.exception';
import { BaseEntity } from '../../database/base.entity';
import { updateVersioned } from './versioned-update';

/** A company-wide settings table of one row (`singleton` is true and unique), versioned for If-Match. */
export interface SingletonSettingsRow extends BaseEntity {
  singleton: boolean;
}

export interface SingletonSettingsUpdate<T extends SingletonSettingsRow> {
  /** The columns a missing row is created with before the change applies (the documented defaults). */
  defaults: QueryDeepPartialEntity<T>;
  /** From If-Match; undefined when the caller sent none. */
  expectedVersion: number | undefined;
  /** The columns to store, from the row as locked; throws a DomainException to refuse (nothing written). */
  change: (row: T) => QueryDeepPartialEntity<T>;
  /** What the audit log keeps of the row, before and after the change. */
  snapshot: (row: T) => object;
  audit: AuditService;
  actor: Principal;
  /** The audit log's entity type: the table's name. */
  entityType: string;
}

/**
 * Every settings update takes the same steps: create the row with its defaults if it is missing, lock it,
 * refuse a stale If-Match (412), apply the change, audit before and after. Each settings service states
 * only its columns and its rules. Runs on the caller's transaction.
 */
export async function updateSingletonSettings<T extends SingletonSettingsRow>(
  em: EntityManager,
  target: EntityTarget<T>,
  update: SingletonSettingsUpdate<T>,
): Promise<T> {
  const repository = em.getRepository(target);
  await repository
    .createQueryBuilder()
    .insert()
    .values({ ...update.defaults, singleton: true })
    .orIgnore()
    .execute();
  const row = await repository.findOneOrFail({
    where: { singleton: true } as never,
    lock: { mode: 'pessimistic_write' },
  });
  if (update.expectedVersion !== undefined && update.expectedVersion !== row.version)
    throw DomainException.versionMismatch(row.version);
  const stored = await updateVersioned(em, target, row, update.change(row), update.expectedVersion);
  await update.audit.record(em, update.actor, {
    entityType: update.entityType,
    entityId: row.id,
    action: 'update',
    before: update.snapshot(row),
    after: update.snapshot(stored),
  });
  return stored;
}
