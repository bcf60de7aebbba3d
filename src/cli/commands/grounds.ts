import type { Io } from '../io.ts';
import type { CliLang } from '../../core/lang.ts';
import { parse, formatOf, langOf, UsageError } from '../args.ts';
import { loadLaw, dateArg, json } from '../context.ts';
import type { Citation, Ground, Law, LocalizedText } from '../../law/index.ts';
import type { IsoDate } from '../../calendar/date.ts';
import { t } from '../i18n.ts';
import { formatCitation } from '../cite.ts';

const HELP = `usage: hqs grounds [--as-of DATE] [--format text|json] [--lang en|ru|zh]

The grounds on which a residence permit is issued without a temporary residence permit first (115-FZ
art. 8 p.2), in force on DATE (default: today in Moscow): the legal basis, the processing time by the
law data, whether the Russian language certificate is needed, the extra documents, and what a case must
show for the ground to apply.`;

/** A text of the law data in the language asked (Chinese falls back to the Russian, the text that governs). */
function inLang(text: LocalizedText, lang: CliLang): string {
  return lang === 'zh' ? (text.zh ?? text.ru) : text[lang];
}

interface Processing {
  months?: number;
  workingDays?: number;
  parameter?: string;
  confidence?: string;
  basis: readonly Citation[];
}

/** The processing time on the date: the parameter's value then, or the term the ground states. */
export function processingOn(law: Law, g: Ground, on: IsoDate): Processing {
  const p = g.processing;
  if (p.parameter !== undefined) {
    const v = law.valueAt(p.parameter, on);
    const unit = law.parameter(p.parameter).unit;
    const n = typeof v?.value === 'number' ? v.value : undefined;
    return {
      parameter: p.parameter,
      ...(unit === 'months' && n !== undefined ? { months: n } : {}),
      ...(unit === 'working-days' && n !== undefined ? { workingDays: n } : {}),
      ...(v ? { confidence: v.confidence } : {}),
      basis: v?.basis ?? [],
    };
  }
  return {
    ...(p.months !== undefined ? { months: p.months } : {}),
    ...(p.workingDays !== undefined ? { workingDays: p.workingDays } : {}),
    ...(p.confidence ? { confidence: p.confidence } : {}),
    basis: p.basis,
  };
}

function conditionsText(g: Ground, law: Law, lang: CliLang): string {
  const w = g.eligibleWhen;
  const parts: string[] = [];
  const words = (codes: readonly string[], word: (c: string) => string) => codes.map(word).join(t(lang, 'list.comma'));
  if (w?.citizenshipIn)
    parts.push(
      t(lang, 'grounds.cli.when.citizenship', {
        list: words(w.citizenshipIn, (c) => law.countries.name(c, lang)),
      }),
    );
  if (w?.hqs) parts.push(t(lang, `grounds.cli.when.hqs.${w.hqs}`));
  if (w?.minor !== undefined) parts.push(t(lang, w.minor ? 'grounds.cli.when.minor' : 'grounds.cli.when.adult'));
  if (w?.incapacitated) parts.push(t(lang, 'grounds.cli.when.incapacitated'));
  if (w?.relation)
    parts.push(t(lang, 'grounds.cli.when.relation', { list: words(w.relation, (c) => t(lang, `relation.${c}`)) }));
  if (w?.principalResidencePermit) parts.push(t(lang, `grounds.cli.when.parent-rp.${w.principalResidencePermit}`));
  if (w?.employerKinds)
    parts.push(
      t(lang, 'grounds.cli.when.employer', { list: words(w.employerKinds, (c) => t(lang, `employer-kind.${c}`)) }),
    );
  if (w?.occupations)
    parts.push(
      t(lang, 'grounds.cli.when.occupation', { list: words(w.occupations, (c) => t(lang, `occupation.${c}`)) }),
    );
  return parts.join('; ');
}

export function groundsCommand(argv: string[], io: Io): number {
  const { values, positionals } = parse(argv, { 'as-of': { type: 'string' } });
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`grounds takes no arguments\n\n${HELP}`);
  const format = formatOf(values.format);
  const lang = langOf(values.lang);
  const asOf = dateArg(values['as-of'], '--as-of');
  const law = loadLaw();
  const cites = (b: readonly Citation[]) =>
    [...new Set(b.map((c) => formatCitation(c, law, lang)))].join(t(lang, 'list.semicolon'));
  const level = (c: string | undefined) => (c === undefined ? '—' : t(lang, `confidence.${c}`));
  const grounds = law.grounds.inForce(asOf);
  if (format === 'json') {
    io.out(
      json({
        asOf,
        lawVersion: law.version,
        grounds: grounds.map((g) => ({
          id: g.id,
          title: g.title,
          from: g.from,
          fromPrecision: g.fromPrecision,
          ...(g.to ? { to: g.to } : {}),
          status: g.status,
          procedure: g.procedure,
          processing: processingOn(law, g, asOf),
          languageCertificate: g.languageCertificate,
          documents: g.documents,
          ...(g.eligibleWhen ? { eligibleWhen: g.eligibleWhen } : {}),
          needsFacts: g.needsFacts,
          confidence: g.confidence,
          verified: g.verified,
          basis: g.basis,
          ...(g.note ? { note: g.note } : {}),
        })),
      }),
    );
    return 0;
  }
  io.out(`${t(lang, 'grounds.cli.header', { asOf, version: law.version, n: grounds.length })}\n`);
  for (const g of grounds) {
    const p = processingOn(law, g, asOf);
    const term =
      p.months !== undefined
        ? `${p.months}${lang === 'zh' ? '' : ' '}${t(lang, 'unit.months', { n: p.months })}`
        : p.workingDays !== undefined
          ? `${p.workingDays}${lang === 'zh' ? '' : ' '}${t(lang, 'unit.working-days', { n: p.workingDays })}`
          : t(lang, 'law.no-value');
    const lines = [
      `${g.id} — ${inLang(g.title, lang)}`,
      `  ${[
        cites(g.basis),
        t(lang, 'grounds.cli.from', { from: g.from, precision: t(lang, `grounds.cli.precision.${g.fromPrecision}`) }),
        `${t(lang, 'law.confidence')}${lang === 'zh' ? '：' : ': '}${level(g.confidence)}`,
      ].join(t(lang, 'list.semicolon'))}`,
      `  ${t(lang, 'grounds.cli.processing', { term, source: cites(p.basis) || '—', confidence: level(p.confidence) })}`,
      `  ${t(lang, g.languageCertificate.required ? 'grounds.cli.language.required' : 'grounds.cli.language.exempt')}`,
    ];
    if (g.documents.length > 0)
      lines.push(
        `  ${t(lang, 'grounds.cli.documents', { list: g.documents.map((id) => inLang(law.documents.document(id).title, lang)).join('; ') })}`,
      );
    const when = conditionsText(g, law, lang);
    if (when) lines.push(`  ${t(lang, 'grounds.cli.when', { detail: when })}`);
    if (g.needsFacts.length > 0)
      lines.push(
        `  ${t(lang, 'grounds.cli.check', { facts: g.needsFacts.map((x) => t(lang, `grounds.fact.${x}`)).join('; ') })}`,
      );
    if (g.note) lines.push(`  ${inLang(g.note, lang)}`);
    io.out(lines.join('\n'));
  }
  return 0;
}
