import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Role } from '../../src/common/auth/role';
import { callReportWorld } from '../support/call-report-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A fuzz test generated from the committed contract: for every operation, a sample built from its schema
 * and variants with one thing broken at a time, sent as more than one role. Whatever arrives, the server
 * answers without a 5xx, every 4xx is problem+json, and input the contract forbids is never accepted.
 */

type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  nullable?: boolean;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
};
type Parameter = { name: string; in: string; required?: boolean; schema?: Schema };
type Operation = {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
};

const doc = JSON.parse(readFileSync(join(__dirname, '..', '..', 'openapi', 'openapi.json'), 'utf8')) as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};

const resolve = (schema: Schema | undefined): Schema => {
  let s = schema ?? {};
  for (let i = 0; s.$ref && i < 20; i++) s = doc.components.schemas[s.$ref.split('/').pop()!];
  if (s.allOf?.length === 1) return { ...resolve(s.allOf[0]), nullable: s.nullable };
  return s;
};

const FIXED_UUID = '00000000-0000-4000-8000-000000000000';

/** A value the schema allows: its example when it has one, else the simplest fitting value. */
function sample(input: Schema | undefined, depth = 0): unknown {
  const s = resolve(input);
  if (s.example !== undefined) return s.example;
  if (s.enum?.length) return s.enum[0];
  if (s.oneOf?.length) return sample(s.oneOf[0], depth + 1);
  if (s.anyOf?.length) return sample(s.anyOf[0], depth + 1);
  switch (s.type) {
    case 'string':
      if (s.format === 'uuid') return FIXED_UUID;
      if (s.format === 'date') return '2026-07-01';
      if (s.format === 'date-time') return '2026-07-01T08:00:00.000Z';
      if (s.format === 'email') return 'fuzz@example.com';
      return 'x'.repeat(Math.max(1, s.minLength ?? 1));
    case 'integer':
    case 'number':
      return s.minimum ?? 1;
    case 'boolean':
      return true;
    case 'array':
      return depth > 4 ? [] : [sample(s.items, depth + 1)];
    default: {
      if (!s.properties || depth > 4) return {};
      return Object.fromEntries(
        (s.required ?? []).map((name) => [name, sample(s.properties![name], depth + 1)]),
      );
    }
  }
}

/** Values the contract forbids for a property, each with what it breaks. */
function forbidden(input: Schema): [string, unknown][] {
  const s = resolve(input);
  const out: [string, unknown][] = [];
  if (s.type === 'string') {
    out.push(['a number for a string', 12345]);
    if (s.maxLength !== undefined) out.push(['longer than maxLength', 'x'.repeat(s.maxLength + 1)]);
    if (s.enum?.length) out.push(['not one of the enum', 'no-such-value']);
    if (s.format === 'uuid') out.push(['not a uuid', 'not-a-uuid']);
  }
  if (s.type === 'integer' || s.type === 'number') {
    out.push(['a string for a number', 'twelve']);
    if (s.maximum !== undefined) out.push(['above maximum', s.maximum + 1]);
    if (s.minimum !== undefined) out.push(['below minimum', s.minimum - 1]);
    if (s.type === 'integer') out.push(['a fraction for an integer', 1.5]);
  }
  if (s.type === 'boolean') out.push(['a string for a boolean', 'yes']);
  if (s.type === 'array') out.push(['an object for an array', { not: 'an array' }]);
  return out;
}

/** Strings no schema forbids but a careless server chokes on: control characters, lone surrogates. */
const HOSTILE_STRINGS = ['\u0000', '\ud800', 'a\u202eb', '\u0007\u001b[31m', "'; DROP TABLE leads; --"];

interface Case {
  label: string;
  method: string;
  path: string;
  body?: unknown;
  rawBody?: string;
  contentType?: string;
  /** The contract forbids this input: a 2xx is a defect. */
  invalid: boolean;
}

const fillPath = (path: string, params: Parameter[], id = FIXED_UUID) =>
  path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const schema = resolve(params.find((p) => p.name === name && p.in === 'path')?.schema);
    if (schema.format === 'uuid') return id;
    return encodeURIComponent(String(sample(schema)));
  });

