import { completeContract } from './common/openapi/contract-pass';
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
import { webhooksSection } from './modules/webhooks/webhook-events';

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
  const builder = new DocumentBuilder()
    .setTitle('OSM — Outsourced Sales Manager API')
    .setDescription(
      'Run outside sales vendors and commissioned reps as one sales machine. ' +
        'Authenticate with `POST /api/v1/auth/token`, then send `Authorization: Bearer <token>`. ' +
        'Errors are RFC 9457 `application/problem+json` with a stable `code`.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    // Paths carry their full prefix (/api/v1/…, /health/…), so the server is where the API is served from.
    .addServer('/', 'The server this document was fetched from')
    .addTag(
      'agreements',
      'Agreements signed with vendors: scope of responsibility (product lines, regions, industries), fees and commission, quotas, KPI clauses and their breaches.',
    )
    .addTag(
      'alerts',
      'Alerts the scheduler’s checks raise, their acknowledgement and summary, and the daily and weekly alert digests.',
    )
    .addTag(
      'announcements',
      'Company announcements (market news, strategy, price changes) addressed to all or chosen vendors, with read receipts.',
    )
    .addTag(
      'audit',
      'The change history of any audited object: who changed what, when, with the before and after.',
    )
    .addTag(
      'auth',
      'Sign-in: access tokens for users and integration clients, the caller’s own principal, password resets.',
    )
    .addTag(
      'calendar',
      'Working-day calendars per country: holidays, make-up workdays and working-day counts that deadlines and quotas use.',
    )
    .addTag(
      'call-reports',
      'Call reports filed by reps (calls, visits, meetings, demos), quota compliance, daily briefs and plausibility flags.',
    )
    .addTag(
      'catalog',
      'Product lines, products with list and floor prices, and bundles: what vendors sell and the lowest price allowed.',
    )
    .addTag(
      'conflicts of interest',
      'Declarations of competing lines carried by vendors or reps, the conflicts they raise and their clearance.',
    )
    .addTag(
      'contracts',
      'Contracts and their lines: pricing against the floor, approval, signing, status, renewals, invoices, payments, milestones and fulfilment reviews.',
    )
    .addTag(
      'customer feedback',
      'Customer satisfaction: CSAT answers and single-use survey links, and complaints with their answer deadline.',
    )
    .addTag(
      'customers',
      'Customers as accounts (won leads and ERP imports): contracts, revenue, open leads and call reports.',
    )
    .addTag(
      'exchange rates',
      'Exchange rates between currencies and the reporting currency used to convert money in reports.',
    )
    .addTag(
      'import mappings',
      'Column mappings that bring exports of other systems (Salesforce, Odoo, HubSpot, an ERP) into the lead and customer imports.',
    )
    .addTag(
      'knowledge',
      'The knowledge base: articles with revisions, search, and each product line’s sales playbook.',
    )
    .addTag(
      'lead pool',
      'Lead pools (公海): idle leads reclaimed into pools, claims and distributions, reclaim warnings and revival.',
    )
    .addTag(
      'lead routing',
      'Assignment rules and automatic routing of leads to vendors and reps, overrides, declines and the recorded decisions.',
    )
    .addTag(
      'lead settings',
      'Company settings for lead grading: cut-offs, dead-after days and factor points.',
    )
    .addTag(
      'leads',
      'Leads from intake to win or loss: create, import, upsert by external id, edit, follow-ups, status, merge, pipeline values and conversion.',
    )
    .addTag(
      'market-feedback',
      'What the field sees in the market: competitors, prices and customer opinions, reported by vendors and reps.',
    )
    .addTag(
      'named accounts',
      'Named accounts: companies reserved for the company’s own team, kept out of vendor routing.',
    )
    .addTag(
      'operations',
      'Liveness, readiness and Prometheus metrics for operators; no sign-in, outside /api/v1.',
    )
    .addTag(
      'organisation',
      'The company’s organisation: sales regions (territories), sales units and the industry codes.',
    )
    .addTag(
      'privacy',
      'Personal data: data-subject export and erasure of contact persons, and the contact retention setting.',
    )
    .addTag(
      'reports',
      'Reports (analysis, funnel, losses, forecast, leaderboards, attainment) as JSON, CSV, XLSX and SVG, list exports and dashboard links.',
    )
    .addTag(
      'reps',
      'Sales reps of vendors and internal teams: their records, grades and quotas, and their logins.',
    )
    .addTag(
      'scheduler',
      'The periodic checks behind the alerts: their thresholds, per-vendor overrides, manual runs and the run log.',
    )
    .addTag(
      'scoring',
      'Scorecards, period scores, earned grades and tiers with overrides, leaderboards and incentive contests.',
    )
    .addTag(
      'settlement',
      'Vendor settlement: statements computed from revenue and targets, approval and lock, CSV export, and disputes of lines.',
    )
    .addTag(
      'targets',
      'Sales targets as a tree: creation, decomposition, revisions, approval and lock, attainment, actuals imports and activity plans.',
    )
    .addTag(
      'training',
      'Training: curricula of required articles and a quiz per product line, enrolment, progress and the certifications a pass gives.',
    )
    .addTag('users', 'Users of the company and vendors (admin) and integration API clients.')
    .addTag('vendor reviews', 'Periodic reviews of vendors: ratings, a score, comments and action items.')
    .addTag(
      'vendor selection',
      'Choosing new vendors: candidates rated on weighted criteria, side-by-side comparisons and recorded decisions.',
    )
    .addTag(
      'vendors',
      'Vendors (outside sales partners): their details, lifecycle from onboarding to offboarding, effective scope and checklists.',
    )
    .addTag(
      'webhooks',
      'Webhook subscriptions, the event catalogue and the delivery log; the events themselves are under x-webhooks.',
    );
  const document = SwaggerModule.createDocument(app, builder.build(), {
    operationIdFactory: (_controllerKey: string, methodKey: string) => methodKey,
  });
  return completeContract({ ...document, 'x-webhooks': webhooksSection() } as OpenAPIObject);
}
