import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api.ts';
import { asFieldProblem } from './format-error.ts';

describe('form problems', () => {
  it('shows a taken value (409 naming a field) as an invalid field', () => {
    const e = asFieldProblem(
      new ApiError(409, 'an employer with INN 7707083893 already exists', [{ path: 'inn', message: 'taken' }]),
    );
    expect(e.status).toBe(422);
    expect(e.field('inn')).toBe('taken');
  });
  it('keeps a version conflict and other problems as they are', () => {
    const stale = new ApiError(409, 'stale', [{ path: 'version', message: 'stale' }], 7);
    expect(asFieldProblem(stale)).toBe(stale);
    expect(asFieldProblem(new ApiError(409, 'has 2 cases')).status).toBe(409);
    expect(asFieldProblem(new Error('boom'))).toMatchObject({ status: 0, detail: 'boom' });
  });
});