function casesFor(path: string, method: string, op: Operation): Case[] {
  const params = op.parameters ?? [];
  const url = fillPath(path, params);
  const json = op.requestBody?.content['application/json']?.schema;
  const cases: Case[] = [];
  const base = { method: method.toUpperCase(), path: url };
  if (path.includes('{'))
    cases.push({
      ...base,
      label: 'an overlong path id',
      path: fillPath(path, params, 'a'.repeat(3000)),
      body: json ? sample(json) : undefined,
      invalid: params.some((p) => p.in === 'path' && resolve(p.schema).format === 'uuid'),
    });
  for (const p of params.filter((q) => q.in === 'query')) {
    for (const [what, value] of forbidden(p.schema ?? {})) {
      if (typeof value !== 'string' && typeof value !== 'number') continue;
      cases.push({
        ...base,
        label: `query ${p.name}: ${what}`,
        path: `${url}?${p.name}=${encodeURIComponent(String(value))}`,
        body: json ? sample(json) : undefined,
        invalid: !(resolve(p.schema).type === 'string' && typeof value === 'number'),
      });
    }
  }
  if (!json) return cases;
  const valid = sample(json);
  const schema = resolve(json);
  cases.push({ ...base, label: 'the schema sample', body: valid, invalid: false });
  cases.push({ ...base, label: 'a body that is not JSON', rawBody: '{"oops": ', invalid: true });
  cases.push({
    ...base,
    label: 'a text/plain body',
    rawBody: 'hello',
    contentType: 'text/plain',
    invalid: true,
  });
  cases.push({
    ...base,
    label: 'a JSON array for an object',
    body: [valid],
    invalid: schema.type !== 'array',
  });
  if (schema.type === 'object' || schema.properties) {
    const object = valid as Record<string, unknown>;
    cases.push({
      ...base,
      label: 'an unknown field',
      body: { ...object, fuzzUnknownField: 1 },
      invalid: true,
    });
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      for (const [what, value] of forbidden(property)) {
        cases.push({ ...base, label: `${name}: ${what}`, body: { ...object, [name]: value }, invalid: true });
      }
      if (schema.required?.includes(name) && !resolve(property).nullable) {
        cases.push({ ...base, label: `${name}: null`, body: { ...object, [name]: null }, invalid: true });
        const { [name]: _dropped, ...without } = object;
        cases.push({ ...base, label: `${name}: missing`, body: without, invalid: true });
      }
      if (resolve(property).type === 'string')
        for (const hostile of HOSTILE_STRINGS)
          cases.push({
            ...base,
            label: `${name}: hostile text`,
            body: { ...object, [name]: hostile },
            invalid: false,
          });
    }
  }
  return cases;
}

const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
  Object.entries(methods)
    .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
    .map(([method, op]) => ({ path, method, op })),
);

describe('Fuzzing every operation of the contract', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    const world = await callReportWorld(t);
    tokens[Role.ADMIN] = world.admin.token;
    tokens[Role.VENDOR_MANAGER] = world.vendorManagerA.token;
    tokens[Role.REP] = world.repA1User.token;
  });
  afterAll(() => t.close());

  const send = async (c: Case, token: string) => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    let body: string | undefined;
    if (c.rawBody !== undefined) {
      body = c.rawBody;
      headers['content-type'] = c.contentType ?? 'application/json';
    } else if (c.body !== undefined) {
      body = JSON.stringify(c.body);
      headers['content-type'] = 'application/json';
    }
    const response = await fetch(`${t.baseUrl}${c.path}`, { method: c.method, headers, body });
    await response.arrayBuffer();
    return response;
  };

  it('covers the whole contract', () => {
    expect(operations.length).toBeGreaterThan(150);
  });

  it('answers no input with a 5xx, every 4xx as problem+json, and no forbidden input with a 2xx', async () => {
    const defects: string[] = [];
    const statuses = new Map<number, number>();
    for (const { path, method, op } of operations) {
      // The token endpoint and sign-out change who is signed in; they have their own tests.
      if (/\/auth\/(token|logout|revoke)/.test(path)) continue;
      for (const c of casesFor(path, method, op)) {
        // Every variant as an admin (who passes the role guards and reaches validation); the valid and
        // the hostile ones also as a vendor manager and a rep, whose scope checks run on them.
        const roles = c.invalid ? [Role.ADMIN] : [Role.ADMIN, Role.VENDOR_MANAGER, Role.REP];
        for (const role of roles) {
          const response = await send(c, tokens[role]);
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          const where = `${op.operationId} as ${role}, ${c.label}`;
          if (response.status >= 500) defects.push(`${where}: ${response.status}`);
          else if (response.status >= 400 && !response.headers.get('content-type')?.includes('problem+json'))
            defects.push(`${where}: ${response.status} without problem+json`);
          else if (c.invalid && response.status < 300)
            defects.push(`${where}: accepted (${response.status})`);
        }
      }
    }
    expect(defects).toEqual([]);
    // It reached the handlers: thousands of refusals, and valid samples that were answered.
    const count = (from: number, to: number) =>
      [...statuses].filter(([status]) => status >= from && status < to).reduce((sum, [, n]) => sum + n, 0);
    expect(count(400, 401)).toBeGreaterThan(1000);
    expect(count(200, 300)).toBeGreaterThan(50);
  }, 900_000);
});
