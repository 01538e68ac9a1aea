import type { OpenAPIObject } from '@nestjs/swagger';
import { ErrorCode, problemTypeUri } from '../errors/error-codes';
import { titleFor } from '../errors/problem-details';

/** The parts of an OpenAPI 3.0 document this pass reads and writes. */
export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  default?: unknown;
  nullable?: boolean;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  minimum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  minItems?: number;
  additionalProperties?: boolean | Schema;
  [keyword: string]: unknown;
}
interface Parameter {
  name: string;
  in: string;
}
interface MediaType {
  schema?: Schema;
  example?: unknown;
  examples?: unknown;
}
interface Response {
  description?: string;
  headers?: Record<string, unknown>;
  content?: Record<string, MediaType>;
  [field: string]: unknown;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, MediaType> };
  responses?: Record<string, Response>;
}
const METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head', 'options'] as const;
export interface ContractDocument {
  paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>;
  components?: { schemas?: Record<string, Schema> };
}
const PROBLEM_REF = '#/components/schemas/ProblemDto';

/** Headers the server sets, as the contract declares them. */
export const RESPONSE_HEADERS = {
  requestId: {
    description: 'The id of this request (the `requestId` of a problem); quote it when reporting an error',
    schema: { type: 'string', example: '5f0c6b8e-2a4d-4b7a-9c1e-3d2f8a6b4c10' },
  },
  etag: {
    description: 'The version of the object answered, for `If-Match` on its next update',
    schema: { type: 'string', example: '"3"' },
  },
  idempotentReplayed: {
    description: '`true` when this answer is the replay of an earlier request with the same Idempotency-Key',
    schema: { type: 'string', enum: ['true'] },
  },
  retryAfter: {
    description: 'Seconds to wait before sending the request again',
    schema: { type: 'integer', minimum: 0, example: 5 },
  },
} as const;

/**
 * Problems every operation can answer whatever it does, with the code the server sends and when:
 * the server's error handler (problem-details.ts) and its edges (fastify-edges.ts) answer them before
 * or around any handler.
 */
const EDGE_PROBLEMS: {
  status: number;
  code: ErrorCode;
  description: string;
  applies: (op: Operation) => boolean;
}[] = [
  {
    status: 413,
    code: ErrorCode.PAYLOAD_TOO_LARGE,
    description: 'The request body is larger than the service accepts (BODY_LIMIT_BYTES, 10 MiB by default)',
    applies: (op) => op.requestBody !== undefined,
  },
  {
    status: 414,
    code: ErrorCode.URI_TOO_LONG,
    description: 'A path parameter is longer than the service accepts (200 characters)',
    applies: (op) => (op.parameters ?? []).some((p) => p.in === 'path'),
  },
  {
    status: 415,
    code: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
    description: 'The request body is not in a media type the operation takes',
    applies: (op) => op.requestBody !== undefined,
  },
  {
    status: 500,
    code: ErrorCode.INTERNAL_ERROR,
    description: 'An unexpected error; quote the requestId when reporting it',
    applies: () => true,
  },
  {
    status: 503,
    code: ErrorCode.SERVICE_UNAVAILABLE,
    description: 'The database is not reachable or the service is shutting down; retry after Retry-After',
    applies: () => true,
  },
];

function problemResponse(status: number, code: ErrorCode, description: string): Response {
  return {
    description: `${description} (${code})`,
    'x-error-codes': [code],
    content: {
      'application/problem+json': {
        schema: { $ref: PROBLEM_REF },
        example: {
          type: problemTypeUri(code),
          title: titleFor(status),
          status,
          detail: description,
          code,
          requestId: '5f0c6b8e-2a4d-4b7a-9c1e-3d2f8a6b4c10',
        },
      },
    },
  };
}

function schemaOf(document: ContractDocument, ref: string): Schema | undefined {
  return document.components?.schemas?.[ref.split('/').pop()!];
}

/** The schema with its `$ref` and single-member `allOf` followed. */
function resolve(document: ContractDocument, schema: Schema | undefined, depth = 0): Schema {
  let s: Schema = schema ?? {};
  for (let i = 0; s.$ref && i < 20; i++) s = schemaOf(document, s.$ref) ?? {};
  if (s.allOf?.length === 1 && depth < 20) {
    const { allOf, ...rest } = s;
    return { ...resolve(document, allOf[0], depth + 1), ...rest };
  }
  return s;
}

/** The VersionEtagInterceptor sets ETag for a single object whose body has a numeric `version`. */
function carriesVersion(document: ContractDocument, schema: Schema | undefined): boolean {
  const s = resolve(document, schema);
  if (s.type === 'array') return false;
  const version = s.properties?.version ? resolve(document, s.properties.version) : undefined;
  return version?.type === 'integer' || version?.type === 'number';
}

const FIXED_UUID = '00000000-0000-4000-8000-000000000000';

