// Residence grounds (115-FZ art. 8 p.2, law/grounds): for each person in the case, which grounds for a
// residence permit without a temporary residence permit they may use on the date, what each would need
// (the procedure's basic documents that apply to the person, the ground's own evidence, the language
// certificate where it is not exempt) and how long the decision takes by the law data.
// A ground applies when everything its `eligibleWhen` asks holds in the case; it is possible when nothing
// fails but the case cannot show something (a fact outside the case format, a permit not yet applied for);
// otherwise it is not applicable — and each says why.
import type { Case, Person } from '../case/index.ts';
import type { DocumentUse, Ground, Holder, IndexEntry, ProcedureId } from '../law/index.ts';
import type { IsoDate } from '../calendar/date.ts';
import { remember, type Ctx } from './context.ts';
import type { CaseFacts, PersonFacts } from './facts.ts';
import type { Citation, Confidence } from './types.ts';
import { conditionHolds, holderMask, holdersOf } from './checklist.ts';
import { ageOn } from './util.ts';

export type GroundStatus = 'applies' | 'possible' | 'not-applicable';

export interface GroundOption {
  person: string;
  ground: string;
  status: GroundStatus;
  why: string;
  /** The documents the person would file on this ground (ids in the law data's document catalogue), in index order. */
  documents: string[];
  /** The decision term in months, where the law data gives it in months. */
  processingMonths?: number;
  /** The decision term in working days, where the law data gives it so. */
  processingWorkingDays?: number;
  /** The certificate of Russian language, history and law is needed on this ground. */
  languageCertificate: boolean;
  /** Facts the case does not record that decide the ground (see law/grounds `needsFacts`). */
  check?: string[];
  basis: readonly Citation[];
  confidence: Confidence;
}

type Tri = 'yes' | 'no' | 'unknown';

interface Verdict {
  state: Tri;
  text: string;
}

const ORDER: Confidence[] = ['low', 'low-medium', 'medium', 'medium-high', 'high'];
const lowest = (...cs: (Confidence | undefined)[]): Confidence =>
  cs.reduce<Confidence>((w, c) => (c !== undefined && ORDER.indexOf(c) < ORDER.indexOf(w) ? c : w), 'high');

/** Each condition of a ground's `eligibleWhen`, judged for one person on a date. */
function judge(ctx: Ctx, c: Case, f: CaseFacts, p: Person, g: Ground, on: IsoDate): Verdict[] {
  const w = g.eligibleWhen;
  if (w === undefined) return [];
  const out: Verdict[] = [];
  const say = (state: Tri, key: string, params?: Record<string, string | number>) =>
    out.push({ state, text: ctx.msg(key, params) });
  if (w.citizenshipIn) {
    const hit = p.citizenships.filter((cc) => w.citizenshipIn?.includes(cc));
    if (hit.length > 0) say('yes', 'grounds.cond.citizenship.yes', { list: hit.join(', ') });
    else say('no', 'grounds.cond.citizenship.no', { list: w.citizenshipIn.join(', ') });
  }
  if (w.hqs) {
    const def = ctx.law.familyDefinitionAt(on);
    const isFamily =
      p.role === 'family' &&
      p.relation !== undefined &&
      (def?.relations.some((r) => r.relation === p.relation) ?? false);
    const roleOk =
      w.hqs === 'any' ? p.role === 'principal' || isFamily : w.hqs === 'principal' ? p.role === 'principal' : isFamily;
    const issued = f.permitIssued.filter((e) => e.on <= on).at(-1);
    const filed = f.permitFiled.find((d) => d <= on);
    const cancelled = issued !== undefined && f.permitCancelled.some((d) => d >= issued.on && d <= on);
    if (!roleOk)
      say('no', p.role === 'principal' ? 'grounds.cond.hqs.not-principal' : 'grounds.cond.hqs.not-family', {
        relation: p.relation ?? '',
      });
    else if (cancelled) say('no', 'grounds.cond.hqs.cancelled');
    else if (issued) say('yes', 'grounds.cond.hqs.issued', { date: issued.on });
    else if (filed) say('yes', 'grounds.cond.hqs.filed', { date: filed });
    else say('unknown', 'grounds.cond.hqs.not-filed');
  }
  if (w.minor !== undefined) {
    const age = ageOn(p.birthDate as IsoDate, on);
    const minor = age < 18;
    say(minor === w.minor ? 'yes' : 'no', minor ? 'grounds.cond.minor' : 'grounds.cond.adult', { age, date: on });
  }
  if (w.incapacitated)
    say(
      p.incapacitated === true ? 'yes' : 'no',
      p.incapacitated === true ? 'grounds.cond.incapacitated.yes' : 'grounds.cond.incapacitated.no',
    );
  if (w.relation) {
    const ok = p.relation !== undefined && w.relation.includes(p.relation);
    say(ok ? 'yes' : 'no', ok ? 'grounds.cond.relation.yes' : 'grounds.cond.relation.no', {
      relation: p.relation ?? '—',
      list: w.relation.join(', '),
    });
  }
  if (w.principalResidencePermit) {
    const pf = f.people.get(f.principal.id) as PersonFacts;
    const rpIssued = pf.rpIssued.find((e) => e.on <= on);
    const rpFiled = pf.rpFiled.find((d) => d <= on);
    if (rpIssued) say('yes', 'grounds.cond.parent-rp.issued', { date: rpIssued.on });
    else if (w.principalResidencePermit === 'filed-or-issued' && rpFiled)
      say('yes', 'grounds.cond.parent-rp.filed', { date: rpFiled });
    else if (w.principalResidencePermit === 'filed-or-issued') say('unknown', 'grounds.cond.parent-rp.not-filed');
    else say('no', 'grounds.cond.parent-rp.none');
  }
  if (w.employerKinds) {
    const ok = w.employerKinds.includes(c.employer.kind);
    say(ok ? 'yes' : 'no', ok ? 'grounds.cond.employer.yes' : 'grounds.cond.employer.no', {
      kind: c.employer.kind,
      list: w.employerKinds.join(', '),
    });
  }
  if (w.occupations) {
    const ok = w.occupations.includes(c.contract.occupation);
    say(ok ? 'yes' : 'no', ok ? 'grounds.cond.occupation.yes' : 'grounds.cond.occupation.no', {
      occupation: c.contract.occupation,
      list: w.occupations.join(', '),
    });
  }
  return out;
}

