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
 * just before the tick): the tick's run follows it rather than failing. Past this, the run is recorded
 * as failed with CHECK_ALREADY_RUNNING and the next tick runs the check as usual.
 */
const SCHEDULED_LOCK_WAIT_MS = 120_000;
/** PostgreSQL's `lock_not_available`: the lock wait passed `lock_timeout`. */
const LOCK_NOT_AVAILABLE = '55P03';

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

  /** One tick: every enabled check once, keyed by the tick's minute so replicas firing together agree. */
  async tick(firedAt: Date): Promise<CheckRun[]> {
    const tickAt = new Date(Math.floor(firedAt.getTime() / 60_000) * 60_000);
    const done: CheckRun[] = [];
    for (const check of this.checks) {
      if (!(await this.settings.effective(check)).enabled) continue;
      const claimed: { id: string }[] = await this.runs.query(
        `INSERT INTO check_runs (check_name, trigger, tick_at, as_of, status, started_at)
         VALUES ($1, 'schedule', $2, $2, 'running', now())
         ON CONFLICT (check_name, tick_at) WHERE trigger = 'schedule' DO NOTHING
         RETURNING id`,
        [check.name, tickAt],
      );
      if (claimed.length === 0) continue; // another replica has this tick
      done.push(
        await this.execute(claimed[0].id, check, tickAt, 'wait').catch((error: unknown) =>
          this.failedRun(claimed[0].id, error),
        ),
      );
    }
    return done;
  }

  async runManually(name: string, asOf: Date, triggeredBy: string | null): Promise<CheckRun> {
    const check = this.getCheck(name);
    const run = await this.runs.save(
      this.runs.create({
        checkName: check.name,
        trigger: 'manual',
        asOf,
        status: 'running',
        startedAt: new Date(),
        triggeredBy,
      }),
    );
    try {
      return await this.execute(run.id, check, asOf, 'refuse');
    } catch (error) {
      const failed = await this.failedRun(run.id, error);
      if (error instanceof DomainException) throw error;
      return failed;
    }
  }

  /**
   * Runs one check in one transaction under the check's advisory lock. A manual run that finds the check
   * running is refused at once (409); a scheduled run waits its turn (bounded), so a manual run at tick
   * time does not cost the tick its run.
   */
  private async execute(
    runId: string,
    check: SchedulerCheck,
    asOf: Date,
    whenBusy: 'wait' | 'refuse',
  ): Promise<CheckRun> {
    const counts = await this.dataSource.transaction(async (manager) => {
      const locked =
        whenBusy === 'refuse' ? await this.tryLock(manager, check) : await this.waitForLock(manager, check);
      if (!locked) {
        throw new DomainException(
          ErrorCode.CHECK_ALREADY_RUNNING,
          `Check ${check.name} is running right now; try again when it has finished`,
        );
      }
      const settings = await this.settings.effective(check, manager);
      const result = await check.run({
        asOf,
        manager,
        thresholds: settings.thresholds,
        vendorThresholds: settings.vendorThresholds,
      });
      const reconciled = await this.alerts.reconcile(manager, check, result.findings, asOf);
      return { examined: result.examined, ...reconciled };
    });
    await this.runs.update(runId, { status: 'succeeded', finishedAt: new Date(), ...counts });
    return this.runs.findOneByOrFail({ id: runId });
  }

  private async tryLock(manager: EntityManager, check: SchedulerCheck): Promise<boolean> {
    const [{ locked }] = await queryRows<{ locked: boolean }>(
      manager,
      'SELECT pg_try_advisory_xact_lock($1, hashtext($2)) AS locked',
      [CHECK_LOCK_NAMESPACE, check.name],
    );
    return locked;
  }

  private async waitForLock(manager: EntityManager, check: SchedulerCheck): Promise<boolean> {
    await manager.query(`SELECT set_config('lock_timeout', $1, true)`, [`${SCHEDULED_LOCK_WAIT_MS}ms`]);
    await manager.query('SAVEPOINT check_lock');
    let locked = true;
    try {
      await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
        CHECK_LOCK_NAMESPACE,
        check.name,
      ]);
      await manager.query('RELEASE SAVEPOINT check_lock');
    } catch (error) {
      if ((error as { driverError?: { code?: string } }).driverError?.code !== LOCK_NOT_AVAILABLE)
        throw error;
      await manager.query('ROLLBACK TO SAVEPOINT check_lock');
      locked = false;
    }
    await manager.query(`SELECT set_config('lock_timeout', '0', true)`);
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