/**
 * A value the schema allows, built from the schema's own examples, defaults, enums and formats: an object
 * gets its required properties and those with an example or default.
 */
export function exampleFromSchema(document: ContractDocument, input: Schema | undefined, depth = 0): unknown {
  const s = resolve(document, input);
  if (s.example !== undefined) return s.example;
  if (s.default !== undefined) return s.default;
  if (s.enum?.length) return s.enum[0];
  if (s.oneOf?.length) return exampleFromSchema(document, s.oneOf[0], depth + 1);
  if (s.anyOf?.length) return exampleFromSchema(document, s.anyOf[0], depth + 1);
  if (s.allOf?.length) {
    return Object.assign(
      {},
      ...s.allOf.map((part) => exampleFromSchema(document, part, depth + 1) as object),
    );
  }
  switch (s.type) {
    case 'string':
      if (s.format === 'uuid') return FIXED_UUID;
      if (s.format === 'date') return '2026-07-01';
      if (s.format === 'date-time') return '2026-07-01T08:00:00.000Z';
      if (s.format === 'email') return 'someone@example.com';
      if (s.format === 'uri' || s.format === 'url') return 'https://example.com/';
      return 'x'.repeat(Math.max(1, s.minLength ?? 1));
    case 'integer':
    case 'number':
      return s.minimum ?? (s.exclusiveMinimum !== undefined ? Number(s.exclusiveMinimum) + 1 : 1);
    case 'boolean':
      return true;
    case 'array': {
      if (depth > 6) return [];
      const count = Math.max(1, s.minItems ?? 1);
      return Array.from({ length: count }, () => exampleFromSchema(document, s.items, depth + 1));
    }
    default: {
      if (!s.properties || depth > 6) return {};
      const required = new Set<string>(s.required ?? []);
      const entries = Object.entries(s.properties).filter(([name, property]) => {
        if (required.has(name)) return true;
        const resolved = resolve(document, property);
        return property.example !== undefined || resolved.example !== undefined || resolved.default !== undefined;
      });
      return Object.fromEntries(
        entries.map(([name, property]) => [name, exampleFromSchema(document, property, depth + 1)]),
      );
    }
  }
}

/** `nullable` is only read beside a `type` in OpenAPI 3.0: give `nullable` + `allOf` the referenced type. */
function typeNullableAllOf(document: ContractDocument, node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach((child) => typeNullableAllOf(document, child));
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const schema = node as Schema;
  if (schema.nullable === true && Array.isArray(schema.allOf) && schema.type === undefined) {
    schema.type = resolve(document, schema.allOf[0]).type ?? 'object';
  }
  Object.values(schema).forEach((child) => typeNullableAllOf(document, child));
}

/**
 * Completes the contract with what the server does for every operation alike, from the same facts the
 * server acts on: the response headers (X-Request-Id always, ETag for a single versioned object,
 * Idempotent-Replayed where Idempotency-Key is taken, Retry-After on 429 and 503), the problems its edges
 * answer (413, 414, 415, 500, 503), an example for every JSON request body, and `nullable` read by 3.0
 * generators.
 */
export function completeContract(input: OpenAPIObject): OpenAPIObject {
  const document = input as unknown as ContractDocument;
  const problem = schemaOf(document, PROBLEM_REF);
  // Extension members vary by code (RFC 9457 §3.2): the documented ones are listed, others may appear.
  if (problem) problem.additionalProperties = true;
  typeNullableAllOf(document, document.components?.schemas);
  typeNullableAllOf(document, document.paths);
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const responses = (op.responses ??= {});
      for (const problem of EDGE_PROBLEMS) {
        if (problem.applies(op) && !responses[problem.status]) {
          responses[problem.status] = problemResponse(problem.status, problem.code, problem.description);
        }
      }
      const idempotent = (op.parameters ?? []).some(
        (p) => p.in === 'header' && String(p.name).toLowerCase() === 'idempotency-key',
      );
      for (const [status, response] of Object.entries(responses)) {
        const code = Number(status);
        const headers: Record<string, unknown> = { ...(response.headers ?? {}) };
        headers['X-Request-Id'] ??= RESPONSE_HEADERS.requestId;
        const json = response.content?.['application/json']?.schema;
        if ((code === 200 || code === 201) && json && carriesVersion(document, json)) {
          headers.ETag ??= RESPONSE_HEADERS.etag;
        }
        if (idempotent && code >= 200 && code < 300) {
          headers['Idempotent-Replayed'] ??= RESPONSE_HEADERS.idempotentReplayed;
        }
        if (code === 429 || code === 503) headers['Retry-After'] ??= RESPONSE_HEADERS.retryAfter;
        response.headers = headers;
      }
      const body = op.requestBody?.content?.['application/json'];
      if (body?.schema && body.example === undefined && body.examples === undefined) {
        body.example = exampleFromSchema(document, body.schema);
      }
    }
  }
  return input;
}
