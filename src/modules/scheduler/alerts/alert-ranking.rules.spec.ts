import { compareTopItems } from './alert-ranking.rules';

describe('top alert items', () => {
  const item = (id: string, severity: 'info' | 'warning' | 'critical', raisedAt: string) => ({
    id,
    severity,
    raisedAt,
  });

  it('puts the most severe first, then the newest, then by id', () => {
    const items = [
      item('b', 'warning', '2026-11-20T08:00:00.000Z'),
      item('a', 'info', '2026-11-23T08:00:00.000Z'),
      item('d', 'critical', '2026-11-01T08:00:00.000Z'),
      item('c', 'warning', '2026-11-22T08:00:00.000Z'),
      item('e', 'warning', '2026-11-22T08:00:00.000Z'),
    ];
    expect(items.sort(compareTopItems).map((i) => i.id)).toEqual(['d', 'c', 'e', 'b', 'a']);
  });
});
