// The loaded law: typed, dated look-ups over validated law data. Built only by parseLawFiles (parse.ts),
// which guarantees what the look-ups rely on: values of a track are sorted, do not overlap, and each has
// its last day (`to`) computed. Look-ups compare ISO date strings and allocate nothing.
import type { Citation, Confidence, IsoDate, LawStatus, LocalizedText } from './citation.ts';
import { matchesCategory } from './category.ts';
import type { CategoryFacts, RegionFilter, ThresholdCategory } from './category.ts';
import type { CountryTable, RegionTable } from './countries.ts';
import type { DocumentCatalogue } from './documents.ts';
import type { GroundsTable } from './grounds.ts';
import { LawLookupError } from './errors.ts';
import { periodBounds } from './dates.ts';
import type {
  Counting,
  FromPrecision,
  LawValue,
  Period,
  Range,
  Relation,
  Rule,
  SourceKind,
  TaxBand,
  Unit,
  ValueKind,
} from './schema.ts';

/** One dated value of a parameter, with its citation. */
export interface ParameterValue<V extends LawValue = LawValue> {
  readonly parameterId: string;
  /** Position in the file's `values` list (for messages pointing back at the data). */
  readonly index: number;
  readonly status: LawStatus;
  /** First day the value applies. */
  readonly from: IsoDate;
  readonly fromPrecision: FromPrecision;
  /** Last day the value applies: the file's `to`, else the day before the next value of the same track; undefined = open. */
  readonly to?: IsoDate;
  /** null: the law sets no such requirement or limit in this period. */
  readonly value: V;
  readonly period?: Period;
  /** The first measurement period the value governs when it is not the one containing `from` (e.g. 2024-Q1). */
  readonly firstPeriod?: string;
  readonly counting?: Counting;
  readonly rule?: Rule;
  readonly confidence: Confidence;
  readonly basis: readonly Citation[];
  readonly verified: IsoDate;
  readonly note?: LocalizedText;
  /** Proposals only: the day the proposal became public (no evaluation before it mentions the proposal). */
  readonly announced?: IsoDate;
}

export interface Parameter {
  readonly id: string;
  /** The file it was read from, e.g. law/parameters/hqs/salary-threshold/general.yaml. */
  readonly file: string;
  readonly title: LocalizedText;
  readonly description: LocalizedText;
  readonly unit: Unit;
  readonly kind: ValueKind;
  /** For salary thresholds: when this threshold applies. */
  readonly category?: ThresholdCategory;
  /** For parameters that apply only in some regions. */
  readonly regions?: RegionFilter;
  /** What is known about the time before the first in-force value (look-ups there return undefined). */
  readonly beforeFirstValue?: LocalizedText;
  readonly note?: LocalizedText;
  /** The law in force, in date order. */
  readonly values: readonly ParameterValue[];
  /** Proposals (bills, drafts), in date order; never applied unless a look-up asks for them. */
  readonly proposed: readonly ParameterValue[];
}

export interface ThresholdParameter extends Parameter {
  readonly category: ThresholdCategory;
}

export interface Source {
  readonly id: string;
  readonly kind: SourceKind;
  /** The id stands for a set of acts rather than one. */
  readonly collective?: true;
  readonly number?: string;
  readonly adopted?: IsoDate;
  readonly submitted?: IsoDate;
  readonly inForce?: IsoDate;
  /** Bills: the day the proposal became public. */
  readonly announced?: IsoDate;
  /** Bills: the last stage verified (e.g. first reading on 2026-03-18). */
  readonly lastStage?: { readonly stage: string; readonly on: IsoDate };
  /** The act's name as a reader writes it in a citation (115-ФЗ, КоАП РФ, Приказ МВД России № 536). */
  readonly short: LocalizedText;
  readonly title: LocalizedText;
  /** The act's official or reference text; none for a practice guide. */
  readonly url?: string;
  /** `search`: `url` is the official portal's search for the act, its own page not being verified. */
  readonly urlKind?: 'text' | 'search';
  readonly note?: LocalizedText;
  /** Set when the source is a member of a series such as `bilateral-RU-{country}`. */
  readonly series?: string;
}

