import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { buildDataSourceOptions } from './data-source-options';
import { EmbeddedPostgres, startEmbeddedPostgres } from './embedded-postgres';
import { runMigrationsLocked } from './migrations';
import { ReadReplica } from './read-replica';
import { RequestTransaction } from './request-transaction';

/** Where the database is: the configured server, or an embedded one started for this process. */
export class DatabaseServer implements OnApplicationShutdown {
  private static readonly logger = new Logger('Database');

  private constructor(
    readonly url: string,
    private readonly embedded: EmbeddedPostgres | undefined,
    private readonly moduleRef?: ModuleRef,
  ) {}

  static async start(config: AppConfig, moduleRef: ModuleRef): Promise<DatabaseServer> {
    if (config.databaseUrl) return new DatabaseServer(config.databaseUrl, undefined);
    const embedded = await startEmbeddedPostgres({
      dataDir: config.embeddedPgDataDir,
      port: config.embeddedPgPort || undefined,
      log: (message) => DatabaseServer.logger.log(message),
    });
    return new DatabaseServer(embedded.url, embedded, moduleRef);
  }

  get isEmbedded(): boolean {
    return this.embedded !== undefined;
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.embedded) return;
    // Close the pool before the server goes away, whatever order Nest runs shutdown hooks in.
    const dataSource = this.moduleRef?.get(DataSource, { strict: false });
    if (dataSource?.isInitialized) await dataSource.destroy();
    await this.embedded.stop();
    DatabaseServer.logger.log('embedded PostgreSQL stopped');
  }
}

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG, DatabaseServer],
      useFactory: (config: AppConfig, server: DatabaseServer) =>
        buildDataSourceOptions(server.url, config.databasePoolSize),
    }),
  ],
})
class TypeOrmRootModule {}

@Global()
@Module({
  providers: [
    {
      provide: DatabaseServer,
      inject: [APP_CONFIG, ModuleRef],
      useFactory: (config: AppConfig, moduleRef: ModuleRef) => DatabaseServer.start(config, moduleRef),
    },
  ],
  exports: [DatabaseServer],
})
class DatabaseServerModule {}

/** Applies pending migrations at start (switchable), under an advisory lock so replicas take turns. */
@Injectable()
class MigrationsAtStart implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.config.runMigrations) await runMigrationsLocked(this.dataSource, new Logger('Migrations'));
  }
}

/** The request-wide transaction an idempotent request runs in (`request-transaction.ts`). */
@Global()
@Module({ providers: [RequestTransaction, ReadReplica], exports: [RequestTransaction, ReadReplica] })
class RequestTransactionModule {}

@Module({
  imports: [DatabaseServerModule, TypeOrmRootModule, RequestTransactionModule],
  providers: [MigrationsAtStart],
  exports: [DatabaseServerModule, RequestTransactionModule],
})
export class DatabaseModule {}
