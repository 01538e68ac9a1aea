import { unnestFrom, unnestParams } from './recordset';

describe('recordset', () => {
  const columns = [
    ['id', 'uuid'],
    ['tags', 'text[]'],
    ['factors', 'jsonb'],
  ] as const;

  it('sends each distinct JSON document once, the rows pointing at it by position', () => {
    const factors = [{ factor: 'industry', detail: 'say "hi"', points: 10 }];
    const params = unnestParams(columns, [
      { id: 'a', tags: ['x'], factors },
      { id: 'b', tags: [], factors: [...factors] },
      { id: 'c', tags: null, factors: null },
      { id: 'd', factors: { other: true } },
    ]);
    expect(params).toEqual([
      '{"a","b","c","d"}',
      '{"{\\"x\\"}","{}",NULL,NULL}',
      '{1,1,NULL,2}',
      `{"[{\\"factor\\":\\"industry\\",\\"detail\\":\\"say \\\\\\"hi\\\\\\"\\",\\"points\\":10}]","{\\"other\\":true}"}`,
    ]);
  });

  it('reads a JSON column back from its dictionary, numbered after the columns', () => {
    expect(unnestFrom(columns, 3)).toBe(
      '(SELECT id, tags::text[] AS tags, (SELECT $6::jsonb[])[factors] AS factors ' +
        'FROM unnest($3::uuid[], $4::text[], $5::int[]) AS u(id, tags, factors)) AS t',
    );
  });
});
