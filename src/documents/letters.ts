// The two letters the seed outlines: the employer's support letter (company, specialist, passport, role,
// salary, place of work, contract period, the HQS basis, family accompanying, the request) and the
// applicant's cover letter (identity, purpose, employer and position, request details, family,
// clarifying notes, documents enclosed). This file composes their content from the case and the
// evaluation; letter-docx.ts and letter-pdf.ts lay the same content out. It states only what the case
// and the evaluation say: no threshold claim unless the evaluation found the salary meets it.
import type { Case, CaseEvent, CaseEventOf, CaseEventType, Person } from '../case/index.ts';
import type { RenderedEvaluation as Evaluation } from '../engine/types.ts';
import { t } from '../i18n/index.ts';
import { documentTitle } from './checklist.ts';
import {
  actName,
  actTitle,
  citeProvision,
  countryName,
  documentTypeTitle,
  formatDate,
  formatMoney,
  personName,
  principalOf,
  procedureRank,
  regionName,
  relationLabel,
  type DocContext,
  type DocLang,
} from './format.ts';
import type { LetterLang } from '../core/lang.ts';

export const LETTER_KINDS = ['employer-support', 'cover'] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];
/** Letters are written in English or Russian (src/core LETTER_LANGS). */
export type { LetterLang };

export type LetterBlock =
  | { type: 'heading'; text: string }
  | { type: 'paragraph'; text: string }
  | { type: 'fields'; rows: [label: string, value: string][] }
  | {
      type: 'table';
      header: string[];
      rows: string[][];
      /** Column widths as shares of the line (they add up to 1). */ widths: number[];
    }
  | { type: 'list'; items: string[] }
  | { type: 'signature'; lines: string[] };

export interface Letter {
  kind: LetterKind;
  lang: LetterLang;
  /** The sender's block, top left. */
  from: string[];
  /** The addressee's block, top right. */
  to: string[];
  date: string;
  subject: string;
  blocks: LetterBlock[];
}

/** Where the letter goes: a consulate while the principal's visa is still ahead, else the Interior Ministry. */
export type Addressee = 'consulate' | 'interior-ministry';

const OPEN: ReadonlySet<string> = new Set(['due', 'upcoming', 'overdue', 'blocked']);

export function addresseeOf(ev: Evaluation, principal: Person): Addressee {
  const visa = ev.plan.find((s) => s.person === principal.id && s.id === 'visa');
  return visa && OPEN.has(visa.status) ? 'consulate' : 'interior-ministry';
}

function eventsOf<T extends CaseEventType>(c: Case, type: T, person?: string): CaseEventOf<T>[] {
  const principal = principalOf(c).id;
  return (c.events ?? [])
    .filter(
      (e: CaseEvent): e is CaseEventOf<T> =>
        e.type === type && (person === undefined || (('person' in e ? e.person : undefined) ?? principal) === person),
    )
    .sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
}

function latest<T extends CaseEventType>(c: Case, type: T, person?: string): CaseEventOf<T> | undefined {
  return eventsOf(c, type, person).at(-1);
}

/** The passport the letter quotes: the latest renewal, else the one in the person's record valid longest. */
function currentPassport(
  c: Case,
  p: Person,
): { number: string; country?: string; issued: string; expires: string } | undefined {
  const renewed = latest(c, 'passport-renewed', p.id);
  const listed = [...(p.passports ?? [])].sort((a, b) => (a.expires < b.expires ? 1 : -1))[0];
  if (renewed && (!listed || renewed.expires >= listed.expires))
    return {
      number: renewed.number,
      ...(listed ? { country: listed.country } : {}),
      issued: renewed.issued,
      expires: renewed.expires,
    };
  return listed;
}

function passportText(c: Case, p: Person, ctx: DocContext): string {
  const pp = currentPassport(c, p);
  if (!pp) return t(ctx.lang, 'letter.passport.none');
  return t(ctx.lang, 'letter.passport', {
    number: pp.number,
    country: pp.country ? countryName(pp.country, ctx.law, ctx.lang) : '—',
    issued: formatDate(pp.issued, ctx.lang),
    expires: formatDate(pp.expires, ctx.lang),
  });
}

function citizenships(p: Person, ctx: DocContext): string {
  return p.citizenships.map((x) => countryName(x, ctx.law, ctx.lang)).join(', ');
}

function family(c: Case): Person[] {
  return c.people.filter((p) => p.role === 'family');
}

