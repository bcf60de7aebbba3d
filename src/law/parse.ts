// parseLawFiles: the strict loader of law/ (pure: it is handed the files' text, it reads nothing). Every
// problem in every file is collected and thrown at once as a LawDataError, each line naming the file, the
// key path and what was expected, e.g. `law/parameters/x.yaml: values[2].basis: a citation is required`.
// The rules are those of law/README.md.
import { RULE_CODES, ruleCodeProblem } from './rule-codes.ts';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { isRealIsoDate, withSources } from './citation.ts';
import type { IsoDate } from './citation.ts';
import { parseCountriesFile, parseRegionsFile } from './countries.ts';
import type { CountryTable, RegionTable } from './countries.ts';
import { dayAfter, dayBefore, periodBounds } from './dates.ts';
import { LawDataError } from './errors.ts';
import { reportZod, reporterFor, show } from './problems.ts';
import type { PathPart, Report } from './problems.ts';
import { createLaw } from './law.ts';
import { EMPTY_CATALOGUE } from './documents.ts';
import { EMPTY_GROUNDS } from './grounds.ts';
import { parseCatalogue, parseGrounds } from './parse-documents.ts';
import type {
  FamilyDefinition,
  FamilyDefinitionVersion,
  FamilyRight,
  Law,
  Parameter,
  ParameterValue,
  Source,
} from './law.ts';
import {
  DURATION_UNITS,
  FOREIGN_OFFICIAL_HOSTS,
  OFFICIAL_HOSTS,
  FamilyFileSchema,
  hostIsOneOf,
  ParameterFileSchema,
  RangeSchema,
  SERIES_PLACEHOLDER,
  SourceEntrySchema,
  SourcesFileSchema,
  TaxBandSchema,
  ValueEntrySchema,
  kindOfUnit,
} from './schema.ts';
import type { LawValue, Unit, ValueEntry } from './schema.ts';

export interface LawFile {
  /** The path as it should appear in messages, e.g. law/parameters/hqs/salary-threshold/general.yaml. */
  readonly path: string;
  readonly text: string;
}

