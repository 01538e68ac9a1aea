import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ErrorCode } from '../src/common/errors/error-codes';
import { ERROR_STATUS } from '../src/common/errors/error-status';
import { REGION_CODE_PATTERN } from '../src/modules/vendors/region-code';

interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  'x-public'?: boolean;
  parameters?: { name: string; in: string }[];
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

// ---- what the server does for every operation alike (src/common/openapi/contract-pass.ts) ----

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const full = document as unknown as {
  paths: Record<string, Record<string, Json>>;
  components: { schemas: Record<string, Json> };
};
const refName = (ref: string): string => ref.split('/').pop()!;
const resolved = (schema: Json | undefined): Json => {
  let s: Json = schema ?? {};
  for (let i = 0; s.$ref && i < 20; i++) s = full.components.schemas[refName(s.$ref as string)];
  return s.allOf?.length === 1 ? { ...resolved(s.allOf[0] as Json), ...s, allOf: undefined } : s;
};
const responses = operations.flatMap(({ name, operation }) =>
  Object.entries(operation.responses as Record<string, Json>).map(([status, response]) => ({
    name: `${name} ${status}`,
    status: Number(status),
    response,
    operation: operation,
  })),
);

describe('OpenAPI contract: what every operation answers', () => {
  it('declares X-Request-Id on every response', () => {
    const missing = responses
      .filter(({ response }) => !response.headers?.['X-Request-Id'])
      .map((r) => r.name);
    expect(missing).toEqual([]);
  });

  it('declares Retry-After on every 429 and 503', () => {
    const missing = responses
      .filter(
        ({ status, response }) => (status === 429 || status === 503) && !response.headers?.['Retry-After'],
      )
      .map((r) => r.name);
    expect(missing).toEqual([]);
  });

  it('declares ETag on a 200/201 that answers one object with a numeric version', () => {
    const versioned = responses.filter(({ status, response }) => {
      if (status !== 200 && status !== 201) return false;
      const schema = resolved(response.content?.['application/json']?.schema as Json | undefined);
      const version = resolved(schema.properties?.version as Json | undefined);
      return schema.type !== 'array' && (version.type === 'integer' || version.type === 'number');
    });
    expect(versioned.length).toBeGreaterThan(50);
    expect(versioned.filter(({ response }) => !response.headers?.ETag).map((r) => r.name)).toEqual([]);
  });

  it('declares Idempotent-Replayed on the success answers of operations that take Idempotency-Key', () => {
    const idempotent = responses.filter(
      ({ status, operation }) =>
        status < 300 && (operation.parameters ?? []).some((p) => p.name === 'Idempotency-Key'),
    );
    expect(idempotent.length).toBeGreaterThan(0);
    expect(
      idempotent.filter(({ response }) => !response.headers?.['Idempotent-Replayed']).map((r) => r.name),
    ).toEqual([]);
  });

  it.each(operations)(
    '$name documents 500 and 503, and 413/415 with a body and 414 with a path parameter',
    ({ operation }) => {
      const op = operation as unknown as Json;
      const expected = ['500', '503'];
      if (op.requestBody) expected.push('413', '415');
      if ((operation.parameters ?? []).some((p) => p.in === 'path')) expected.push('414');
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(expected));
      for (const status of expected)
        expect(Object.keys(operation.responses[status].content ?? {})).toEqual(['application/problem+json']);
    },
  );

  it('never puts nullable beside allOf without a type (3.0 generators ignore it there)', () => {
    const found: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (node === null || typeof node !== 'object') return;
      const s = node as Json;
      if (s.nullable === true && Array.isArray(s.allOf) && s.type === undefined) found.push(path);
      for (const [key, child] of Object.entries(s)) walk(child, `${path}/${key}`);
    };
    walk(full, '#');
    expect(found).toEqual([]);
  });

  it('gives every JSON request body an example that its schema accepts', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const failures: string[] = [];
    for (const { name, operation } of operations) {
      const body = (operation as unknown as Json).requestBody?.content?.['application/json'] as
        Json | undefined;
      if (!body) continue;
      const examples: unknown[] =
        body.example !== undefined
          ? [body.example]
          : Object.values((body.examples ?? {}) as Record<string, { value: unknown }>).map((e) => e.value);
      if (examples.length === 0) failures.push(`${name}: no example`);
      const validate = ajv.compile({ ...(body.schema as Json), components: full.components });
      for (const example of examples)
        if (!validate(example)) failures.push(`${name}: ${ajv.errorsText(validate.errors)}`);
    }
    expect(failures).toEqual([]);
  });

  it('documents the extension members of problems, and allows others', () => {
    const problem = full.components.schemas.ProblemDto;
    expect(problem.additionalProperties).toBe(true);
    expect(Object.keys(problem.properties as object)).toEqual(
      expect.arrayContaining(['currentVersion', 'retryAfterSeconds', 'matchedOn', 'duplicateOfLeadId']),
    );
  });

  it('documents the token request as one schema per grant type', () => {
    const body = full.paths['/api/v1/auth/token'].post.requestBody.content['application/json'].schema as Json;
    expect(body.discriminator).toMatchObject({ propertyName: 'grant_type' });
    const grants = (body.oneOf as Json[]).map((ref) => full.components.schemas[refName(ref.$ref as string)]);
    expect(grants.map((grant) => [...(grant.required as string[])].sort())).toEqual([
      ['grant_type', 'password', 'username'],
      ['client_id', 'client_secret', 'grant_type'],
    ]);
  });

  it('gives date-only fields format: date and every regionCode the region code pattern', () => {
    const NOT_DATES = /^(history|status|grade)(From|To)$|^matchedOn$/;
    const wrong: string[] = [];
    for (const [schemaName, schema] of Object.entries(full.components.schemas)) {
      for (const [property, value] of Object.entries((schema.properties ?? {}) as Record<string, Json>)) {
        if (
          /(On|Date|From|To)$/.test(property) &&
          !NOT_DATES.test(property) &&
          value.type === 'string' &&
          !value.format
        )
          wrong.push(`${schemaName}.${property}: no format`);
        if (property === 'regionCode' && value.pattern !== REGION_CODE_PATTERN.source)
          wrong.push(`${schemaName}.${property}: no region code pattern`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