/** Per procedure, the document ids that are some ground's own evidence: filed only on the grounds that name them. */
function groundEvidence(grounds: readonly Ground[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const g of grounds) {
    const set = out.get(g.procedure) ?? new Set<string>();
    for (const d of g.documents) set.add(d);
    out.set(g.procedure, set);
  }
  return out;
}

/** The procedure's basic documents for a person on the date: those for their holder group whose condition holds, not a ground's own evidence. */
function basicFor(
  ctx: Ctx,
  f: CaseFacts,
  p: Person,
  on: IsoDate,
  entries: readonly IndexEntry[],
  holders: ReadonlySet<Holder>,
  evidence: ReadonlySet<string>,
): Set<string> {
  const out = new Set<string>();
  for (const e of entries) {
    const id = e.document.id;
    if (id === 'language-certificate' || evidence.has(id) || out.has(id)) continue;
    if (e.use.holders.some((h) => holders.has(h)) && conditionHolds(ctx, e.use, p, f, on)) out.add(id);
  }
  return out;
}

/** What the person would file on the ground, in index order: the basic documents, the ground's evidence, the certificate if not exempt. */
function documentsFor(
  g: Ground,
  entries: readonly IndexEntry[],
  holders: ReadonlySet<Holder>,
  basic: ReadonlySet<string>,
): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const e of entries) {
    const id = e.document.id;
    if (seen.has(id)) continue;
    const certificate =
      id === 'language-certificate' && g.languageCertificate.required && e.use.holders.some((h) => holders.has(h));
    if (certificate || basic.has(id) || g.documents.includes(id)) {
      seen.add(id);
      out.push(id);
    }
  }
  return out;
}

/** What a ground's option is the same for in every case: the law's answers on the date, per ground. */
interface GroundStatic {
  ground: Ground;
  /** Its group in GroundsOnDate.groups and its place there. */
  group: number;
  slot: number;
  /** Which of the person's facts (PART_*) the ground's conditions read. */
  parts: number;
  basis: readonly Citation[];
  confidence: Confidence;
  months: number | undefined;
  workingDays: number | undefined;
}

/** The part of an option that follows from the law, the date, the language and the facts in its key. */
interface OptionTemplate {
  status: GroundStatus;
  why: string;
  documents: readonly string[];
}

/**
 * Everything deriveGrounds needs about the law on one date (with or without proposals), kept per engine:
 * the grounds in force with their basis, confidence and terms, the procedures' index entries, and the
 * options already worked out, per language, keyed by the ground and the facts its conditions read.
 */
interface GroundsOnDate {
  statics: GroundStatic[];
  evidence: Map<string, Set<string>>;
  entries: Map<ProcedureId, readonly IndexEntry[]>;
  /** One use for each distinct `when` among those entries: conditionHolds reads only the use's `when`. */
  conditions: DocumentUse[];
  /** The grounds in force grouped by the facts they read (GroundStatic.parts), each group in the law's order. */
  groups: { parts: number; members: GroundStatic[] }[];
  /** Per language: the options of a group's grounds, keyed by the group and the person's facts it reads. */
  templates: Map<string, Map<string, OptionTemplate[]>>;
}

