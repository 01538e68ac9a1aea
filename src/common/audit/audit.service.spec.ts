import { auditSnapshot, changedFieldNames } from './audit.service';

describe('audit change detection', () => {
  it('names the fields whose values changed, ignoring bookkeeping columns', () => {
    const before = auditSnapshot({
      tier: 'gold',
      tags: ['a'],
      version: 1,
      updatedAt: new Date(0),
      name: 'X',
    });
    const after = auditSnapshot({
      tier: 'platinum',
      tags: ['a', 'b'],
      version: 2,
      updatedAt: new Date(1),
      name: 'X',
    });
    expect(changedFieldNames(before, after)).toEqual(['tags', 'tier']);
  });

  it('treats a creation as a change of every field it sets', () => {
    expect(changedFieldNames(null, auditSnapshot({ name: 'X', contactEmail: null }))).toEqual(['name']);
  });
});
