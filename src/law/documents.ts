// The document catalogue (law/documents/*.yaml): every document a procedure of the HQS route asks for,
// who issues it, in what form and how many, whether it is a foreign public document (so the issuing
// country's treaties decide apostille, consular legalization or nothing), whether a notarized Russian
// translation is needed, how fresh or how long valid it must be, and which people need it. The procedures
// (law/documents/procedures.yaml) give the order of the document index the authority expects.
// Every document, every use of it by a procedure and every procedure carries its citation.
import { z } from 'zod';
import { BasisSchema, ConfidenceSchema, IsoDateSchema, LocalizedTextSchema } from './citation.ts';
import type { Citation, Confidence, IsoDate, LocalizedText } from './citation.ts';
import { LawLookupError } from './errors.ts';
import { FromPrecisionSchema, ParameterIdSchema } from './schema.ts';
import type { FromPrecision } from './schema.ts';

/** Who a document is for. Age groups are decided on the filing date. */
export const HOLDERS = ['principal', 'spouse', 'child-under-14', 'child-14-17', 'adult-family', 'incapacitated'] as const;
export const HolderSchema = z.enum(HOLDERS);
export type Holder = z.infer<typeof HolderSchema>;

/** The procedures of the route whose documents the catalogue lists. */
export const PROCEDURES = [
  'work-permit',
  'invitation',
  'work-visa',
  'arrival-registration',
  'employer-notification',
  'hqs-rp',
  'work-permit-extension',
  'indefinite-rp',
  'rp-other-ground',
  'citizenship',
] as const;
export const ProcedureIdSchema = z.enum(PROCEDURES);
export type ProcedureId = z.infer<typeof ProcedureIdSchema>;

/**
 * Where a document comes from, which decides legalization:
 * - `foreign-public`: issued by a foreign authority (civil-status certificates, diplomas, court decisions,
 *   criminal-record certificates): apostille, consular legalization or nothing, by the issuing country;
 * - `foreign-identity`: a foreign passport: never legalized, translated where the procedure says;
 * - `foreign-private`: issued abroad by a private body (a clinic's certificate): not a public document, so not legalized;
 * - `russian`: issued or drawn up in Russia (by an authority, the employer, a Russian clinic or notary);
 * - `applicant`: made by the applicant (forms, photos, letters): no legalization.
 */
export const ORIGINS = ['foreign-public', 'foreign-identity', 'foreign-private', 'russian', 'applicant'] as const;
export const OriginSchema = z.enum(ORIGINS);
export type Origin = z.infer<typeof OriginSchema>;

/**
 * Who brings a document to the filing: the specialist (their passport, diploma, photos, the forms they sign,
 * the fees they pay), or the employer (its petition, registration card, guarantees, the duties it pays). The
 * specialist's portal lists only what is theirs; the workspace lists everything.
 */
export const PROVIDERS = ['specialist', 'employer'] as const;
export const ProviderSchema = z.enum(PROVIDERS);
export type Provider = z.infer<typeof ProviderSchema>;

export const FORMS = ['original', 'copy', 'notarized-copy'] as const;
export const FormSchema = z.enum(FORMS);
export type DocumentForm = z.infer<typeof FormSchema>;

/**
 * When a use applies beyond its holders. The engine decides the first five from the case; the last three it
 * cannot decide, so such a document appears in a checklist only when the case already records it.
 * - `visa-national`: the person needs a visa to come to work;
 * - `adopted`: the person is adopted;
 * - `contract-terminated`: the contract has been terminated;
 * - `third-country-residence`: the person lives in a country that is not one of their citizenships;
 * - `employer-unregistered`: the employer is not (yet) registered with the Interior Ministry on the filing date;
 * - `periodic`: filed every period (the quarterly salary notification): an obligation, not a step's document;
 * - `if-requested`: only where the authority or a consulate asks for it;
 * - `name-changed`: only where the person's name changed.
 */
export const CONDITIONS = [
  'visa-national',
  'adopted',
  'contract-terminated',
  'third-country-residence',
  'employer-unregistered',
  'periodic',
  'if-requested',
  'name-changed',
] as const;
export const ConditionSchema = z.enum(CONDITIONS);
export type Condition = z.infer<typeof ConditionSchema>;

