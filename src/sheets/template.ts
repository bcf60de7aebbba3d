// The template an agency downloads: the columns the import reads, headed in the user's language, with an
// example principal and spouse, dates as date cells, the salary as a number — and a sheet of notes.
import type { Writable } from 'node:stream';
import { fieldHeader, type FieldId } from './fields.ts';
import { createXlsxWriter, type ColumnType } from './write.ts';
import { catalog, type SheetLang } from './words.ts';

/** The template's columns, in order. */
export const TEMPLATE_FIELDS: readonly FieldId[] = [
  'case.id',
  'person.role',
  'person.principalPassport',
  'name.latin',
  'name.cyrillic',
  'person.sex',
  'person.birthDate',
  'person.citizenship',
  'passport.number',
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
];

const DATES: ReadonlySet<FieldId> = new Set<FieldId>([
  'person.birthDate',
  'passport.issued',
  'passport.expires',
  'contract.start',
  'contract.end',
  'workPermit.issued',
  'workPermit.validUntil',
  'entry.date',
  'registration.date',
  'registration.until',
  'rp.issued',
  'rp.validUntil',
]);

/** The example's values that are the same in every language (dates, numbers, codes). */
const EXAMPLE: Partial<Record<FieldId, string | number>> = {
  'person.birthDate': '1988-05-14',
  'passport.number': 'E12345678',
  'passport.issued': '2020-01-10',
  'passport.expires': '2030-01-09',
  'employer.inn': '7707083893',
  'contract.salary': 450000,
  'contract.start': '2026-04-01',
  'contract.end': '2029-03-31',
  'workPermit.number': '77 2600123456',
  'workPermit.issued': '2026-02-06',
  'workPermit.validUntil': '2029-03-31',
  'entry.date': '2026-03-10',
  'registration.date': '2026-03-11',
  'registration.until': '2029-03-31',
};

const FAMILY: Partial<Record<FieldId, string | number>> = {
  'person.birthDate': '1990-02-01',
  'passport.number': 'E87654321',
  'passport.issued': '2021-03-01',
  'passport.expires': '2031-02-28',
  'entry.date': '2026-03-10',
  'registration.date': '2026-03-11',
  'registration.until': '2029-03-31',
};

/** Writes the template (.xlsx) to `out`. */
export async function writeTemplate(out: Writable, lang: SheetLang): Promise<void> {
  const words = catalog(lang);
  const w = createXlsxWriter(out, lang);
  const typeOf = (f: FieldId): ColumnType => (DATES.has(f) ? 'date' : f === 'contract.salary' ? 'number' : 'text');
  const sheet = await w.addSheet(
    words.sheets.template,
    TEMPLATE_FIELDS.map((f) => ({
      header: fieldHeader(f, lang),
      type: typeOf(f),
      width: Math.max(14, fieldHeader(f, lang).length + 2),
    })),
  );
  const example = words.template.example as Partial<Record<FieldId, string>>;
  const family = words.template.family as Partial<Record<FieldId, string>>;
  await sheet.add(TEMPLATE_FIELDS.map((f) => EXAMPLE[f] ?? example[f] ?? null));
  await sheet.add(
    TEMPLATE_FIELDS.map((f) =>
      f === 'case.id'
        ? (example[f] ?? null)
        : f === 'person.citizenship'
          ? (example[f] ?? null)
          : (FAMILY[f] ?? family[f] ?? null),
    ),
  );
  await sheet.done();
  const help = await w.addSheet(words.sheets.help, [{ header: words.sheets.help, type: 'text', width: 120 }]);
  for (const line of words.template.help) await help.add([line]);
  await help.done();
  await w.close();
}
