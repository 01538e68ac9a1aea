import { findBreakingChanges, type OpenApiDocument, undeclaredChanges } from './openapi-breaking-changes';

/** A document with one operation, GET /things, answering 200 with the schema `Thing`. */
function documentWith(thing: object, extra: Partial<OpenApiDocument> = {}): OpenApiDocument {
  return {
    paths: {
      '/things': {
        get: {
          responses: {
            '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
          },
        },
      },
      ...extra.paths,
    },
    components: { schemas: { Thing: thing, ...extra.components?.schemas } },
  };
}

const thing = {
  type: 'object',
  properties: { id: { type: 'string' }, status: { type: 'string', enum: ['open', 'closed'] } },
  required: ['id', 'status'],
};

/** POST /things with a body of the schema `NewThing`, and a query parameter `dryRun`. */
function withCreate(newThing: object, dryRunRequired = false): OpenApiDocument {
  return documentWith(thing, {
    paths: {
      '/things/create': {
        post: {
          parameters: [
            { name: 'dryRun', in: 'query', required: dryRunRequired, schema: { type: 'boolean' } },
          ],
          requestBody: {
            content: { 'application/json': { schema: { $ref: '#/components/schemas/NewThing' } } },
          },
          responses: { '201': { content: {} } },
        },
      },
    },
    components: { schemas: { NewThing: newThing } },
  });
}

const newThing = {
  type: 'object',
  properties: { name: { type: 'string' }, note: { type: 'string' } },
  required: ['name'],
};

const rules = (before: OpenApiDocument, after: OpenApiDocument) =>
  findBreakingChanges(before, after).map((change) => change.id);

