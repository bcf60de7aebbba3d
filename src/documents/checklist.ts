// The document checklist as the authority expects it: per person, per procedure, documents in the
// order of the authority's index (requirement.order) with the scan's file name. Rendering only: the
// engine decided which documents, their form and status (evaluation.checklist).
import type {
  RenderedChecklistItem as ChecklistItem,
  RenderedRequirement as DocumentRequirement,
  RenderedEvaluation as Evaluation,
} from '../engine/types.ts';
import type { Person } from '../case/index.ts';
import { t } from '../i18n/index.ts';
import {
  citeProvision,
  countryName,
  formatDate,
  localized,
  personName,
  procedureLabel,
  procedureRank,
  relationLabel,
  type DocContext,
  type DocLang,
  type DocTables,
} from './format.ts';

export interface ProcedureChecklist {
  procedure: string;
  items: ChecklistItem[];
}

export interface PersonChecklist {
  personId: string;
  /** Undefined when the evaluation names a person the case does not have. */
  person?: Person;
  procedures: ProcedureChecklist[];
}

/**
 * Groups the checklist by person (in the case's order; everyone in the case gets a section) and by
 * procedure (in the catalogue's order), each procedure's documents by requirement.order.
 */
export function groupChecklist(ev: Evaluation, people: readonly Person[], law: DocTables): PersonChecklist[] {
  const checklist = ev.checklist ?? [];
  const ids = [...people.map((p) => p.id)];
  for (const item of checklist) if (!ids.includes(item.person)) ids.push(item.person);
  return ids.map((personId) => {
    const mine = checklist.filter((i) => i.person === personId);
    const procs = [...new Set(mine.map((i) => i.procedure))].sort(
      (a, b) => procedureRank(a, law) - procedureRank(b, law) || (a < b ? -1 : a > b ? 1 : 0),
    );
    const person = people.find((p) => p.id === personId);
    return {
      personId,
      ...(person ? { person } : {}),
      procedures: procs.map((procedure) => ({
        procedure,
        items: mine
          .filter((i) => i.procedure === procedure)
          .sort(
            (a, b) =>
              a.requirement.order - b.requirement.order || (a.requirement.fileName < b.requirement.fileName ? -1 : 1),
          ),
      })),
    };
  });
}

/** "original, 2 copies; photo 35×45 mm ×2" */
export function formLabel(r: DocumentRequirement, lang: DocLang): string {
  const form = t(lang, `doc.form.${r.form}`);
  const copies =
    r.copies > 0 ? `, ${t(lang, r.copies === 1 ? 'doc.copies.one' : 'doc.copies.many', { n: r.copies })}` : '';
  const photo = r.photo
    ? `; ${t(lang, 'doc.photo', { w: r.photo.widthMm, h: r.photo.heightMm, n: r.photo.count })}`
    : '';
  return `${form}${copies}${photo}`;
}

export function legalizationLabel(r: DocumentRequirement, lang: DocLang): string {
  return t(lang, `doc.legalization.${r.legalization}`);
}

export function translationLabel(r: DocumentRequirement, lang: DocLang): string {
  return t(lang, r.translation ? 'doc.translation.yes' : 'doc.translation.no');
}

/** "issued ≤ 3 months before filing; valid at least until …", or a dash. */
export function validityLabel(r: DocumentRequirement, lang: DocLang): string {
  const parts: string[] = [];
  if (r.maxAgeMonths !== undefined) parts.push(t(lang, 'doc.validity.max-age', { n: r.maxAgeMonths }));
  if (r.validUntilAtLeast !== undefined)
    parts.push(t(lang, 'doc.validity.until', { date: formatDate(r.validUntilAtLeast, lang) }));
  return parts.length ? parts.join('; ') : '—';
}

export function statusLabel(item: ChecklistItem, lang: DocLang): string {
  const s = t(lang, `doc.status.${item.status}`);
  return item.usableUntil ? `${s} (${t(lang, 'doc.usable-until', { date: formatDate(item.usableUntil, lang) })})` : s;
}

/** The document's title in the language asked, falling back to English where a Chinese title is missing. */
export function documentTitle(r: DocumentRequirement, lang: DocLang): string {
  return localized(r.title, lang);
}

export function personHeading(pc: PersonChecklist, ctx: DocContext): string {
  const p = pc.person;
  if (!p) return pc.personId;
  const countries = p.citizenships.map((c) => countryName(c, ctx.law, ctx.lang)).join(', ');
  return `${personName(p)} — ${relationLabel(p, ctx.lang)}; ${t(ctx.lang, 'doc.born')} ${formatDate(p.birthDate, ctx.lang)}; ${countries}`;
}

/** The checklist as plain text, for the terminal. */
export function renderChecklistText(ev: Evaluation, ctx: DocContext): string {
  const { lang } = ctx;
  const L: string[] = [
    t(lang, 'doc.checklist.title'),
    t(lang, 'doc.checklist.subtitle', { id: ev.caseId ?? '—', asOf: formatDate(ev.asOf, lang), law: ev.lawVersion }),
  ];
  if (lang === 'zh') L.push(t(lang, 'doc.governing'));
  for (const pc of groupChecklist(ev, ctx.case.people, ctx.law)) {
    L.push('', personHeading(pc, ctx));
    if (pc.procedures.length === 0) L.push(`  ${t(lang, 'doc.checklist.none')}`);
    for (const proc of pc.procedures) {
      L.push(`  ${procedureLabel(proc.procedure, ctx.law, lang)}`);
      for (const item of proc.items) {
        const r = item.requirement;
        const box = item.status === 'collected' ? '[x]' : '[ ]';
        const title = lang === 'ru' ? r.title.ru : `${documentTitle(r, lang)} / ${r.title.ru}`;
        const basis = r.basis.length
          ? `  [${[...new Set(r.basis.map((c) => citeProvision(c, ctx.law, lang)))].join('; ')}]`
          : '';
        L.push(`    ${box} ${String(r.order).padStart(2, '0')}  ${r.fileName}  ${title} — ${statusLabel(item, lang)}`);
        L.push(
          `         ${formLabel(r, lang)}; ${t(lang, 'doc.col.legalization')}: ${legalizationLabel(r, lang)}; ${t(lang, 'doc.col.translation')}: ${translationLabel(r, lang)}; ${t(lang, 'doc.col.validity')}: ${validityLabel(r, lang)}${basis}`,
        );
        if (item.why) L.push(`         ${item.why}`);
      }
    }
  }
  return L.join('\n');
}

/** The checklist as JSON: the engine's items, grouped and ordered as printed. */
export function checklistJson(ev: Evaluation, ctx: DocContext) {
  return {
    format: 'hqs-checklist/1' as const,
    caseId: ev.caseId,
    asOf: ev.asOf,
    lawVersion: ev.lawVersion,
    people: groupChecklist(ev, ctx.case.people, ctx.law).map((pc) => ({
      person: pc.personId,
      ...(pc.person ? { name: pc.person.name } : {}),
      procedures: pc.procedures,
    })),
  };
}
