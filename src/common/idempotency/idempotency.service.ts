import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryRows } from '../../database/sql';
import { DomainException } from '../errors/domain.exception';
import { ErrorCode } from '../errors/error-codes';

/** A key is remembered this long; after that the same key starts afresh. */
const KEY_TTL_SECONDS = 24 * 3600;

export type Claim = { kind: 'claimed' } | { kind: 'replay'; status: number; body: unknown };

/**
 * The record of an `Idempotency-Key`, kept in the request's own transaction: the key is held by a
 * transaction-level advisory lock while the request works, and its stored answer is written just before
 * the work commits. So the answer and the work commit together, a crash rolls back both, and a key whose
 * holder died (its connection gone, so its lock gone) is free at once.
 */
@Injectable()
export class IdempotencyService {
  /**
   * Claims the key for this request, or says how to answer: replay the stored response (same body),
   * 422 (same key, different body) or 409 (a request with this key is running right now).
   */
  async claim(manager: EntityManager, scope: string, key: string, requestHash: string): Promise<Claim> {
    const [lock] = await queryRows<{ held: boolean }>(
      manager,
      `SELECT pg_try_advisory_xact_lock(hashtextextended($1 || E'\\n' || $2, 0)) AS held`,
      [scope, key],
    );
    if (!lock?.held) {
      throw new DomainException(
        ErrorCode.IDEMPOTENCY_REQUEST_IN_PROGRESS,
        'A request with this Idempotency-Key is still being processed; retry shortly',
      );
    }
    const [existing] = await queryRows<{
      requestHash: string;
      status: number;
      body: unknown;
      fresh: boolean;
    }>(
      manager,
      `SELECT request_hash AS "requestHash", response_status AS status, response_body AS body,
              created_at >= now() - make_interval(secs => $3) AS fresh
         FROM idempotency_keys WHERE scope = $1 AND key = $2`,
      [scope, key, KEY_TTL_SECONDS],
    );
    if (!existing) return { kind: 'claimed' };
    if (!existing.fresh) {
      await manager.query(`DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2`, [scope, key]);
      return { kind: 'claimed' };
    }
    if (existing.requestHash !== requestHash) {
      throw new DomainException(
        ErrorCode.IDEMPOTENCY_KEY_REUSED,
        'This Idempotency-Key was already used with a different request body',
      );
    }
    return { kind: 'replay', status: existing.status, body: existing.body };
  }

  /** Stores the answer in the request's transaction, so it commits with the work it answers for. */
  async record(
    manager: EntityManager,
    scope: string,
    key: string,
    requestHash: string,
    status: number,
    body: unknown,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO idempotency_keys (scope, key, request_hash, response_status, response_body)
       VALUES ($1, $2, $3, $4, $5::jsonb)`,
      [scope, key, requestHash, status, JSON.stringify(body ?? null)],
    );
  }
}