/** The dates a validity rule counts from: the filing date, or the end of the work permit (else of the contract). */
export const VALIDITY_ANCHORS = ['filing', 'permit-end'] as const;
export type ValidityAnchor = (typeof VALIDITY_ANCHORS)[number];

const kebab = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'expected lower-case words joined by hyphens' });

export const PhotoSchema = z.strictObject({
  widthMm: z.number().positive(),
  heightMm: z.number().positive(),
  count: z.int().positive(),
});
export type PhotoSpec = z.infer<typeof PhotoSchema>;

export const ValiditySchema = z.strictObject({
  /** Issued no earlier than this many months before filing. */
  maxAgeMonths: z.int().positive().optional(),
  /** Must stay valid at least until the anchor date plus this many months. */
  validUntil: z
    .strictObject({
      anchor: z.enum(VALIDITY_ANCHORS),
      plusMonths: z.int().nonnegative(),
    })
    .optional(),
});
export type Validity = z.infer<typeof ValiditySchema>;

const provenance = {
  confidence: ConfidenceSchema,
  verified: IsoDateSchema,
  basis: BasisSchema,
  note: LocalizedTextSchema.optional(),
};

/** What one procedure asks of a document (dated: a requirement may begin or end with a change in the law). */
export const DocumentUseSchema = z.strictObject({
  procedure: ProcedureIdSchema,
  holders: z.array(HolderSchema).min(1, { message: 'at least one holder is required' }),
  form: FormSchema,
  copies: z.int().positive(),
  /** A notarized Russian translation is needed (for a foreign-language document). */
  translation: z.boolean(),
  /** Overrides the document's origin for this procedure (an HIV certificate from home for the visa, from a Russian clinic for the permit). */
  origin: OriginSchema.optional(),
  when: ConditionSchema.optional(),
  validity: ValiditySchema.optional(),
  photo: PhotoSchema.optional(),
  /** Law parameters that give the use its numbers (a duty's amount, a deadline); checked to exist. */
  parameters: z.array(ParameterIdSchema).min(1).optional(),
  from: IsoDateSchema.optional(),
  to: IsoDateSchema.optional(),
  fromPrecision: FromPrecisionSchema.optional(),
  ...provenance,
});
export type DocumentUseEntry = z.infer<typeof DocumentUseSchema>;

