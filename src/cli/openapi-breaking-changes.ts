/**
 * Breaking changes between two versions of the API contract, found without I/O: what a client built on
 * the older document could rely on and the newer one takes away. Each change has a stable id, so a change
 * made on purpose can be declared (openapi/breaking-changes.json, or an `API-Breaking: <id>` commit
 * trailer) and the check passes.
 */

export type BreakingRule =
  | 'operation-removed'
  | 'response-field-removed'
  | 'request-field-removed'
  | 'enum-value-removed'
  | 'required-request-field-added'
  | 'required-parameter-added'
  | 'type-changed';

export interface BreakingChange {
  /** `<rule>:<METHOD> <path> <where>`, stable across runs: what a declaration names. */
  id: string;
  rule: BreakingRule;
  message: string;
}

export interface Schema {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  additionalProperties?: boolean | Schema;
}

interface Parameter {
  $ref?: string;
  name: string;
  in: string;
  required?: boolean;
  schema?: Schema;
}

interface MediaType {
  schema?: Schema;
}

interface Operation {
  parameters?: Parameter[];
  requestBody?: { $ref?: string; required?: boolean; content?: Record<string, MediaType> };
  responses?: Record<string, { $ref?: string; content?: Record<string, MediaType> }>;
}

export interface OpenApiDocument {
  paths?: Record<string, Record<string, Operation>>;
  components?: {
    schemas?: Record<string, Schema>;
    parameters?: Record<string, Parameter>;
    requestBodies?: Record<string, Operation['requestBody']>;
    responses?: Record<string, NonNullable<Operation['responses']>[string]>;
  };
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

/** Follows a local `$ref` (`#/components/...`) to what it names; anything else is returned as is. */
function deref<T extends { $ref?: string }>(document: OpenApiDocument, value: T | undefined): T | undefined {
  let current: unknown = value;
  const seen = new Set<string>();
  while (current && typeof current === 'object' && typeof (current as { $ref?: unknown }).$ref === 'string') {
    const ref = (current as { $ref: string }).$ref;
    if (seen.has(ref) || !ref.startsWith('#/')) return undefined;
    seen.add(ref);
    current = ref
      .slice(2)
      .split('/')
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], document);
  }
  return current as T | undefined;
}

/** A schema with its references followed and its `allOf` parts merged into one set of properties. */
function flatten(document: OpenApiDocument, schema: Schema | undefined): Schema | undefined {
  const resolved = deref(document, schema);
  if (!resolved?.allOf) return resolved;
  const parts = resolved.allOf.map((part) => flatten(document, part) ?? {});
  const merged: Schema = { ...resolved, allOf: undefined };
  for (const part of parts) {
    merged.type ??= part.type;
    merged.enum ??= part.enum;
    merged.items ??= part.items;
    if (part.properties) merged.properties = { ...merged.properties, ...part.properties };
    if (part.required) merged.required = [...new Set([...(merged.required ?? []), ...part.required])];
  }
  return merged;
}

type Direction = 'request' | 'response';

interface SchemaWalk {
  before: OpenApiDocument;
  after: OpenApiDocument;
  direction: Direction;
  operation: string;
  changes: BreakingChange[];
  /** Pairs of referenced schemas already compared at some location: recursive schemas end there. */
  visited: Set<string>;
}

function add(walk: SchemaWalk, rule: BreakingRule, where: string, message: string): void {
  walk.changes.push({
    id: `${rule}:${walk.operation} ${where}`,
    rule,
    message: `${walk.operation} ${where}: ${message}`,
  });
}

function compareSchemas(
  walk: SchemaWalk,
  oldRaw: Schema | undefined,
  newRaw: Schema | undefined,
  where: string,
): void {
  if (!oldRaw || !newRaw) return;
  if (oldRaw.$ref && newRaw.$ref) {
    const pair = `${oldRaw.$ref}|${newRaw.$ref}|${walk.direction}`;
    if (walk.visited.has(pair)) return;
    walk.visited.add(pair);
  }
  const before = flatten(walk.before, oldRaw);
  const after = flatten(walk.after, newRaw);
  if (!before || !after) return;
  if (alternativesOf(before) || alternativesOf(after)) {
    compareAlternatives(walk, before, after, where);
    return;
  }

  // A request may widen an integer to a number, and a response narrow a number to an integer.
  const widening = walk.direction === 'request' ? 'integer>number' : 'number>integer';
  if (
    before.type &&
    after.type &&
    before.type !== after.type &&
    `${before.type}>${after.type}` !== widening
  ) {
    add(walk, 'type-changed', where, `type ${before.type} became ${after.type}`);
    return;
  }
  if (before.enum && after.enum) {
    for (const value of before.enum.filter((old) => !after.enum!.includes(old))) {
      add(
        walk,
        'enum-value-removed',
        `${where}=${JSON.stringify(value)}`,
        `enum value ${JSON.stringify(value)} was removed`,
      );
    }
  }
  if (before.items || after.items) compareSchemas(walk, before.items, after.items, `${where}[]`);

  const oldProperties = before.properties ?? {};
  const newProperties = after.properties ?? {};
  for (const [name, property] of Object.entries(oldProperties)) {
    const path = where ? `${where}.${name}` : name;
    if (!(name in newProperties)) {
      if (walk.direction === 'response')
        add(walk, 'response-field-removed', path, 'response field was removed');
      else
        add(
          walk,
          'request-field-removed',
          path,
          'request field was removed (a client still sending it is refused)',
        );
      continue;
    }
    compareSchemas(walk, property, newProperties[name], path);
  }
  if (walk.direction === 'request') {
    const wasRequired = new Set(before.required ?? []);
    for (const name of after.required ?? []) {
      if (!wasRequired.has(name)) {
        const path = where ? `${where}.${name}` : name;
        add(walk, 'required-request-field-added', path, 'request field is required now');
      }
    }
  }
}