function familyTable(c: Case, ctx: DocContext): LetterBlock {
  const { lang } = ctx;
  return {
    type: 'table',
    header: ['name', 'relation', 'born', 'citizenship', 'passport'].map((k) => t(lang, `letter.family.${k}`)),
    widths: [0.28, 0.14, 0.16, 0.16, 0.26],
    rows: family(c).map((p) => {
      const pp = currentPassport(c, p);
      return [
        personName(p),
        relationLabel(p, lang),
        formatDate(p.birthDate, lang),
        citizenships(p, ctx),
        pp ? `${pp.number}, ${t(lang, 'letter.valid-until', { date: formatDate(pp.expires, lang) })}` : '—',
      ];
    }),
  };
}

function addresseeLines(a: Addressee, principal: Person, ctx: DocContext): string[] {
  if (a === 'interior-ministry') return [t(ctx.lang, 'letter.to.interior-ministry')];
  const country = principal.residenceCountry ?? principal.citizenships[0];
  return [
    t(ctx.lang, 'letter.to.consulate'),
    ...(country
      ? [t(ctx.lang, 'letter.to.consulate-country', { country: countryName(country, ctx.law, ctx.lang) })]
      : []),
  ];
}

function salaryText(c: Case, lang: DocLang): string {
  const s = c.contract.salary;
  return `${formatMoney(s.amount, c.contract.currency ?? 'RUB', lang)} ${t(lang, `letter.per.${s.per}`)}`;
}

function regionsText(c: Case, ctx: DocContext): string {
  return c.contract.regions.map((r) => regionName(r, ctx.law, ctx.lang)).join('; ');
}

function contractText(c: Case, lang: DocLang): string {
  const signed = latest(c, 'contract-signed');
  const kind = t(lang, `letter.contract.${c.contract.kind}`);
  const period = c.contract.end
    ? t(lang, 'letter.period', { from: formatDate(c.contract.start, lang), to: formatDate(c.contract.end, lang) })
    : t(lang, 'letter.period-open', { from: formatDate(c.contract.start, lang) });
  return signed
    ? `${kind} ${t(lang, 'letter.of-date', { date: formatDate(signed.on, lang) })}; ${period}`
    : `${kind}; ${period}`;
}

function permitText(c: Case, lang: DocLang): string | undefined {
  const issued = latest(c, 'work-permit-issued');
  const extended = latest(c, 'work-permit-extended');
  if (issued) {
    const until = extended && extended.validUntil > issued.validUntil ? extended.validUntil : issued.validUntil;
    return t(lang, 'letter.permit.issued', { date: formatDate(issued.on, lang), until: formatDate(until, lang) });
  }
  const filed = latest(c, 'work-permit-filed');
  return filed ? t(lang, 'letter.permit.filed', { date: formatDate(filed.on, lang) }) : undefined;
}

/** The HQS basis in words: "Article 13.2 of Federal Law No. 115-FZ «On the Legal Status…»". */
function hqsBasis(ctx: DocContext): string {
  const title = actTitle('115-FZ', ctx.law, ctx.lang);
  return t(ctx.lang, 'letter.basis', { act: actName('115-FZ', ctx.law, ctx.lang), title: title ?? '' });
}

/** The threshold sentence, only where the evaluation found the salary meets it. */
function thresholdText(c: Case, ev: Evaluation, ctx: DocContext): string | undefined {
  const th = ev.eligibility.threshold;
  if (!th || !th.meets) return undefined;
  const { lang } = ctx;
  const category = t(lang, `category.${th.category}`);
  if (th.threshold === null) return t(lang, 'letter.threshold.none', { category });
  const reason = ev.eligibility.reasons.find((r) => r.code === 'salary-meets-threshold');
  const cite = reason?.basis.find((b) => b.source === '115-FZ');
  return t(lang, 'letter.threshold.met', {
    salary: formatMoney(th.salaryInPeriod, 'RUB', lang),
    threshold: formatMoney(th.threshold, 'RUB', lang),
    period: t(lang, `period.${th.period}`),
    category,
    from: formatDate(th.effectiveFrom, lang),
    basis: cite ? ` (${citeProvision(cite, ctx.law, lang)})` : '',
  });
}

function header(
  ev: Evaluation,
  ctx: DocContext,
): Pick<Letter, 'to' | 'date'> & { principal: Person; addressee: Addressee } {
  const principal = principalOf(ctx.case);
  const addressee = addresseeOf(ev, principal);
  return { principal, addressee, to: addresseeLines(addressee, principal, ctx), date: formatDate(ev.asOf, ctx.lang) };
}

