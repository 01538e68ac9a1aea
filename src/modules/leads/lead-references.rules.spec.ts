import { industryInScope, regionInScope } from './lead-references.rules';

describe('lead grading', () => {
  it('counts a region under a listed country as in scope', () => {
    expect(regionInScope('CN-GD', ['CN'])).toBe(true);
    expect(regionInScope('HU-BU', ['CN', 'HU-PE'])).toBe(false);
    expect(regionInScope('HU-BU', null)).toBe(true);
    expect(regionInScope(null, null)).toBe(false);
    expect(regionInScope('CN-GD', [])).toBe(false);
    expect(industryInScope('retail', null)).toBe(true);
    expect(industryInScope('retail', ['energy'])).toBe(false);
    expect(industryInScope(null, null)).toBe(false);
  });
});