export interface FamilyRelation {
  readonly relation: Relation;
  readonly includesAdopted?: boolean;
  readonly title: LocalizedText;
}

interface DatedFact {
  readonly from: IsoDate;
  /** Last day it applies (explicit, or the day before the next definition); undefined = open. */
  readonly to?: IsoDate;
  readonly fromPrecision: FromPrecision;
  readonly status: LawStatus;
  readonly confidence: Confidence;
  readonly verified: IsoDate;
  readonly basis: readonly Citation[];
  readonly note?: LocalizedText;
}

export interface FamilyDefinitionVersion extends DatedFact {
  readonly relations: readonly FamilyRelation[];
}

export interface FamilyRight extends DatedFact {
  readonly id: string;
  readonly title: LocalizedText;
  readonly description: LocalizedText;
  readonly parameters: readonly string[];
}

/** law/family.yaml: who is a family member of an HQS (dated), and the family members' rights. */
export interface FamilyDefinition {
  readonly file: string;
  readonly definitions: readonly FamilyDefinitionVersion[];
  readonly rights: readonly FamilyRight[];
}

export interface LookupOptions {
  /** Let a proposed value that has started by the date win over the law in force. */
  readonly includeProposed?: boolean;
}

export interface ApplicableThreshold {
  readonly parameter: ThresholdParameter;
  readonly value: ParameterValue<number | null>;
}

export interface Law {
  /** The latest `verified` date in the law data (or the version given to the loader). */
  readonly version: IsoDate;
  /** Every parameter, sorted by id. */
  readonly parameters: readonly Parameter[];
  /** Every source: the registry's entries and each cited member of a series. */
  readonly sources: ReadonlyMap<string, Source>;
  readonly family: FamilyDefinition;
  readonly countries: CountryTable;
  readonly regions: RegionTable;
  /** law/documents: the document types, what each procedure asks of them, and each procedure's index order. */
  readonly documents: DocumentCatalogue;
  /** law/grounds: the grounds for a residence permit without a temporary residence permit first. */
  readonly grounds: GroundsTable;
  /** Every proposed value, in date order. */
  readonly proposals: readonly ParameterValue[];

  hasParameter(id: string): boolean;
  /** Throws LawLookupError naming the id when it is unknown. */
  parameter(id: string): Parameter;
  /** The value in force on `date` (with includeProposed: a proposal that has started wins); undefined where the data has none. */
  valueAt(id: string, date: IsoDate, opts?: LookupOptions): ParameterValue | undefined;
  /**
   * The value that governs a measurement period (`2024-Q1` or `2024-03`): the last value whose first period — its
   * `firstPeriod`, else the period containing its `from` — is not after it (with includeProposed: a proposal
   * that governs the period wins). Undefined where none does.
   */
  valueForPeriod(id: string, period: string, opts?: LookupOptions): ParameterValue | undefined;
  /** valueAt for parameters whose unit is a number (RUB, terms, percent, factor); throws for other units. */
  numberAt(id: string, date: IsoDate, opts?: LookupOptions): ParameterValue<number | null> | undefined;
  rangeAt(id: string, date: IsoDate, opts?: LookupOptions): ParameterValue<Range | null> | undefined;
  taxScaleAt(id: string, date: IsoDate, opts?: LookupOptions): ParameterValue<readonly TaxBand[] | null> | undefined;
  listAt(id: string, date: IsoDate, opts?: LookupOptions): ParameterValue<readonly number[] | null> | undefined;
  codeAt(id: string, date: IsoDate, opts?: LookupOptions): ParameterValue<string | null> | undefined;
  /** Every value of the parameter, in-force and proposed, in date order. */
  changesOf(id: string): readonly ParameterValue[];
  /** Throws LawLookupError naming the id when it is unknown. */
  source(id: string): Source;
  /** The salary-threshold parameters with their category filters, sorted by id. */
  thresholdCategories(): readonly ThresholdParameter[];
  /**
   * The thresholds whose category matches the case and which have a value on `date`. Art. 13.2 p.1 lists
   * the categories as alternatives; the general one always matches.
   */
  applicableThresholds(facts: CategoryFacts, date: IsoDate, opts?: LookupOptions): readonly ApplicableThreshold[];
  /** applicableThresholds for a measurement period: each category's value that governs it (valueForPeriod). */
  applicableThresholdsInPeriod(facts: CategoryFacts, period: string, opts?: LookupOptions): readonly ApplicableThreshold[];
  /** Proposals that would take effect after `date`, in date order. */
  proposedAfter(date: IsoDate): readonly ParameterValue[];
  /** The family-member definition in force on `date`. */
  familyDefinitionAt(date: IsoDate): FamilyDefinitionVersion | undefined;
}

