// Findings: risks and inconsistencies a manager must see — pay below the threshold in a period,
// passports that end too soon, names or numbers that disagree, long absences, overdue duties, and the
// person's own history.
import type { Case } from '../case/index.ts';
import { addMonths, monthBounds, quarterBounds } from '../calendar/date.ts';
import { type Ctx, basisOf } from './context.ts';
import type { CaseFacts, PersonFacts } from './facts.ts';
import type { Finding, Obligation, Severity } from './types.ts';
import { thresholdFacts, bestThreshold } from './eligibility.ts';
import { permitEnd } from './obligations.ts';
import { fmt, type Period } from './util.ts';



export function deriveFindings(ctx: Ctx, c: Case, f: CaseFacts, obligations: readonly Obligation[]): Finding[] {
  const out: Finding[] = [];
  const add = (severity: Severity, code: string, people: string[], params: Record<string, string | number>, basis: Finding['basis'] = [], confidence?: Finding['confidence']) => {
    const finding: Finding = { severity, code, message: ctx.msg(`finding.${code}`, params), people, basis };
    if (confidence) finding.confidence = confidence;
    out.push(finding);
  };
  const P = f.principal.id;

  // Pay below the threshold in a period, from salary-paid events, measured as the law measured it then.
  const paid = new Map<string, number>();
  for (const e of f.salaryPaid) paid.set(e.period, (paid.get(e.period) ?? 0) + e.amount);
  const quarters = new Map<string, number>();
  for (const [period, amount] of paid) {
    const q = period.includes('Q') ? period : `${period.slice(0, 4)}-Q${Math.floor((Number(period.slice(5, 7)) - 1) / 3) + 1}`;
    quarters.set(q, (quarters.get(q) ?? 0) + amount);
  }
  for (const [q, amount] of [...quarters].sort()) {
    const { from, to } = quarterBounds(q);
    if (to > ctx.asOf) continue; // the quarter is not over yet
    // A quarter across a change in the law: judged by the stricter value (the Interior Ministry applied
    // 750,000 to the whole first quarter of 2024).
    const candidates = [from, to].map((d) => bestThreshold(ctx.law.applicableThresholds(thresholdFacts(c), d, { includeProposed: ctx.withProposed })));
    let worst: { need: number; period: Period; value: NonNullable<(typeof candidates)[number]>['value'] } | undefined;
    for (const cand of candidates) {
      if (!cand || cand.value.value === null) continue;
      const period = (cand.value.period ?? 'year') as Period;
      const need = period === 'calendar-quarter' ? cand.value.value : period === 'calendar-month' ? cand.value.value * 3 : cand.value.value / 4;
      if (!worst || need > worst.need) worst = { need, period, value: cand.value };
    }
    if (!worst) continue;
    const monthly = worst.period === 'calendar-month';
    let below = amount < worst.need;
    let detail = `${fmt(amount)} < ${fmt(worst.need)}`;
    if (monthly && !below) {
      // Monthly thresholds: each month paid separately must reach the amount, where months are given.
      for (const [period, m] of paid) {
        if (!period.startsWith(q.slice(0, 4)) || period.includes('Q')) continue;
        const mb = monthBounds(period);
        if (mb.from < from || mb.to > to) continue;
        if (m < (worst.value.value as number)) {
          below = true;
          detail = `${period}: ${fmt(m)} < ${fmt(worst.value.value as number)}`;
        }
      }
    }
    if (below) {
      const bar = ctx.param('hqs.employer-bar-after-salary-breach', to);
      add('error', 'salary-below-threshold', [P], { period: q, detail, years: bar ? String(bar.value) : '2' }, basisOf(worst.value, bar));
    }
  }

  // Passports.
  const until = permitEnd(f) ?? c.contract.end;
  const nextFiling = obligations.find((o) => o.kind === 'work-permit-extension' && o.status !== 'done')?.due;
  for (const person of c.people) {
    const pf = f.people.get(person.id) as PersonFacts;
    const all = [...(person.passports ?? []), ...pf.passportRenewals.map((r) => ({ number: r.number, issued: r.issued, expires: r.expires, country: '' }))];
    if (all.length === 0) {
      add('warning', 'passport-missing', [person.id], { person: person.id });
      continue;
    }
    const current = all.reduce((a, b) => (b.expires > a.expires ? b : a));
    if (current.expires < ctx.asOf) add('error', 'passport-expired', [person.id], { person: person.id, number: current.number, expires: current.expires });
    else if (until && current.expires < until) add('warning', 'passport-expires-before-permit', [person.id], { person: person.id, number: current.number, expires: current.expires, until });
    if (nextFiling && current.expires < addMonths(nextFiling, 6)) add('warning', 'passport-expires-before-filing', [person.id], { person: person.id, expires: current.expires, filing: nextFiling });
  }

  // Names and passport numbers that differ between what the case says in different places.
  for (const person of c.people) {
    const docs = (c.documents ?? []).filter((d) => d.person === person.id);
    const norm = (s: string) => s.trim().toUpperCase().replace(/\s+/g, ' ');
    for (const d of docs) {
      if (d.name?.latin && norm(d.name.latin) !== norm(person.name.latin)) add('warning', 'name-mismatch', [person.id], { person: person.id, doc: d.type, a: d.name.latin, b: person.name.latin });
      if (d.name?.cyrillic && person.name.cyrillic && norm(d.name.cyrillic) !== norm(person.name.cyrillic)) add('warning', 'name-mismatch', [person.id], { person: person.id, doc: d.type, a: d.name.cyrillic, b: person.name.cyrillic });
      if (d.type === 'passport' && d.number) {
        const known = [...(person.passports ?? []).map((p) => p.number), ...(f.people.get(person.id) as PersonFacts).passportRenewals.map((r) => r.number)];
        if (known.length > 0 && !known.map(norm).includes(norm(d.number))) add('warning', 'passport-number-mismatch', [person.id], { person: person.id, number: d.number, known: known.join(', ') });
      }
    }
  }

  // Days abroad under a permit: an absence over six months is a ground to cancel it.
  const issued = f.permitIssued[0];
  if (issued) {
    const pf = f.people.get(P) as PersonFacts;
    const v = ctx.param('work-permit.absence-cancellation', ctx.asOf);
    if (v) {
      const months = ctx.num(v);
      for (const trip of pf.trips) {
        if (trip.exit < issued.on) continue;
        const back = trip.entry ?? ctx.asOf;
        const limit = addMonths(trip.exit, months);
        if (back > limit) add('error', 'permit-absence-over-limit', [P], { exit: trip.exit, months }, [...v.basis], v.confidence);
        else if (back > addMonths(trip.exit, months - 1)) add('warning', 'permit-absence-nearing-limit', [P], { exit: trip.exit, months, limit }, [...v.basis], v.confidence);
      }
    }
  }

  // RP absence nearing or over the limit.
  for (const o of obligations) {
    if (o.kind !== 'rp-absence-limit' || !o.measure) continue;
    const { used, limit } = o.measure;
    if (used > limit) add('error', 'rp-absence-over-limit', [o.person], { used, limit, year: o.due.slice(0, 4) }, o.basis);
    else if (used >= Math.floor(limit * 0.8)) add('warning', 'rp-absence-nearing-limit', [o.person], { used, limit, year: o.due.slice(0, 4) }, o.basis);
  }

  // Overdue duties and duties done late.
  for (const o of obligations) {
    if (o.kind === 'rp-absence-limit') continue;
    if (o.status === 'overdue') add('error', 'obligation-overdue', [o.person], { id: o.id, due: o.due }, o.basis, o.confidence);
    else if (o.late) add('warning', 'obligation-done-late', [o.person], { id: o.id, due: o.due, done: o.doneOn ?? '' }, o.basis);
  }

  // Collection period that may run out before the specialist can arrive.
  const collection = obligations.find((o) => o.kind === 'work-permit-collection' && o.status !== 'done');
  const pfP = f.people.get(P) as PersonFacts;
  if (collection && (f.principal.startsFrom ?? 'abroad') === 'abroad' && !pfP.entries.some((e) => e >= collection.window.from && e <= collection.due)) {
    const ext = ctx.param('work-permit.collection-deadline-extension', collection.window.from);
    add('warning', 'collection-before-arrival', [P], { due: collection.due, extra: ext ? String(ext.value) : '30' }, basisOf(ext), 'medium');
  }

  // Risk flags from the person's history.
  for (const person of c.people) {
    const h = person.history ?? {};
    if (h.entryBan) add('error', 'history-entry-ban', [person.id], { person: person.id });
    if (h.deported) add('error', 'history-deported', [person.id], { person: person.id });
    if (h.overstay) add('warning', 'history-overstay', [person.id], { person: person.id });
    if (h.priorRefusal) add('warning', 'history-prior-refusal', [person.id], { person: person.id });
  }

  // Family members the law does not count as family of an HQS.
  const def = ctx.law.familyDefinitionAt(ctx.asOf);
  if (def) {
    const allowed = new Set(def.relations.map((r) => r.relation as string));
    for (const person of f.family) {
      if (person.relation && !allowed.has(person.relation)) add('warning', 'not-a-family-member', [person.id], { person: person.id, relation: person.relation }, [...def.basis]);
    }
  }
  const rank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
  out.sort((a, b) => rank[a.severity] - rank[b.severity]);
  return out;
}
