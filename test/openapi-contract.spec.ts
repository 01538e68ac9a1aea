import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Operation {
  operationId?: string;
  summary?: string;
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

  it('has unique operationIds', () => {
    const ids = operations.map(({ operation }) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
