import { Logger } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { DomainException } from './domain.exception';
import { toProblem } from './problem-details';

const request = { id: 'req-1', url: '/api/v1/things?x=1' } as FastifyRequest;

const pgError = (code: string, detail: string) =>
  new QueryFailedError('INSERT …', [], Object.assign(new Error('pg'), { code, detail }));

describe('toProblem', () => {
  it('answers an unknown error with a bare 500 that leaks no internals, and logs it in full', () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const problem = toProblem(new Error('connection to 10.0.0.5 refused; password=hunter2'), request);
    expect(logged).toHaveBeenCalledWith(
      expect.objectContaining({ requestId: 'req-1' }),
      expect.stringContaining('hunter2'),
    );
    logged.mockRestore();
    expect(problem).toMatchObject({
      status: 500,
      code: 'INTERNAL_ERROR',
      requestId: 'req-1',
      instance: '/api/v1/things',
    });
    expect(JSON.stringify(problem)).not.toMatch(/hunter2|10\.0\.0\.5/);
  });

  it('maps a unique-constraint clash to 409 naming the fields', () => {
    const problem = toProblem(pgError('23505', 'Key (vendor_id, tax_id)=(a, b) already exists.'), request);
    expect(problem).toMatchObject({
      status: 409,
      code: 'UNIQUE_VIOLATION',
      errors: [{ field: 'vendorId' }, { field: 'taxId' }],
    });
  });

  it('maps a missing referenced row to 422 and a still-referenced row to 409', () => {
    expect(
      toProblem(pgError('23503', 'Key (rep_id)=(x) is not present in table "reps".'), request),
    ).toMatchObject({
      status: 422,
      code: 'REFERENCED_ROW_MISSING',
    });
    expect(
      toProblem(pgError('23503', 'Key (id)=(x) is still referenced from table "leads".'), request),
    ).toMatchObject({
      status: 409,
      code: 'ROW_STILL_REFERENCED',
    });
  });

  it('keeps the code, status and extensions of a domain exception', () => {
    expect(toProblem(DomainException.versionMismatch(4), request)).toMatchObject({
      status: 412,
      code: 'VERSION_MISMATCH',
      currentVersion: 4,
      type: 'https://osm.example.com/problems/version-mismatch',
      title: 'Precondition failed',
    });
  });
});