/** The alternatives of a `oneOf`/`anyOf` schema; undefined for a schema of one shape. */
function alternativesOf(schema: Schema): Schema[] | undefined {
  const alternatives = schema.oneOf ?? schema.anyOf;
  return alternatives?.length ? alternatives : undefined;
}

/**
 * A schema with alternatives (`oneOf`/`anyOf`) on either side. A request breaks only where some shape a
 * client could send before fits none of the new alternatives: each old shape is held against the new
 * alternative that takes it best. A response breaks where some new shape fits none of the old ones.
 */
function compareAlternatives(walk: SchemaWalk, before: Schema, after: Schema, where: string): void {
  const oldShapes = alternativesOf(before) ?? [before];
  const newShapes = alternativesOf(after) ?? [after];
  const trial = (oldShape: Schema, newShape: Schema): BreakingChange[] => {
    const fork: SchemaWalk = { ...walk, changes: [], visited: new Set(walk.visited) };
    compareSchemas(fork, oldShape, newShape, where);
    return fork.changes;
  };
  const fewest = (candidates: BreakingChange[][]): BreakingChange[] =>
    candidates.reduce((best, changes) => (changes.length < best.length ? changes : best));
  const found =
    walk.direction === 'request'
      ? oldShapes.flatMap((oldShape) => fewest(newShapes.map((newShape) => trial(oldShape, newShape))))
      : newShapes.flatMap((newShape) => fewest(oldShapes.map((oldShape) => trial(oldShape, newShape))));
  const known = new Set(walk.changes.map((change) => change.id));
  for (const change of found)
    if (!known.has(change.id)) {
      known.add(change.id);
      walk.changes.push(change);
    }
}

function parameterKey(parameter: Parameter): string {
  return `${parameter.in}:${parameter.name}`;
}

function compareOperations(
  before: OpenApiDocument,
  after: OpenApiDocument,
  operation: string,
  oldOperation: Operation,
  newOperation: Operation,
  changes: BreakingChange[],
): void {
  const walk = (direction: Direction): SchemaWalk => ({
    before,
    after,
    direction,
    operation,
    changes,
    visited: new Set(),
  });

  const oldParameters = new Map(
    (oldOperation.parameters ?? []).flatMap((raw) => {
      const parameter = deref(before, raw);
      return parameter ? [[parameterKey(parameter), parameter] as const] : [];
    }),
  );
  for (const raw of newOperation.parameters ?? []) {
    const parameter = deref(after, raw);
    if (!parameter) continue;
    const key = parameterKey(parameter);
    const old = oldParameters.get(key);
    if (parameter.required && !old?.required) {
      changes.push({
        id: `required-parameter-added:${operation} ${key}`,
        rule: 'required-parameter-added',
        message: `${operation} ${key}: parameter is required now`,
      });
    }
    if (old) compareSchemas(walk('request'), old.schema, parameter.schema, key);
  }

  const oldBody = deref(before, oldOperation.requestBody);
  const newBody = deref(after, newOperation.requestBody);
  for (const [type, media] of Object.entries(newBody?.content ?? {})) {
    const old = oldBody?.content?.[type];
    if (old) compareSchemas(walk('request'), old.schema, media.schema, `body(${type})`);
  }

  for (const [status, rawResponse] of Object.entries(oldOperation.responses ?? {})) {
    if (!/^2/.test(status)) continue;
    const oldResponse = deref(before, rawResponse);
    const newResponse = deref(after, newOperation.responses?.[status]);
    for (const [type, media] of Object.entries(oldResponse?.content ?? {})) {
      const fresh = newResponse?.content?.[type];
      if (fresh) compareSchemas(walk('response'), media.schema, fresh.schema, `${status}(${type})`);
    }
  }
}

/** Every breaking change from `before` to `after`, in document order. */
export function findBreakingChanges(before: OpenApiDocument, after: OpenApiDocument): BreakingChange[] {
  const changes: BreakingChange[] = [];
  for (const [path, oldItem] of Object.entries(before.paths ?? {})) {
    for (const method of METHODS) {
      const oldOperation = oldItem[method];
      if (!oldOperation) continue;
      const operation = `${method.toUpperCase()} ${path}`;
      const newOperation = after.paths?.[path]?.[method];
      if (!newOperation) {
        changes.push({
          id: `operation-removed:${operation}`,
          rule: 'operation-removed',
          message: `${operation} was removed`,
        });
        continue;
      }
      compareOperations(before, after, operation, oldOperation, newOperation, changes);
    }
  }
  return changes;
}

/** The changes no declaration accepts. */
export function undeclaredChanges(
  changes: BreakingChange[],
  declaredIds: Iterable<string>,
): BreakingChange[] {
  const declared = new Set(declaredIds);
  return changes.filter((change) => !declared.has(change.id));
}
