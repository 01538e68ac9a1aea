import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { InjectRepository } from '@nestjs/typeorm';
import { CronJob } from 'cron';
import { DataSource, type EntityManager, Repository } from 'typeorm';
import { DomainException } from '../../../common/errors/domain.exception';
import { ErrorCode } from '../../../common/errors/error-codes';
import { type Page, type PageQuery, paginate } from '../../../common/pagination/pagination';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { queryRows } from '../../../database/sql';
import { AlertsService } from '../alerts/alerts.service';
import { CheckRun } from './check-run.entity';
import { CheckSettingsService } from './check-settings.service';
import { SCHEDULER_CHECKS, type SchedulerCheck } from './check.types';

/** Namespace of the advisory locks the checks take (the second key is the check name's hash). */
const CHECK_LOCK_NAMESPACE = 7_020_002;
/**
 * How long a scheduled run waits for a run of the same check that holds the lock (a manual run started
 * just before the tick, or another replica's run of the tick): the tick's run follows it rather than
 * failing. Past this, the tick's run is recorded as failed (the check was still running) and the next
 * tick runs the check as usual.
 */
const SCHEDULED_LOCK_WAIT_MS = 120_000;
/** While it waits, the tick tries the check again this often, holding no connection in between. */
const BUSY_RETRY_MS = 200;
/** A manual run still 'running' this long before a run that holds its check's lock was abandoned. */
const ABANDONED_RUN_GRACE_SECONDS = 10;
const ABANDONED_RUN_ERROR = 'The process running the check stopped before it finished';

/**
 * Runs the checks: on a cron tick on every replica (the run log's unique (check, tick) row and an
 * advisory lock make exactly one replica run each check per tick), or by hand for admins, "as of" any time.
 */