function employerSupport(ev: Evaluation, ctx: DocContext & { lang: LetterLang }): Letter {
  const c = ctx.case;
  const { lang } = ctx;
  const { principal, addressee, to, date } = header(ev, ctx);
  const e = c.employer;
  const who = personName(principal);
  const blocks: LetterBlock[] = [];
  blocks.push({
    type: 'paragraph',
    text: t(lang, 'letter.support.intro', { employer: e.name, inn: e.inn, basis: hqsBasis(ctx) }),
  });
  if (e.hqsRegistered)
    blocks.push({
      type: 'paragraph',
      text: t(lang, 'letter.support.registered', { date: formatDate(e.hqsRegistered, lang) }),
    });
  blocks.push({ type: 'heading', text: t(lang, 'letter.support.h.specialist') });
  const rows: [string, string][] = [
    [t(lang, 'letter.f.name'), who],
    [t(lang, 'letter.f.born'), formatDate(principal.birthDate, lang)],
    [t(lang, 'letter.f.citizenship'), citizenships(principal, ctx)],
    [t(lang, 'letter.f.passport'), passportText(c, principal, ctx)],
    [t(lang, 'letter.f.position'), c.contract.position],
    [t(lang, 'letter.f.contract'), contractText(c, lang)],
    [t(lang, 'letter.f.place'), regionsText(c, ctx)],
    [t(lang, 'letter.f.salary'), salaryText(c, lang)],
  ];
  const permit = permitText(c, lang);
  if (permit) rows.push([t(lang, 'letter.f.permit'), permit]);
  blocks.push({ type: 'fields', rows });
  const threshold = thresholdText(c, ev, ctx);
  if (threshold) blocks.push({ type: 'paragraph', text: threshold });
  const fam = family(c);
  if (fam.length) {
    blocks.push({ type: 'heading', text: t(lang, 'letter.support.h.family') });
    blocks.push({ type: 'paragraph', text: t(lang, 'letter.support.family') });
    blocks.push(familyTable(c, ctx));
  }
  blocks.push({ type: 'heading', text: t(lang, 'letter.support.h.request') });
  blocks.push({
    type: 'paragraph',
    text: t(lang, `letter.support.request.${addressee}${fam.length ? '.family' : ''}`),
  });
  blocks.push({ type: 'paragraph', text: t(lang, 'letter.support.undertaking') });
  blocks.push({ type: 'signature', lines: [t(lang, 'letter.support.sign'), t(lang, 'letter.support.seal')] });
  return {
    kind: 'employer-support',
    lang,
    from: [e.name, `${t(lang, 'doc.inn')} ${e.inn}`, ...(e.region ? [regionName(e.region, ctx.law, lang)] : [])],
    to,
    date,
    subject: t(lang, 'letter.support.subject', { name: who }),
    blocks,
  };
}

/**
 * The documents the cover letter lists: the principal's checklist for the procedure the letter goes
 * with (the work visa at a consulate, else the first open procedure), else the documents in the case.
 */
function enclosed(ev: Evaluation, ctx: DocContext, principal: Person, addressee: Addressee): string[] {
  const { lang, law } = ctx;
  const mine = (ev.checklist ?? []).filter((i) => i.person === principal.id);
  if (mine.length) {
    const procs = [...new Set(mine.map((i) => i.procedure))].sort(
      (a, b) => procedureRank(a, law) - procedureRank(b, law),
    );
    const procedure = addressee === 'consulate' && procs.includes('work-visa') ? 'work-visa' : (procs[0] as string);
    return mine
      .filter((i) => i.procedure === procedure)
      .sort((a, b) => a.requirement.order - b.requirement.order)
      .map((i) => `${documentTitle(i.requirement, lang)} (${i.requirement.fileName})`);
  }
  const c = ctx.case;
  return (c.documents ?? [])
    .filter((d) => c.people.some((p) => p.id === d.person))
    .map((d) => {
      const p = c.people.find((x) => x.id === d.person) as Person;
      return `${documentTypeTitle(d.type, law, lang)}${d.number ? ` ${d.number}` : ''} — ${p.name.latin}`;
    });
}