describe('breaking changes of the API contract', () => {
  it('finds none between a document and itself', () => {
    expect(rules(withCreate(newThing), withCreate(newThing))).toEqual([]);
  });

  it('finds none for additions: a new operation, a new response field, a new enum value, a new optional field', () => {
    const richer = withCreate({
      ...newThing,
      properties: { ...newThing.properties, colour: { type: 'string' } },
    });
    richer.paths!['/others'] = { get: { responses: {} } };
    richer.components!.schemas!.Thing = {
      ...thing,
      properties: {
        ...thing.properties,
        size: { type: 'integer' },
        status: { type: 'string', enum: ['open', 'closed', 'held'] },
      },
    };
    expect(rules(withCreate(newThing), richer)).toEqual([]);
  });

  it('operation-removed: an operation of the old document is gone', () => {
    const after = withCreate(newThing);
    delete after.paths!['/things/create'];
    expect(rules(withCreate(newThing), after)).toEqual(['operation-removed:POST /things/create']);
  });

  it('response-field-removed: a property of a response schema is gone, found through its $ref', () => {
    const after = documentWith({ ...thing, properties: { id: thing.properties.id }, required: ['id'] });
    expect(rules(documentWith(thing), after)).toEqual([
      'response-field-removed:GET /things 200(application/json).status',
    ]);
  });

  it('response-field-removed: a nested field in a list, behind allOf', () => {
    const page = (item: object): OpenApiDocument => ({
      paths: {
        '/pages': {
          get: {
            responses: {
              '200': {
                content: {
                  'application/json': {
                    schema: {
                      allOf: [
                        { $ref: '#/components/schemas/Page' },
                        {
                          properties: {
                            data: { type: 'array', items: { $ref: '#/components/schemas/Item' } },
                          },
                        },
                      ],
                    },
                  },
                },
              },
            },
          },
        },
      },
      components: {
        schemas: { Page: { type: 'object', properties: { next: { type: 'string' } } }, Item: item },
      },
    });
    const item = { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } };
    expect(rules(page(item), page({ type: 'object', properties: { id: { type: 'string' } } }))).toEqual([
      'response-field-removed:GET /pages 200(application/json).data[].name',
    ]);
  });

  it('enum-value-removed: a value of an enum is gone', () => {
    const after = documentWith({
      ...thing,
      properties: { ...thing.properties, status: { type: 'string', enum: ['open'] } },
    });
    expect(rules(documentWith(thing), after)).toEqual([
      'enum-value-removed:GET /things 200(application/json).status="closed"',
    ]);
  });

  it('required-request-field-added: a request body field became required', () => {
    expect(rules(withCreate(newThing), withCreate({ ...newThing, required: ['name', 'note'] }))).toEqual([
      'required-request-field-added:POST /things/create body(application/json).note',
    ]);
  });

  it('required-request-field-added: a new field that is required at once', () => {
    const after = withCreate({
      ...newThing,
      properties: { ...newThing.properties, owner: { type: 'string' } },
      required: ['name', 'owner'],
    });
    expect(rules(withCreate(newThing), after)).toEqual([
      'required-request-field-added:POST /things/create body(application/json).owner',
    ]);
  });

  it('required-parameter-added: a parameter became required', () => {
    expect(rules(withCreate(newThing), withCreate(newThing, true))).toEqual([
      'required-parameter-added:POST /things/create query:dryRun',
    ]);
  });

  it('request-field-removed: a request field is gone, so a client still sending it is refused', () => {
    const after = withCreate({ ...newThing, properties: { name: newThing.properties.name } });
    expect(rules(withCreate(newThing), after)).toEqual([
      'request-field-removed:POST /things/create body(application/json).note',
    ]);
  });

  it('type-changed: a field changed its type', () => {
    const after = documentWith({ ...thing, properties: { ...thing.properties, id: { type: 'integer' } } });
    expect(rules(documentWith(thing), after)).toEqual(['type-changed:GET /things 200(application/json).id']);
  });

  it('type-changed: not for a response number that became an integer, nor a request integer that became a number', () => {
    const narrowed = documentWith({
      ...thing,
      properties: { ...thing.properties, size: { type: 'integer' } },
    });
    const wide = documentWith({ ...thing, properties: { ...thing.properties, size: { type: 'number' } } });
    expect(rules(wide, narrowed)).toEqual([]);
    expect(
      rules(
        withCreate({ ...newThing, properties: { count: { type: 'integer' } } }),
        withCreate({ ...newThing, properties: { count: { type: 'number' } } }),
      ),
    ).toEqual([]);
    expect(
      rules(
        withCreate({ ...newThing, properties: { count: { type: 'number' } } }),
        withCreate({ ...newThing, properties: { count: { type: 'integer' } } }),
      ),
    ).toEqual(['type-changed:POST /things/create body(application/json).count']);
  });

  it('finds none when a request schema becomes a oneOf with the old shape as one alternative', () => {
    const record = { type: 'object', additionalProperties: { type: 'string' } };
    const widened = withCreate({ oneOf: [{ $ref: '#/components/schemas/OldThing' }, record] });
    widened.components!.schemas!.OldThing = newThing;
    expect(rules(withCreate(newThing), widened)).toEqual([]);
  });

  it('request-field-removed: a oneOf none of whose alternatives still takes the old field', () => {
    const after = withCreate({
      oneOf: [
        { ...newThing, properties: { name: newThing.properties.name } },
        { type: 'object', properties: { title: { type: 'string' } } },
      ],
    });
    expect(rules(withCreate(newThing), after)).toEqual([
      'request-field-removed:POST /things/create body(application/json).note',
    ]);
  });

  it('response-field-removed: a response that may now come in a second shape without the field', () => {
    const after = documentWith({
      oneOf: [thing, { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] }],
    });
    expect(rules(documentWith(thing), after)).toEqual([
      'response-field-removed:GET /things 200(application/json).status',
    ]);
  });

  it('ends on recursive schemas', () => {
    const tree = {
      type: 'object',
      properties: { children: { type: 'array', items: { $ref: '#/components/schemas/Thing' } } },
    };
    expect(rules(documentWith(tree), documentWith(tree))).toEqual([]);
  });

  it('lets a declared change pass and keeps the others', () => {
    const after = documentWith({ type: 'object', properties: {} });
    const changes = findBreakingChanges(documentWith(thing), after);
    expect(
      undeclaredChanges(changes, ['response-field-removed:GET /things 200(application/json).id']).map(
        (c) => c.id,
      ),
    ).toEqual(['response-field-removed:GET /things 200(application/json).status']);
  });
});
