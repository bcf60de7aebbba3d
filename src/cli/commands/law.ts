import type { Io } from '../io.ts';
import { LAW_NAME_LANGS, type LawNameLang } from '../../core/lang.ts';
import { parse, formatOf, langOf, UsageError, InputError } from '../args.ts';
import { loadLaw, dateArg, json } from '../context.ts';
import { researchOf, type Law, type Parameter, type ParameterValue } from '../../law/index.ts';
import { formatCitation } from '../cite.ts';
import { t } from '../i18n.ts';

const HELP = `usage: hqs law list [--as-of DATE] [--include-proposed] [--format text|json] [--lang en|ru]
       hqs law show ID [--as-of DATE] [--include-proposed] [--format text|json] [--lang en|ru]

list: every legal parameter with the value in force on DATE (default: today in Moscow): value, unit,
measurement period, effective from, status, confidence, citation and the date it was verified.
show: one parameter with its whole history. --include-proposed shows proposals (bills) beside the law.`;

function valueJson(v: ParameterValue, p: Parameter) {
  return {
    value: v.value,
    unit: p.unit,
    ...(v.period ? { period: v.period } : {}),
    ...(v.counting ? { counting: v.counting } : {}),
    ...(v.rule ? { rule: v.rule } : {}),
    from: v.from,
    ...(v.to ? { to: v.to } : {}),
    status: v.status,
    ...(v.announced ? { announced: v.announced } : {}),
    confidence: v.confidence,
    // The citation as users see it, with the research behind it (pages read, remarks): evidence, not the link.
    basis: v.basis.map((c) => ({ ...c, ...researchOf(c) })),
    verified: v.verified,
    ...(v.note ? { note: v.note } : {}),
  };
}

/** The pages the research read for each citation of a value, one line each. */
function evidenceText(v: ParameterValue, law: Law, lang: LawNameLang): string {
  return v.basis
    .map((c) => {
      const r = researchOf(c);
      if (!r) return '';
      const head = `    ${formatCitation(c, law, lang, true)}: ${c.url ? `${t(lang, c.urlKind === 'search' ? 'law.official-search' : 'law.official-text')} ${c.url}; ` : ''}`;
      return `${head}${t(lang, 'law.evidence')} ${r.evidence.join(' ; ')}${r.note ? ` (${r.note})` : ''}`;
    })
    .filter((l) => l !== '')
    .join('\n');
}

function valueText(v: ParameterValue, p: Parameter, law: Law, lang: LawNameLang): string {
  const value =
    v.value === null ? t(lang, 'law.none') : typeof v.value === 'object' ? JSON.stringify(v.value) : String(v.value);
  const period = v.period ? ` ${t(lang, `law.per.${v.period}`)}` : '';
  const status =
    v.status === 'proposed'
      ? ` [${t(lang, 'law.proposed')}${v.announced ? `, ${t(lang, 'law.announced', { date: v.announced })}` : ''}]`
      : '';
  return `${value} ${p.unit}${period}${status} — ${t(lang, 'law.from')} ${v.from}${v.to ? ` ${t(lang, 'law.to')} ${v.to}` : ''}; ${t(lang, 'law.confidence')}: ${t(lang, `confidence.${v.confidence}`)}; ${v.basis.map((c) => formatCitation(c, law, lang, true)).join('; ')}; ${t(lang, 'law.verified')} ${v.verified}`;
}

export function lawCommand(argv: string[], io: Io): number {
  const { values, positionals } = parse(argv, { 'as-of': { type: 'string' }, 'include-proposed': { type: 'boolean' } });
  if (values.help || positionals.length === 0) {
    io.out(HELP);
    return values.help ? 0 : 2;
  }
  const format = formatOf(values.format);
  const lang = langOf(values.lang, LAW_NAME_LANGS);
  const asOf = dateArg(values['as-of'], '--as-of');
  const withProposed = values['include-proposed'] === true;
  const law = loadLaw();
  const [sub, ...rest] = positionals;
  if (sub === 'list') {
    if (rest.length) throw new UsageError(`list takes no arguments\n\n${HELP}`);
    const rows = law.parameters.map((p) => {
      const v = law.valueAt(p.id, asOf);
      const proposals = withProposed ? p.proposed.filter((x) => x.to === undefined || x.to >= asOf) : [];
      return { p, v, proposals };
    });
    if (format === 'json') {
      io.out(
        json({
          asOf,
          lawVersion: law.version,
          parameters: rows.map(({ p, v, proposals }) => ({
            id: p.id,
            title: p.title,
            ...(v ? valueJson(v, p) : { value: undefined, unit: p.unit, inForce: false }),
            ...(withProposed ? { proposed: proposals.map((x) => valueJson(x, p)) } : {}),
          })),
        }),
      );
    } else {
      io.out(`${t(lang, 'law.header', { asOf, version: law.version })}\n`);
      for (const { p, v, proposals } of rows) {
        io.out(`${p.id} — ${p.title[lang]}\n  ${v ? valueText(v, p, law, lang) : t(lang, 'law.no-value')}`);
        for (const x of proposals) io.out(`  ${valueText(x, p, law, lang)}`);
      }
    }
    return 0;
  }
  if (sub === 'show') {
    if (rest.length !== 1) throw new UsageError(`show takes one ID\n\n${HELP}`);
    const id = rest[0] as string;
    if (!law.hasParameter(id)) {
      const near = law.parameters.filter((p) => p.id.includes(id.split('.').pop() ?? id)).map((p) => p.id);
      throw new InputError(
        `unknown parameter "${id}"${near.length ? ` (did you mean: ${near.slice(0, 5).join(', ')}?)` : ''}; hqs law list shows them all`,
      );
    }
    const p = law.parameter(id);
    const v = law.valueAt(id, asOf, { includeProposed: withProposed });
    const history = withProposed ? [...p.values, ...p.proposed] : p.values;
    if (format === 'json') {
      io.out(
        json({
          id: p.id,
          title: p.title,
          description: p.description,
          unit: p.unit,
          asOf,
          current: v ? valueJson(v, p) : null,
          history: history.map((x) => valueJson(x, p)),
          file: p.file,
        }),
      );
    } else {
      io.out(`${p.id} — ${p.title[lang]}\n${p.description[lang]}\n`);
      io.out(`${t(lang, 'law.on', { asOf })}: ${v ? valueText(v, p, law, lang) : t(lang, 'law.no-value')}\n`);
      io.out(t(lang, 'law.history'));
      for (const x of history)
        io.out(
          `  ${valueText(x, p, law, lang)}${x.note ? `\n    ${x.note[lang]}` : ''}\n${evidenceText(x, law, lang)}`,
        );
    }
    return 0;
  }
  throw new UsageError(`unknown subcommand "${sub}"\n\n${HELP}`);
}
