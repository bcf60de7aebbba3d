// What a column of an agency's spreadsheet can hold: one row per person, and the fields of hqs-case/1
// that a row gives — the case's own (employer, contract: read from the principal's row), the person's,
// and dated facts (permit, entry, registration, residence permit) that become events or documents.
// Header names in both languages are wording (locales/sheets); the list and the kinds are here.
import { catalog, normalizeWord, SHEET_LANGS } from './words.ts';
import type { SheetLang } from '../core/lang.ts';

export const FIELDS = [
  'case.id',
  'person.role',
  'person.principalPassport',
  'person.id',
  'name.latin',
  'name.cyrillic',
  'name',
  'person.sex',
  'person.birthDate',
  'person.citizenship',
  'passport.number',
  'passport.country',
  'passport.issued',
  'passport.expires',
  'employer.name',
  'employer.inn',
  'employer.kind',
  'contract.position',
  'contract.occupation',
  'contract.kind',
  'contract.salary',
  'contract.salaryPer',
  'contract.currency',
  'contract.start',
  'contract.end',
  'contract.regions',
  'workPermit.number',
  'workPermit.issued',
  'workPermit.validUntil',
  'entry.date',
  'registration.date',
  'registration.until',
  'rp.issued',
  'rp.validUntil',
  'person.email',
] as const;
export type FieldId = (typeof FIELDS)[number];

export type FieldKind =
  | 'text'
  | 'date'
  | 'event-date'
  | 'amount'
  | 'country'
  | 'countries'
  | 'regions'
  | 'name-latin'
  | 'name-cyrillic'
  | 'name-any'
  | 'inn'
  | 'email'
  | 'currency'
  | 'passport'
  | { enum: 'sex' | 'employerKind' | 'occupation' | 'contractKind' | 'salaryPer' }
  | 'role';

/** How each field's cells are read. `event-date`: a date something happened (not after today). */
export const FIELD_KINDS: Record<FieldId, FieldKind> = {
  'case.id': 'text',
  'person.role': 'role',
  'person.principalPassport': 'passport',
  'person.id': 'text',
  'name.latin': 'name-latin',
  'name.cyrillic': 'name-cyrillic',
  name: 'name-any',
  'person.sex': { enum: 'sex' },
  'person.birthDate': 'date',
  'person.citizenship': 'countries',
  'passport.number': 'passport',
  'passport.country': 'country',
  'passport.issued': 'date',
  'passport.expires': 'date',
  'employer.name': 'text',
  'employer.inn': 'inn',
  'employer.kind': { enum: 'employerKind' },
  'contract.position': 'text',
  'contract.occupation': { enum: 'occupation' },
  'contract.kind': { enum: 'contractKind' },
  'contract.salary': 'amount',
  'contract.salaryPer': { enum: 'salaryPer' },
  'contract.currency': 'currency',
  'contract.start': 'date',
  'contract.end': 'date',
  'contract.regions': 'regions',
  'workPermit.number': 'text',
  'workPermit.issued': 'event-date',
  'workPermit.validUntil': 'date',
  'entry.date': 'event-date',
  'registration.date': 'event-date',
  'registration.until': 'date',
  'rp.issued': 'event-date',
  'rp.validUntil': 'date',
  'person.email': 'email',
};

/** Fields read from the principal's row only: they describe the case, not a person. */
export const CASE_FIELDS: ReadonlySet<FieldId> = new Set(
  FIELDS.filter((f) => f.startsWith('employer.') || f.startsWith('contract.') || f.startsWith('workPermit.')),
);

/** The column header of a field in a language (the template's and the preview's wording). */
export function fieldHeader(field: FieldId, lang: SheetLang): string {
  return catalog(lang).fields[field].header;
}

let known: Map<string, FieldId> | undefined;

/** Every name a field is known by (headers and aliases, both languages, and the field id), normalized. */
function knownHeaders(): Map<string, FieldId> {
  if (known) return known;
  known = new Map();
  for (const f of FIELDS) known.set(normalizeWord(f), f);
  // Headers first, then aliases: a header of one field wins over an alias of another («Паспорт» vs …).
  for (const pass of ['header', 'aliases'] as const)
    for (const lang of SHEET_LANGS)
      for (const f of FIELDS) {
        const entry = catalog(lang).fields[f];
        for (const name of pass === 'header' ? [entry.header] : entry.aliases) {
          const k = normalizeWord(name);
          if (!known.has(k)) known.set(k, f);
        }
      }
  return known;
}

/** The field a header names, when it matches a known name (after normalizing case, ё and punctuation). */
export function fieldForHeader(header: string): FieldId | undefined {
  return knownHeaders().get(normalizeWord(header));
}

export function isFieldId(s: unknown): s is FieldId {
  return typeof s === 'string' && (FIELDS as readonly string[]).includes(s);
}
