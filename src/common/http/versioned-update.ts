import { EntityManager, EntityTarget, type QueryDeepPartialEntity } from 'typeorm';
import { DomainException } from '../errors/domain.exception';
import { BaseEntity } from '../../database/base.entity';

/**
 * Optimistic locking: applies `changes` only if the row still has the version the caller read
 * (`expectedVersion`, from If-Match, else the version just loaded). Returns the row as stored after.
 */
export async function updateVersioned<T extends BaseEntity>(
  em: EntityManager,
  target: EntityTarget<T>,
  current: T,
  changes: QueryDeepPartialEntity<T>,
  expectedVersion: number | undefined,
): Promise<T> {
  if (expectedVersion !== undefined && expectedVersion !== current.version) {
    throw DomainException.versionMismatch(current.version);
  }
  const result = await em
    .createQueryBuilder()
    .update(target)
    .set(changes)
    .where('id = :id AND version = :version', { id: current.id, version: current.version })
    .execute();
  const stored = await em.findOneByOrFail(target, { id: current.id } as never);
  if (result.affected === 0) throw DomainException.versionMismatch(stored.version);
  return stored;
}
