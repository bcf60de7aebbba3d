import { describe, expect, it } from 'vitest';
import { EmployerSchema } from '../../../../src/case/schema.ts';
import { ApiError } from '../../api.ts';
import {
  employerFieldError,
  employerFieldIds,
  employerFromForm,
  emptyEmployerForm,
  formFromEmployer,
  type Employer,
} from './employer-form.ts';

const INN = '7707083893';

describe('the employer form', () => {
  it('builds the smallest valid employer from the required fields', () => {
    const e = employerFromForm({ ...emptyEmployerForm(), name: '  ООО «Вектор» ', inn: '77 0708 3893' });
    expect(e).toEqual({ name: 'ООО «Вектор»', inn: INN, kind: 'commercial' });
    expect(EmployerSchema.parse(e)).toEqual(e);
  });

  it('round-trips every field through the form, as the case schema accepts it', () => {
    const full: Employer = {
      name: 'АО «Порт»',
      inn: INN,
      kind: 'special-economic-zone',
      hqsRegistered: '2025-11-10',
      illegalHiringPenaltyWithin2Years: true,
      belowThresholdPenaltyWithin2Years: true,
      sezType: 'port',
      internationalMedicalCluster: true,
      siriusPriorityArea: true,
      region: 'RU-MOW',
    } as Employer;
    const back = employerFromForm(formFromEmployer(full), full);
    expect(back).toEqual(full);
    expect(EmployerSchema.parse(back)).toEqual(full);
  });

  it('sends the zone type only with the special-economic-zone kind', () => {
    const f = { ...emptyEmployerForm(), name: 'X', inn: INN, kind: 'healthcare', sezType: 'port' };
    expect(employerFromForm(f)).not.toHaveProperty('sezType');
  });

  it('keeps an explicit "no" of the stored employer, and leaves out one never stated', () => {
    const stored = { name: 'X', inn: INN, kind: 'commercial', illegalHiringPenaltyWithin2Years: false } as Employer;
    expect(employerFromForm(formFromEmployer(stored), stored)).toEqual(stored);
    expect(employerFromForm(formFromEmployer(stored))).toEqual({ name: 'X', inn: INN, kind: 'commercial' });
  });

  it('finds a field problem under either path style and maps both to the input', () => {
    const a = new ApiError(422, 'inn: bad', [{ path: 'inn', message: 'checksum does not match' }]);
    const b = new ApiError(422, 'employer.region: unknown', [{ path: 'employer.region', message: 'unknown region' }]);
    expect(employerFieldError(a, 'inn')).toBe('checksum does not match');
    expect(employerFieldError(b, 'region')).toBe('unknown region');
    expect(employerFieldError(b, 'inn')).toBeUndefined();
    const ids = employerFieldIds('new');
    expect(ids['inn']).toBe('new-inn');
    expect(ids['employer.region']).toBe('new-region');
  });
});
