// Residence grounds (115-FZ art. 8 p.2, law/grounds): for each person in the case, which grounds for a
// residence permit without a temporary residence permit they may use on the date, what each would need
// (the procedure's basic documents that apply to the person, the ground's own evidence, the language
// certificate where it is not exempt) and how long the decision takes by the law data.
// A ground applies when everything its `eligibleWhen` asks holds in the case; it is possible when nothing
// fails but the case cannot show something (a fact outside the case format, a permit not yet applied for);
// otherwise it is not applicable — and each says why.
import type { Case, Person } from '../case/index.ts';
import type { Ground, Holder, IndexEntry, ProcedureId } from '../law/index.ts';
import type { IsoDate } from '../calendar/date.ts';
import type { Ctx } from './context.ts';
import type { CaseFacts, PersonFacts } from './facts.ts';
import type { Citation, Confidence } from './types.ts';
import { conditionHolds, holdersOf } from './checklist.ts';
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
  const say = (state: Tri, key: string, params?: Record<string, string | number>) => out.push({ state, text: ctx.msg(key, params) });
  if (w.citizenshipIn) {
    const hit = p.citizenships.filter((cc) => w.citizenshipIn?.includes(cc));
    if (hit.length > 0) say('yes', 'grounds.cond.citizenship.yes', { list: hit.join(', ') });
    else say('no', 'grounds.cond.citizenship.no', { list: w.citizenshipIn.join(', ') });
  }
  if (w.hqs) {
    const def = ctx.law.familyDefinitionAt(on);
    const isFamily = p.role === 'family' && p.relation !== undefined && (def?.relations.some((r) => r.relation === p.relation) ?? false);
    const roleOk = w.hqs === 'any' ? p.role === 'principal' || isFamily : w.hqs === 'principal' ? p.role === 'principal' : isFamily;
    const issued = f.permitIssued.filter((e) => e.on <= on).at(-1);
    const filed = f.permitFiled.find((d) => d <= on);
    const cancelled = issued !== undefined && f.permitCancelled.some((d) => d >= issued.on && d <= on);
    if (!roleOk) say('no', p.role === 'principal' ? 'grounds.cond.hqs.not-principal' : 'grounds.cond.hqs.not-family', { relation: p.relation ?? '' });
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
  if (w.incapacitated) say(p.incapacitated === true ? 'yes' : 'no', p.incapacitated === true ? 'grounds.cond.incapacitated.yes' : 'grounds.cond.incapacitated.no');
  if (w.relation) {
    const ok = p.relation !== undefined && w.relation.includes(p.relation);
    say(ok ? 'yes' : 'no', ok ? 'grounds.cond.relation.yes' : 'grounds.cond.relation.no', { relation: p.relation ?? '—', list: w.relation.join(', ') });
  }
  if (w.principalResidencePermit) {
    const pf = f.people.get(f.principal.id) as PersonFacts;
    const rpIssued = pf.rpIssued.find((e) => e.on <= on);
    const rpFiled = pf.rpFiled.find((d) => d <= on);
    if (rpIssued) say('yes', 'grounds.cond.parent-rp.issued', { date: rpIssued.on });
    else if (w.principalResidencePermit === 'filed-or-issued' && rpFiled) say('yes', 'grounds.cond.parent-rp.filed', { date: rpFiled });
    else if (w.principalResidencePermit === 'filed-or-issued') say('unknown', 'grounds.cond.parent-rp.not-filed');
    else say('no', 'grounds.cond.parent-rp.none');
  }
  if (w.employerKinds) {
    const ok = w.employerKinds.includes(c.employer.kind);
    say(ok ? 'yes' : 'no', ok ? 'grounds.cond.employer.yes' : 'grounds.cond.employer.no', { kind: c.employer.kind, list: w.employerKinds.join(', ') });
  }
  if (w.occupations) {
    const ok = w.occupations.includes(c.contract.occupation);
    say(ok ? 'yes' : 'no', ok ? 'grounds.cond.occupation.yes' : 'grounds.cond.occupation.no', { occupation: c.contract.occupation, list: w.occupations.join(', ') });
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
function basicFor(ctx: Ctx, f: CaseFacts, p: Person, on: IsoDate, entries: readonly IndexEntry[], holders: ReadonlySet<Holder>, evidence: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const e of entries) {
    const id = e.document.id;
    if (id === 'language-certificate' || evidence.has(id) || out.has(id)) continue;
    if (e.use.holders.some((h) => holders.has(h)) && conditionHolds(ctx, e.use, p, f, on)) out.add(id);
  }
  return out;
}

/** What the person would file on the ground, in index order: the basic documents, the ground's evidence, the certificate if not exempt. */
function documentsFor(g: Ground, entries: readonly IndexEntry[], holders: ReadonlySet<Holder>, basic: ReadonlySet<string>): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const e of entries) {
    const id = e.document.id;
    if (seen.has(id)) continue;
    const certificate = id === 'language-certificate' && g.languageCertificate.required && e.use.holders.some((h) => holders.has(h));
    if (certificate || basic.has(id) || g.documents.includes(id)) {
      seen.add(id);
      out.push(id);
    }
  }
  return out;
}

