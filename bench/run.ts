// `npm run bench`: how many cases per second the engine evaluates, next to two yardsticks measured in the
// same process on the same cases:
//   evaluate   createEngine(...).evaluate(case, 2026-11-21): eligibility, plan, obligations, findings (no documents)
//   full       the same with { documents: true }: also the checklist, the residence grounds and their findings
//   documents  what the documents add: full minus evaluate, per case, in the same run (the checklist, the
//              grounds and their findings on top of the core they build on; see bench/README.md)
//   baseline   a walk over the same cases that touches every person and event and folds a checksum: the
//              floor any per-case work costs (memory traffic over the case objects)
//   jre        the eligibility rule alone (thresholds by category, date and period; EAEU; employer bars)
//              written for json-rules-engine (bench/jre-eligibility.ts)
// Cases are generated (bench/generate.ts) and parsed once up front; parsing is not measured. The targets of
// issue 12 §1 are printed last, each on its own line ending in "met" or "NOT met".
//
// Environment: BENCH_CASES (default 100000), BENCH_RUNS (default 5), BENCH_SEED (default 20261121).
import { cpus, arch, platform, totalmem } from 'node:os';
import { loadLaw } from '../src/law/node.ts';
import { loadCalendar } from '../src/calendar/node.ts';
import { formatCaseErrors, parseCase, type Case } from '../src/case/index.ts';
import { createEngine } from '../src/engine/index.ts';
import type { IsoDate } from '../src/calendar/date.ts';
import { DEFAULT_SEED, generateCase } from './generate.ts';
import { createJreEligibility } from './jre-eligibility.ts';

const AS_OF = '2026-11-21' as IsoDate;
/** Issue 12 §1: evaluate (no documents) on one core, median of the runs. */
const TARGET_EVALUATE_PER_SECOND = 40_000;
/** Issue 12 §1: evaluate within this many times the baseline walk (time per case, same run, median). */
const TARGET_EVALUATE_OVER_BASELINE = 10;
/** Issue 12 §1: the documents on demand (full minus evaluate), median of the runs. */
const TARGET_DOCUMENTS_PER_SECOND = 8_000;

function envInt(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const text = raw.trim().replace(/[_,]/g, '');
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < min) {
    throw new Error(`${name}=${JSON.stringify(raw)}: expected a whole number ≥ ${min}`);
  }
  return n;
}

const fmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const fmt1 = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const fmt2 = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

function gb(bytes: number): string {
  return `${fmt2.format(bytes / 2 ** 30)} GiB`;
}

/** Keeps every result alive for the JIT: each measured loop folds its results into this. */
let sink = 0;

// ——— The three workloads ———

function runFull(cases: readonly Case[], engine: ReturnType<typeof createEngine>, documents = true): bigint {
  const t0 = process.hrtime.bigint();
  let h = 0;
  for (let i = 0; i < cases.length; i++) {
    const ev = engine.evaluate(cases[i] as Case, AS_OF, { documents });
    h = (h + ev.obligations.length + ev.plan.length + ev.findings.length + ev.eligibility.status.length) | 0;
  }
  const t1 = process.hrtime.bigint();
  sink = (sink + h) | 0;
  return t1 - t0;
}

/** Touches every person, passport and event of a case and folds a few characters of each. */
function walk(c: Case): number {
  let h = c.employer.inn.charCodeAt(9) + c.contract.salary.amount + c.contract.start.charCodeAt(9);
  for (const p of c.people) {
    h = (Math.imul(h, 31) + p.birthDate.charCodeAt(9) + p.citizenships.length + p.id.length) | 0;
    if (p.passports) for (const pp of p.passports) h = (Math.imul(h, 31) + pp.expires.charCodeAt(9)) | 0;
  }
  if (c.events) {
    for (const e of c.events) {
      h = (Math.imul(h, 31) + e.on.charCodeAt(9) + e.type.length) | 0;
      if ('person' in e && e.person !== undefined) h = (h + e.person.length) | 0;
    }
  }
  if (c.documents) for (const d of c.documents) h = (Math.imul(h, 31) + d.type.length) | 0;
  return h;
}

function runBaseline(cases: readonly Case[]): bigint {
  const t0 = process.hrtime.bigint();
  let h = 0;
  for (let i = 0; i < cases.length; i++) h = (h + walk(cases[i] as Case)) | 0;
  const t1 = process.hrtime.bigint();
  sink = (sink + h) | 0;
  return t1 - t0;
}

