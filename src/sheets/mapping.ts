// Which column of the file holds which field: found from the headers («ФИО (лат.)», "Date of birth") where
// they match a known name, then confirmed or changed by the user, and kept per organization as an
// `hqs-import-mapping/1` document (columns by header text, plus defaults for what agencies' sheets rarely
// have: the employer's kind, the contract's kind, the occupation, the salary period, the work region).
import { z } from 'zod';
import { CONTRACT_KINDS, EMPLOYER_KINDS, OCCUPATIONS, SALARY_PERIODS } from '../case/index.ts';
import { FIELDS, fieldForHeader, type FieldId } from './fields.ts';
import { normalizeWord } from './words.ts';

export const MAPPING_FORMAT = 'hqs-import-mapping/1';

const DefaultsSchema = z.strictObject({
  employerKind: z.enum(EMPLOYER_KINDS).optional(),
  contractKind: z.enum(CONTRACT_KINDS).optional(),
  occupation: z.enum(OCCUPATIONS).optional(),
  salaryPer: z.enum(SALARY_PERIODS).optional(),
  /** ISO 3166-2:RU codes (RU-MOW), for rows without a work region. */
  regions: z
    .array(z.string().regex(/^RU-[A-Z0-9]{1,3}$/))
    .min(1)
    .optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
});
export type ImportDefaults = z.infer<typeof DefaultsSchema>;

export const ImportMappingSchema = z.strictObject({
  format: z.literal(MAPPING_FORMAT),
  /** Header text as in the file → the field it holds, or null to leave the column out. */
  columns: z.record(z.string().min(1), z.enum(FIELDS).nullable()),
  defaults: DefaultsSchema.optional(),
});
export type ImportMapping = z.infer<typeof ImportMappingSchema>;

/** What the import fills in when the sheet says nothing (on new cases only; an update never overwrites with them). */
export const BUILTIN_DEFAULTS: Required<
  Pick<ImportDefaults, 'employerKind' | 'contractKind' | 'occupation' | 'salaryPer'>
> = { employerKind: 'commercial', contractKind: 'employment', occupation: 'general', salaryPer: 'month' };

export class MappingError extends Error {
  override name = 'MappingError';
  constructor(readonly problems: readonly { path: string; message: string }[]) {
    super(problems.map((p) => `${p.path || '(root)'}: ${p.message}`).join('; '));
  }
}

/** Checks a mapping given as a value (a JSON file, a request body, a stored row). */
export function parseMapping(input: unknown): ImportMapping {
  const r = ImportMappingSchema.safeParse(input);
  if (r.success) return r.data;
  throw new MappingError(
    r.error.issues.map((i) => ({
      path: i.path.map(String).join('.'),
      message:
        i.path[0] === 'columns' && i.code === 'invalid_value'
          ? `unknown field; expected one of ${FIELDS.join(', ')} or null`
          : i.message,
    })),
  );
}

/** One column of the file and what it is taken as. */
export interface ColumnMapping {
  /** 0-based position. */
  index: number;
  /** The column's letter as a spreadsheet shows it (A, B, … AA). */
  letter: string;
  header: string;
  field: FieldId | null;
  /** `mapping`: the mapping given said so; `auto`: the header matched a known name; `none`: not taken. */
  source: 'mapping' | 'auto' | 'none';
}

export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * The columns of a header row, each with its field: the given mapping's choice for that header first
 * (compared like headers are: case, ё and punctuation aside), else the known name it matches. A field
 * taken by an earlier column is not given to a later one automatically.
 */
export function mapColumns(headers: readonly string[], mapping?: ImportMapping): ColumnMapping[] {
  const given = new Map<string, FieldId | null>();
  for (const [h, f] of Object.entries(mapping?.columns ?? {})) given.set(normalizeWord(h), f);
  const taken = new Set<FieldId>();
  const out: ColumnMapping[] = headers.map((header, index) => {
    const k = normalizeWord(header);
    const base = { index, letter: columnLetter(index), header };
    if (given.has(k)) {
      const field = given.get(k)!;
      if (field) taken.add(field);
      return { ...base, field, source: field ? 'mapping' : 'none' };
    }
    return { ...base, field: null, source: 'none' };
  });
  for (const c of out) {
    if (c.source === 'mapping' || given.has(normalizeWord(c.header)) || c.header.trim() === '') continue;
    const f = fieldForHeader(c.header);
    if (f && !taken.has(f)) {
      taken.add(f);
      c.field = f;
      c.source = 'auto';
    }
  }
  return out;
}

/** The mapping to keep for next time: every column by its header, and the defaults. */
export function mappingOf(columns: readonly ColumnMapping[], defaults?: ImportDefaults): ImportMapping {
  const cols: Record<string, FieldId | null> = {};
  for (const c of columns) if (c.header.trim() !== '') cols[c.header] = c.field;
  return { format: MAPPING_FORMAT, columns: cols, ...(defaults && Object.keys(defaults).length ? { defaults } : {}) };
}
