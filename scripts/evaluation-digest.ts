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
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
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
import { CLI_LANGS, type CliLang } from '../src/core/lang.ts';
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

const PARTS = ['eligibility', 'plan', 'obligations', 'findings', 'checklist', 'grounds'] as const;
type Digest = { key: string } & Record<string, string>;

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

/** The keys of text an evaluation carries in hqs-evaluation/1 (rendered in one language). */
const TEXT_KEYS = new Set(['message', 'why', 'note']);
/** The fields hqs-evaluation/1 gained with the codes (left out of the `text` view, which keeps the earlier shape). */
const NEW_KEYS = new Set(['params', 'because', 'completedBy', 'notes']);
const NEW_AND_TEXT_KEYS = new Set([...NEW_KEYS, ...TEXT_KEYS]);

/** The hash of `value` as JSON without the keys in `drop`, at any depth. */
function sha1Without(value: unknown, drop: ReadonlySet<string>): string {
  const json =
    drop.size === 0 ? JSON.stringify(value) : JSON.stringify(value, (k, v: unknown) => (drop.has(k) ? undefined : v));
  return createHash('sha1')
    .update(json ?? 'undefined')
    .digest('hex')
    .slice(0, 16);
}

/**
 * What the digest hashes of one evaluation, part by part: `text` — the evaluation as hqs-evaluation/1 shows it
 * in one language, in the fields it had before the engine spoke codes (comparable with digests of any earlier
 * commit); `decisions` — the same without its wording (statuses, dates, codes, citations); `codes` — the
 * engine's own output (codes and typed params, no wording), where the engine gives one.
 */
export interface Views {
  text: Record<string, unknown>;
  /** The keys of `text` that are not the hqs-evaluation/1 of before (left out of its hash). */
  added: ReadonlySet<string>;
  codes?: Record<string, unknown>;
}

function digestOf(key: string, views: Views, decisionsOf?: Digest): Digest {
  const out = { key } as Digest;
  const withoutText = views.added.size === 0 ? TEXT_KEYS : NEW_AND_TEXT_KEYS;
  for (const p of PARTS) {
    out[p] = sha1Without(views.text[p], views.added);
    // The decisions and the codes do not depend on the language: hashed once per evaluation.
    out[`${p}.decisions`] = decisionsOf?.[`${p}.decisions`] ?? sha1Without(views.text[p], withoutText);
    if (views.codes) out[`${p}.codes`] = decisionsOf?.[`${p}.codes`] ?? sha1(views.codes[p]);
  }
  return out;
}

/** The digest covers the evaluation in the CLI's languages. */
type Evaluate = (c: Case, asOf: IsoDate, withProposed: boolean) => (lang: CliLang) => Views;

/** The engine at hand: one that speaks codes (rendered per language here), or an earlier one that words its output. */
async function evaluatorOf(law: Law): Promise<Evaluate> {
  const engine = createEngine({ law, calendar: loadCalendar() }) as unknown as {
    evaluate(c: Case, asOf: IsoDate, opts: Record<string, unknown>): Evaluation;
  };
  const i18n = (await import('../src/i18n/index.ts')) as Record<string, unknown>;
  const render = i18n.renderEvaluation as
    ((ev: Evaluation, opts: { lang: CliLang; law: Law }) => Record<string, unknown>) | undefined;
  if (render === undefined) {
    return (c, asOf, withProposed) => (lang) => ({
      text: engine.evaluate(c, asOf, { lang, withProposed }) as unknown as Record<string, unknown>,
      added: new Set(),
    });
  }
  return (c, asOf, withProposed) => {
    const codes = engine.evaluate(c, asOf, { withProposed, documents: true });
    return (lang) => ({
      text: render(codes, { lang, law }),
      added: NEW_KEYS,
      codes: codes as unknown as Record<string, unknown>,
    });
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      compare: { type: 'string' },
      cases: { type: 'string', default: '3000' },
      show: { type: 'string', default: '5' },
      differing: { type: 'string' },
    },
  });
  if (!values.out)
    throw new Error('usage: evaluation-digest.ts --out FILE [--compare OLD] [--cases N] [--differing FILE]');
  const law = loadLaw();
  const evaluate = await evaluatorOf(law);
  const lines: string[] = [];
  const mine = new Map<string, Digest>();
  let n = 0;
  const started = Date.now();
  for (const [name, c] of sources(law, Number(values.cases))) {
    for (const asOf of DIGEST_DATES) {
      for (const withProposed of [false, true]) {
        // Proposals on two dates only: before and after the 2026 bill.
        if (withProposed && asOf !== '2026-03-18' && asOf !== '2026-11-21') continue;
        const inLang = evaluate(c, asOf, withProposed);
        let first: Digest | undefined;
        for (const lang of CLI_LANGS) {
          const key = `${name}@${asOf}/${lang}${withProposed ? '+proposed' : ''}`;
          const views = inLang(lang);
          const d = digestOf(key, views, views.codes ? first : undefined);
          first ??= d;
          mine.set(key, d);
          lines.push(JSON.stringify(d));
          n++;
        }
      }
    }
  }
  writeFileSync(values.out, `${lines.join('\n')}\n`);
  console.log(`${n} evaluations in ${((Date.now() - started) / 1000).toFixed(1)} s → ${values.out}`);
  if (!values.compare) return;

  const old = new Map<string, Digest>();
  for (const line of readFileSync(values.compare, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const d = JSON.parse(line) as Digest;
    old.set(d.key, d);
  }
  const views = ['', '.decisions', '.codes'] as const;
  const differing = new Map<string, string[]>();
  const compared = new Map<string, number>();
  let onlyNew = 0;
  for (const [key, d] of mine) {
    const o = old.get(key);
    if (!o) {
      onlyNew++;
      continue;
    }
    for (const p of PARTS)
      for (const v of views) {
        const k = `${p}${v}`;
        if (o[k] === undefined || d[k] === undefined) continue;
        compared.set(k, (compared.get(k) ?? 0) + 1);
        if (o[k] !== d[k]) differing.set(k, [...(differing.get(k) ?? []), key]);
      }
  }
  const onlyOld = [...old.keys()].filter((k) => !mine.has(k)).length;
  console.log(`compared with ${values.compare}: ${old.size} there, ${onlyNew} new keys, ${onlyOld} keys gone`);
  const label = { '': 'text (en/ru)', '.decisions': 'decisions', '.codes': 'codes' } as const;
  for (const p of PARTS)
    for (const v of views) {
      const k = `${p}${v}`;
      const count = compared.get(k);
      if (!count) continue;
      const keys = differing.get(k) ?? [];
      console.log(
        `  ${p.padEnd(12)} ${label[v].padEnd(13)} ${keys.length === 0 ? `identical (${count})` : `${keys.length} of ${count} differ`}`,
      );
      for (const key of keys.slice(0, Number(values.show))) console.log(`    ${key}`);
    }
  if (values.differing) writeFileSync(values.differing, JSON.stringify(Object.fromEntries(differing), null, 1));
  const same = differing.size === 0 && onlyNew === 0 && onlyOld === 0;
  console.log(same ? 'IDENTICAL' : 'DIFFERENT');
  process.exitCode = same ? 0 : 1;
}

await main();