@Injectable()
export class CheckRunnerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Scheduler');
  private job?: CronJob;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SCHEDULER_CHECKS) private readonly checks: SchedulerCheck[],
    @InjectRepository(CheckRun) private readonly runs: Repository<CheckRun>,
    private readonly dataSource: DataSource,
    private readonly settings: CheckSettingsService,
    private readonly alerts: AlertsService,
    private readonly schedulerRegistry: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.schedulerEnabled) return;
    this.job = CronJob.from({
      cronTime: this.config.schedulerCron,
      timeZone: 'UTC',
      onTick: () => {
        this.tick(new Date()).catch((error: unknown) => this.logger.error(`tick failed: ${String(error)}`));
      },
      start: true,
    });
    this.schedulerRegistry.addCronJob('scheduler-checks', this.job);
  }

  onApplicationShutdown(): void {
    void this.job?.stop();
  }

  listChecks(): readonly SchedulerCheck[] {
    return this.checks;
  }

  getCheck(name: string): SchedulerCheck {
    const check = this.checks.find((candidate) => candidate.name === name);
    if (!check) {
      throw new DomainException(
        ErrorCode.CHECK_NOT_FOUND,
        `There is no check named "${name}"; known: ${this.checks.map((c) => c.name).join(', ')}`,
      );
    }
    return check;
  }

  /**
   * One tick: every enabled check once, keyed by the tick's minute so replicas firing together agree.
   * A check another replica is running is passed over and come back to at the end: by then that run has
   * committed its row (nothing left to do) or its replica died and rolled it back (this replica runs it).
   */
  async tick(firedAt: Date): Promise<CheckRun[]> {
    const tickAt = new Date(Math.floor(firedAt.getTime() / 60_000) * 60_000);
    const done: CheckRun[] = [];
    const busy: SchedulerCheck[] = [];
    for (const check of this.checks) {
      if (!(await this.settings.effective(check)).enabled) continue;
      const outcome = await this.runScheduled(check, tickAt);
      if (outcome === 'busy') busy.push(check);
      else if (outcome !== 'taken') done.push(outcome);
    }
    for (const check of busy) {
      const run = await this.runWhenFree(check, tickAt);
      if (run) done.push(run);
    }
    return done;
  }

  /**
   * The tick's run of one check, claimed in the transaction that runs it: the (check, tick) row is
   * inserted under the check's lock and commits with the check's work, so a replica that dies mid-check
   * leaves no claim behind and another replica runs the check in the same tick. 'busy': another run
   * holds the check; 'taken': this tick's run is already recorded.
   */
  private async runScheduled(check: SchedulerCheck, tickAt: Date): Promise<CheckRun | 'busy' | 'taken'> {
    let runId: string | undefined;
    try {
      const outcome = await this.dataSource.transaction(async (manager) => {
        if (!(await this.tryLock(manager, check))) return 'busy' as const;
        const [claimed] = await queryRows<{ id: string }>(
          manager,
          `INSERT INTO check_runs (check_name, trigger, tick_at, as_of, status, started_at)
           VALUES ($1, 'schedule', $2, $2, 'running', now())
           ON CONFLICT (check_name, tick_at) WHERE trigger = 'schedule' DO NOTHING
           RETURNING id`,
          [check.name, tickAt],
        );
        if (!claimed) return 'taken' as const; // another replica ran it in this tick
        runId = claimed.id;
        await this.runLocked(manager, claimed.id, check, tickAt);
        return 'ran' as const;
      });
      return outcome === 'ran' ? this.runs.findOneByOrFail({ id: runId }) : outcome;
    } catch (error) {
      if (!(error instanceof DomainException)) {
        this.logger.error(
          `check ${check.name} failed in the tick of ${tickAt.toISOString()}: ${String(error)}`,
        );
      }
      const message =
        error instanceof DomainException ? error.detail : 'the check failed; see the service log';
      return (await this.recordFailed(check, tickAt, message)) ?? 'taken';
    }
  }

  /**
   * A check that was busy when the tick reached it: tried again until the run holding it has finished,
   * then nothing to do if that was this tick's run, else run here (after a manual run, or in place of a
   * replica that died). Held past SCHEDULED_LOCK_WAIT_MS, the tick's run is recorded as failed.
   */
  private async runWhenFree(check: SchedulerCheck, tickAt: Date): Promise<CheckRun | undefined> {
    const deadline = Date.now() + SCHEDULED_LOCK_WAIT_MS;
    for (;;) {
      const outcome = await this.runScheduled(check, tickAt);
      if (outcome === 'taken') return undefined;
      if (outcome !== 'busy') return outcome;
      if (Date.now() >= deadline) {
        // A slow replica's run of this tick still holds it: the insert waits for that run and does nothing.
        return this.recordFailed(
          check,
          tickAt,
          `Check ${check.name} was still running when this tick's run gave up waiting for it`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, BUSY_RETRY_MS));
    }
  }

  /** A failed run of the tick, unless a run of it is recorded meanwhile (then undefined). */
  private async recordFailed(
    check: SchedulerCheck,
    tickAt: Date,
    error: string,
  ): Promise<CheckRun | undefined> {
    const [row] = await queryRows<{ id: string }>(
      this.dataSource.manager,
      `INSERT INTO check_runs (check_name, trigger, tick_at, as_of, status, started_at, finished_at, error)
       VALUES ($1, 'schedule', $2, $2, 'failed', now(), now(), $3)
       ON CONFLICT (check_name, tick_at) WHERE trigger = 'schedule' DO NOTHING
       RETURNING id`,
      [check.name, tickAt, error.slice(0, 1000)],
    );
    return row ? this.runs.findOneByOrFail({ id: row.id }) : undefined;
  }

  async runManually(name: string, asOf: Date, triggeredBy: string | null): Promise<CheckRun> {
    const check = this.getCheck(name);
    // One statement (no transaction of its own): the run shows as running while the check works.
    const [run] = await queryRows<{ id: string }>(
      this.dataSource.manager,
      `INSERT INTO check_runs (check_name, trigger, as_of, status, started_at, triggered_by)
       VALUES ($1, 'manual', $2, 'running', $3, $4) RETURNING id`,
      [check.name, asOf, new Date(), triggeredBy],
    );
    try {
      return await this.execute(run.id, check, asOf);
    } catch (error) {
      const failed = await this.failedRun(run.id, error);
      if (error instanceof DomainException) throw error;
      return failed;
    }
  }

  /** A manual run: in one transaction under the check's advisory lock, refused at once (409) when busy. */
  private async execute(runId: string, check: SchedulerCheck, asOf: Date): Promise<CheckRun> {
    await this.dataSource.transaction(async (manager) => {
      if (!(await this.tryLock(manager, check))) {
        throw new DomainException(
          ErrorCode.CHECK_ALREADY_RUNNING,
          `Check ${check.name} is running right now; try again when it has finished`,
        );
      }
      await this.runLocked(manager, runId, check, asOf);
    });
    return this.runs.findOneByOrFail({ id: runId });
  }

  /** The check's work and its run row's outcome, in the caller's transaction (which holds the lock). */
  private async runLocked(
    manager: EntityManager,
    runId: string,
    check: SchedulerCheck,
    asOf: Date,
  ): Promise<void> {
    await this.closeAbandonedRuns(manager, runId, check);
    const settings = await this.settings.effective(check, manager);
    const result = await check.run({
      asOf,
      manager,
      thresholds: settings.thresholds,
      vendorThresholds: settings.vendorThresholds,
    });
    const reconciled = await this.alerts.reconcile(manager, check, result.findings, asOf);
    await manager.query(
      `UPDATE check_runs SET status = 'succeeded', finished_at = now(), examined = $2, raised = $3,
              resolved = $4, updated_at = now(), version = version + 1
        WHERE id = $1`,
      [runId, result.examined, reconciled.raised, reconciled.resolved],
    );
  }

  /**
   * A manual run's row is written before its transaction starts (so it shows as running while it works);
   * a process killed in the middle leaves it 'running' for ever. Whoever holds the check's lock knows no
   * older run of it is working: those are recorded as failed. The grace period keeps a run that has written
   * its row but not yet asked for the lock (milliseconds) out of it; it will be refused or run itself.
   */
  private async closeAbandonedRuns(
    manager: EntityManager,
    runId: string,
    check: SchedulerCheck,
  ): Promise<void> {
    await manager.query(
      `UPDATE check_runs SET status = 'failed', finished_at = now(), error = $3, updated_at = now(),
              version = version + 1
        WHERE check_name = $1 AND status = 'running' AND id <> $2
          AND started_at < clock_timestamp() - make_interval(secs => $4)`,
      [check.name, runId, ABANDONED_RUN_ERROR, ABANDONED_RUN_GRACE_SECONDS],
    );
  }

  private async tryLock(manager: EntityManager, check: SchedulerCheck): Promise<boolean> {
    const [{ locked }] = await queryRows<{ locked: boolean }>(
      manager,
      'SELECT pg_try_advisory_xact_lock($1, hashtext($2)) AS locked',
      [CHECK_LOCK_NAMESPACE, check.name],
    );
    return locked;
  }

  private async failedRun(runId: string, error: unknown): Promise<CheckRun> {
    const message = error instanceof DomainException ? error.detail : 'the check failed; see the service log';
    if (!(error instanceof DomainException)) this.logger.error(`check run ${runId} failed: ${String(error)}`);
    await this.runs.update(runId, { status: 'failed', finishedAt: new Date(), error: message });
    return this.runs.findOneByOrFail({ id: runId });
  }

  /** The run log, oldest first, optionally for one check. */
  listRuns(query: PageQuery & { checkName?: string }): Promise<Page<CheckRun>> {
    const builder = this.runs.createQueryBuilder('run');
    if (query.checkName) builder.andWhere('run.check_name = :name', { name: query.checkName });
    return paginate(builder, query, [
      { expression: 'run.started_at', read: (row) => row.startedAt.toISOString() },
      { expression: 'run.id', read: (row) => row.id },
    ]);
  }
}
