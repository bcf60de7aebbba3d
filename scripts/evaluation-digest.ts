// The evaluation digest: evaluates a fixed, large set of cases (generated cases, the examples and every
// scenario's case) on eleven dates around the changes in the law, in each language and with and without
// proposals, and records a hash of each part of each evaluation (eligibility, plan, obligations, findings,
// checklist, grounds). Two digests compared say exactly which parts of which evaluations a change moved —
// the gate for a refactoring that must not change the output, and the list of what a change in the law did.
//
//   node bin/run-ts.js scripts/evaluation-digest.ts --out before.jsonl [--cases 3000]
//   node bin/run-ts.js scripts/evaluation-digest.ts --out after.jsonl --compare before.jsonl [--show 5]
//
// Each line of the output: {"key": "<source>@<date>/<lang>[+proposed]", "eligibility": "<sha1>", …}.
import { createHash } from 'node:crypto';
import { createWriteStream, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { loadLaw } from '../src/law/node.ts';
import type { Law } from '../src/law/index.ts';
import { loadCalendar } from '../src/calendar/node.ts';
import { parseCase, formatCaseErrors, type Case } from '../src/case/index.ts';
import { createEngine, type Evaluation } from '../src/engine/index.ts';
import type { IsoDate } from '../src/calendar/date.ts';
import { DEFAULT_SEED, generateCase } from '../bench/generate.ts';

/** The days before and on which the law changed, and a few ordinary days. */
export const DIGEST_DATES = [
  '2015-04-23',
  '2015-04-24',
  '2019-10-31',
  '2019-11-01',
  '2024-01-06',
  '2024-01-07',
  '2024-02-29',
  '2024-03-01',
  '2026-03-18',
  '2026-11-21',
  '2028-03-01',
] as IsoDate[];

const PARTS = ['decisions', 'eligibility', 'plan', 'obligations', 'findings', 'checklist', 'grounds'] as const;
type Part = (typeof PARTS)[number];
type Digest = { key: string } & Record<Part, string>;

const ROOT = fileURLToPath(new URL('../', import.meta.url));

function sha1(value: unknown): string {
  return createHash('sha1')
    .update(JSON.stringify(value) ?? 'undefined')
    .digest('hex')
    .slice(0, 16);
}

function tablesOf(law: Law) {
  return { countries: law.countries.codes, regions: law.regions.codes };
}

function caseOf(raw: unknown, where: string, law: Law): Case {
  const r = parseCase(raw, tablesOf(law));
  if (!r.ok) throw new Error(`${where}: not a valid case\n${formatCaseErrors(r.errors)}`);
  return r.case;
}

/** Every case the digest evaluates, with a stable name. */
function* sources(law: ReturnType<typeof loadLaw>, generated: number): Generator<[string, Case]> {
  for (const f of readdirSync(join(ROOT, 'examples'))
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    yield [`examples/${f}`, caseOf(parseYaml(readFileSync(join(ROOT, 'examples', f), 'utf8')), f, law)];
  }
  const dir = join(ROOT, 'test/scenarios');
  for (const f of readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    const list = parseYaml(readFileSync(join(dir, f), 'utf8')) as { name: string; case: unknown }[];
    for (const [i, s] of list.entries()) {
      // A scenario that tests the parser's refusal is not a case to evaluate.
      const r = parseCase(s.case, tablesOf(law));
      if (r.ok) yield [`scenarios/${f}#${i}`, r.case];
    }
  }
  for (let i = 0; i < generated; i++)
    yield [`generated#${i}`, caseOf(generateCase(i, { law, seed: DEFAULT_SEED }), `generated#${i}`, law)];
}

/** What the evaluation decides, without its words or citations: statuses, dates and codes. */
function decisions(ev: Evaluation): unknown {
  return {
    eligibility: [ev.eligibility.status, ev.eligibility.reasons.map((r) => [r.code, r.severity])],
    plan: ev.plan.map((s) => [s.id, s.person, s.status, s.date ?? null, s.dateKind ?? null]),
    obligations: ev.obligations.map((o) => [o.id, o.status, o.window.from, o.due, o.doneOn ?? null]),
    findings: ev.findings.map((f) => [f.code, f.severity, f.people]),
  };
}

function digestOf(key: string, ev: Evaluation): Digest {
  const out = { key } as Digest;
  for (const p of PARTS)
    out[p] = sha1(p === 'decisions' ? decisions(ev) : (ev as unknown as Record<string, unknown>)[p]);
  return out;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      compare: { type: 'string' },
      cases: { type: 'string', default: '3000' },
      show: { type: 'string', default: '5' },
    },
  });
  if (!values.out) throw new Error('usage: evaluation-digest.ts --out FILE [--compare OLD] [--cases N]');
  const law = loadLaw();
  const engine = createEngine({ law, calendar: loadCalendar() });
  const out = createWriteStream(values.out);
  const mine = new Map<string, Digest>();
  let n = 0;
  const started = Date.now();
  for (const [name, c] of sources(law, Number(values.cases))) {
    for (const asOf of DIGEST_DATES) {
      for (const lang of ['en', 'ru'] as const) {
        for (const withProposed of [false, true]) {
          // Proposals on two dates only: before and after the 2026 bill.
          if (withProposed && asOf !== '2026-03-18' && asOf !== '2026-11-21') continue;
          const key = `${name}@${asOf}/${lang}${withProposed ? '+proposed' : ''}`;
          const d = digestOf(key, engine.evaluate(c, asOf, { lang, withProposed }));
          mine.set(key, d);
          out.write(`${JSON.stringify(d)}\n`);
          n++;
        }
      }
    }
  }
  out.end();
  console.log(`${n} evaluations in ${((Date.now() - started) / 1000).toFixed(1)} s → ${values.out}`);
  if (!values.compare) return;

  const old = new Map<string, Digest>();
  for (const line of readFileSync(values.compare, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const d = JSON.parse(line) as Digest;
    old.set(d.key, d);
  }
  const differing: Record<Part, string[]> = Object.fromEntries(PARTS.map((p) => [p, []])) as unknown as Record<
    Part,
    string[]
  >;
  let onlyNew = 0;
  for (const [key, d] of mine) {
    const o = old.get(key);
    if (!o) {
      onlyNew++;
      continue;
    }
    for (const p of PARTS) if (o[p] !== d[p]) differing[p].push(key);
  }
  const onlyOld = [...old.keys()].filter((k) => !mine.has(k)).length;
  console.log(`compared with ${values.compare}: ${old.size} there, ${onlyNew} new keys, ${onlyOld} keys gone`);
  for (const p of PARTS) {
    const keys = differing[p];
    console.log(`  ${p.padEnd(12)} ${keys.length === 0 ? 'identical' : `${keys.length} differ`}`);
    for (const k of keys.slice(0, Number(values.show))) console.log(`    ${k}`);
  }
  const same = PARTS.every((p) => differing[p].length === 0) && onlyNew === 0 && onlyOld === 0;
  console.log(same ? 'IDENTICAL' : 'DIFFERENT');
  process.exitCode = same ? 0 : 1;
}

main();