// The facts of a person a ground's conditions may read (bits of GroundStatic.parts).
const PART_CITIZENSHIP = 1;
const PART_HQS = 2;
const PART_AGE = 4;
const PART_INCAPACITATED = 8;
const PART_RELATION = 16;
const PART_PARENT_RP = 32;
const PART_EMPLOYER = 64;
const PART_OCCUPATION = 128;

function partsOf(g: Ground): number {
  const w = g.eligibleWhen;
  if (w === undefined) return 0;
  return (
    (w.citizenshipIn ? PART_CITIZENSHIP : 0) |
    (w.hqs ? PART_HQS : 0) |
    (w.minor !== undefined ? PART_AGE : 0) |
    (w.incapacitated ? PART_INCAPACITATED : 0) |
    (w.relation ? PART_RELATION : 0) |
    (w.principalResidencePermit ? PART_PARENT_RP : 0) |
    (w.employerKinds ? PART_EMPLOYER : 0) |
    (w.occupations ? PART_OCCUPATION : 0)
  );
}

/** Date-keyed entries an engine keeps before it starts over (a portfolio sweep uses one date). */
const DATES_KEPT = 64;

function groundsOnDate(ctx: Ctx): GroundsOnDate {
  const memo = ctx.shared.memo<string, GroundsOnDate>('grounds.on-date');
  const key = `${ctx.asOf}\u0000${ctx.withProposed ? 1 : 0}`;
  const hit = memo.get(key);
  if (hit !== undefined) return hit;
  const on = ctx.asOf;
  const entries = new Map<ProcedureId, readonly IndexEntry[]>();
  const conditions = new Map<string | undefined, DocumentUse>();
  const statics: GroundStatic[] = [];
  const groups: GroundsOnDate['groups'] = [];
  for (const g of ctx.law.grounds.inForce(on, { includeProposed: ctx.withProposed })) {
    if (!entries.has(g.procedure)) {
      const list = ctx.law.documents.forProcedure(g.procedure, on);
      entries.set(g.procedure, list);
      for (const e of list) if (!conditions.has(e.use.when)) conditions.set(e.use.when, e.use);
    }
    const proc = g.processing;
    const value = proc.parameter !== undefined ? ctx.param(proc.parameter, on) : undefined;
    const unit = proc.parameter !== undefined ? ctx.law.parameter(proc.parameter).unit : undefined;
    const n = typeof value?.value === 'number' ? value.value : undefined;
    const parts = partsOf(g);
    let group = groups.findIndex((x) => x.parts === parts);
    if (group < 0) group = groups.push({ parts, members: [] }) - 1;
    const members = (groups[group] as GroundsOnDate['groups'][number]).members;
    const st: GroundStatic = {
      ground: g,
      group,
      slot: members.length,
      parts,
      basis: [...g.basis, ...(value?.basis ?? proc.basis)],
      confidence: lowest(g.confidence, value?.confidence as Confidence | undefined, proc.confidence),
      months: unit === 'months' ? n : proc.months,
      workingDays: unit === 'working-days' ? n : proc.workingDays,
    };
    statics.push(st);
    members.push(st);
  }
  const out: GroundsOnDate = {
    statics,
    evidence: groundEvidence(ctx.law.grounds.grounds),
    entries,
    conditions: [...conditions.values()],
    groups,
    templates: new Map(),
  };
  if (memo.size >= DATES_KEPT) memo.clear();
  memo.set(key, out);
  return out;
}

/** The state of the HQS permit on the date, as judge() reads it for the `hqs` condition. */
function permitState(f: CaseFacts, on: IsoDate): string {
  const issued = f.permitIssued.filter((e) => e.on <= on).at(-1);
  if (issued !== undefined && f.permitCancelled.some((d) => d >= issued.on && d <= on)) return 'c';
  if (issued) return `i${issued.on}`;
  const filed = f.permitFiled.find((d) => d <= on);
  return filed !== undefined ? `f${filed}` : 'n';
}

/** The state of the principal's residence permit on the date, as judge() reads it. */
function parentRpState(f: CaseFacts, on: IsoDate): string {
  const pf = f.people.get(f.principal.id) as PersonFacts;
  const issued = pf.rpIssued.find((e) => e.on <= on);
  if (issued) return `i${issued.on}`;
  const filed = pf.rpFiled.find((d) => d <= on);
  return filed !== undefined ? `f${filed}` : 'n';
}

