// Named legal scenarios as data (test/scenarios/*.yaml): each states one fact of the law on one date, a
// small case, and only the expectations that fact decides — ids, codes, dates and statuses, never wording.
// Every expected date was computed by hand from the law data and the production calendar (src/calendar),
// not copied from the engine's output. A scenario with `knownEngineBug` documents a disagreement with the
// engine that the engine must fix: it runs as `it.fails` until then.
// Each scenario's `reference` cites the law that decides it: every cite names a source of law/sources.yaml
// and a provision the law data itself cites, and where the scenario expects an obligation, finding, reason,
// threshold or plan step the engine grounds in law, the reference cites at least one provision the engine
// cites for it (a scenario citing art. 13.2 p.8 where the law data says p.13 fails).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { describe, it, expect } from 'vitest';
import { covers, formatCite, lawCitations, overlaps, type Cite } from './law-citations.ts';
import { loadLaw } from '../src/law/node.ts';
import { OFFICIAL_HOSTS, hostIsOneOf, type Citation } from '../src/law/index.ts';
import { loadCalendar } from '../src/calendar/node.ts';
import { createEngine, type Evaluation, type Obligation } from '../src/engine/index.ts';
import { parseCase, formatCaseErrors } from '../src/case/index.ts';
import type { IsoDate } from '../src/calendar/date.ts';

const DIR = fileURLToPath(new URL('./scenarios/', import.meta.url));

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a YYYY-MM-DD date');

const ObligationExpect = z
  .strictObject({
    id: z.string().optional(),
    kind: z.string().optional(),
    person: z.string().optional(),
    due: isoDate.optional(),
    status: z.string().optional(),
    windowFrom: isoDate.optional(),
    doneOn: isoDate.optional(),
    late: z.boolean().optional(),
    used: z.number().optional(),
    /** No obligation matches id (or kind+person). */
    absent: z.literal(true).optional(),
  })
  .refine((o) => o.id !== undefined || o.kind !== undefined, {
    message: 'an obligation expectation names an id or a kind',
  });

const Provision = z.string().min(1);

/** One cite: a source id of law/sources.yaml and, optionally, the provision and the act that worded it. */
const CiteSchema = z.strictObject({
  source: z.string().min(1),
  article: Provision.optional(),
  part: Provision.optional(),
  paragraph: Provision.optional(),
  subparagraph: Provision.optional(),
  amendedBy: z.string().min(1).optional(),
});

/**
 * What decides a scenario: `cites` (the law, checked against the law data), `note` (the reasoning in words:
 * dates counted, which edition applies), and `convention: true` where the expectation rests also on a rule
 * of HQS Desk or of practice that no source of the registry states (the note says which).
 */
const Reference = z
  .strictObject({
    cites: z.array(CiteSchema).optional(),
    convention: z.literal(true).optional(),
    note: z.string().min(5).optional(),
  })
  .refine((r) => (r.cites?.length ?? 0) > 0 || r.convention === true, {
    message: 'a reference cites the law, or is marked convention: true',
  })
  .refine((r) => r.convention !== true || r.note !== undefined, {
    message: 'a convention is explained in a note',
  });

const Scenario = z.strictObject({
  name: z.string().min(10),
  asOf: isoDate,
  case: z.unknown(),
  options: z.strictObject({ withProposed: z.boolean().optional(), targetStart: isoDate.optional() }).optional(),
  expect: z.strictObject({
    eligibility: z
      .strictObject({
        status: z.enum(['eligible', 'ineligible', 'review']),
        threshold: z
          .strictObject({
            parameter: z.string(),
            threshold: z.number().nullable(),
            period: z.string().optional(),
            status: z.string().optional(),
          })
          .optional(),
        reasonCodes: z.array(z.string()).optional(),
        absentReasonCodes: z.array(z.string()).optional(),
        /** How many reasons are warnings (e.g. a bill shown as one warning, never as an error). */
        warnings: z.number().int().min(0).optional(),
      })
      .optional(),
    obligations: z.array(ObligationExpect).optional(),
    findings: z
      .strictObject({ codes: z.array(z.string()).optional(), absent: z.array(z.string()).optional() })
      .optional(),
    plan: z
      .array(
        z.strictObject({
          id: z.string(),
          person: z.string(),
          status: z.string(),
          dateKind: z.string().optional(),
          date: isoDate.optional(),
          latest: isoDate.optional(),
          /** false: done, though the case does not record it (a later fact implies it). */
          recorded: z.literal(false).optional(),
        }),
      )
      .optional(),
    estimatedDaysToEntry: z.number().optional(),
  }),
  reference: Reference,
  /** Where the engine disagrees with the law: what is wrong (runs as it.fails). */
  knownEngineBug: z.string().optional(),
});
type Scenario = z.infer<typeof Scenario>;