export const DocumentTypeSchema = z.strictObject({
  id: kebab,
  title: LocalizedTextSchema,
  issuer: LocalizedTextSchema,
  origin: OriginSchema,
  /** Who brings it (default: the specialist). */
  provider: ProviderSchema.optional(),
  /** The stem of the scan's file name, e.g. Passport_Bio (→ 01_Passport_Bio.pdf). */
  fileStem: z.string().regex(/^[A-Z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*$/, {
    message: 'expected words in CamelCase joined by underscores, e.g. Passport_Bio',
  }),
  uses: z.array(DocumentUseSchema).min(1, { message: 'at least one use (procedure) is required' }),
  ...provenance,
});

export const DocumentsFileSchema = z.strictObject({
  documents: z.array(z.unknown()).min(1, { message: 'at least one document is required' }),
});

export const ProcedureSchema = z.strictObject({
  id: ProcedureIdSchema,
  title: LocalizedTextSchema,
  authority: LocalizedTextSchema,
  /** The document ids in the order the authority expects them in the document index. */
  index: z.array(kebab).min(1, { message: 'the index must list at least one document' }),
  ...provenance,
});

export const ProceduresFileSchema = z.strictObject({
  procedures: z.array(z.unknown()).min(1, { message: 'at least one procedure is required' }),
});

// ---------------------------------------------------------------------------------------------------
// Loaded types

export interface DocumentUse {
  readonly procedure: ProcedureId;
  readonly holders: readonly Holder[];
  readonly form: DocumentForm;
  readonly copies: number;
  readonly translation: boolean;
  /** The origin for this procedure (the use's own, else the document's). */
  readonly origin: Origin;
  readonly when?: Condition;
  readonly validity?: Validity;
  readonly photo?: PhotoSpec;
  readonly parameters: readonly string[];
  readonly from?: IsoDate;
  readonly to?: IsoDate;
  readonly fromPrecision: FromPrecision;
  readonly confidence: Confidence;
  readonly verified: IsoDate;
  readonly basis: readonly Citation[];
  readonly note?: LocalizedText;
}

export interface DocumentType {
  readonly id: string;
  /** The file it was read from. */
  readonly file: string;
  readonly title: LocalizedText;
  readonly issuer: LocalizedText;
  readonly origin: Origin;
  readonly provider: Provider;
  readonly fileStem: string;
  readonly uses: readonly DocumentUse[];
  readonly confidence: Confidence;
  readonly verified: IsoDate;
  readonly basis: readonly Citation[];
  readonly note?: LocalizedText;
}

export interface Procedure {
  readonly id: ProcedureId;
  readonly file: string;
  readonly title: LocalizedText;
  readonly authority: LocalizedText;
  readonly index: readonly string[];
  readonly confidence: Confidence;
  readonly verified: IsoDate;
  readonly basis: readonly Citation[];
  readonly note?: LocalizedText;
}

/** One line of a procedure's document index: the document, its use by the procedure, and its position (1, 2, …). */
export interface IndexEntry {
  readonly order: number;
  readonly document: DocumentType;
  readonly use: DocumentUse;
}

export interface DocumentCatalogue {
  /** Every document type, sorted by id. */
  readonly documents: readonly DocumentType[];
  /** Every procedure, in the order of PROCEDURES. */
  readonly procedures: readonly Procedure[];
  has(id: string): boolean;
  /** Throws LawLookupError naming the id when it is unknown. */
  document(id: string): DocumentType;
  /** Throws LawLookupError naming the id when the catalogue does not describe it. */
  procedure(id: ProcedureId): Procedure;
  /**
   * The procedure's document index in order: for each document the uses in force on `date` (every use when
   * no date is given). A document with several uses in force (for different holders) appears once per use,
   * all with the document's position.
   */
  forProcedure(id: ProcedureId, date?: IsoDate): readonly IndexEntry[];
}

/** True when a dated use applies on `date`. */
export function useInForce(use: { readonly from?: IsoDate; readonly to?: IsoDate }, date: IsoDate): boolean {
  return (use.from === undefined || use.from <= date) && (use.to === undefined || date <= use.to);
}

export function createDocumentCatalogue(documents: readonly DocumentType[], procedures: readonly Procedure[]): DocumentCatalogue {
  const docs = [...documents].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const byId = new Map(docs.map((d) => [d.id, d]));
  const procs = [...procedures].sort((a, b) => PROCEDURES.indexOf(a.id) - PROCEDURES.indexOf(b.id));
  const procById = new Map(procs.map((p) => [p.id, p]));
  const index = new Map<ProcedureId, IndexEntry[]>();
  for (const p of procs) {
    const entries: IndexEntry[] = [];
    p.index.forEach((docId, i) => {
      const d = byId.get(docId);
      if (d === undefined) return;
      for (const use of d.uses) if (use.procedure === p.id) entries.push({ order: i + 1, document: d, use });
    });
    index.set(p.id, entries);
  }
  return {
    documents: docs,
    procedures: procs,
    has: (id) => byId.has(id),
    document(id) {
      const d = byId.get(id);
      if (d === undefined) throw new LawLookupError(`unknown document type "${id}" (not in law/documents/*.yaml)`);
      return d;
    },
    procedure(id) {
      const p = procById.get(id);
      if (p === undefined) throw new LawLookupError(`unknown procedure "${id}" (not in law/documents/procedures.yaml)`);
      return p;
    },
    forProcedure(id, date) {
      const entries = index.get(id);
      if (entries === undefined) throw new LawLookupError(`unknown procedure "${id}" (not in law/documents/procedures.yaml)`);
      return date === undefined ? entries : entries.filter((e) => useInForce(e.use, date));
    },
  };
}

/** An empty catalogue, for a law folder without law/documents. */
export const EMPTY_CATALOGUE: DocumentCatalogue = createDocumentCatalogue([], []);