/** The last value of a sorted, non-overlapping track whose range contains `date`. */
function pick<T extends { readonly from: IsoDate; readonly to?: IsoDate }>(track: readonly T[], date: IsoDate): T | undefined {
  for (let i = track.length - 1; i >= 0; i--) {
    const v = track[i] as T;
    if (v.from <= date) return v.to === undefined || date <= v.to ? v : undefined;
  }
  return undefined;
}

/** A measurement period of the same kind as `like` (quarter `2024-Q1` or month `2024-03`): the one holding `period` or `date`. */
function samePeriodKind(like: string, period: string): string {
  const b = periodBounds(period);
  if (b === undefined) return period;
  return periodOf(like, b.first);
}

function periodOf(like: string, date: IsoDate): string {
  if (like.includes('Q')) return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
  return date.slice(0, 7);
}

/** The value of a sorted track that governs a period (see Law.valueForPeriod): periods of one kind order as text. */
function governing(track: readonly ParameterValue[], period: string): ParameterValue | undefined {
  const bounds = periodBounds(period);
  if (bounds === undefined) return undefined;
  let found: ParameterValue | undefined;
  for (const v of track) {
    const first = v.firstPeriod !== undefined ? samePeriodKind(period, v.firstPeriod) : periodOf(period, v.from);
    if (first > period) continue;
    if (v.to === undefined || v.to >= bounds.first) found = v;
  }
  return found;
}

/** What the loader hands over; the rest of a Law is derived from it. */
export type LawParts = Pick<Law, 'version' | 'parameters' | 'sources' | 'family' | 'countries' | 'regions' | 'documents' | 'grounds'>;

class LoadedLaw implements Law {
  readonly version: IsoDate;
  readonly parameters: readonly Parameter[];
  readonly sources: ReadonlyMap<string, Source>;
  readonly family: FamilyDefinition;
  readonly countries: CountryTable;
  readonly regions: RegionTable;
  readonly documents: DocumentCatalogue;
  readonly grounds: GroundsTable;
  readonly proposals: readonly ParameterValue[];
  private readonly byId: ReadonlyMap<string, Parameter>;
  private readonly changes: ReadonlyMap<string, readonly ParameterValue[]>;
  private readonly thresholds: readonly ThresholdParameter[];
  private readonly familyInForce: readonly FamilyDefinitionVersion[];

