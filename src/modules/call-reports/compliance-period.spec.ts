import { DomainException } from '../../common/errors/domain.exception';
import { resolvePeriod } from './compliance.service';

describe('compliance period', () => {
  it('takes a day, an ISO week or a range', () => {
    expect(resolvePeriod({ date: '2026-11-04' }, '2026-11-23')).toEqual({
      from: '2026-11-04',
      to: '2026-11-04',
    });
    expect(resolvePeriod({ week: '2026-W01' }, '2026-11-23')).toEqual({
      from: '2025-12-29',
      to: '2026-01-04',
    });
    expect(resolvePeriod({ from: '2026-10-01', to: '2026-10-31' }, '2026-11-23')).toEqual({
      from: '2026-10-01',
      to: '2026-10-31',
    });
  });

  it('defaults to the ISO week of today', () => {
    expect(resolvePeriod({}, '2026-11-25')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
  });

  it.each([
    [{ date: '2026-11-04', week: '2026-W45' }, 'date'],
    [{ from: '2026-11-04' }, 'to'],
    [{ to: '2026-11-04' }, 'from'],
    [{ from: '2026-11-04', to: '2026-11-01' }, 'to'],
    [{ week: '2025-W53' }, 'week'],
    [{ from: '2025-01-01', to: '2026-06-30' }, 'to'],
  ])('refuses %j naming %s', (query, field) => {
    let thrown: unknown;
    try {
      resolvePeriod(query, '2026-11-23');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DomainException);
    expect((thrown as DomainException).errors?.[0].field).toBe(field);
  });
});
