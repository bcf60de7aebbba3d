// The grounds on which a residence permit (RP) is issued without a temporary residence permit first
// (115-FZ art. 8 p.2 and related acts), as dated, cited data (law/grounds/*.yaml). For each ground: since
// when it exists, the extra documents it asks for (ids in the document catalogue), whether the Russian
// language certificate is needed, the processing time, and when the case can tell whether a person may
// use it (`eligibleWhen`) or which facts the case format lacks to tell (`needsFacts`).
import { z } from 'zod';
import { BasisSchema, ConfidenceSchema, IsoDateSchema, LocalizedTextSchema, StatusSchema } from './citation.ts';
import type { Citation, Confidence, IsoDate, LawStatus, LocalizedText } from './citation.ts';
import { EMPLOYER_KINDS, OCCUPATIONS } from './category.ts';
import type { EmployerKind, Occupation } from './category.ts';
import { LawLookupError } from './errors.ts';
import { FromPrecisionSchema, ParameterIdSchema, RelationSchema } from './schema.ts';
import type { FromPrecision, Relation } from './schema.ts';
import { ProcedureIdSchema } from './documents.ts';
import type { ProcedureId } from './documents.ts';

/**
 * Facts a ground depends on that the case format (hqs-case/1) does not record. A ground that needs one is
 * at most "possible" for a person: the engine says which fact to check.
 */
export const GROUND_FACTS = [
  'born-in-rsfsr-ussr-citizen',
  'russian-citizen-parent-or-child',
  'native-speaker-recognized',
  'crimea-deportation-rehabilitated',
  'listed-profession-six-months',
  'russian-honours-diploma',
  'former-russian-citizen',
  'citizenship-decision-revoked',
  'citizenship-law-art-41-1',
  'contest-finalist-or-winner',
  'it-qualification',
  'investor-criteria-met',
  'resettlement-permit',
  'military-service-contract',
  'resident-of-new-regions',
] as const;
export const GroundFactSchema = z.enum(GROUND_FACTS);
export type GroundFact = z.infer<typeof GroundFactSchema>;

const CountryCodeSchema = z.string().regex(/^[A-Z]{2}$/, { message: 'expected an ISO 3166-1 alpha-2 code (two capital letters)' });

/**
 * What the case must show for the ground to apply to a person. Every field present must hold (AND); a list
 * holds when the case's value is in it (OR).
 * - `citizenshipIn`: one of the person's citizenships is listed;
 * - `hqs`: the person is the HQS (`principal`), a family member of the HQS (`family`), or either (`any`),
 *   with the HQS work permit issued or applied for;
 * - `minor`: under 18 (true) or 18 and over (false) on the date;
 * - `incapacitated`: recognized as incapacitated or of limited capacity;
 * - `relation`: the person's relation to the HQS (principal) is listed;
 * - `principalResidencePermit`: the HQS (the person's parent, with relation child) holds an RP (`issued`),
 *   or has applied for one or holds it (`filed-or-issued`);
 * - `employerKinds`, `occupations`: the case's employer kind and occupation.
 */
export const EligibleWhenSchema = z.strictObject({
  citizenshipIn: z.array(CountryCodeSchema).min(1).optional(),
  hqs: z.enum(['principal', 'family', 'any']).optional(),
  minor: z.boolean().optional(),
  incapacitated: z.literal(true).optional(),
  relation: z.array(RelationSchema).min(1).optional(),
  principalResidencePermit: z.enum(['issued', 'filed-or-issued']).optional(),
  employerKinds: z.array(z.enum(EMPLOYER_KINDS)).min(1).optional(),
  occupations: z.array(z.enum(OCCUPATIONS)).min(1).optional(),
});
export type EligibleWhen = z.infer<typeof EligibleWhenSchema>;

const cited = {
  confidence: ConfidenceSchema,
  basis: BasisSchema,
  note: LocalizedTextSchema.optional(),
};

