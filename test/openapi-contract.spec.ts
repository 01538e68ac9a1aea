import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ErrorCode } from '../src/common/errors/error-codes';
import { ERROR_STATUS } from '../src/common/errors/error-status';

interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  'x-public'?: boolean;
  responses: Record<string, { content?: Record<string, unknown> }>;
}

const document = JSON.parse(readFileSync(join(__dirname, '..', 'openapi', 'openapi.json'), 'utf8')) as {
  paths: Record<string, Record<string, Operation>>;
};

const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({
    name: `${method.toUpperCase()} ${path}`,
    operation,
  })),
);

/** The committed contract (kept fresh by `npm run openapi:check`) must document every operation fully. */
describe('OpenAPI contract', () => {
  it('has operations to check', () => {
    expect(operations.length).toBeGreaterThan(5);
  });

  it.each(operations)('$name requires a bearer token unless marked public', ({ operation }) => {
    const bearer = operation.security?.some((requirement) => 'bearer' in requirement) ?? false;
    expect(bearer || operation['x-public'] === true).toBe(true);
    if (bearer) expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['401', '403']));
  });

  it.each(operations)('$name has a tag, a summary and an operationId', ({ operation }) => {
    expect(operation.tags?.length).toBeGreaterThan(0);
    expect(operation.summary?.length).toBeGreaterThan(5);
    expect(operation.operationId).toMatch(/^[a-z][A-Za-z]+$/);
  });

  it.each(operations.filter(({ operation }) => !operation['x-public']))(
    '$name documents its error responses as problem+json',
    ({ operation }) => {
      const errors = Object.entries(operation.responses).filter(([status]) => Number(status) >= 400);
      expect(errors.length).toBeGreaterThan(0);
      for (const [, response] of errors)
        expect(Object.keys(response.content ?? {})).toEqual(['application/problem+json']);
    },
  );

  it.each(operations)('$name has a description that says more than its summary', ({ operation }) => {
    expect(operation.description?.length).toBeGreaterThan(20);
    expect(operation.description).not.toBe(operation.summary);
  });

  it('has unique operationIds', () => {
    const ids = operations.map(({ operation }) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

// ---- error codes: documented under the status the one table gives them, and every code a handler throws ----

type Documented = { operation: Operation & { responses: Record<string, { 'x-error-codes'?: string[] }> } };

const byOperationId = new Map(
  operations.map(({ operation }) => [operation.operationId ?? '', operation as Documented['operation']]),
);

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? tsFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** The body of method `name` in `source` (class members are indented two spaces), or ''. */
function methodBody(source: string, name: string): string {
  const start = new RegExp(`\\n  (?:(?:private|public|protected|static|async) )*${name}\\(`).exec(source);
  if (!start) return '';
  const end = source.indexOf('\n  }\n', start.index);
  return source.slice(start.index, end < 0 ? undefined : end);
}

const codesIn = (text: string): ErrorCode[] =>
  [...text.matchAll(/ErrorCode\.([A-Z0-9_]+)/g)].map((match) => match[1] as ErrorCode);

const SRC = join(__dirname, '..', 'src');
const sources = new Map(tsFiles(SRC).map((path) => [path, readFileSync(path, 'utf8')]));

/**
 * Codes an endpoint throws, found statically: those named in its handler, and those named in the service
 * methods the handler calls (one level down, in the services of its own module).
 */
const thrownByOperation = [...sources]
  .filter(([path]) => path.endsWith('.controller.ts'))
  .flatMap(([path, source]) => {
    const moduleDir = path.slice(0, path.lastIndexOf('/'));
    const services = [...sources].filter(
      ([other]) => other.startsWith(moduleDir) && /\.service\.ts$|-rules?\.ts$|-terms\.ts$/.test(other),
    );
    // A handler is named after its operationId (the document's operationIdFactory).
    return [...byOperationId.keys()]
      .map((operationId) => ({ operationId, handler: methodBody(source, operationId) }))
      .filter(({ handler }) => handler !== '')
      .map(({ operationId, handler }) => {
        const called = [...handler.matchAll(/this\.\w+\.(\w+)\(/g)].map((call) => call[1]);
        const codes = new Set([
          ...codesIn(handler),
          ...called.flatMap((name) => services.flatMap(([, text]) => codesIn(methodBody(text, name)))),
        ]);
        return { operationId, codes: [...codes] };
      });
  });

describe('OpenAPI contract: error codes', () => {
  it('documents every code under the status the error table gives it', () => {
    const misplaced = operations.flatMap(({ name, operation }) =>
      Object.entries((operation as Documented['operation']).responses).flatMap(([status, response]) =>
        (response['x-error-codes'] ?? [])
          .filter((code) => String(ERROR_STATUS[code as ErrorCode]) !== status)
          .map((code) => `${name}: ${code} under ${status}`),
      ),
    );
    expect(misplaced).toEqual([]);
  });

  it('finds the handler of every operation', () => {
    expect(thrownByOperation.map(({ operationId }) => operationId).sort()).toEqual(
      [...byOperationId.keys()].sort(),
    );
  });

  it('documents on each operation the status of every code its handler and service methods throw', () => {
    const missing = thrownByOperation.flatMap(({ operationId, codes }) => {
      const operation = byOperationId.get(operationId);
      if (!operation) return [];
      return codes
        .filter((code) => !(String(ERROR_STATUS[code]) in operation.responses))
        .map((code) => `${operationId}: ${code} (${ERROR_STATUS[code]})`);
    });
    expect(missing).toEqual([]);
  });

  it('lists a thrown code on its response wherever the operation lists codes for that status', () => {
    const missing = thrownByOperation.flatMap(({ operationId, codes }) => {
      const responses = byOperationId.get(operationId)?.responses ?? {};
      return codes
        .filter((code) => {
          const listed = responses[String(ERROR_STATUS[code])]?.['x-error-codes'];
          return listed !== undefined && !listed.includes(code);
        })
        .map((code) => `${operationId}: ${code}`);
    });
    expect(missing).toEqual([]);
  });
});
