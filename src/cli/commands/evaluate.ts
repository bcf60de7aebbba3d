import type { Io } from '../io.ts';
import type { CliLang } from '../../core/lang.ts';
import { parse, formatOf, langOf, UsageError, InputError } from '../args.ts';
import { loadLaw, loadCalendar, dateArg, json } from '../context.ts';
import { readCase } from '../shared.ts';
import { createEngine, type Evaluation, type RenderedEvaluation } from '../../engine/index.ts';
import { peopleOf, renderEvaluation, type PersonLabel } from '../../i18n/index.ts';
import { t } from '../i18n.ts';
import { formatBasis } from '../cite.ts';
import type { Citation, Law } from '../../law/index.ts';

const HELP = `usage: hqs evaluate FILE [--as-of DATE] [--format text|json] [--lang en|ru|zh] [--explain]
                    [--target-start DATE] [--with-proposed] [--no-documents]

Evaluates a case (hqs-case/1) as of a date (default: the case's asOf, else today in Moscow):
eligibility, the plan per person, every obligation with its due date, the document checklist, the
residence grounds and the findings — each with its legal basis, worded in --lang. --no-documents
leaves out the checklist, the grounds and the findings on the documents (quicker).
--explain adds the trace (rules, parameter values with citations, calendar steps).
--target-start DATE says by when each earlier step must happen for work to start on DATE.
--with-proposed evaluates as if the proposed changes in the law had passed.`;

export function renderText(
  ev: RenderedEvaluation,
  law: Law,
  lang: CliLang,
  explain: boolean,
  people: Readonly<Record<string, PersonLabel>> = {},
): string {
  const L: string[] = [];
  const who = (id: string) => {
    const p = people[id];
    return p ? (lang === 'ru' && p.cyrillic ? p.cyrillic : p.latin) : id;
  };
  const confidence = (c: string) => `${t(lang, 'text.confidence')}: ${t(lang, `confidence.${c}`)}`;
  const basis = (b: readonly Citation[]) => (b.length ? `  [${formatBasis(b, law, lang)}]` : '');
  L.push(t(lang, 'text.title', { asOf: ev.asOf, law: ev.lawVersion, id: ev.caseId ?? '—' }));
  if (lang === 'zh') L.push(t(lang, 'doc.governing'));
  if (ev.withProposed) L.push(t(lang, 'text.with-proposed'));
  L.push('', `${t(lang, 'text.eligibility')}: ${t(lang, `status.${ev.eligibility.status}`)}`);
  for (const r of ev.eligibility.reasons)
    L.push(
      `  ${r.severity === 'error' ? '✗' : r.severity === 'warning' ? '!' : '·'} ${r.message}${r.confidence ? ` (${confidence(r.confidence)})` : ''}${basis(r.basis)}`,
    );
  for (const a of ev.eligibility.alternatives) L.push(`  → ${a.message}${basis(a.basis)}`);
  const overdue = ev.obligations.filter((o) => o.status === 'overdue');
  const due = ev.obligations.filter((o) => o.status === 'due');
  const next = ev.obligations.filter((o) => o.status === 'upcoming').slice(0, 5);
  const line = (o: RenderedEvaluation['obligations'][number]) =>
    `  ${o.due}  ${t(lang, `kind.${o.kind}`)} (${who(o.person)}) — ${o.why}${o.measure ? ` [${o.measure.used}/${o.measure.limit} ${t(lang, 'text.days')}]` : ''}${basis(o.basis)}`;
  L.push('', `${t(lang, 'text.overdue')} (${overdue.length})`, ...overdue.map(line));
  L.push('', `${t(lang, 'text.due')} (${due.length})`, ...due.map(line));
  L.push('', `${t(lang, 'text.next')}`, ...next.map(line));
  L.push('', t(lang, 'text.plan'));
  let person = '';
  for (const s of ev.plan) {
    if (s.person !== person) {
      person = s.person;
      L.push(`  ${who(person)}:`);
    }
    const date = s.date ? `${s.date} ${t(lang, `datekind.${s.dateKind ?? 'estimate'}`)}` : '';
    L.push(
      `    ${t(lang, `stepstatus.${s.status}`).padEnd(14)} ${t(lang, `step.${s.id}`)}${date ? ` — ${date}` : ''}${s.latest ? ` (${t(lang, 'text.latest')} ${s.latest})` : ''}`,
    );
  }
  if (ev.estimatedDaysToEntry !== undefined)
    L.push(
      `  ${t(lang, 'text.estimated', { days: ev.estimatedDaysToEntry, weeks: Math.round(ev.estimatedDaysToEntry / 7) })}`,
    );
  L.push('', `${t(lang, 'text.findings')} (${ev.findings.length})`);
  for (const f of ev.findings) L.push(`  ${f.severity.toUpperCase().padEnd(7)} ${f.message}${basis(f.basis)}`);
  if (explain && ev.trace) {
    L.push('', t(lang, 'text.trace'));
    for (const e of ev.trace) {
      L.push(`  ${e.rule}: ${e.detail}`);
      for (const p of e.parameters ?? [])
        L.push(`    ${p.id} = ${JSON.stringify(p.value)} ${t(lang, 'law.from')} ${p.from}${basis(p.basis)}`);
      if (e.why) L.push(`    ${e.why}`);
      for (const c of e.calendar ?? []) L.push(`    ${c}`);
    }
  }
  return L.join('\n');
}

export function evaluateCommand(argv: string[], io: Io): number {
  const { values, positionals } = parse(argv, {
    'as-of': { type: 'string' },
    explain: { type: 'boolean' },
    'target-start': { type: 'string' },
    'with-proposed': { type: 'boolean' },
    'no-documents': { type: 'boolean' },
  });
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(`expected one FILE\n\n${HELP}`);
  const format = formatOf(values.format);
  const lang = langOf(values.lang);
  const file = positionals[0] as string;
  const result = readCase(file);
  if (!result.ok) {
    io.err(
      `${file}: ${result.errors.length} problem${result.errors.length === 1 ? '' : 's'}\n${result.errors.map((e) => `  ${e.path}: ${e.message}`).join('\n')}`,
    );
    return 2;
  }
  const c = result.case;
  const asOf = dateArg(values['as-of'] ?? c.asOf, '--as-of');
  const targetStart =
    values['target-start'] === undefined ? undefined : dateArg(values['target-start'], '--target-start');
  const law = loadLaw();
  const engine = createEngine({ law, calendar: loadCalendar() });
  let ev: Evaluation;
  try {
    ev = engine.evaluate(c, asOf, {
      explain: values.explain === true,
      withProposed: values['with-proposed'] === true,
      documents: values['no-documents'] !== true,
      ...(targetStart ? { targetStart } : {}),
    });
  } catch (e) {
    if (e instanceof Error && e.name === 'CalendarRangeError') throw new InputError(e.message);
    throw e;
  }
  const out = renderEvaluation(ev, { lang, law, people: peopleOf(c) });
  io.out(format === 'json' ? json(out) : renderText(out, law, lang, values.explain === true, peopleOf(c)));
  return 0;
}
