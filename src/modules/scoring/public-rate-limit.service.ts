import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainException } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-codes';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';

const WINDOW_SECONDS = 60;

/**
 * Counts requests to the public survey routes per bucket (client address, token hash) in a one-minute
 * window, in Postgres like the sign-in failures, so the limit holds across every replica. Every request
 * counts, answered or refused; past the limit the route answers 429 until the window ends.
 */
@Injectable()
export class PublicRateLimitService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Counts one request for a survey token from a client address; past either limit it is 429. */
  hit(address: string, tokenHash: string): Promise<void> {
    return this.count([
      { bucket: `survey-ip:${address}`, limit: this.config.surveyRateLimitPerAddressPerMinute },
      { bucket: `survey-token:${tokenHash}`, limit: this.config.surveyRateLimitPerMinute },
    ]);
  }

  private async count(buckets: { bucket: string; limit: number }[]): Promise<void> {
    const rows: { bucket: string; hits: number; retry_after: number }[] = await this.dataSource.query(
      `INSERT INTO public_request_counts (bucket, hits, window_started_at)
            SELECT bucket, 1, now() FROM unnest($1::varchar[]) AS bucket
       ON CONFLICT (bucket) DO UPDATE SET
         hits = CASE WHEN public_request_counts.window_started_at <= now() - make_interval(secs => $2)
                     THEN 1 ELSE public_request_counts.hits + 1 END,
         window_started_at = CASE WHEN public_request_counts.window_started_at <= now() - make_interval(secs => $2)
                                  THEN now() ELSE public_request_counts.window_started_at END,
         updated_at = now(), version = public_request_counts.version + 1
       RETURNING bucket, hits,
         ceil(extract(epoch FROM window_started_at + make_interval(secs => $2) - now()))::int AS retry_after`,
      [buckets.map((entry) => entry.bucket), WINDOW_SECONDS],
    );
    const limits = new Map(buckets.map((entry) => [entry.bucket, entry.limit]));
    const over = rows.filter((row) => row.hits > (limits.get(row.bucket) ?? 0));
    if (over.length === 0) return;
    const retryAfterSeconds = Math.max(1, ...over.map((row) => row.retry_after));
    throw new DomainException(
      ErrorCode.SURVEY_RATE_LIMITED,
      `Too many survey requests; try again in ${retryAfterSeconds} seconds`,
      undefined,
      { retryAfterSeconds },
    );
  }
}
