import type { OpenAPIObject } from '@nestjs/swagger';
import { completeContract, exampleFromSchema, type ContractDocument } from './contract-pass';

/** A small document: a versioned object read by id, and an idempotent create with a body. */
function smallDocument(): ContractDocument {
  return {
    paths: {
      '/things/{id}': {
        get: {
          parameters: [{ name: 'id', in: 'path' }],
          responses: { '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } } },
        },
      },
      '/things': {
        post: {
          parameters: [{ name: 'Idempotency-Key', in: 'header' }],
          requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/CreateThing' } } } },
          responses: {
            '201': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
            '429': { description: 'Too many' },
          },
        },
      },
    },
    components: {
      schemas: {
        ProblemDto: { type: 'object', properties: {} },
        Kind: { type: 'string', enum: ['small', 'large'] },
        Thing: {
          type: 'object',
          properties: {
            version: { type: 'integer' },
            kind: { nullable: true, allOf: [{ $ref: '#/components/schemas/Kind' }] },
          },
        },
        CreateThing: {
          type: 'object',
          required: ['name', 'kind', 'startsOn', 'count'],
          properties: {
            name: { type: 'string', minLength: 3 },
            kind: { $ref: '#/components/schemas/Kind' },
            startsOn: { type: 'string', format: 'date' },
            count: { type: 'integer', minimum: 2 },
            note: { type: 'string', example: 'a note' },
            skipped: { type: 'string' },
          },
        },
      },
    },
  };
}

const run = (): ContractDocument =>
  completeContract(smallDocument() as unknown as OpenAPIObject) as unknown as ContractDocument;

describe('completeContract', () => {
  it('declares X-Request-Id on every response, ETag on a versioned object and Idempotent-Replayed on an idempotent success', () => {
    const doc = run();
    const get = doc.paths['/things/{id}'].get!.responses!;
    const post = doc.paths['/things'].post!.responses!;
    for (const response of [...Object.values(get), ...Object.values(post)])
      expect(response.headers).toHaveProperty('X-Request-Id');
    expect(get['200'].headers).toHaveProperty('ETag');
    expect(post['201'].headers).toHaveProperty('ETag');
    expect(post['201'].headers).toHaveProperty('Idempotent-Replayed');
    expect(get['200'].headers).not.toHaveProperty('Idempotent-Replayed');
    expect(post['429'].headers).toHaveProperty('Retry-After');
    expect(post['503'].headers).toHaveProperty('Retry-After');
  });

  it('documents 500 and 503 everywhere, 413 and 415 with a body, 414 with a path parameter', () => {
    const doc = run();
    expect(Object.keys(doc.paths['/things/{id}'].get!.responses!).sort()).toEqual(['200', '414', '500', '503']);
    expect(Object.keys(doc.paths['/things'].post!.responses!).sort()).toEqual([
      '201',
      '413',
      '415',
      '429',
      '500',
      '503',
    ]);
    expect(doc.paths['/things'].post!.responses!['413']).toMatchObject({ 'x-error-codes': ['PAYLOAD_TOO_LARGE'] });
    expect(doc.components!.schemas!.ProblemDto.additionalProperties).toBe(true);
  });

  it('gives nullable beside allOf the type of what it refers to', () => {
    expect(run().components!.schemas!.Thing.properties!.kind.type).toBe('string');
  });

  it('builds a request example from required properties and those with an example', () => {
    const body = run().paths['/things'].post!.requestBody!.content!['application/json'];
    expect(body.example).toEqual({ name: 'xxx', kind: 'small', startsOn: '2026-07-01', count: 2, note: 'a note' });
  });

  it('keeps an example the operation already has', () => {
    const doc = smallDocument();
    doc.paths['/things'].post!.requestBody!.content!['application/json'].example = { name: 'mine' };
    const done = completeContract(doc as unknown as OpenAPIObject) as unknown as ContractDocument;
    expect(done.paths['/things'].post!.requestBody!.content!['application/json'].example).toEqual({ name: 'mine' });
  });

  it('samples arrays with their minimum of items, and oneOf by its first member', () => {
    const doc = smallDocument();
    expect(exampleFromSchema(doc, { type: 'array', minItems: 2, items: { type: 'boolean' } })).toEqual([true, true]);
    expect(exampleFromSchema(doc, { oneOf: [{ type: 'integer', minimum: 5 }, { type: 'string' }] })).toBe(5);
  });
});
