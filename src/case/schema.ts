// The case file `hqs-case/1` (shared/spec/case-format.md) as zod schemas. Every object is strict:
// an unknown field is an error, so a typo never passes silently. The schemas check each field on its
// own (shape, vocabulary, real dates, INN check digits); rules that need several fields or outside tables
// (countries, regions, references, date order) live in checks.ts. No defaults are filled in: the parsed
// case is exactly what the file says, and the engine applies the documented defaults (README.md).
import { z } from 'zod';
import {
  CONTRACT_KINDS,
  EMPLOYER_KINDS,
  OCCUPATIONS,
  RELATIONS,
  ROLES,
  SALARY_PERIODS,
  SEXES,
  SEZ_TYPES,
} from '../core/vocabulary.ts';
import type { IsoDate } from '../core/date.ts';
import { innProblem } from './inn.ts';

/** An ISO date `YYYY-MM-DD` (src/core's brand, the one src/law and src/calendar use). */
export type { IsoDate };

export const CASE_FORMAT = 'hqs-case/1';

// ——— Vocabularies (the spec's required names; the project may add) ———

// The vocabularies the law data, the engine and the web app speak too: one list each, in src/core.
export { CONTRACT_KINDS, EMPLOYER_KINDS, OCCUPATIONS, RELATIONS, ROLES, SALARY_PERIODS, SEXES, SEZ_TYPES };
export type { EmployerKind, Occupation, SezType, Relation, Role } from '../core/vocabulary.ts';

export const STARTS_FROM = ['abroad', 'in-russia'] as const;
export const VISA_ENTRIES = ['single', 'double', 'multiple'] as const;
export const NOTIFICATION_KINDS = ['contract-concluded', 'contract-terminated', 'salary'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const EVENT_TYPES = [
  'employer-registered',
  'contract-signed',
  'contract-terminated',
  'work-permit-filed',
  'work-permit-issued',
  'work-permit-collected',
  'work-permit-extension-filed',
  'work-permit-extended',
  'work-permit-cancelled',
  'invitation-issued',
  'visa-issued',
  'entry',
  'exit',
  'registered',
  'moved',
  'notification-filed',
  'salary-paid',
  'insurance',
  'rp-filed',
  'rp-issued',
  'rp-annual-notification-filed',
  'passport-renewed',
  'citizenship-filed',
  'citizenship-granted',
] as const;
export type CaseEventType = (typeof EVENT_TYPES)[number];

/**
 * Events about the engagement or the principal's permit: `person` may be omitted (it is the principal)
 * and, when given, must name the principal.
 */
export const PRINCIPAL_EVENT_TYPES = [
  'contract-signed',
  'contract-terminated',
  'work-permit-filed',
  'work-permit-issued',
  'work-permit-collected',
  'work-permit-extension-filed',
  'work-permit-extended',
  'work-permit-cancelled',
  'notification-filed',
  'salary-paid',
] as const satisfies readonly CaseEventType[];

/** Events about one person (principal or family member): `person` is required. */
export const PERSON_EVENT_TYPES = [
  'invitation-issued',
  'visa-issued',
  'entry',
  'exit',
  'registered',
  'moved',
  'insurance',
  'rp-filed',
  'rp-issued',
  'rp-annual-notification-filed',
  'passport-renewed',
  'citizenship-filed',
  'citizenship-granted',
] as const satisfies readonly CaseEventType[];

// ——— What each leaf expects, in words: used by parse.ts to write error messages ———

/** Human description of what a schema accepts ("a date as YYYY-MM-DD"). */
export const expectations = z.registry<{ expected: string }>();

function described<T extends z.ZodType>(schema: T, expected: string): T {
  expectations.add(schema, { expected });
  return schema;
}

// ——— Leaves ———

const isoDate = described(z.iso.date(), 'a date as YYYY-MM-DD') as unknown as z.ZodType<IsoDate, string>;

/** Shape of a country code; whether it exists is checked against the country table (checks.ts). */
const countryCode = described(
  z.string().regex(/^[A-Z]{2}$/),
  'a country code (ISO 3166-1 alpha-2, upper case, e.g. "CN")',
);

/** Shape of a Russian region code; whether it exists is checked against the region table (checks.ts). */
const regionCode = described(
  z.string().regex(/^RU-[A-Z0-9]{1,3}$/),
  'a Russian region code (ISO 3166-2:RU, e.g. "RU-MOW")',
);

const regionList = described(z.array(regionCode).min(1), 'a list of Russian region codes (ISO 3166-2:RU)');

const inn = described(
  z
    .string()
    .regex(/^(\d{10}|\d{12})$/, { abort: true })
    .superRefine((value, ctx) => {
      const problem = innProblem(value);
      if (problem === 'checksum')
        ctx.addIssue({
          code: 'custom',
          message: `checksum does not match (${value})`,
          input: value,
          params: { code: 'inn.checksum' },
        });
      if (problem === 'region') {
        ctx.addIssue({
          code: 'custom',
          message: `not a real INN (${value}): the first two digits are a region code and 00 is never assigned`,
          input: value,
          params: { code: 'inn.region' },
        });
      }
    }),
  'an INN: 10 digits (organization) or 12 digits (individual entrepreneur)',
);

const personId = described(
  z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/),
  'a person id (letters, digits, ".", "_", "-"; e.g. "p1")',
);
const text = described(z.string().regex(/\S/), 'non-empty text');
const money = described(z.number().nonnegative(), 'a non-negative amount of money');
const currency = described(z.string().regex(/^[A-Z]{3}$/), 'a currency code (ISO 4217, e.g. "RUB")');
const quarter = described(z.string().regex(/^\d{4}-Q[1-4]$/), 'a quarter as YYYY-Qn (e.g. "2026-Q1")');
const quarterOrMonth = described(
  z.string().regex(/^\d{4}-(Q[1-4]|0[1-9]|1[0-2])$/),
  'a quarter as YYYY-Qn (e.g. "2026-Q1") or a month as YYYY-MM (e.g. "2026-03")',
);
const documentType = described(
  z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  'a document type in kebab-case (e.g. "passport", "diploma")',
);
const email = described(z.email(), 'an email address');

