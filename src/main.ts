import 'reflect-metadata';
import { createApp, listenOrClose } from './app.factory';
import { ConfigError, loadConfig } from './config/app-config';

/**
 * However a shutdown goes (a request that never ends, a database that does not answer), the process is
 * gone this long after SIGTERM or SIGINT: requests in flight get this long to finish.
 */
const SHUTDOWN_DEADLINE_MS = 15_000;

function exitWithinDeadline(): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      setTimeout(() => {
        process.stderr.write(
          `OSM did not shut down within ${SHUTDOWN_DEADLINE_MS} ms of ${signal}; exiting\n`,
        );
        process.exit(1);
      }, SHUTDOWN_DEADLINE_MS).unref();
    });
  }
}

async function bootstrap(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const app = await createApp(config);
  await listenOrClose(app, config);
  exitWithinDeadline();
  const url = `http://localhost:${config.port}`;
  app
    .getHttpAdapter()
    .getInstance()
    .log.info(`OSM API listening on ${url}/api/v1 — Swagger UI at ${url}/docs`);
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(
    `OSM failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