/** The grounds each person of the case may use on the date (`ctx.asOf`), ground by ground in the order of the law data. */
export function deriveGrounds(ctx: Ctx, c: Case, f: CaseFacts): GroundOption[] {
  const on = ctx.asOf;
  const grounds = ctx.law.grounds.inForce(on, { includeProposed: ctx.withProposed });
  const evidence = groundEvidence(ctx.law.grounds.grounds);
  const out: GroundOption[] = [];
  const none = new Set<string>();
  // The procedures' index entries in force on the date, read once.
  const entries = new Map<ProcedureId, readonly IndexEntry[]>();
  const entriesOf = (id: ProcedureId) => {
    let list = entries.get(id);
    if (list === undefined) {
      list = ctx.law.documents.forProcedure(id, on);
      entries.set(id, list);
    }
    return list;
  };
  for (const p of c.people) {
    const holders = holdersOf(p, on);
    // The basic list is the same for every ground of a procedure: derived once per person and procedure.
    const basics = new Map<ProcedureId, Set<string>>();
    const basicOf = (id: ProcedureId) => {
      let set = basics.get(id);
      if (set === undefined) {
        set = basicFor(ctx, f, p, on, entriesOf(id), holders, evidence.get(id) ?? none);
        basics.set(id, set);
      }
      return set;
    };
    for (const g of grounds) {
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
        const open = [...unknown.map((v) => v.text), ...(facts.length > 0 ? [ctx.msg('grounds.needs', { facts: facts.join('; ') })] : [])];
        why = ctx.msg('grounds.why.possible', { detail: [...known, ...open].join('; ') });
      } else {
        status = 'applies';
        why = ctx.msg('grounds.why.applies', { detail: verdicts.map((v) => v.text).join('; ') });
      }
      const proc = g.processing;
      const value = proc.parameter !== undefined ? ctx.param(proc.parameter, on) : undefined;
      const option: GroundOption = {
        person: p.id,
        ground: g.id,
        status,
        why,
        documents: status === 'not-applicable' ? [] : documentsFor(g, entriesOf(g.procedure), holders, basicOf(g.procedure)),
        languageCertificate: g.languageCertificate.required,
        basis: [...g.basis, ...(value?.basis ?? proc.basis)],
        confidence: lowest(g.confidence, value?.confidence as Confidence | undefined, proc.confidence),
      };
      const unit = proc.parameter !== undefined ? ctx.law.parameter(proc.parameter).unit : undefined;
      const n = typeof value?.value === 'number' ? value.value : undefined;
      const months = unit === 'months' ? n : proc.months;
      const workingDays = unit === 'working-days' ? n : proc.workingDays;
      if (months !== undefined) option.processingMonths = months;
      if (workingDays !== undefined) option.processingWorkingDays = workingDays;
      if (g.needsFacts.length > 0) option.check = [...g.needsFacts];
      out.push(option);
      if (ctx.trace) ctx.note(`grounds.${g.id}`, `${p.id}: ${status}`);
    }
  }
  return out;
}