const law = loadLaw();
const engine = createEngine({ law, calendar: loadCalendar() });

function loadScenarios(): { file: string; scenarios: Scenario[] }[] {
  const files = readdirSync(DIR)
    .filter((f) => f.endsWith('.yaml'))
    .sort();
  return files.map((file) => {
    const raw: unknown = parse(readFileSync(join(DIR, file), 'utf8'), { merge: true });
    const list = z.array(Scenario).safeParse(raw);
    if (!list.success)
      throw new Error(
        `test/scenarios/${file}: ${list.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    return { file, scenarios: list.data };
  });
}

function findObligation(ev: Evaluation, o: z.infer<typeof ObligationExpect>): Obligation | undefined {
  return ev.obligations.find(
    (x) =>
      (o.id === undefined || x.id === o.id) &&
      (o.kind === undefined || x.kind === o.kind) &&
      (o.person === undefined || x.person === o.person),
  );
}

function evaluate(s: Scenario, file: string): Evaluation {
  const parsed = parseCase(s.case, { countries: law.countries.codes, regions: law.regions.codes });
  if (!parsed.ok)
    throw new Error(`test/scenarios/${file}: "${s.name}": the case is invalid:\n${formatCaseErrors(parsed.errors)}`);
  const opts = {
    ...(s.options?.withProposed ? { withProposed: true } : {}),
    ...(s.options?.targetStart ? { targetStart: s.options.targetStart as IsoDate } : {}),
  };
  return engine.evaluate(parsed.case, s.asOf as IsoDate, opts);
}

function run(s: Scenario, file: string): void {
  const ev = evaluate(s, file);
  const e = s.expect;
  if (e.eligibility) {
    const el = ev.eligibility;
    const codes = el.reasons.map((r) => r.code);
    expect({ status: el.status, codes }, 'eligibility').toMatchObject({ status: e.eligibility.status });
    if (e.eligibility.threshold) {
      const t = e.eligibility.threshold;
      expect(el.threshold, 'eligibility.threshold').toMatchObject({
        parameter: t.parameter,
        threshold: t.threshold,
        ...(t.period ? { period: t.period } : {}),
        ...(t.status ? { status: t.status } : {}),
      });
    }
    for (const c of e.eligibility.reasonCodes ?? []) expect(codes, `reason ${c}`).toContain(c);
    for (const c of e.eligibility.absentReasonCodes ?? []) expect(codes, `no reason ${c}`).not.toContain(c);
    if (e.eligibility.warnings !== undefined) {
      const warnings = el.reasons.filter((r) => r.severity === 'warning').map((r) => r.code);
      expect(warnings, 'warning reasons').toHaveLength(e.eligibility.warnings);
    }
  }
  for (const o of e.obligations ?? []) {
    const got = findObligation(ev, o);
    const label = `obligation ${o.id ?? `${o.kind}/${o.person ?? '*'}`}`;
    if (o.absent) {
      expect(got, `${label} must be absent`).toBeUndefined();
      continue;
    }
    expect(got, `${label} (have: ${ev.obligations.map((x) => x.id).join(', ')})`).toBeDefined();
    if (!got) continue;
    if (o.due) expect(got.due, `${label}.due`).toBe(o.due);
    if (o.status) expect(got.status, `${label}.status`).toBe(o.status);
    if (o.windowFrom) expect(got.window.from, `${label}.window.from`).toBe(o.windowFrom);
    if (o.doneOn) expect(got.doneOn, `${label}.doneOn`).toBe(o.doneOn);
    if (o.late !== undefined) expect(got.late === true, `${label}.late`).toBe(o.late);
    if (o.used !== undefined) expect(got.measure?.used, `${label}.measure.used`).toBe(o.used);
  }
  if (e.findings) {
    const codes = ev.findings.map((f) => f.code);
    for (const c of e.findings.codes ?? []) expect(codes, `finding ${c}`).toContain(c);
    for (const c of e.findings.absent ?? []) expect(codes, `no finding ${c}`).not.toContain(c);
  }
  for (const p of e.plan ?? []) {
    const step = ev.plan.find((x) => x.id === p.id && x.person === p.person);
    expect(step, `plan step ${p.id}/${p.person}`).toBeDefined();
    if (!step) continue;
    // `applicable`: any status but not-applicable (where the law decides only that the step applies).
    if (p.status === 'applicable') expect(step.status, `plan ${p.id}/${p.person}.status`).not.toBe('not-applicable');
    else expect(step.status, `plan ${p.id}/${p.person}.status`).toBe(p.status);
    if (p.dateKind) expect(step.dateKind, `plan ${p.id}/${p.person}.dateKind`).toBe(p.dateKind);
    if (p.date) expect(step.date, `plan ${p.id}/${p.person}.date`).toBe(p.date);
    if (p.latest) expect(step.latest, `plan ${p.id}/${p.person}.latest`).toBe(p.latest);
    if (p.recorded === false) expect(step.recorded, `plan ${p.id}/${p.person}.recorded`).toBe(false);
  }
  if (e.estimatedDaysToEntry !== undefined)
    expect(ev.estimatedDaysToEntry, 'estimatedDaysToEntry').toBe(e.estimatedDaysToEntry);
}

const all = loadScenarios();

describe('legal scenarios (test/scenarios/*.yaml)', () => {
  it('has scenarios with unique names', () => {
    const names = all.flatMap((f) => f.scenarios.map((s) => s.name));
    expect(names.length).toBeGreaterThanOrEqual(40);
    expect(new Set(names).size).toBe(names.length);
  });
  for (const { file, scenarios } of all) {
    describe(file, () => {
      for (const s of scenarios) {
        if (s.knownEngineBug) it.fails(`${s.name} [known engine bug: ${s.knownEngineBug}]`, () => run(s, file));
        else it(s.name, () => run(s, file));
      }
    });
  }
});

const lawProvisions = lawCitations(fileURLToPath(new URL('../law/', import.meta.url)));

/** What is wrong with a scenario's cites themselves: a source or amending act not in the registry, a provision the law data never cites. */
function citeProblems(cites: readonly Cite[]): string[] {
  const out: string[] = [];
  for (const c of cites) {
    const cite = formatCite(c);
    if (!law.sources.has(c.source)) out.push(`${cite}: "${c.source}" is not a source of law/sources.yaml`);
    else if (c.amendedBy !== undefined && !law.sources.has(c.amendedBy))
      out.push(`${cite}: the amending act "${c.amendedBy}" is not a source of law/sources.yaml`);
    else if (!lawProvisions.some((p) => covers(c, p))) {
      const near = lawProvisions.filter(
        (p) => p.source === c.source && (c.article === undefined || p.article === c.article),
      );
      out.push(
        `${cite}: the law data cites no such provision` +
          (near.length
            ? ` (of ${c.source}${c.article ? ` art. ${c.article}` : ''} it cites: ${near.map(formatCite).sort().join('; ')})`
            : ''),
      );
    }
  }
  return out;
}

/**
 * What the engine cites for each thing the scenario expects to be there: its obligations, findings, eligibility
 * reasons and threshold, and the plan steps the engine grounds in law (a step grounded only in practice guides,
 * or expected to be not applicable or blocked, is left out). Things the engine cites nothing for are left out.
 */
function groundsOf(s: Scenario, ev: Evaluation): { what: string; basis: readonly Citation[] }[] {
  const e = s.expect;
  const out: { what: string; basis: readonly Citation[] }[] = [];
  for (const o of e.obligations ?? []) {
    const got = o.absent ? undefined : findObligation(ev, o);
    if (got) out.push({ what: `obligation ${got.id}`, basis: got.basis });
  }
  for (const code of e.findings?.codes ?? [])
    out.push({ what: `finding ${code}`, basis: ev.findings.filter((f) => f.code === code).flatMap((f) => f.basis) });
  for (const code of e.eligibility?.reasonCodes ?? [])
    out.push({
      what: `reason ${code}`,
      basis: ev.eligibility.reasons.filter((r) => r.code === code).flatMap((r) => r.basis),
    });
  const t = ev.eligibility.threshold;
  if (e.eligibility?.threshold && t) {
    const value = law.changesOf(t.parameter).find((v) => v.from === t.effectiveFrom && v.status === t.status);
    expect(value, `the value of ${t.parameter} from ${t.effectiveFrom}`).toBeDefined();
    out.push({ what: `threshold ${t.parameter} (value from ${t.effectiveFrom})`, basis: value?.basis ?? [] });
  }
  for (const p of e.plan ?? []) {
    if (p.status === 'not-applicable' || p.status === 'blocked') continue;
    const step = ev.plan.find((x) => x.id === p.id && x.person === p.person);
    if (step && step.basis.some((c) => c.kind !== 'practice-guide'))
      out.push({ what: `plan step ${p.id}/${p.person}`, basis: step.basis });
  }
  return out.filter((g) => g.basis.length > 0);
}

/** Every problem with a scenario's reference, each naming the file, the scenario and the cite or expectation. */
function referenceProblems(s: Scenario, file: string): string[] {
  const cites = s.reference.cites ?? [];
  const problems = citeProblems(cites);
  // Where the engine is known to be wrong its citations may be too: the cites are still checked on their own.
  if (!s.knownEngineBug)
    for (const g of groundsOf(s, evaluate(s, file)))
      if (!cites.some((c) => g.basis.some((b) => overlaps(c, b))))
        problems.push(
          `${g.what}: the engine cites ${[...new Set(g.basis.map(formatCite))].join('; ')}; the reference cites none of them`,
        );
  return problems.map((p) => `test/scenarios/${file}: "${s.name}": ${p}`);
}

describe('scenario references cite the law as the law data and the engine cite it', () => {
  it(`the law data cites ${lawProvisions.length} provisions, each of a registered source`, () => {
    expect(lawProvisions.length).toBeGreaterThan(100);
    for (const p of lawProvisions) expect(law.sources.has(p.source), formatCite(p)).toBe(true);
  });
  it('a cite is matched at its own level or a wider one, never a narrower one', () => {
    const p13 = { source: '115-FZ', article: '13.2', paragraph: '13', amendedBy: '316-FZ' };
    expect(covers({ source: '115-FZ', article: '13.2' }, p13)).toBe(true);
    expect(covers({ source: '115-FZ', article: '13.2', amendedBy: '316-FZ' }, p13)).toBe(true);
    expect(covers({ source: '115-FZ', article: '13.2', paragraph: '13' }, p13)).toBe(true);
    expect(covers({ source: '115-FZ', article: '13.2', paragraph: '8' }, p13)).toBe(false);
    expect(covers({ source: '115-FZ', article: '13.2', amendedBy: '56-FZ' }, p13)).toBe(false);
    expect(covers({ source: '115-FZ', paragraph: '13' }, p13)).toBe(false);
    expect(covers({ source: '115-FZ', article: '13.2', paragraph: '13', subparagraph: '1' }, p13)).toBe(false);
    expect(overlaps({ source: '115-FZ', article: '13.2', paragraph: '13', subparagraph: '1' }, p13)).toBe(true);
    expect(overlaps({ source: '115-FZ', article: '13.2', paragraph: '8' }, p13)).toBe(false);
  });
  it('catches a salary notification cited as art. 13.2 p.8 where the law data says p.13', () => {
    const [file, s] = all
      .flatMap((f) => f.scenarios.map((x) => [f.file, x] as const))
      .find(([, x]) => x.expect.obligations?.some((o) => o.id?.startsWith('salary-notification:') && !o.absent)) ?? [
      undefined,
      undefined,
    ];
    expect(s, 'a scenario about the salary notification').toBeDefined();
    if (!s || !file) return;
    const wrong = { ...s, reference: { cites: [{ source: '115-FZ', article: '13.2', paragraph: '8' }] } };
    const problems = referenceProblems(wrong, file);
    expect(problems.some((p) => p.includes('115-FZ art. 13.2 p.8: the law data cites no such provision'))).toBe(true);
    expect(
      problems.some((p) => /obligation salary-notification:.*the engine cites 115-FZ art. 13.2 p.13/.test(p)),
    ).toBe(true);
  });
  for (const { file, scenarios } of all) {
    describe(file, () => {
      for (const s of scenarios) it(s.name, () => expect(referenceProblems(s, file)).toEqual([]));
    });
  }
});

/** Every citation anywhere in a value (each object with a `source` inside a `basis` list). */
function citationsIn(value: unknown, out: Citation[] = []): Citation[] {
  if (Array.isArray(value)) for (const v of value) citationsIn(v, out);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'basis' && Array.isArray(v)) out.push(...(v as Citation[]));
      else citationsIn(v, out);
    }
  }
  return out;
}

describe('every citation links the official text of the act, never a research page', () => {
  const examples = readdirSync(fileURLToPath(new URL('../examples/', import.meta.url)))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => ({
      name: `examples/${f}`,
      raw: parse(readFileSync(new URL(`../examples/${f}`, import.meta.url), 'utf8')) as unknown,
      asOf: '2026-12-03',
    }));
  const scenarios = all.flatMap(({ file, scenarios }) =>
    scenarios.map((s) => ({ name: `${file}: ${s.name}`, raw: s.case, asOf: s.asOf })),
  );
  it(`on ${examples.length} examples and ${scenarios.length} scenarios, with and without proposals`, () => {
    let checked = 0;
    for (const { name, raw, asOf } of [...examples, ...scenarios]) {
      const parsed = parseCase(raw, { countries: law.countries.codes, regions: law.regions.codes });
      if (!parsed.ok) continue;
      for (const withProposed of [false, true]) {
        const ev = engine.evaluate(parsed.case, asOf as IsoDate, { withProposed, explain: true });
        for (const c of citationsIn(ev)) {
          checked++;
          const source = law.sources.get(c.source);
          expect(source, `${name}: ${c.source}`).toBeDefined();
          expect(c.kind, `${name}: ${c.source}`).toBe(source?.kind);
          if (c.kind === 'practice-guide') expect(c.url, `${name}: ${c.source} is practice`).toBeUndefined();
          else expect(hostIsOneOf(c.url ?? '', OFFICIAL_HOSTS), `${name}: ${c.source} → ${c.url}`).toBe(true);
        }
      }
    }
    expect(checked).toBeGreaterThan(10_000);
  });
});
