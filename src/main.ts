import 'reflect-metadata';
import { createApp, listenOrClose } from './app.factory';
import { ConfigError, loadConfig } from './config/app-config';

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