export interface ParseOptions {
  /** The version to report instead of the latest `verified` date (it may not be earlier than that date). */
  readonly version?: IsoDate;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

// --- File roles ----------------------------------------------------------------------------------------

type Role =
  | 'parameter'
  | 'sources'
  | 'family'
  | 'countries'
  | 'regions'
  | 'procedures'
  | 'documents'
  | 'grounds'
  | 'skip'
  | 'unknown';

function roleOf(path: string): Role {
  if (/(?:^|\/)parameters\/.+\.ya?ml$/.test(path)) return 'parameter';
  if (/(?:^|\/)calendar\//.test(path)) return 'skip';
  if (/(?:^|\/)documents\/procedures\.ya?ml$/.test(path)) return 'procedures';
  if (/(?:^|\/)documents\/[^/]+\.ya?ml$/.test(path)) return 'documents';
  if (/(?:^|\/)grounds\/[^/]+\.ya?ml$/.test(path)) return 'grounds';
  const base = path.slice(path.lastIndexOf('/') + 1);
  switch (base) {
    case 'sources.yaml':
      return 'sources';
    case 'family.yaml':
      return 'family';
    case 'countries.yaml':
      return 'countries';
    case 'regions.yaml':
      return 'regions';
    default:
      return 'unknown';
  }
}

/** The id a parameter file must carry: its path under parameters/, dots for slashes. */
function idFromPath(path: string): string | undefined {
  const m = /(?:^|\/)parameters\/(.+)\.ya?ml$/.exec(path);
  return m?.[1]?.replaceAll('/', '.');
}

interface YamlFile {
  readonly path: string;
  readonly text: string;
  readonly role: Role;
  readonly data: unknown;
  readonly ok: boolean;
}

function readYaml(file: LawFile, role: Role, problems: string[]): YamlFile {
  const doc = parseDocument(file.text, { uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) problems.push(`${file.path}: not valid YAML: ${e.message.replaceAll('\n', ' ').trim()}`);
    return { ...file, role, data: undefined, ok: false };
  }
  return { ...file, role, data: doc.toJS(), ok: true };
}

// --- Dated tracks ----------------------------------------------------------------------------------------

interface DatedEntry {
  readonly index: number;
  readonly from: IsoDate;
  readonly to?: IsoDate;
  readonly status: 'in-force' | 'proposed';
}

const byFrom = <T extends { from: IsoDate }>(a: T, b: T): number => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0);

/**
 * Values listed in date order; within a track (in force / proposed) no two overlap; the in-force track has no
 * gaps (a period without the rule is a value of its own, e.g. null); `to` is not before `from`.
 */
function checkTimeline(entries: readonly DatedEntry[], list: string, report: Report): void {
  for (const e of entries) {
    if (e.to !== undefined && e.to < e.from) report([list, e.index, 'to'], `${e.to} is before from ${e.from}`);
  }
  for (let k = 1; k < entries.length; k++) {
    const prev = entries[k - 1] as DatedEntry;
    const cur = entries[k] as DatedEntry;
    if (cur.from < prev.from) {
      report([list, cur.index, 'from'], `${cur.from} comes before ${list}[${prev.index}].from ${prev.from}: list values in date order`);
    }
  }
  for (const status of ['in-force', 'proposed'] as const) {
    // An entry whose `to` is before its `from` is reported above; leave it out rather than report its fallout.
    const track = entries.filter((e) => e.status === status && !(e.to !== undefined && e.to < e.from)).sort(byFrom);
    for (let k = 1; k < track.length; k++) {
      const prev = track[k - 1] as DatedEntry;
      const cur = track[k] as DatedEntry;
      const at = [list, cur.index, 'from'];
      if (cur.from === prev.from) {
        report(at, `${cur.from} is also the start of ${list}[${prev.index}]: two ${status} values overlap`);
      } else if (prev.to !== undefined && cur.from <= prev.to) {
        report(at, `${cur.from} overlaps ${list}[${prev.index}], which runs to ${prev.to} (${status} values must not overlap)`);
      } else if (status === 'in-force' && prev.to !== undefined && cur.from !== dayAfter(prev.to)) {
        report(
          at,
          `${cur.from} leaves a gap after ${list}[${prev.index}], which ends ${prev.to}; start on ${dayAfter(prev.to)} or add a value (null where the law sets none) for the gap`,
        );
      }
    }
  }
}

/** Sorts one track and gives every entry its last day: its own `to`, else the day before the next start. */
function closeTrack<T extends { from: IsoDate; to?: IsoDate }>(track: readonly T[]): T[] {
  const sorted = [...track].sort(byFrom);
  return sorted.map((e, k) => {
    const next = sorted[k + 1];
    return e.to !== undefined || next === undefined ? e : { ...e, to: dayBefore(next.from) };
  });
}

// --- Values by unit --------------------------------------------------------------------------------------

function valueProblem(unit: Unit, v: unknown): string | undefined {
  if (v === null) return undefined;
  switch (kindOfUnit(unit)) {
    case 'number': {
      if (typeof v !== 'number' || !Number.isFinite(v)) return `expected a number or null (unit ${unit}), got ${show(v)}`;
      if (v < 0) return `must not be negative (unit ${unit}), got ${v}`;
      if (DURATION_UNITS.includes(unit) && (!Number.isInteger(v) || v === 0)) return `expected a whole positive number of ${unit}, got ${v}`;
      if (unit === 'percent' && v > 100) return `a percentage must not exceed 100, got ${v}`;
      return undefined;
    }
    case 'range': {
      const r = RangeSchema.safeParse(v);
      if (!r.success) return `expected { min, max } in RUB (unit ${unit}), got ${show(v)}`;
      if (r.data.min < 0 || r.data.min > r.data.max) return `expected 0 <= min <= max, got min ${r.data.min}, max ${r.data.max}`;
      return undefined;
    }
    case 'tax-scale': {
      const r = z.array(TaxBandSchema).min(1).safeParse(v);
      if (!r.success) return `expected a list of bands { upTo, rate } (unit ${unit}), got ${show(v)}`;
      const bands = r.data;
      let prev = 0;
      for (const [i, b] of bands.entries()) {
        if (b.rate < 0 || b.rate > 100) return `band [${i}]: rate must be a percentage 0–100, got ${b.rate}`;
        const last = i === bands.length - 1;
        if (last && b.upTo !== null) return `band [${i}]: the last band must have upTo: null (no upper limit)`;
        if (!last && (b.upTo === null || b.upTo <= prev)) return `band [${i}]: upTo must be a number above ${prev}, got ${show(b.upTo)}`;
        if (b.upTo !== null) prev = b.upTo;
      }
      return undefined;
    }
    case 'list': {
      if (!Array.isArray(v) || v.length === 0) return `expected a non-empty list of whole numbers (unit ${unit}), got ${show(v)}`;
      for (const [i, x] of v.entries()) {
        if (typeof x !== 'number' || !Number.isInteger(x) || x <= 0) return `item [${i}]: expected a whole positive number, got ${show(x)}`;
        if (i > 0 && x <= (v[i - 1] as number)) return `item [${i}]: list the numbers in increasing order`;
      }
      return undefined;
    }
    case 'month-days': {
      if (!Array.isArray(v) || v.length === 0) return `expected a non-empty list of days as MM-DD (unit ${unit}), got ${show(v)}`;
      for (const [i, x] of v.entries()) {
        if (typeof x !== 'string' || !/^\d{2}-\d{2}$/.test(x) || !isRealIsoDate(`2024-${x}`)) return `item [${i}]: expected a day of the year as MM-DD, got ${show(x)}`;
        if (i > 0 && x <= (v[i - 1] as string)) return `item [${i}]: list the days in calendar order, each once`;
      }
      return undefined;
    }
    case 'code':
      return typeof v === 'string' && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(v)
        ? undefined
        : `expected a rule code of lower-case words joined by hyphens (unit ${unit}), got ${show(v)}`;
  }
}

const COUNTING_FOR_UNIT: Partial<Record<Unit, readonly string[]>> = {
  'working-days': ['working-days'],
  'calendar-days': ['calendar-days'],
  days: ['working-days', 'calendar-days'],
  months: ['months'],
  years: ['years'],
};

function checkValueEntry(e: ValueEntry, i: number, unit: Unit, hasCategory: boolean, report: Report): void {
  const at = (key: string): PathPart[] => ['values', i, key];
  const problem = valueProblem(unit, e.value);
  if (problem !== undefined) report(at('value'), problem);
  if (e.status === 'proposed' && e.announced === undefined) {
    report(at('announced'), 'required for a proposal (the day it became public: no evaluation before it mentions it)');
  }
  if (e.status === 'in-force' && e.announced !== undefined) report(at('announced'), 'only a proposal has this');
  if (e.announced !== undefined && e.announced > e.verified) {
    report(at('announced'), `${e.announced} is after verified ${e.verified}`);
  }

  const isDuration = DURATION_UNITS.includes(unit);
  const allowed = COUNTING_FOR_UNIT[unit];
  if (e.counting === undefined) {
    if (isDuration && e.value !== null) report(at('counting'), `required for a term (unit ${unit}): give { kind, shiftToNextWorkingDay }`);
  } else if (allowed === undefined) {
    report(at('counting'), `only terms (units ${DURATION_UNITS.join(', ')}) say how they are counted; unit is ${unit}`);
  } else if (!allowed.includes(e.counting.kind)) {
    report([...at('counting'), 'kind'], `${e.counting.kind} does not fit unit ${unit} (expected ${allowed.join(' or ')})`);
  }
  if (e.rule !== undefined && !isDuration) report(at('rule'), `only terms and limits (units ${DURATION_UNITS.join(', ')}) have a counting rule; unit is ${unit}`);

  if (e.period !== undefined && unit !== 'RUB' && unit !== 'tax-scale') {
    report(at('period'), `only amounts (units RUB, tax-scale) have a measurement period; unit is ${unit}`);
  }
  if (hasCategory && e.value !== null && e.period === undefined) {
    report(at('period'), 'required for a salary threshold: calendar-month, calendar-quarter or year');
  }
  if (e.firstPeriod !== undefined) {
    const bounds = periodBounds(e.firstPeriod);
    const expected = e.period === 'calendar-quarter' ? 'quarter' : e.period === 'calendar-month' ? 'month' : undefined;
    if (expected === undefined) {
      report(at('firstPeriod'), 'needs period calendar-quarter or calendar-month');
    } else if (bounds === undefined || bounds.granularity !== expected) {
      report(at('firstPeriod'), `expected a calendar ${expected} (period is ${e.period}), got ${e.firstPeriod}`);
    } else if (!(bounds.first <= e.from && e.from <= bounds.last)) {
      report(at('firstPeriod'), `${e.firstPeriod} (${bounds.first} – ${bounds.last}) must contain from ${e.from}`);
    }
  }
  if (e.fromPrecision === 'approximate' && e.note === undefined) {
    report(at('note'), 'required when fromPrecision is approximate: say what is known about the start');
  }
}

// --- Parameters --------------------------------------------------------------------------------------------

function parseParameter(file: YamlFile, report: Report): Parameter | undefined {
  const shell = ParameterFileSchema.safeParse(file.data, { reportInput: true });
  if (!shell.success) reportZod(shell.error, [], report);
  const raw = isRecord(file.data) ? file.data : {};
  const rawValues = Array.isArray(raw.values) ? raw.values : [];
  const unit = shell.success ? shell.data.unit : undefined;
  const hasCategory = shell.success && shell.data.category !== undefined;

  if (shell.success) {
    const expected = idFromPath(file.path);
    if (expected !== undefined && shell.data.id !== expected) {
      report('id', `"${shell.data.id}" does not match the file's path: a file at this path must have id "${expected}"`);
    }
    const c = shell.data.category;
    if (c !== undefined) {
      if (shell.data.unit !== 'RUB') report('category', `only salary thresholds (unit RUB) have a category; unit is ${shell.data.unit}`);
      const conditions = Object.keys(c).filter((k) => k !== 'general');
      if (c.general === true && conditions.length > 0) report('category', `general: true stands alone; remove ${conditions.join(', ')}`);
      if (c.general !== true && conditions.length === 0) report('category', 'give at least one condition, or general: true');
    }
    const r = shell.data.regions;
    if (r !== undefined && (r.only === undefined) === (r.except === undefined)) report('regions', 'give exactly one of only or except');
    if (shell.data.unit === 'code') {
      const problem = ruleCodeProblem(shell.data.id, null);
      if (problem !== undefined) report('unit', problem);
    }
  }

  const entries: { entry: ValueEntry; index: number }[] = [];
  rawValues.forEach((rawValue, i) => {
    const parsed = ValueEntrySchema.safeParse(rawValue, { reportInput: true });
    if (!parsed.success) {
      reportZod(parsed.error, ['values', i], report);
    }
    if (isRecord(rawValue) && !('value' in rawValue)) report(['values', i, 'value'], 'required (use null where the law sets no requirement)');
    if (!parsed.success) return;
    if (unit !== undefined) checkValueEntry(parsed.data, i, unit, hasCategory, report);
    if (unit === 'code' && shell.success && (RULE_CODES as Record<string, unknown>)[shell.data.id] !== undefined) {
      const problem = ruleCodeProblem(shell.data.id, parsed.data.value);
      if (problem !== undefined) report(['values', i, 'value'], problem);
    }
    entries.push({ entry: parsed.data, index: i });
  });
  checkTimeline(
    entries.map(({ entry, index }) => ({ index, from: entry.from, to: entry.to, status: entry.status })),
    'values',
    report,
  );

  if (!shell.success) return undefined;
  const p = shell.data;
  const toValue = ({ entry: e, index }: { entry: ValueEntry; index: number }): ParameterValue => ({
    parameterId: p.id,
    index,
    status: e.status,
    from: e.from,
    fromPrecision: e.fromPrecision ?? 'exact',
    to: e.to,
    value: e.value as LawValue,
    period: e.period,
    firstPeriod: e.firstPeriod,
    counting: e.counting,
    rule: e.rule,
    confidence: e.confidence,
    basis: e.basis,
    verified: e.verified,
    note: e.note,
    announced: e.announced,
  });
  const all = entries.map(toValue);
  return {
    id: p.id,
    file: file.path,
    title: p.title,
    description: p.description,
    unit: p.unit,
    kind: kindOfUnit(p.unit),
    category: p.category,
    regions: p.regions,
    beforeFirstValue: p.beforeFirstValue,
    note: p.note,
    values: closeTrack(all.filter((v) => v.status === 'in-force')),
    proposed: closeTrack(all.filter((v) => v.status === 'proposed')),
  };
}

// --- Sources -----------------------------------------------------------------------------------------------

interface SourceRegistry {
  readonly file: string;
  readonly byId: Map<string, Source>;
  readonly series: { readonly pattern: RegExp; readonly template: Source }[];
  /** Where each id or series was listed (`law/sources.yaml sources[3]`), to report one listed twice. */
  readonly seenIn: Map<string, string>;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function parseSources(file: YamlFile, report: Report, into?: SourceRegistry): SourceRegistry {
  const registry: SourceRegistry = into ?? { file: file.path, byId: new Map(), series: [], seenIn: new Map() };
  const shell = SourcesFileSchema.safeParse(file.data, { reportInput: true });
  if (!shell.success) {
    reportZod(shell.error, [], report);
    return registry;
  }
  shell.data.sources.forEach((rawEntry, i) => {
    const parsed = SourceEntrySchema.safeParse(rawEntry, { reportInput: true });
    if (!parsed.success) {
      reportZod(parsed.error, ['sources', i], report);
      return;
    }
    const s = parsed.data;
    const at = (key?: string): PathPart[] => (key === undefined ? ['sources', i] : ['sources', i, key]);
    const key = s.id ?? s.series;
    if (key === undefined || (s.id !== undefined && s.series !== undefined)) {
      report(at(), 'give exactly one of id (one act) or series (one act per country)');
      return;
    }
    const first = registry.seenIn.get(key);
    if (first !== undefined) {
      const here = first.startsWith(`${file.path} `) ? first.slice(file.path.length + 1) : first;
      report(at(s.id !== undefined ? 'id' : 'series'), `"${key}" is already listed at ${here}`);
    } else registry.seenIn.set(key, `${file.path} sources[${i}]`);
    if (s.kind === 'bill') {
      if (s.submitted === undefined) report(at('submitted'), 'required for a bill (the date it was submitted)');
      if (s.announced === undefined) report(at('announced'), 'required for a bill (the day the proposal became public)');
      if (s.announced !== undefined && s.submitted !== undefined && s.submitted < s.announced) {
        report(at('submitted'), `${s.submitted} is before announced ${s.announced}`);
      }
      if (s.adopted !== undefined) report(at('adopted'), 'a bill is not adopted; record the act it became as a source of its own');
    } else if (s.id !== undefined && s.adopted === undefined && s.collective !== true) {
      report(at('adopted'), 'required (the date the act was adopted or signed; or collective: true for a set of acts)');
    }
    if (s.adopted !== undefined && s.inForce !== undefined && s.inForce < s.adopted) {
      report(at('inForce'), `${s.inForce} is before adopted ${s.adopted}`);
    }
    if (s.kind !== 'bill' && (s.announced !== undefined || s.lastStage !== undefined)) {
      report(at(s.announced !== undefined ? 'announced' : 'lastStage'), 'only a bill has this');
    }
    // The link a reader clicks is the act's official or reference text; a practice guide has none (its pages
    // are evidence in the citations that use it).
    if (s.kind === 'practice-guide') {
      if (s.url !== undefined) report(at('url'), 'a practice guide is not an act: cite its pages as evidence, not as url');
    } else if (s.url === undefined) {
      report(at('url'), 'required: the official or reference text of the act (law/README.md lists the hosts)');
    } else if (!hostIsOneOf(s.url, s.kind === 'foreign-law' ? [...OFFICIAL_HOSTS, ...FOREIGN_OFFICIAL_HOSTS] : OFFICIAL_HOSTS)) {
      report(at('url'), `${s.url} is not an official or reference text (expected a host of ${OFFICIAL_HOSTS.join(', ')})`);
    }
    if (s.urlKind !== undefined && s.url === undefined) report(at('urlKind'), 'goes with url');
    const source: Source = {
      id: key,
      kind: s.kind,
      collective: s.collective,
      number: s.number,
      adopted: s.adopted,
      submitted: s.submitted,
      inForce: s.inForce,
      announced: s.announced,
      lastStage: s.lastStage,
      short: s.short,
      title: s.title,
      url: s.url,
      urlKind: s.url === undefined ? undefined : (s.urlKind ?? 'text'),
      note: s.note,
    };
    if (s.series !== undefined) {
      const parts = s.series.split(SERIES_PLACEHOLDER);
      if (parts.length !== 2 || !/^[A-Za-z0-9.-]*$/.test(parts.join(''))) {
        report(at('series'), `expected letters, digits, dots and hyphens with ${SERIES_PLACEHOLDER} once, e.g. bilateral-RU-${SERIES_PLACEHOLDER}`);
        return;
      }
      const pattern = new RegExp(`^${escapeRegExp(parts[0] as string)}([A-Z]{2})${escapeRegExp(parts[1] as string)}$`);
      registry.series.push({ pattern, template: { ...source, series: s.series } });
    } else {
      registry.byId.set(key, source);
    }
  });
  return registry;
}

/** The source an id names: a registry entry, or a member of a series (materialized with the country filled in). */
function resolveSource(registry: SourceRegistry, id: string): Source | undefined {
  const direct = registry.byId.get(id);
  if (direct !== undefined) return direct;
  for (const { pattern, template } of registry.series) {
    const m = pattern.exec(id);
    if (m === null) continue;
    const country = m[1] as string;
    const fill = (s: string): string => s.replaceAll(SERIES_PLACEHOLDER, country);
    const member: Source = {
      ...template,
      id,
      title: { en: fill(template.title.en), ru: fill(template.title.ru), ...(template.title.zh === undefined ? {} : { zh: fill(template.title.zh) }) },
      short: { en: fill(template.short.en), ru: fill(template.short.ru), ...(template.short.zh === undefined ? {} : { zh: fill(template.short.zh) }) },
    };
    registry.byId.set(id, member);
    return member;
  }
  return undefined;
}

/**
 * Walks a whole data file: every `basis[].source` and `basis[].amendedBy` must name a known source, and the
 * latest `verified` date is collected. Runs on the raw YAML so that it covers every file, valid or not.
 */
function checkCitations(data: unknown, registry: SourceRegistry | undefined, report: Report): IsoDate | undefined {
  let latest: IsoDate | undefined;
  const visit = (node: unknown, path: PathPart[]): void => {
    if (Array.isArray(node)) {
      node.forEach((child, i) => visit(child, [...path, i]));
      return;
    }
    if (!isRecord(node)) return;
    for (const [key, child] of Object.entries(node)) {
      if (key === 'verified' && typeof child === 'string' && isRealIsoDate(child) && (latest === undefined || child > latest)) latest = child;
      if (key === 'basis' && Array.isArray(child) && registry !== undefined) {
        child.forEach((citation, i) => {
          if (!isRecord(citation)) return;
          for (const field of ['source', 'amendedBy'] as const) {
            const id = citation[field];
            if (typeof id === 'string' && resolveSource(registry, id) === undefined) {
              report([...path, 'basis', i, field], `unknown source "${id}" (not in ${registry.file})`);
            }
          }
        });
      }
      visit(child, [...path, key]);
    }
  };
  visit(data, []);
  return latest;
}

// --- Family ------------------------------------------------------------------------------------------------

function parseFamily(file: YamlFile, parameterIds: ReadonlySet<string>, report: Report): FamilyDefinition | undefined {
  const parsed = FamilyFileSchema.safeParse(file.data, { reportInput: true });
  if (!parsed.success) {
    reportZod(parsed.error, [], report);
    return undefined;
  }
  const { definitions, rights } = parsed.data;
  checkTimeline(
    definitions.map((d, index) => ({ index, from: d.from, to: d.to, status: d.status })),
    'definitions',
    report,
  );
  definitions.forEach((d, i) => {
    const seen = new Set<string>();
    d.relations.forEach((r, j) => {
      if (seen.has(r.relation)) report(['definitions', i, 'relations', j, 'relation'], `${r.relation} is listed twice`);
      seen.add(r.relation);
    });
    if (d.fromPrecision === 'approximate' && d.note === undefined) report(['definitions', i, 'note'], 'required when fromPrecision is approximate');
  });
  const ids = new Set<string>();
  rights.forEach((r, i) => {
    if (ids.has(r.id)) report(['rights', i, 'id'], `"${r.id}" is listed twice`);
    ids.add(r.id);
    if (r.to !== undefined && r.to < r.from) report(['rights', i, 'to'], `${r.to} is before from ${r.from}`);
    if (r.fromPrecision === 'approximate' && r.note === undefined) report(['rights', i, 'note'], 'required when fromPrecision is approximate');
    r.parameters?.forEach((id, j) => {
      if (!parameterIds.has(id)) report(['rights', i, 'parameters', j], `unknown parameter "${id}" (no file parameters/${id.replaceAll('.', '/')}.yaml)`);
    });
  });
  const versions: FamilyDefinitionVersion[] = [
    ...closeTrack(definitions.filter((d) => d.status === 'in-force')),
    ...closeTrack(definitions.filter((d) => d.status === 'proposed')),
  ].map((d) => ({ ...d, fromPrecision: d.fromPrecision ?? 'exact' }));
  const familyRights: FamilyRight[] = rights.map((r) => ({ ...r, fromPrecision: r.fromPrecision ?? 'exact', parameters: r.parameters ?? [] }));
  return { file: file.path, definitions: versions, rights: familyRights };
}

// --- Countries and regions (parsers in countries.ts) ---------------------------------------------------------

function parseWith<T>(parse: (text: string, path: string) => T, file: YamlFile, problems: string[]): T | undefined {
  try {
    return parse(file.text, file.path);
  } catch (e) {
    const lines = (e instanceof Error ? e.message : String(e)).split('\n').filter((l) => l.trim() !== '');
    // countries.ts heads its list with "<path>: N problems in …:"; keep only the problems themselves.
    if (lines.length > 1 && /^\S+: \d+ problems? in /.test(lines[0] as string)) lines.shift();
    for (const line of lines) problems.push(line.startsWith(file.path) ? line : `${file.path}: ${line}`);
    return undefined;
  }
}

// --- Entry point -------------------------------------------------------------------------------------------

const SINGLE_FILES = ['sources', 'family', 'countries', 'regions'] as const;

/**
 * Parses and validates the law data files (the contents of law/, with paths as they should appear in
 * messages). Files under calendar/ and files that are not YAML are skipped. Throws LawDataError listing
 * every problem in every file.
 */
export function parseLawFiles(files: readonly LawFile[], opts: ParseOptions = {}): Law {
  const problems: string[] = [];
  const yamlFiles: YamlFile[] = [];
  for (const f of files) {
    const path = f.path.replaceAll('\\', '/');
    if (!/\.ya?ml$/.test(path)) continue;
    const role = roleOf(path);
    if (role === 'skip') continue;
    if (role === 'unknown') {
      problems.push(
        `${path}: not a known law file (expected parameters/**/*.yaml, sources.yaml, family.yaml, countries.yaml, regions.yaml, documents/*.yaml, grounds/*.yaml or calendar/**)`,
      );
      continue;
    }
    yamlFiles.push(readYaml({ path, text: f.text }, role, problems));
  }

  const single = new Map<string, YamlFile>();
  for (const role of SINGLE_FILES) {
    const found = yamlFiles.filter((f) => f.role === role);
    if (found.length === 0) problems.push(`${role}.yaml: missing (the law folder must have one)`);
    if (found.length > 1) problems.push(`${found.map((f) => f.path).join(', ')}: more than one ${role}.yaml`);
    const first = found[0];
    if (first !== undefined && first.ok) single.set(role, first);
  }

  const sourcesFile = single.get('sources');
  const registry = sourcesFile === undefined ? undefined : parseSources(sourcesFile, reporterFor(sourcesFile.path, problems));
  // Every citation read from here on carries its source's kind and official text.
  const sourceRef = (id: string) => (registry === undefined ? undefined : resolveSource(registry, id));
  return withSources(sourceRef, () => parseWithRegistry(yamlFiles, single, registry, problems, opts));
}

function parseWithRegistry(
  yamlFiles: readonly YamlFile[],
  single: ReadonlyMap<string, YamlFile>,
  registry: SourceRegistry | undefined,
  problems: string[],
  opts: ParseOptions,
): Law {

  let latestVerified: IsoDate | undefined;
  for (const f of yamlFiles) {
    if (!f.ok || f.role === 'sources') continue;
    const latest = checkCitations(f.data, registry, reporterFor(f.path, problems));
    if (latest !== undefined && (latestVerified === undefined || latest > latestVerified)) latestVerified = latest;
  }

  const parameters: Parameter[] = [];
  const firstFileOfId = new Map<string, string>();
  for (const f of yamlFiles) {
    if (f.role !== 'parameter' || !f.ok) continue;
    const report = reporterFor(f.path, problems);
    const p = parseParameter(f, report);
    const id = p?.id ?? (isRecord(f.data) && typeof f.data.id === 'string' ? f.data.id : undefined);
    if (id !== undefined) {
      const other = firstFileOfId.get(id);
      if (other !== undefined) report('id', `"${id}" is already the id of ${other}`);
      else firstFileOfId.set(id, f.path);
    }
    if (p !== undefined) parameters.push(p);
  }

  const familyFile = single.get('family');
  const family = familyFile === undefined ? undefined : parseFamily(familyFile, new Set(firstFileOfId.keys()), reporterFor(familyFile.path, problems));

  const countriesFile = single.get('countries');
  const regionsFile = single.get('regions');
  const countries: CountryTable | undefined = countriesFile === undefined ? undefined : parseWith(parseCountriesFile, countriesFile, problems);
  const regions: RegionTable | undefined = regionsFile === undefined ? undefined : parseWith(parseRegionsFile, regionsFile, problems);

  if (regions !== undefined) {
    for (const p of parameters) {
      const report = reporterFor(p.file, problems);
      const check = (codes: readonly string[] | undefined, path: string): void =>
        codes?.forEach((code, i) => {
          if (!regions.codes.has(code)) report(`${path}[${i}]`, `unknown region "${code}" (not in ${regions.path})`);
        });
      check(p.category?.regions, 'category.regions');
      check(p.regions?.only, 'regions.only');
      check(p.regions?.except, 'regions.except');
    }
  }

  const refs = { parameterIds: new Set(firstFileOfId.keys()), ...(countries === undefined ? {} : { countryCodes: countries.codes }) };
  const ok = (role: Role) => yamlFiles.filter((f) => f.role === role && f.ok);
  const catalogue = parseCatalogue(ok('procedures'), ok('documents'), refs, problems);
  const grounds = parseGrounds(ok('grounds'), catalogue, refs, problems);

  if (latestVerified === undefined) problems.push('law data: no `verified` date found (every value must carry one)');
  if (opts.version !== undefined && latestVerified !== undefined && opts.version < latestVerified) {
    problems.push(`law data: version ${opts.version} is earlier than the latest verified date ${latestVerified}`);
  }

  if (problems.length > 0 || registry === undefined || family === undefined || countries === undefined || regions === undefined || latestVerified === undefined) {
    throw new LawDataError(problems);
  }
  return createLaw({
    version: opts.version ?? latestVerified,
    parameters,
    sources: registry.byId,
    family,
    countries,
    regions,
    documents: catalogue ?? EMPTY_CATALOGUE,
    grounds: grounds ?? EMPTY_GROUNDS,
  });
}
