import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';

/**
 * One transaction around a whole request, for a request whose record must commit with its work (an
 * `Idempotency-Key`: the stored answer and the rows it answers for are all there or all not there).
 *
 * Inside `run`, every query of the request joins that transaction on its one connection: a service's own
 * `dataSource.transaction(…)` becomes a savepoint in it, and a repository read goes through it too, so the
 * request still holds one connection only. Outside `run` nothing changes. This keeps "one way into a
 * transaction": the entry point is the request, and the service's entry transaction nests inside it.
 */
@Injectable()
export class RequestTransaction implements OnModuleInit {
  private readonly current = new AsyncLocalStorage<QueryRunner>();
  private ownRunner: DataSource['createQueryRunner'] | undefined;

  constructor(private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    if (this.ownRunner) return;
    const original = this.dataSource.createQueryRunner.bind(this.dataSource);
    this.ownRunner = original;
    this.dataSource.createQueryRunner = (mode) => {
      const joined = this.current.getStore();
      return joined && !joined.isReleased ? sharedRunner(joined) : original(mode);
    };
  }

  /** Whether the caller runs inside a request transaction. */
  get active(): boolean {
    return this.current.getStore() !== undefined;
  }

  /** Runs `work` in one transaction that every query it makes joins; commits when it resolves. */
  async run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const create = this.ownRunner ?? this.dataSource.createQueryRunner.bind(this.dataSource);
    const runner = create('master');
    try {
      await runner.startTransaction();
      const result = await this.current.run(runner, () => work(runner.manager));
      await runner.commitTransaction();
      return result;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release().catch(() => undefined);
    }
  }
}

/** The request's runner as seen by code that asked for a fresh one: releasing it is the request's job. */
function sharedRunner(runner: QueryRunner): QueryRunner {
  return new Proxy(runner, {
    get(target, property, receiver) {
      if (property === 'release') return () => Promise.resolve();
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
}
