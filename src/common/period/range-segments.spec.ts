import { rangeSegments } from './range-segments';

describe('range segments', () => {
  it('reads a calendar year as the one yearly row', () => {
    expect(rangeSegments({ from: '2026-01-01', to: '2027-01-01' })).toEqual([
      { grain: 'year', from: '2026-01-01', to: '2027-01-01' },
    ]);
  });

  it('reads a quarter as its three monthly rows', () => {
    expect(rangeSegments({ from: '2026-04-01', to: '2026-07-01' })).toEqual([
      { grain: 'month', from: '2026-04-01', to: '2026-07-01' },
    ]);
  });

  it('reads 2025-11-15 … 2027-03-01 as 17 days, the month 2025-12, the year 2026 and two months of 2027', () => {
    expect(rangeSegments({ from: '2025-11-15', to: '2027-03-01' })).toEqual([
      { grain: 'day', from: '2025-11-15', to: '2025-12-01' },
      { grain: 'month', from: '2025-12-01', to: '2026-01-01' },
      { grain: 'year', from: '2026-01-01', to: '2027-01-01' },
      { grain: 'month', from: '2027-01-01', to: '2027-03-01' },
    ]);
  });

  it('reads the odd days at the end from the daily rollup: 2026-12-01 … 2027-01-10', () => {
    expect(rangeSegments({ from: '2026-12-01', to: '2027-01-10' })).toEqual([
      { grain: 'month', from: '2026-12-01', to: '2027-01-01' },
      { grain: 'day', from: '2027-01-01', to: '2027-01-10' },
    ]);
  });

  it('reads a range inside one month, or across a month end without a whole month, day by day', () => {
    expect(rangeSegments({ from: '2026-03-05', to: '2026-03-20' })).toEqual([
      { grain: 'day', from: '2026-03-05', to: '2026-03-20' },
    ]);
    expect(rangeSegments({ from: '2026-03-20', to: '2026-04-10' })).toEqual([
      { grain: 'day', from: '2026-03-20', to: '2026-04-10' },
    ]);
  });

  it('reads nothing for an empty range', () => {
    expect(rangeSegments({ from: '2026-03-01', to: '2026-03-01' })).toEqual([]);
  });
});
