// The employer form ↔ the employer object of hqs-case/1 (EmployerSchema in src/case/schema.ts): what the
// reader typed becomes exactly the object the API checks — text trimmed, empty optional fields left
// out, the type of special economic zone only with that kind, and a "no" kept only where the employer
// already said so (an unticked box otherwise means "not stated", as in a case file). Pure
// (employer-form.test.ts checks the result against the case schema itself).
import type { ApiError, EmployerRecord } from '../../api.ts';
import { EMPLOYER_KINDS, isOneOf, SEZ_TYPES } from './vocab.ts';

export type Employer = EmployerRecord['employer'];

const FLAGS = [
  'illegalHiringPenaltyWithin2Years',
  'belowThresholdPenaltyWithin2Years',
  'internationalMedicalCluster',
  'siriusPriorityArea',
] as const;
export type EmployerFlag = (typeof FLAGS)[number];
export const EMPLOYER_FLAGS: readonly EmployerFlag[] = FLAGS;

export interface EmployerFormState {
  name: string;
  inn: string;
  kind: string;
  hqsRegistered: string;
  region: string;
  sezType: string;
  flags: Record<EmployerFlag, boolean>;
}

export function emptyEmployerForm(): EmployerFormState {
  return {
    name: '',
    inn: '',
    kind: 'commercial',
    hqsRegistered: '',
    region: '',
    sezType: '',
    flags: {
      illegalHiringPenaltyWithin2Years: false,
      belowThresholdPenaltyWithin2Years: false,
      internationalMedicalCluster: false,
      siriusPriorityArea: false,
    },
  };
}

export function formFromEmployer(e: Employer): EmployerFormState {
  const flags = emptyEmployerForm().flags;
  for (const f of FLAGS) flags[f] = e[f] === true;
  return {
    name: e.name,
    inn: e.inn,
    kind: e.kind,
    hqsRegistered: e.hqsRegistered ?? '',
    region: e.region ?? '',
    sezType: e.sezType ?? '',
    flags,
  };
}

/**
 * The employer object to send. `base` is the employer as stored (when editing): its explicit `false`
 * answers stay `false` when the box is left unticked. Invalid values (a bad INN) are sent as typed: the
 * server names what is wrong with each.
 */
export function employerFromForm(form: EmployerFormState, base?: Employer): Employer {
  const out: Record<string, unknown> = { name: form.name.trim(), inn: form.inn.replace(/\s+/g, ''), kind: form.kind };
  if (form.hqsRegistered.trim()) out.hqsRegistered = form.hqsRegistered.trim();
  for (const f of FLAGS) {
    if (form.flags[f]) out[f] = true;
    else if (base && base[f] === false) out[f] = false;
  }
  if (form.kind === 'special-economic-zone' && form.sezType) out.sezType = form.sezType;
  if (form.region) out.region = form.region;
  return out as Employer;
}

/** The form's fields by the names the API's problems use (`inn` from the request check, `employer.inn` from the store). */
export const EMPLOYER_FIELDS = ['name', 'inn', 'kind', 'hqsRegistered', 'region', 'sezType', ...FLAGS] as const;

/** The problem of one employer field in a server answer, whichever of the two path styles it used. */
export function employerFieldError(error: ApiError | null | undefined, field: string): string | undefined {
  return error?.field(field) ?? error?.field(`employer.${field}`);
}

/** Field ids for <ErrorBox fieldIds>: both path styles lead to the same input. */
export function employerFieldIds(prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of EMPLOYER_FIELDS) {
    out[f] = `${prefix}-${f}`;
    out[`employer.${f}`] = `${prefix}-${f}`;
  }
  return out;
}

export const isEmployerKind = (k: string) => isOneOf(EMPLOYER_KINDS, k);
export const isSezType = (k: string) => isOneOf(SEZ_TYPES, k);