// ——— Employer ———

export const EmployerSchema = z.strictObject({
  name: text,
  inn,
  kind: z.enum(EMPLOYER_KINDS),
  /** Date the employer was registered with the Interior Ministry as an HQS employer. */
  hqsRegistered: isoDate.optional(),
  illegalHiringPenaltyWithin2Years: z.boolean().optional(),
  /** Project addition: penalized within 2 years for paying an HQS below the threshold. */
  belowThresholdPenaltyWithin2Years: z.boolean().optional(),
  /** Project addition: type of special economic zone (only with kind special-economic-zone). */
  sezType: z.enum(SEZ_TYPES).optional(),
  /** Project addition: the employer takes part in the international medical cluster. */
  internationalMedicalCluster: z.boolean().optional(),
  /** Project addition: the employer works in a priority area of the federal territory "Sirius". */
  siriusPriorityArea: z.boolean().optional(),
  /** Project addition: region of the main office (ISO 3166-2:RU). */
  region: regionCode.optional(),
});
export type Employer = z.infer<typeof EmployerSchema>;

// ——— People ———

/** `native`: the name in the person's own script (e.g. 陈伟), a project addition for letters and checklists. */
export const NameSchema = z.strictObject({ latin: text, cyrillic: text.optional(), native: text.optional() });
export type PersonName = z.infer<typeof NameSchema>;

export const PassportSchema = z.strictObject({
  number: text,
  country: countryCode,
  issued: isoDate,
  expires: isoDate,
});
export type Passport = z.infer<typeof PassportSchema>;

export const HistorySchema = z.strictObject({
  priorRefusal: z.boolean().optional(),
  overstay: z.boolean().optional(),
  entryBan: z.boolean().optional(),
  deported: z.boolean().optional(),
});
export type PersonHistory = z.infer<typeof HistorySchema>;

export const PersonSchema = z.strictObject({
  id: personId,
  role: z.enum(ROLES),
  /** Family members only, and required on them. */
  relation: z.enum(RELATIONS).optional(),
  /** Family members only. */
  adopted: z.boolean().optional(),
  /** Family members only. */
  incapacitated: z.boolean().optional(),
  name: NameSchema,
  sex: z.enum(SEXES).optional(),
  birthDate: isoDate,
  citizenships: described(z.array(countryCode).min(1), 'a list of country codes (ISO 3166-1 alpha-2)'),
  passports: z.array(PassportSchema).optional(),
  startsFrom: z.enum(STARTS_FROM).optional(),
  /** Where the person lives now (decides the consulate); default: the first citizenship. */
  residenceCountry: countryCode.optional(),
  history: HistorySchema.optional(),
  /** Project addition. */
  email: email.optional(),
});
export type Person = z.infer<typeof PersonSchema>;

// ——— Contract ———

export const SalarySchema = z.strictObject({ amount: money, per: z.enum(SALARY_PERIODS) });
export type Salary = z.infer<typeof SalarySchema>;

export const ContractSchema = z.strictObject({
  kind: z.enum(CONTRACT_KINDS),
  position: text,
  occupation: z.enum(OCCUPATIONS),
  salary: SalarySchema,
  /** Project addition: currency of the salary; default RUB. */
  currency: currency.optional(),
  start: isoDate,
  end: isoDate.optional(),
  regions: regionList,
  /** Project addition: religious activity (preaching etc.) is excluded from the HQS route. */
  religiousActivity: z.boolean().optional(),
});
export type Contract = z.infer<typeof ContractSchema>;