/** The option of a ground for a person, worked out in full (what the cache keeps). */
function optionTemplate(
  ctx: Ctx,
  c: Case,
  f: CaseFacts,
  p: Person,
  s: GroundStatic,
  d: GroundsOnDate,
  holders: ReadonlySet<Holder>,
): OptionTemplate {
  const g = s.ground;
  const on = ctx.asOf;
  const verdicts = judge(ctx, c, f, p, g, on);
  const failing = verdicts.filter((v) => v.state === 'no');
  const unknown = verdicts.filter((v) => v.state === 'unknown');
  const facts = g.needsFacts.map((x) => ctx.msg(`grounds.fact.${x}`));
  let status: GroundStatus;
  let why: string;
  if (failing.length > 0) {
    status = 'not-applicable';
    why = ctx.msg('grounds.why.not-applicable', { detail: failing.map((v) => v.text).join('; ') });
  } else if (unknown.length > 0 || facts.length > 0) {
    status = 'possible';
    const known = verdicts.filter((v) => v.state === 'yes').map((v) => v.text);
    const open = [
      ...unknown.map((v) => v.text),
      ...(facts.length > 0 ? [ctx.msg('grounds.needs', { facts: facts.join('; ') })] : []),
    ];
    why = ctx.msg('grounds.why.possible', { detail: [...known, ...open].join('; ') });
  } else {
    status = 'applies';
    why = ctx.msg('grounds.why.applies', { detail: verdicts.map((v) => v.text).join('; ') });
  }
  let documents: readonly string[] = [];
  if (status !== 'not-applicable') {
    const entries = d.entries.get(g.procedure) as readonly IndexEntry[];
    const basic = basicFor(ctx, f, p, on, entries, holders, d.evidence.get(g.procedure) ?? NONE);
    documents = documentsFor(g, entries, holders, basic);
  }
  return { status, why, documents };
}

const NONE: ReadonlySet<string> = new Set<string>();

/** The grounds each person of the case may use on the date (`ctx.asOf`), ground by ground in the order of the law data. */
export function deriveGrounds(ctx: Ctx, c: Case, f: CaseFacts): GroundOption[] {
  const on = ctx.asOf;
  const d = groundsOnDate(ctx);
  let templates = d.templates.get(ctx.lang);
  if (templates === undefined) {
    templates = new Map();
    d.templates.set(ctx.lang, templates);
  }
  const out: GroundOption[] = [];
  // The case's facts some conditions read, the same for every person.
  let hqs: string | undefined;
  let parentRp: string | undefined;
  const found: OptionTemplate[][] = [];
  for (const p of c.people) {
    const holders = holdersOf(p, on);
    // The key of the person's documents: their holder groups and which document conditions hold for them.
    let docsKey = String(holderMask(p, on));
    for (const use of d.conditions) docsKey += conditionHolds(ctx, use, p, f, on) ? '1' : '0';
    let age: number | undefined;
    // Each group's options, looked up by the facts its grounds read (worked out in full when first met).
    for (let gi = 0; gi < d.groups.length; gi++) {
      const { parts, members } = d.groups[gi] as GroundsOnDate['groups'][number];
      let key = `${gi}\u0000${docsKey}`;
      if (parts !== 0) {
        if (parts & PART_CITIZENSHIP) key += `\u0000${p.citizenships.join(',')}`;
        if (parts & PART_HQS)
          key += `\u0000${p.role}\u0001${p.relation ?? '\u0002'}\u0001${(hqs ??= permitState(f, on))}`;
        if (parts & PART_AGE) key += `\u0000${(age ??= ageOn(p.birthDate as IsoDate, on))}`;
        if (parts & PART_INCAPACITATED) key += p.incapacitated === true ? '\u0000y' : '\u0000n';
        if (parts & PART_RELATION) key += `\u0000${p.relation ?? '\u0002'}`;
        if (parts & PART_PARENT_RP) key += `\u0000${(parentRp ??= parentRpState(f, on))}`;
        if (parts & PART_EMPLOYER) key += `\u0000${c.employer.kind}`;
        if (parts & PART_OCCUPATION) key += `\u0000${c.contract.occupation}`;
      }
      let list = templates.get(key);
      if (list === undefined) {
        list = [];
        for (const s of members) list.push(optionTemplate(ctx, c, f, p, s, d, holders));
        remember(templates, key, list);
      }
      found[gi] = list;
    }
    for (const s of d.statics) {
      const g = s.ground;
      const t = (found[s.group] as OptionTemplate[])[s.slot] as OptionTemplate;
      const option: GroundOption = {
        person: p.id,
        ground: g.id,
        status: t.status,
        why: t.why,
        documents: t.documents.slice(),
        languageCertificate: g.languageCertificate.required,
        basis: s.basis.slice(),
        confidence: s.confidence,
      };
      if (s.months !== undefined) option.processingMonths = s.months;
      if (s.workingDays !== undefined) option.processingWorkingDays = s.workingDays;
      if (g.needsFacts.length > 0) option.check = [...g.needsFacts];
      out.push(option);
      if (ctx.trace) ctx.note(`grounds.${g.id}`, `${p.id}: ${t.status}`);
    }
  }
  return out;
}