/** The processing time: a law parameter, or a term the data states here (months or working days). */
export const ProcessingSchema = z.strictObject({
  parameter: ParameterIdSchema.optional(),
  months: z.int().positive().optional(),
  workingDays: z.int().positive().optional(),
  confidence: ConfidenceSchema.optional(),
  basis: BasisSchema.optional(),
  note: LocalizedTextSchema.optional(),
});

export const LanguageCertificateSchema = z.strictObject({
  /** The certificate of Russian language, history and law is required on this ground. */
  required: z.boolean(),
  ...cited,
});

export const GroundSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'expected lower-case words joined by hyphens' }),
  title: LocalizedTextSchema,
  /** The basic document list the ground adds to: the HQS residence permit's, or the general one. */
  procedure: ProcedureIdSchema,
  from: IsoDateSchema,
  to: IsoDateSchema.optional(),
  fromPrecision: FromPrecisionSchema.optional(),
  status: StatusSchema,
  eligibleWhen: EligibleWhenSchema.optional(),
  needsFacts: z.array(GroundFactSchema).min(1).optional(),
  /** Documents this ground adds to the procedure's basic list (ids in law/documents). */
  documents: z.array(z.string().min(1)),
  languageCertificate: LanguageCertificateSchema,
  processing: ProcessingSchema,
  verified: IsoDateSchema,
  ...cited,
});
export type GroundEntry = z.infer<typeof GroundSchema>;

export const GroundsFileSchema = z.strictObject({
  grounds: z.array(z.unknown()).min(1, { message: 'at least one ground is required' }),
});

export interface GroundProcessing {
  /** A law parameter holding the term (its value on a date is read through Law.valueAt). */
  readonly parameter?: string;
  readonly months?: number;
  readonly workingDays?: number;
  readonly confidence?: Confidence;
  readonly basis: readonly Citation[];
  readonly note?: LocalizedText;
}

export interface Ground {
  readonly id: string;
  readonly file: string;
  readonly title: LocalizedText;
  readonly procedure: ProcedureId;
  readonly from: IsoDate;
  readonly to?: IsoDate;
  readonly fromPrecision: FromPrecision;
  readonly status: LawStatus;
  readonly eligibleWhen?: {
    readonly citizenshipIn?: readonly string[];
    readonly hqs?: 'principal' | 'family' | 'any';
    readonly minor?: boolean;
    readonly incapacitated?: true;
    readonly relation?: readonly Relation[];
    readonly principalResidencePermit?: 'issued' | 'filed-or-issued';
    readonly employerKinds?: readonly EmployerKind[];
    readonly occupations?: readonly Occupation[];
  };
  readonly needsFacts: readonly GroundFact[];
  readonly documents: readonly string[];
  readonly languageCertificate: {
    readonly required: boolean;
    readonly confidence: Confidence;
    readonly basis: readonly Citation[];
    readonly note?: LocalizedText;
  };
  readonly processing: GroundProcessing;
  readonly confidence: Confidence;
  readonly verified: IsoDate;
  readonly basis: readonly Citation[];
  readonly note?: LocalizedText;
}

export interface GroundsTable {
  /** Every ground, in the order of the files. */
  readonly grounds: readonly Ground[];
  has(id: string): boolean;
  /** Throws LawLookupError naming the id when it is unknown. */
  ground(id: string): Ground;
  /** The grounds in force on `date` (proposed grounds only when asked for). */
  inForce(date: IsoDate, opts?: { includeProposed?: boolean }): readonly Ground[];
}

export function createGroundsTable(grounds: readonly Ground[]): GroundsTable {
  const byId = new Map(grounds.map((g) => [g.id, g]));
  return {
    grounds,
    has: (id) => byId.has(id),
    ground(id) {
      const g = byId.get(id);
      if (g === undefined) throw new LawLookupError(`unknown residence ground "${id}" (not in law/grounds/*.yaml)`);
      return g;
    },
    inForce(date, opts) {
      return grounds.filter(
        (g) => (g.status === 'in-force' || opts?.includeProposed === true) && g.from <= date && (g.to === undefined || date <= g.to),
      );
    },
  };
}

export const EMPTY_GROUNDS: GroundsTable = createGroundsTable([]);
