import type { FastifyHttpOptions, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { type Server, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { DomainException } from '../errors/domain.exception';
import { ErrorCode, problemTypeUri } from '../errors/error-codes';
import { sendProblem, toProblem } from '../errors/problem-details';
import { refuseUnsafeInput } from './input-guard';

/**
 * Errors Fastify answers before any route runs (an over-long path parameter, a malformed URL) leave as
 * problem+json like every other error, instead of Fastify's own JSON.
 */
export function frameworkErrorHandler(error: Error, request: FastifyRequest, reply: FastifyReply): void {
  sendProblem(reply, toProblem(error, request));
}

const CLIENT_ERRORS: Record<string, { status: number; code: ErrorCode; detail: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    code: ErrorCode.HEADERS_TOO_LARGE,
    detail: 'The request headers are larger than the service accepts',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    code: ErrorCode.REQUEST_TIMEOUT,
    detail: 'The request did not arrive in full within the time the service allows',
  },
};

/**
 * Errors Node's HTTP parser raises before Fastify has a request (headers too large, a request that
 * trickles in past the timeout, garbage on the wire): answered as problem+json on the raw socket.
 */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const known = CLIENT_ERRORS[error.code ?? ''] ?? {
    status: 400,
    code: ErrorCode.MALFORMED_REQUEST,
    detail: 'The request is not valid HTTP',
  };
  const requestId = randomUUID();
  const body = JSON.stringify({
    type: problemTypeUri(known.code),
    title: STATUS_CODES[known.status],
    status: known.status,
    detail: known.detail,
    code: known.code,
    requestId,
  });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${known.status} ${STATUS_CODES[known.status]}\r\n` +
        'Content-Type: application/problem+json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\nX-Request-Id: ${requestId}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

/** Server options that bound what a client can make the service do before a route runs. */
export function edgeServerOptions(limits: { requestTimeoutMs: number }): Partial<FastifyHttpOptions<Server>> {
  return {
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler,
    // The whole request, headers and body, must arrive within this time (Fastify's default: never), so a
    // body that trickles in cannot hold a connection; Node checks every second rather than every 30 s.
    requestTimeout: limits.requestTimeoutMs,
    http: {
      requestTimeout: limits.requestTimeoutMs,
      headersTimeout: Math.min(limits.requestTimeoutMs, 60_000),
      connectionsCheckingInterval: 1000,
    },
    // On shutdown, keep-alive connections with no request in flight are closed at once, and a request
    // that still arrives is answered by the shutdown guard below (problem+json), not Fastify's plain 503.
    forceCloseConnections: 'idle',
    return503OnClosing: false,
    // Ids are UUIDs and codes short; a longer segment is answered 414 without matching a route.
    routerOptions: { maxParamLength: 200 },
  };
}

/**
 * Refuses, before guards, interceptors and pipes run, a body, query or path parameter nested too deep or
 * holding text PostgreSQL cannot store (see input-guard.ts).
 */
export function registerInputGuard(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', (request, _reply, done) => {
    try {
      refuseUnsafeInput({ body: request.body, query: request.query, params: request.params });
      done();
    } catch (error) {
      done(error as Error);
    }
  });
}

/** Seconds a client should wait before sending again to an instance that is shutting down. */
const SHUTDOWN_RETRY_AFTER_SECONDS = 5;

/**
 * Once the service starts shutting down, requests already running finish, and a request that still
 * arrives on an open connection is answered 503 problem+json with Retry-After and `Connection: close`,
 * so a client or load balancer sends it again to another instance.
 */
export function registerShutdownGuard(fastify: FastifyInstance): void {
  let closing = false;
  fastify.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    if (!closing) {
      done();
      return;
    }
    void reply.header('connection', 'close');
    sendProblem(
      reply,
      toProblem(
        new DomainException(
          ErrorCode.SERVICE_UNAVAILABLE,
          'The service is shutting down; send the request again after the time in Retry-After',
          undefined,
          { retryAfterSeconds: SHUTDOWN_RETRY_AFTER_SECONDS },
        ),
        request,
      ),
    );
  });
}
