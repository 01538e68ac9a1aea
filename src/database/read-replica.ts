import { AsyncLocalStorage } from 'node:async_hooks';
import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { buildDataSourceOptions } from './data-source-options';

/** A WAL position (`16/B374D848`) as one comparable number. */
export function parseLsn(text: string): bigint {
  const [high, low] = text.split('/');
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
}

/** How long the replica's replayed position, once read, is trusted before it is read again. */
const REPLAY_READ_EVERY_MS = 50;

interface Caller {
  /** Who is asking: the principal's subject id; undefined for a caller without one. */
  subjectId: string | undefined;
}

interface Writer {
  /** Write requests of the subject still running (their commit may not have a WAL position yet). */
  inFlight: number;
  /** The primary's WAL position after the subject's last finished write. */
  lsn: bigint;
}

/**
 * Whether a page of a long list may be read on the replica: a page after the first (it has a `cursor`) in
 * the list's own order. The first page is the working view, where a colleague's change a moment ago is what
 * the caller acts on (the lead just taken from the pool), and cheap; the pages behind it are walks through a
 * long list, where a moment's lag does not matter and the load is worth taking off the primary. Keyset
 * cursors hold across the switch: a page is "after this key" on either side, so no row comes twice. A sync
 * page (`updatedSince`) stays on the primary whatever its depth: a sync never skipping a row rests on the
 * one-minute margin covering writes still in flight, and a replica's lag has no bound.
 */
export function mayReadPageFromReplica(page: { cursor?: string; updatedSince?: string }): boolean {
  return Boolean(page.cursor) && page.updatedSince === undefined;
}

/**
 * Reads that may go to a streaming replica (`DATABASE_READ_URL`): reports, dashboards, the list exports
 * (leads, contracts, call reports, reps, settlement lines) and the pages after the first of the long lists
 * (`mayReadPageFromReplica`: GET /leads, /contracts, /call-reports, /reps).
 * A caller never reads past their own write: while one of their write requests runs, and until the replica
 * has replayed the primary's WAL position taken when it finished, their reads stay on the primary. Without
 * a replica every read is the primary's, as before.
 *
 * What a caller wrote is known to this process only; behind a load balancer a caller's next read can land
 * on another process, which then knows nothing of the write — route a caller to one process (sticky
 * sessions) where that matters, or leave `DATABASE_READ_URL` unset.
 */
@Injectable()
export class ReadReplica implements OnModuleInit, OnApplicationShutdown {
  private static readonly logger = new Logger('ReadReplica');
  private replica: DataSource | null = null;
  private readonly caller = new AsyncLocalStorage<Caller>();
  private readonly writers = new Map<string, Writer>();
  private replayed: { lsn: bigint; readAt: number } | null = null;
  /** Reads served by each side, for the scale-out script and the tests. */
  readonly served = { replica: 0, primary: 0 };

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly primary: DataSource,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.databaseReadUrl) return;
    const replica = new DataSource(
      buildDataSourceOptions(this.config.databaseReadUrl, this.config.databasePoolSize),
    );
    await replica.initialize();
    this.replica = replica;
    ReadReplica.logger.log('reports, dashboards, exports and deep list pages read from the replica');
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.replica?.isInitialized) await this.replica.destroy();
  }

  get configured(): boolean {
    return this.replica !== null;
  }

  /** Runs `work` with the caller known, so that reads inside it can tell their own writes (interceptor). */
  within<T>(subjectId: string | undefined, work: () => T): T {
    return this.caller.run({ subjectId }, work);
  }

  /** A write request of the subject begins: their reads stay on the primary until it is replayed. */
  writeStarted(subjectId: string): void {
    if (!this.replica) return;
    const writer = this.writers.get(subjectId) ?? { inFlight: 0, lsn: 0n };
    writer.inFlight += 1;
    this.writers.set(subjectId, writer);
  }

  /** The write request was answered (committed or not): remember where the primary's WAL stands now. */
  async writeFinished(subjectId: string): Promise<void> {
    const writer = this.writers.get(subjectId);
    if (!this.replica || !writer) return;
    try {
      const [row]: { lsn: string }[] = await this.primary.query('SELECT pg_current_wal_lsn()::text AS lsn');
      const lsn = parseLsn(row.lsn);
      if (lsn > writer.lsn) writer.lsn = lsn;
    } finally {
      writer.inFlight -= 1;
    }
  }

  /**
   * A read-only transaction (REPEATABLE READ by default: one snapshot for the whole report) on the
   * replica when it has replayed the caller's last write, else on the primary.
   */
  async read<T>(
    work: (manager: EntityManager) => Promise<T>,
    isolation: IsolationLevel = 'REPEATABLE READ',
  ): Promise<T> {
    const source = await this.sourceFor(this.caller.getStore()?.subjectId);
    return source.transaction(isolation, work);
  }

  /**
   * The manager for reads outside a transaction, e.g. a list export streamed page by page: the replica's
   * when it has replayed the caller's last write, else the primary's (see `read`).
   */
  async manager(): Promise<EntityManager> {
    return (await this.sourceFor(this.caller.getStore()?.subjectId)).manager;
  }

  /**
   * The manager for one page of a long list: the replica's for a page `mayReadPageFromReplica` allows and
   * the caller's last write has been replayed (see `read`), else the primary's.
   */
  async pageManager(page: { cursor?: string; updatedSince?: string }): Promise<EntityManager> {
    if (mayReadPageFromReplica(page)) return this.manager();
    if (this.replica) this.served.primary += 1;
    return this.primary.manager;
  }

  /** The data source a read of the current caller goes to (see `read`). */
  async sourceFor(subjectId: string | undefined): Promise<DataSource> {
    if (!this.replica) return this.primary;
    const writer = subjectId === undefined ? undefined : this.writers.get(subjectId);
    if (writer && (writer.inFlight > 0 || (await this.replayedLsn()) < writer.lsn)) {
      this.served.primary += 1;
      return this.primary;
    }
    // Replayed: the writer needs no remembering any more.
    if (writer && subjectId !== undefined) this.writers.delete(subjectId);
    this.served.replica += 1;
    return this.replica;
  }

  private async replayedLsn(): Promise<bigint> {
    const now = Date.now();
    if (this.replayed && now - this.replayed.readAt < REPLAY_READ_EVERY_MS) return this.replayed.lsn;
    const [row]: { lsn: string | null }[] = await this.replica!.query(
      'SELECT pg_last_wal_replay_lsn()::text AS lsn',
    );
    // Null: the server is no standby (a replica URL pointing at a primary has "replayed" everything).
    const lsn = row.lsn === null ? BigInt(Number.MAX_SAFE_INTEGER) ** 2n : parseLsn(row.lsn);
    this.replayed = { lsn, readAt: now };
    return lsn;
  }
}
