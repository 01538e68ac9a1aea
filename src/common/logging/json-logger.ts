import { LoggerService } from '@nestjs/common';
import pino, { Logger as Pino } from 'pino';
import type { AppConfig } from '../../config/app-config';

/** One pino instance for Fastify's request logs and Nest's own messages: JSON lines on stdout. */
export function createPino(config: Pick<AppConfig, 'logLevel'>): Pino {
  return pino({
    level: config.logLevel,
    base: { service: 'osm' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
  });
}

type Message = unknown;

/** Nest's LoggerService on top of pino; the context (class name) becomes a field. */
export class JsonLogger implements LoggerService {
  constructor(private readonly pino: Pino) {}

  private write(
    level: 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal',
    message: Message,
    params: unknown[],
  ) {
    const context = typeof params[params.length - 1] === 'string' ? (params.pop() as string) : undefined;
    const fields: Record<string, unknown> = context ? { context } : {};
    if (level === 'error' && typeof params[0] === 'string') fields.stack = params[0];
    if (message && typeof message === 'object') this.pino[level]({ ...fields, ...message });
    else this.pino[level](fields, String(message));
  }

  log(message: Message, ...params: unknown[]) {
    this.write('info', message, params);
  }
  error(message: Message, ...params: unknown[]) {
    this.write('error', message, params);
  }
  warn(message: Message, ...params: unknown[]) {
    this.write('warn', message, params);
  }
  debug(message: Message, ...params: unknown[]) {
    this.write('debug', message, params);
  }
  verbose(message: Message, ...params: unknown[]) {
    this.write('trace', message, params);
  }
  fatal(message: Message, ...params: unknown[]) {
    this.write('fatal', message, params);
  }
}