function coverLetter(ev: Evaluation, ctx: DocContext & { lang: LetterLang }): Letter {
  const c = ctx.case;
  const { lang } = ctx;
  const { principal, addressee, to, date } = header(ev, ctx);
  const who = personName(principal);
  const blocks: LetterBlock[] = [];
  blocks.push({ type: 'heading', text: t(lang, 'letter.cover.h.applicant') });
  const rows: [string, string][] = [
    [t(lang, 'letter.f.name'), who],
    [t(lang, 'letter.f.born'), formatDate(principal.birthDate, lang)],
    [t(lang, 'letter.f.citizenship'), citizenships(principal, ctx)],
    [t(lang, 'letter.f.passport'), passportText(c, principal, ctx)],
  ];
  if (principal.residenceCountry)
    rows.push([t(lang, 'letter.f.residence'), countryName(principal.residenceCountry, ctx.law, lang)]);
  if (principal.email) rows.push([t(lang, 'letter.f.email'), principal.email]);
  blocks.push({ type: 'fields', rows });
  blocks.push({ type: 'heading', text: t(lang, 'letter.cover.h.purpose') });
  blocks.push({ type: 'paragraph', text: t(lang, `letter.cover.purpose.${addressee}`, { basis: hqsBasis(ctx) }) });
  blocks.push({ type: 'heading', text: t(lang, 'letter.cover.h.employer') });
  blocks.push({
    type: 'paragraph',
    text: t(lang, 'letter.cover.employer', {
      employer: c.employer.name,
      inn: c.employer.inn,
      position: c.contract.position,
      contract: contractText(c, lang),
      place: regionsText(c, ctx),
      salary: salaryText(c, lang),
    }),
  });
  const details: string[] = [];
  const permit = permitText(c, lang);
  if (permit) details.push(`${t(lang, 'letter.f.permit')}: ${permit}`);
  const invitation = addressee === 'consulate' ? latest(c, 'invitation-issued', principal.id) : undefined;
  if (invitation)
    details.push(
      t(lang, 'letter.cover.invitation', {
        date: formatDate(invitation.on, lang),
        until: formatDate(invitation.validUntil, lang),
      }),
    );
  if (c.contract.start > ev.asOf)
    details.push(t(lang, 'letter.cover.start', { date: formatDate(c.contract.start, lang) }));
  const entry = ev.plan.find((s) => s.person === principal.id && s.id === 'entry' && OPEN.has(s.status) && s.date);
  if (entry?.date)
    details.push(
      t(lang, `letter.cover.entry.${entry.dateKind === 'deadline' ? 'deadline' : 'estimate'}`, {
        date: formatDate(entry.date, lang),
      }),
    );
  if (details.length) {
    blocks.push({ type: 'heading', text: t(lang, 'letter.cover.h.request') });
    blocks.push({ type: 'list', items: details });
  }
  const fam = family(c);
  if (fam.length) {
    blocks.push({ type: 'heading', text: t(lang, 'letter.cover.h.family') });
    blocks.push({ type: 'paragraph', text: t(lang, 'letter.cover.family') });
    blocks.push(familyTable(c, ctx));
  }
  const notes: string[] = [];
  if (principal.residenceCountry && !principal.citizenships.includes(principal.residenceCountry)) {
    notes.push(
      t(lang, 'letter.cover.note.third-country', { country: countryName(principal.residenceCountry, ctx.law, lang) }),
    );
  }
  for (const r of eventsOf(c, 'passport-renewed', principal.id)) {
    notes.push(
      t(lang, 'letter.cover.note.passport-renewed', {
        date: formatDate(r.on, lang),
        number: r.number,
        sex: principal.sex ?? '',
      }),
    );
  }
  if (notes.length) {
    blocks.push({ type: 'heading', text: t(lang, 'letter.cover.h.notes') });
    blocks.push({ type: 'list', items: notes });
  }
  const docs = enclosed(ev, ctx, principal, addressee);
  if (docs.length) {
    blocks.push({ type: 'heading', text: t(lang, 'letter.cover.h.documents') });
    blocks.push({ type: 'list', items: docs });
  }
  blocks.push({ type: 'paragraph', text: t(lang, 'letter.cover.thanks', { sex: principal.sex ?? '' }) });
  blocks.push({ type: 'signature', lines: [who, t(lang, 'letter.cover.sign', { date })] });
  return {
    kind: 'cover',
    lang,
    from: [who, passportText(c, principal, ctx), ...(principal.email ? [principal.email] : [])],
    to,
    date,
    subject: t(lang, `letter.cover.subject.${addressee}`),
    blocks,
  };
}

/** Composes a letter from the case and its evaluation. */
export function composeLetter(kind: LetterKind, ev: Evaluation, ctx: DocContext & { lang: LetterLang }): Letter {
  return kind === 'employer-support' ? employerSupport(ev, ctx) : coverLetter(ev, ctx);
}

/** The letter as plain text (for the terminal and for tests). */
export function renderLetterText(l: Letter): string {
  const L: string[] = [...l.from, '', ...l.to.map((x) => `    ${x}`), '', l.date, '', l.subject, ''];
  for (const b of l.blocks) {
    if (b.type === 'heading') L.push('', b.text);
    else if (b.type === 'paragraph') L.push(b.text, '');
    else if (b.type === 'fields') for (const [k, v] of b.rows) L.push(`  ${k}: ${v}`);
    else if (b.type === 'table') {
      L.push(`  ${b.header.join(' | ')}`);
      for (const r of b.rows) L.push(`  ${r.join(' | ')}`);
    } else if (b.type === 'list') for (const i of b.items) L.push(`  – ${i}`);
    else L.push('', ...b.lines);
  }
  return L.join('\n');
}