// ——— Events ———

const eventBase = { on: isoDate, note: text.optional() };
const principalRef = { person: personId.optional() };
const personRef = { person: personId };

function event<T extends CaseEventType, S extends z.ZodRawShape>(type: T, shape: S) {
  return z.strictObject({ type: z.literal(type), ...eventBase, ...shape });
}

const EVENT_SCHEMAS = [
  event('employer-registered', {}),
  event('contract-signed', principalRef),
  event('contract-terminated', principalRef),
  event('work-permit-filed', principalRef),
  event('work-permit-issued', { ...principalRef, validUntil: isoDate, regions: regionList }),
  event('work-permit-collected', principalRef),
  event('work-permit-extension-filed', principalRef),
  event('work-permit-extended', { ...principalRef, validUntil: isoDate }),
  event('work-permit-cancelled', principalRef),
  event('invitation-issued', { ...personRef, validUntil: isoDate }),
  event('visa-issued', { ...personRef, validFrom: isoDate, validUntil: isoDate, entries: z.enum(VISA_ENTRIES) }),
  event('entry', { ...personRef, via: text.optional() }),
  event('exit', { ...personRef, via: text.optional() }),
  event('registered', { ...personRef, until: isoDate.optional(), address: text.optional() }),
  event('moved', personRef),
  event('notification-filed', { ...principalRef, kind: z.enum(NOTIFICATION_KINDS), period: quarter.optional() }),
  event('salary-paid', { ...principalRef, period: quarterOrMonth, amount: money }),
  event('insurance', { ...personRef, validFrom: isoDate, validUntil: isoDate }),
  event('rp-filed', personRef),
  event('rp-issued', {
    ...personRef,
    validUntil: isoDate.optional(),
    indefinite: z.boolean().optional(),
    /** The day the holder received the permit (its yearly notification and registration count from it). */
    received: isoDate.optional(),
  }),
  event('rp-annual-notification-filed', {
    ...personRef,
    year: described(z.number().int().min(1), 'a whole number of years (1, 2, …)'),
  }),
  event('passport-renewed', { ...personRef, number: text, issued: isoDate, expires: isoDate }),
  event('citizenship-filed', personRef),
  event('citizenship-granted', personRef),
] as const;

export const CaseEventSchema = z.discriminatedUnion('type', EVENT_SCHEMAS);
export type CaseEvent = z.infer<typeof CaseEventSchema>;
/** The event of one type: `CaseEventOf<'visa-issued'>`. */
export type CaseEventOf<T extends CaseEventType> = Extract<CaseEvent, { type: T }>;

// ——— Documents ———

export const CaseDocumentSchema = z.strictObject({
  /** Document type id (the law data's checklist decides which exist), e.g. passport, diploma. */
  type: documentType,
  person: personId,
  number: text.optional(),
  issued: isoDate.optional(),
  expires: isoDate.optional(),
  /** Issuing country. */
  country: countryCode.optional(),
  translated: z.boolean().optional(),
  apostille: z.boolean().optional(),
  legalized: z.boolean().optional(),
  notarized: z.boolean().optional(),
  /** The name as written on this document, to compare with the passport. */
  name: z.strictObject({ latin: text.optional(), cyrillic: text.optional() }).optional(),
  /** Where the scan is kept (path or URL). */
  file: text.optional(),
});
export type CaseDocument = z.infer<typeof CaseDocumentSchema>;

// ——— Case ———

export const CaseSchema = z.strictObject({
  format: z.literal(CASE_FORMAT),
  id: text.optional(),
  /** Evaluate as of this date; default: today in Europe/Moscow (decided by the shell, not here). */
  asOf: isoDate.optional(),
  employer: EmployerSchema,
  people: described(z.array(PersonSchema).min(1), 'a list of people: one principal and any family members'),
  contract: ContractSchema,
  events: z.array(CaseEventSchema).optional(),
  documents: z.array(CaseDocumentSchema).optional(),
});
export type Case = z.infer<typeof CaseSchema>;

/**
 * A case whose employer's INN is not known yet: only for an evaluation that stores nothing (the public
 * self-check, `POST /api/v1/evaluate?unknown=employer.inn`). The employer's kind decides the threshold, not
 * its INN, and the engine never reads it; a stored or exported case always has one (CaseSchema).
 */
export const CaseWithoutInnSchema = CaseSchema.extend({
  employer: EmployerSchema.extend({ inn: EmployerSchema.shape.inn.optional() }),
});

/** Fields whose value is a number; a bare YAML number anywhere else is kept as the text written. */
export const NUMERIC_FIELDS: ReadonlySet<string> = new Set(['amount', 'year']);
