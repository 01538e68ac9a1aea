import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DomainException } from '../errors/domain.exception';
import { ErrorCode } from '../errors/error-codes';
import { IdempotencyKey } from './idempotency-key.entity';

/** A key is remembered this long; after that the same key starts afresh. */
const KEY_TTL_SECONDS = 24 * 3600;
/** A claim older than this whose request never finished (a crashed replica) may be taken over. */
const STALE_CLAIM_SECONDS = 120;

export type Claim = { kind: 'claimed' } | { kind: 'replay'; status: number; body: unknown };

@Injectable()
export class IdempotencyService {
  constructor(@InjectRepository(IdempotencyKey) private readonly keys: Repository<IdempotencyKey>) {}

  /**
   * Claims the key for this request, or says how to answer: replay the stored response (same body),
   * 422 (same key, different body) or 409 (the first request with this key is still running).
   */
  async claim(scope: string, key: string, requestHash: string): Promise<Claim> {
    const inserted: unknown[] = await this.keys.query(
      `INSERT INTO idempotency_keys (scope, key, request_hash, state)
       VALUES ($1, $2, $3, 'in_progress')
       ON CONFLICT (scope, key) DO UPDATE
         SET request_hash = EXCLUDED.request_hash, state = 'in_progress', response_status = NULL,
             response_body = NULL, created_at = now(), updated_at = now(), version = idempotency_keys.version + 1
         WHERE idempotency_keys.created_at < now() - make_interval(secs => $4)
            OR (idempotency_keys.state = 'in_progress'
                AND idempotency_keys.updated_at < now() - make_interval(secs => $5)
                AND idempotency_keys.request_hash = EXCLUDED.request_hash)
       RETURNING id`,
      [scope, key, requestHash, KEY_TTL_SECONDS, STALE_CLAIM_SECONDS],
    );
    if (inserted.length > 0) return { kind: 'claimed' };

    const existing = await this.keys.findOneByOrFail({ scope, key });
    if (existing.requestHash !== requestHash) {
      throw new DomainException(
        ErrorCode.IDEMPOTENCY_KEY_REUSED,
        'This Idempotency-Key was already used with a different request body',
      );
    }
    if (existing.state === 'in_progress') {
      throw new DomainException(
        ErrorCode.IDEMPOTENCY_REQUEST_IN_PROGRESS,
        'A request with this Idempotency-Key is still being processed; retry shortly',
      );
    }
    return { kind: 'replay', status: existing.responseStatus ?? 200, body: existing.responseBody };
  }

  async complete(scope: string, key: string, status: number, body: unknown): Promise<void> {
    await this.keys.update(
      { scope, key },
      { state: 'completed', responseStatus: status, responseBody: (body ?? null) as object },
    );
  }

  /** The request failed: forget the claim so the client can retry with the same key. */
  async release(scope: string, key: string): Promise<void> {
    await this.keys.delete({ scope, key, state: 'in_progress' });
  }
}
