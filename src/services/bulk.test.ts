import { describe, expect, it } from 'vitest';
import { Conflict, Forbidden, Invalid, NotFound } from '../store/errors.ts';
import { problemOf } from './bulk.ts';

describe('a bulk action reports each case', () => {
  it('with the status a single request would have answered, and the fields named', () => {
    expect(problemOf(new NotFound('case', 'x'))).toEqual({ status: 404, detail: 'case x not found' });
    expect(problemOf(new Forbidden('no'))).toEqual({ status: 403, detail: 'no' });
    expect(problemOf(new Conflict('moved on', { field: 'version' }))).toEqual({ status: 409, detail: 'moved on' });
    expect(problemOf(Invalid.one('event.period', 'bad'))).toEqual({
      status: 422,
      detail: 'event.period: bad',
      errors: [{ path: 'event.period', message: 'bad' }],
    });
  });

  it('and never turns a failure of its own into a case problem', () => {
    expect(() => problemOf(new Error('database gone'))).toThrow('database gone');
  });
});
