import { RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { AppModule } from './app.module';
import { registerCsvBodyParser } from './common/http/csv-body';
import { edgeServerOptions, registerInputGuard, registerShutdownGuard } from './common/http/fastify-edges';
import { JsonLogger, createPino } from './common/logging/json-logger';
import { MetricsService } from './common/metrics/metrics.service';
import { StrictValidationPipe } from './common/validation/strict-validation.pipe';
import { AppConfig } from './config/app-config';

export const API_PREFIX = 'api/v1';
const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

export interface CreateAppOptions {
  /** Build the module graph without connecting anywhere (OpenAPI generation). */
  preview?: boolean;
}

/** Builds the fully configured application; used by main, the tests and the OpenAPI generator alike. */
export async function createApp(
  config: AppConfig,
  options: CreateAppOptions = {},
): Promise<NestFastifyApplication> {
  const pino = createPino(config);
  const adapter = new FastifyAdapter({
    loggerInstance: pino,
    bodyLimit: config.bodyLimitBytes,
    ...edgeServerOptions({ requestTimeoutMs: config.requestTimeoutMs }),
    // Keep the caller's X-Request-Id when it is sane, so one id follows a request across systems.
    genReqId: (request: IncomingMessage) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID_PATTERN.test(given) ? given : randomUUID();
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register(config), adapter, {
    logger: new JsonLogger(pino),
    preview: options.preview,
    abortOnError: false,
  });

  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'health/live', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
      { path: 'metrics', method: RequestMethod.GET },
    ],
  });
  app.useGlobalPipes(new StrictValidationPipe());
  app.enableShutdownHooks();

  const fastify = app.getHttpAdapter().getInstance();
  registerCsvBodyParser(fastify);
  registerInputGuard(fastify);
  registerShutdownGuard(fastify);
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    done();
  });
  if (!options.preview) {
    const metrics = app.get(MetricsService);
    fastify.addHook('onResponse', (request, reply, done) => {
      metrics.observe(
        request.method,
        request.routeOptions.url ?? 'unmatched',
        reply.statusCode,
        reply.elapsedTime / 1000,
      );
      done();
    });
  }

  if (config.swaggerEnabled || options.preview) {
    const document = buildOpenApiDocument(app);
    SwaggerModule.setup('docs', app, document, {
      jsonDocumentUrl: 'docs/openapi.json',
      swaggerOptions: { persistAuthorization: true, displayOperationId: true },
      customSiteTitle: 'OSM API',
    });
  }
  return app;
}

/**
 * Listens on the configured port; when that fails (the port is taken), closes the application first, so
 * an embedded PostgreSQL it started is stopped rather than left running without its service.
 */
export async function listenOrClose(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
}

export function buildOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('OSM — Outsourced Sales Manager API')
    .setDescription(
      'Run outside sales vendors and commissioned reps as one sales machine. ' +
        'Authenticate with `POST /api/v1/auth/token`, then send `Authorization: Bearer <token>`. ' +
        'Errors are RFC 9457 `application/problem+json` with a stable `code`.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  return SwaggerModule.createDocument(app, config, {
    operationIdFactory: (_controllerKey: string, methodKey: string) => methodKey,
  });
}