  constructor(parts: LawParts) {
    this.version = parts.version;
    this.parameters = [...parts.parameters].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    this.sources = parts.sources;
    this.family = parts.family;
    this.countries = parts.countries;
    this.regions = parts.regions;
    this.documents = parts.documents;
    this.grounds = parts.grounds;
    this.byId = new Map(this.parameters.map((p) => [p.id, p]));
    this.changes = new Map(
      this.parameters.map((p) => [p.id, [...p.values, ...p.proposed].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0))]),
    );
    this.thresholds = this.parameters.filter((p): p is ThresholdParameter => p.category !== undefined);
    this.familyInForce = parts.family.definitions.filter((d) => d.status === 'in-force');
    this.proposals = this.parameters
      .flatMap((p) => p.proposed)
      .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.parameterId < b.parameterId ? -1 : 1));
  }

  hasParameter(id: string): boolean {
    return this.byId.has(id);
  }

  parameter(id: string): Parameter {
    const p = this.byId.get(id);
    if (p === undefined) throw new LawLookupError(`unknown law parameter "${id}" (no file law/parameters/${id.replaceAll('.', '/')}.yaml)`);
    return p;
  }

  valueAt(id: string, date: IsoDate, opts?: LookupOptions): ParameterValue | undefined {
    const p = this.parameter(id);
    if (opts?.includeProposed === true && p.proposed.length > 0) {
      const proposed = pick(p.proposed, date);
      if (proposed !== undefined) return proposed;
    }
    return pick(p.values, date);
  }

  valueForPeriod(id: string, period: string, opts?: LookupOptions): ParameterValue | undefined {
    const p = this.parameter(id);
    if (opts?.includeProposed === true && p.proposed.length > 0) {
      const proposed = governing(p.proposed, period);
      if (proposed !== undefined) return proposed;
    }
    return governing(p.values, period);
  }

  private typed(id: string, kind: ValueKind, date: IsoDate, opts: LookupOptions | undefined): ParameterValue | undefined {
    const p = this.parameter(id);
    if (p.kind !== kind) throw new LawLookupError(`law parameter "${id}" holds ${p.kind} values (unit ${p.unit}), not ${kind}`);
    return this.valueAt(id, date, opts);
  }

  numberAt(id: string, date: IsoDate, opts?: LookupOptions): ParameterValue<number | null> | undefined {
    return this.typed(id, 'number', date, opts) as ParameterValue<number | null> | undefined;
  }

  rangeAt(id: string, date: IsoDate, opts?: LookupOptions): ParameterValue<Range | null> | undefined {
    return this.typed(id, 'range', date, opts) as ParameterValue<Range | null> | undefined;
  }

  taxScaleAt(id: string, date: IsoDate, opts?: LookupOptions): ParameterValue<readonly TaxBand[] | null> | undefined {
    return this.typed(id, 'tax-scale', date, opts) as ParameterValue<readonly TaxBand[] | null> | undefined;
  }

  listAt(id: string, date: IsoDate, opts?: LookupOptions): ParameterValue<readonly number[] | null> | undefined {
    return this.typed(id, 'list', date, opts) as ParameterValue<readonly number[] | null> | undefined;
  }

  codeAt(id: string, date: IsoDate, opts?: LookupOptions): ParameterValue<string | null> | undefined {
    return this.typed(id, 'code', date, opts) as ParameterValue<string | null> | undefined;
  }

  changesOf(id: string): readonly ParameterValue[] {
    this.parameter(id);
    return this.changes.get(id) ?? [];
  }

  source(id: string): Source {
    const s = this.sources.get(id);
    if (s === undefined) throw new LawLookupError(`unknown legal source "${id}" (not in law/sources.yaml)`);
    return s;
  }

  thresholdCategories(): readonly ThresholdParameter[] {
    return this.thresholds;
  }

  applicableThresholds(facts: CategoryFacts, date: IsoDate, opts?: LookupOptions): readonly ApplicableThreshold[] {
    const out: ApplicableThreshold[] = [];
    for (const parameter of this.thresholds) {
      if (!matchesCategory(parameter.category, facts)) continue;
      const value = this.valueAt(parameter.id, date, opts) as ParameterValue<number | null> | undefined;
      if (value !== undefined) out.push({ parameter, value });
    }
    return out;
  }

  applicableThresholdsInPeriod(facts: CategoryFacts, period: string, opts?: LookupOptions): readonly ApplicableThreshold[] {
    const out: ApplicableThreshold[] = [];
    for (const parameter of this.thresholds) {
      if (!matchesCategory(parameter.category, facts)) continue;
      const value = this.valueForPeriod(parameter.id, period, opts) as ParameterValue<number | null> | undefined;
      if (value !== undefined) out.push({ parameter, value });
    }
    return out;
  }

  proposedAfter(date: IsoDate): readonly ParameterValue[] {
    return this.proposals.filter((v) => v.from > date);
  }

  familyDefinitionAt(date: IsoDate): FamilyDefinitionVersion | undefined {
    return pick(this.familyInForce, date);
  }
}

export function createLaw(parts: LawParts): Law {
  return new LoadedLaw(parts);
}