async function runJre(cases: readonly Case[], jre: ReturnType<typeof createJreEligibility>): Promise<bigint> {
  const t0 = process.hrtime.bigint();
  let h = 0;
  for (let i = 0; i < cases.length; i++) {
    const out = await jre.evaluate(cases[i] as Case, AS_OF);
    h = (h + out.status.length + out.codes.length) | 0;
  }
  const t1 = process.hrtime.bigint();
  sink = (sink + h) | 0;
  return t1 - t0;
}

// ——— Main ———

async function main(): Promise<void> {
  const n = envInt('BENCH_CASES', 100_000, 1);
  const runs = envInt('BENCH_RUNS', 5, 1);
  const seed = envInt('BENCH_SEED', DEFAULT_SEED, 0);
  const cpu = cpus();

  console.log(`HQS Desk benchmark: evaluate(case, ${AS_OF})`);
  console.log(
    `node ${process.version} · ${cpu[0]?.model.trim() ?? 'unknown CPU'} (${cpu.length} logical CPUs) · ${platform()} ${arch()} · ${gb(totalmem())} RAM`,
  );

  const law = loadLaw();
  const calendar = loadCalendar();
  const tables = { countries: law.countries.codes, regions: law.regions.codes };

  // Generate and parse once (not measured). A case that does not parse is a generator bug: stop.
  const tg = process.hrtime.bigint();
  const cases: Case[] = new Array<Case>(n);
  let people = 0;
  let events = 0;
  for (let i = 0; i < n; i++) {
    const parsed = parseCase(generateCase(i, { law, seed }), tables);
    if (!parsed.ok)
      throw new Error(`generated case ${i} (seed ${seed}) does not parse:\n${formatCaseErrors(parsed.errors)}`);
    cases[i] = parsed.case;
    people += parsed.case.people.length;
    events += parsed.case.events?.length ?? 0;
  }
  const generatedIn = Number(process.hrtime.bigint() - tg) / 1e9;
  console.log(
    `cases: ${fmt.format(n)} (seed ${seed}): ${fmt2.format(people / n)} people and ${fmt1.format(events / n)} events per case on average; ` +
      `generated and parsed in ${fmt1.format(generatedIn)} s (not measured)`,
  );

  const engine = createEngine({ law, calendar });
  const jre = createJreEligibility(law);

  // Check pass (also the warm-up): every case once through the engine and json-rules-engine. A case the
  // engine throws on is reported and left out of the timed runs, so that one bug does not hide the figures.
  const tc = process.hrtime.bigint();
  const measured: Case[] = [];
  const failures: string[] = [];
  let failed = 0;
  let agree = 0;
  let reviewOverEligible = 0;
  let walked = 0;
  const statuses = new Map<string, number>();
  for (const c of cases) {
    let status: string;
    try {
      status = engine.evaluate(c, AS_OF, { documents: true }).eligibility.status;
    } catch (e) {
      failed++;
      if (failures.length < 5)
        failures.push(
          `  ${c.id ?? '?'}: ${e instanceof Error ? (e.stack ?? e.message).split('\n').slice(0, 3).join(' | ') : String(e)}`,
        );
      continue;
    }
    measured.push(c);
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
    const other = (await jre.evaluate(c, AS_OF)).status;
    if (other === status) agree++;
    else if (status === 'review' && other === 'eligible') reviewOverEligible++;
    walked = (walked + walk(c)) | 0;
  }
  sink = (sink + walked) | 0;
  const checkedIn = Number(process.hrtime.bigint() - tc) / 1e9;
  console.log(
    `check pass (warm-up, not measured): ${fmt.format(n)} cases in ${fmt1.format(checkedIn)} s; the engine threw on ${fmt.format(failed)}`,
  );
  if (failures.length > 0) console.log(failures.join('\n'));
  if (measured.length === 0) {
    console.log('every case threw: nothing to measure');
    process.exitCode = 1;
    return;
  }
  const m = measured.length;
  const mix = [...statuses]
    .sort()
    .map(([s, k]) => `${s} ${fmt1.format((100 * k) / m)}%`)
    .join(', ');
  console.log(`engine eligibility: ${mix}`);
  console.log(
    `json-rules-engine eligibility (${jre.ruleCount} rules): same status on ${fmt1.format((100 * agree) / m)}%; ` +
      `"eligible" where the engine says "review" on ${fmt1.format((100 * reviewOverEligible) / m)}% ` +
      `(the engine also weighs proposals, employer registration, confidence); other differences ${fmt1.format((100 * (m - agree - reviewOverEligible)) / m)}%`,
  );
  console.log(
    `heap after the check pass: ${gb(process.memoryUsage().heapUsed)} (rss ${gb(process.memoryUsage().rss)})`,
  );
  console.log(`timed runs: ${runs} × ${fmt.format(m)} cases; each run measures all three on the same cases`);

  const rate = (ns: bigint): number => (m * 1e9) / Number(ns);
  const full: number[] = [];
  const core: number[] = [];
  const documents: number[] = [];
  const coreOverBase: number[] = [];
  const coreOverJre: number[] = [];
  const base: number[] = [];
  const rules: number[] = [];
  const fullOverBase: number[] = [];
  const fullOverJre: number[] = [];
  for (let r = 1; r <= runs; r++) {
    const tf = runFull(measured, engine);
    const tc = runFull(measured, engine, false);
    const tb = runBaseline(measured);
    const tj = await runJre(measured, jre);
    full.push(rate(tf));
    core.push(rate(tc));
    // The documents' own time: what { documents: true } adds to the same cases in the same run.
    documents.push(tf > tc ? rate(tf - tc) : Infinity);
    coreOverBase.push(Number(tc) / Number(tb));
    coreOverJre.push(Number(tc) / Number(tj));
    base.push(rate(tb));
    rules.push(rate(tj));
    fullOverBase.push(Number(tf) / Number(tb));
    fullOverJre.push(Number(tf) / Number(tj));
    console.log(
      `  run ${r}: full ${fmt.format(rate(tf))}/s · without documents ${fmt.format(rate(tc))}/s · documents ${fmt.format(documents[documents.length - 1] as number)}/s · baseline ${fmt.format(rate(tb))}/s · json-rules-engine ${fmt.format(rate(tj))}/s`,
    );
  }

  const row = (name: string, xs: readonly number[]): string =>
    `${name.padEnd(34)}${fmt.format(median(xs)).padStart(14)}${fmt.format(Math.min(...xs)).padStart(14)}${fmt.format(Math.max(...xs)).padStart(14)}`;
  console.log('');
  console.log(`${'cases per second'.padEnd(34)}${'median'.padStart(14)}${'min'.padStart(14)}${'max'.padStart(14)}`);
  console.log(row('evaluate (no documents)', core));
  console.log(row('documents (full − evaluate)', documents));
  console.log(row('full evaluate (with documents)', full));
  console.log(row('baseline walk', base));
  console.log(row('json-rules-engine eligibility', rules));
  console.log('');
  console.log('time per case, ratio within each run (median, min–max):');
  const ratio = (xs: readonly number[]): string =>
    `${fmt2.format(median(xs))}× (${fmt2.format(Math.min(...xs))}–${fmt2.format(Math.max(...xs))})`;
  console.log(
    `  evaluate / baseline          ${ratio(coreOverBase)}   (eligibility, plan, obligations, findings: no checklist, no grounds)`,
  );
  console.log(`  full / baseline              ${ratio(fullOverBase)}`);
  console.log(
    `  evaluate / json-rules-engine ${ratio(coreOverJre)}   (below 1: the engine's whole evaluation is faster than json-rules-engine doing eligibility alone)`,
  );
  console.log(`  full / json-rules-engine     ${ratio(fullOverJre)}`);
  console.log(`checksum ${sink}`);
  console.log('');
  const verdict = (ok: boolean): string => (ok ? 'met' : 'NOT met');
  console.log(
    `target: evaluate ≥ ${fmt.format(TARGET_EVALUATE_PER_SECOND)} cases/s on one core (median ${fmt.format(median(core))}) — ${verdict(median(core) >= TARGET_EVALUATE_PER_SECOND)}`,
  );
  console.log(
    `target: evaluate within ${TARGET_EVALUATE_OVER_BASELINE}× the baseline walk (median ${fmt2.format(median(coreOverBase))}×) — ${verdict(median(coreOverBase) <= TARGET_EVALUATE_OVER_BASELINE)}`,
  );
  console.log(
    `target: documents ≥ ${fmt.format(TARGET_DOCUMENTS_PER_SECOND)} cases/s on one core (median ${fmt.format(median(documents))}) — ${verdict(median(documents) >= TARGET_DOCUMENTS_PER_SECOND)}`,
  );
  console.log(
    `json-rules-engine comparison (same eligibility rule): evaluate takes ${fmt2.format(median(coreOverJre))}× the time json-rules-engine takes per case (informational)`,
  );
}

await main();
