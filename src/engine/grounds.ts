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
import type { Confidence, GroundOption, GroundStatus } from './types.ts';
import { msg, type Message } from './messages.ts';
import { ageLimit, conditionHolds, holdersOf, usedBy } from './checklist.ts';
import { ageOn } from './util.ts';

type Tri = 'yes' | 'no' | 'unknown';

interface Verdict {
  state: Tri;
  text: Message;
}

const ORDER: Confidence[] = ['low', 'low-medium', 'medium', 'medium-high', 'high'];
const lowest = (...cs: (Confidence | undefined)[]): Confidence =>
  cs.reduce<Confidence>((w, c) => (c !== undefined && ORDER.indexOf(c) < ORDER.indexOf(w) ? c : w), 'high');

function say(out: Verdict[], state: Tri, text: Message): void {
  out.push({ state, text });
}

/** Each condition of a ground's `eligibleWhen`, judged for one person on a date. */
function judge(ctx: Ctx, c: Case, f: CaseFacts, p: Person, g: Ground, on: IsoDate): Verdict[] {
  const w = g.eligibleWhen;
  if (w === undefined) return [];
  const out: Verdict[] = [];
  if (w.citizenshipIn) {
    const hit = p.citizenships.filter((cc) => w.citizenshipIn?.includes(cc));
    if (hit.length > 0) say(out, 'yes', msg('grounds.cond.citizenship.yes', { list: hit }));
    else say(out, 'no', msg('grounds.cond.citizenship.no', { list: w.citizenshipIn }));
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
      say(
        out,
        'no',
        p.role === 'principal'
          ? msg('grounds.cond.hqs.not-principal')
          : msg('grounds.cond.hqs.not-family', { relation: p.relation ?? '' }),
      );
    else if (cancelled) say(out, 'no', msg('grounds.cond.hqs.cancelled'));
    else if (issued) say(out, 'yes', msg('grounds.cond.hqs.issued', { date: issued.on }));
    else if (filed) say(out, 'yes', msg('grounds.cond.hqs.filed', { date: filed }));
    else say(out, 'unknown', msg('grounds.cond.hqs.not-filed'));
  }
  if (w.minor !== undefined) {
    const age = ageOn(p.birthDate as IsoDate, on);
    const limit = ageLimit(ctx, 'person.age-of-majority', on);
    const minor = age < limit;
    say(
      out,
      minor === w.minor ? 'yes' : 'no',
      msg(minor ? 'grounds.cond.minor' : 'grounds.cond.adult', { date: on, age, limit }),
    );
  }
  if (w.incapacitated)
    say(
      out,
      p.incapacitated === true ? 'yes' : 'no',
      msg(p.incapacitated === true ? 'grounds.cond.incapacitated.yes' : 'grounds.cond.incapacitated.no'),
    );
  if (w.relation) {
    const ok = p.relation !== undefined && w.relation.includes(p.relation);
    const relation = p.relation ?? '';
    say(
      out,
      ok ? 'yes' : 'no',
      ok
        ? msg('grounds.cond.relation.yes', { relation })
        : msg('grounds.cond.relation.no', { relation, list: w.relation }),
    );
  }
  if (w.principalResidencePermit) {
    const pf = f.people.get(f.principal.id) as PersonFacts;
    const rpIssued = pf.rpIssued.find((e) => e.on <= on);
    const rpFiled = pf.rpFiled.find((d) => d <= on);
    if (rpIssued) say(out, 'yes', msg('grounds.cond.parent-rp.issued', { date: rpIssued.on }));
    else if (w.principalResidencePermit === 'filed-or-issued' && rpFiled)
      say(out, 'yes', msg('grounds.cond.parent-rp.filed', { date: rpFiled }));
    else if (w.principalResidencePermit === 'filed-or-issued')
      say(out, 'unknown', msg('grounds.cond.parent-rp.not-filed'));
    else say(out, 'no', msg('grounds.cond.parent-rp.none'));
  }
  if (w.employerKinds) {
    const ok = w.employerKinds.includes(c.employer.kind);
    const kind = c.employer.kind;
    say(
      out,
      ok ? 'yes' : 'no',
      ok
        ? msg('grounds.cond.employer.yes', { kind })
        : msg('grounds.cond.employer.no', { kind, list: w.employerKinds }),
    );
  }
  if (w.occupations) {
    const ok = w.occupations.includes(c.contract.occupation);
    const occupation = c.contract.occupation;
    say(
      out,
      ok ? 'yes' : 'no',
      ok
        ? msg('grounds.cond.occupation.yes', { occupation })
        : msg('grounds.cond.occupation.no', { occupation, list: w.occupations }),
    );
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
  holders: readonly Holder[],
  evidence: ReadonlySet<string>,
): Set<string> {
  const out = new Set<string>();
  for (const e of entries) {
    const id = e.document.id;
    if (id === 'language-certificate' || evidence.has(id) || out.has(id)) continue;
    if (usedBy(e.use, holders) && conditionHolds(ctx, e.use, p, f, on)) out.add(id);
  }
  return out;
}

/**
 * The entries of a procedure some ground filed with it could put on the person's list (documentsFor): the basic
 * documents, the grounds' own evidence, the certificate where it applies to the person's holder group. The
 * others never qualify, whatever the ground.
 */
function fileable(
  entries: readonly IndexEntry[],
  holders: readonly Holder[],
  basic: ReadonlySet<string>,
  evidence: ReadonlySet<string>,
): IndexEntry[] {
  return entries.filter((e) => {
    const id = e.document.id;
    return basic.has(id) || evidence.has(id) || (id === 'language-certificate' && usedBy(e.use, holders));
  });
}

/** What the person would file on the ground, in index order: the basic documents, the ground's evidence, the certificate if not exempt. */
function documentsFor(
  g: Ground,
  entries: readonly IndexEntry[],
  holders: readonly Holder[],
  basic: ReadonlySet<string>,
): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const e of entries) {
    const id = e.document.id;
    if (seen.has(id)) continue;
    const certificate = id === 'language-certificate' && g.languageCertificate.required && usedBy(e.use, holders);
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
  for (const p of c.people) {
    const holders = holdersOf(ctx, p, on);
    // The procedure's basic documents for this person (the same for every ground filed with the procedure).
    const basics = new Map<ProcedureId, { entries: readonly IndexEntry[]; basic: Set<string> }>();
    for (const g of grounds) {
      const verdicts = judge(ctx, c, f, p, g, on);
      const failing = verdicts.filter((v) => v.state === 'no');
      const unknown = verdicts.filter((v) => v.state === 'unknown');
      const facts: Message[] = g.needsFacts.map((x) => ({ code: `grounds.fact.${x}` }));
      let status: GroundStatus;
      let why: Message;
      if (failing.length > 0) {
        status = 'not-applicable';
        why = msg('grounds.why.not-applicable', { detail: failing.map((v) => v.text) });
      } else if (unknown.length > 0 || facts.length > 0) {
        status = 'possible';
        const known = verdicts.filter((v) => v.state === 'yes').map((v) => v.text);
        const open = [...unknown.map((v) => v.text), ...(facts.length > 0 ? [msg('grounds.needs', { facts })] : [])];
        why = msg('grounds.why.possible', { detail: [...known, ...open] });
      } else {
        status = 'applies';
        why = msg('grounds.why.applies', { detail: verdicts.map((v) => v.text) });
      }
      let documents: string[] = [];
      if (status !== 'not-applicable') {
        let b = basics.get(g.procedure);
        if (b === undefined) {
          const entries = ctx.law.documents.forProcedure(g.procedure, on);
          const own = evidence.get(g.procedure) ?? NONE;
          const basic = basicFor(ctx, f, p, on, entries, holders, own);
          b = { entries: fileable(entries, holders, basic, own), basic };
          basics.set(g.procedure, b);
        }
        documents = documentsFor(g, b.entries, holders, b.basic);
      }
      // The decision term: the law data's parameter where the ground names one, else the ground's own.
      const proc = g.processing;
      const value = proc.parameter !== undefined ? ctx.value(proc.parameter, on) : undefined;
      const unit = proc.parameter !== undefined ? ctx.law.parameter(proc.parameter).unit : undefined;
      const n = typeof value?.value === 'number' ? value.value : undefined;
      const months = unit === 'months' ? n : proc.months;
      const workingDays = unit === 'working-days' ? n : proc.workingDays;
      const option: GroundOption = {
        person: p.id,
        ground: g.id,
        status,
        because: [why],
        documents,
        languageCertificate: g.languageCertificate.required,
        basis: [...g.basis, ...(value?.basis ?? proc.basis)],
        confidence: lowest(g.confidence, value?.confidence as Confidence | undefined, proc.confidence),
      };
      if (months !== undefined) option.processingMonths = months;
      if (workingDays !== undefined) option.processingWorkingDays = workingDays;
      if (g.needsFacts.length > 0) option.check = [...g.needsFacts];
      out.push(option);
      if (ctx.trace) ctx.note(`grounds.${g.id}`, `${p.id}: ${status}`);
    }
  }
  return out;
}

const NONE: ReadonlySet<string> = new Set<string>();
