// The printable checklist: A4 landscape, one section per person, one table per procedure, documents in
// the authority's order with the scan file names, and the legal basis as numbered footnotes at the
// foot of each page where it is cited.
import type { RenderedChecklistItem as ChecklistItem, RenderedEvaluation as Evaluation } from '../engine/types.ts';
import { t } from '../i18n/index.ts';
import {
  documentTitle,
  formLabel,
  groupChecklist,
  legalizationLabel,
  personHeading,
  statusLabel,
  translationLabel,
  validityLabel,
  type PersonChecklist,
  type ProcedureChecklist,
} from './checklist.ts';
import {
  countryName,
  formatDate,
  footnoteText,
  Footnotes,
  localized,
  procedureAuthority,
  procedureLabel,
  type DocContext,
} from './format.ts';
import { footerText, newPdf, type FontName, type Pdf } from './pdf.ts';

const MARGIN = 36;
const FOOTER = 16;
const PAD = 3;
const GREY = '#555555';
const RULE = '#bbbbbb';
const HEADER_BG = '#e9e9e9';
const NOTE_SIZE = 6.5;

interface Run {
  text: string;
  font?: FontName;
  size?: number;
  color?: string;
}
type Cell = Run[];

/** Column widths as shares of the table width (they add up to 1). */
const COLUMNS = [
  { key: 'no', share: 0.045 },
  { key: 'document', share: 0.28 },
  { key: 'file', share: 0.17 },
  { key: 'form', share: 0.105 },
  { key: 'legalization', share: 0.11 },
  { key: 'translation', share: 0.08 },
  { key: 'validity', share: 0.11 },
  { key: 'status', share: 0.1 },
] as const;

class Layout {
  y: number;
  private pageNotes: number[] = [];
  readonly width: number;
  readonly left: number;

  constructor(
    readonly doc: Pdf,
    readonly notes: Footnotes,
    readonly ctx: DocContext,
  ) {
    this.left = doc.page.margins.left;
    this.width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
    this.y = doc.page.margins.top;
  }

  private bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom - FOOTER;
  }

  private noteLine(n: number): string {
    return `${n}. ${footnoteText(this.notes.get(n), this.ctx.lang)}`;
  }

  private notesHeight(list: readonly number[]): number {
    if (list.length === 0) return 0;
    this.doc.font('regular').fontSize(NOTE_SIZE);
    return 8 + list.reduce((h, n) => h + this.doc.heightOfString(this.noteLine(n), { width: this.width }) + 1, 0);
  }

  /** True when a block of height `h` citing `refs` fits above this page's footnotes. */
  fits(h: number, refs: readonly number[] = []): boolean {
    const notes = [...this.pageNotes, ...refs.filter((n) => !this.pageNotes.includes(n))];
    return this.y + h + this.notesHeight(notes) <= this.bottom();
  }

  cite(refs: readonly number[]): void {
    for (const n of refs) if (!this.pageNotes.includes(n)) this.pageNotes.push(n);
  }

  newPage(): void {
    this.drawNotes();
    this.doc.addPage();
    this.y = this.doc.page.margins.top;
  }

  drawNotes(): void {
    if (this.pageNotes.length === 0) return;
    const { doc } = this;
    const h = this.notesHeight(this.pageNotes);
    let y = this.bottom() - h + 6;
    doc
      .moveTo(this.left, y - 3)
      .lineTo(this.left + 120, y - 3)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
    doc.font('regular').fontSize(NOTE_SIZE).fillColor(GREY);
    for (const n of [...this.pageNotes].sort((a, b) => a - b)) {
      const line = this.noteLine(n);
      doc.text(line, this.left, y, { width: this.width });
      y += doc.heightOfString(line, { width: this.width }) + 1;
    }
    doc.fillColor('black');
    this.pageNotes = [];
  }

  measure(cell: Cell, width: number): number {
    let h = 0;
    for (const r of cell) {
      this.doc.font(r.font ?? 'regular').fontSize(r.size ?? 8);
      h += this.doc.heightOfString(r.text, { width });
    }
    return h;
  }

  drawCell(cell: Cell, x: number, y: number, width: number): void {
    let cy = y;
    for (const r of cell) {
      this.doc
        .font(r.font ?? 'regular')
        .fontSize(r.size ?? 8)
        .fillColor(r.color ?? 'black');
      this.doc.text(r.text, x, cy, { width });
      cy += this.doc.heightOfString(r.text, { width });
    }
    this.doc.fillColor('black');
  }

  /** Writes a block of text across the page; a new page first when it does not fit. */
  paragraph(text: string, font: FontName, size: number, color = 'black', gap = 4): void {
    this.doc.font(font).fontSize(size);
    const h = this.doc.heightOfString(text, { width: this.width });
    if (!this.fits(h)) this.newPage();
    // fits() measures the footnotes in their own font: set ours again before writing.
    this.doc.font(font).fontSize(size).fillColor(color).text(text, this.left, this.y, { width: this.width });
    this.doc.fillColor('black');
    this.y += h + gap;
  }
}

function widths(total: number): number[] {
  return COLUMNS.map((c) => c.share * total);
}

function headerCells(ctx: DocContext): Cell[] {
  return COLUMNS.map((c) => [{ text: t(ctx.lang, `doc.col.${c.key}`), font: 'bold' as const, size: 7.5 }]);
}

function rowCells(item: ChecklistItem, refs: readonly number[], ctx: DocContext): Cell[] {
  const { lang } = ctx;
  const r = item.requirement;
  const doc: Cell = [
    {
      text: `${documentTitle(r, lang)}${refs.length ? `  [${[...refs].sort((a, b) => a - b).join(', ')}]` : ''}`,
      font: 'bold',
      size: 8.5,
    },
  ];
  if (lang !== 'ru') doc.push({ text: r.title.ru, size: 7.5, color: GREY });
  doc.push({ text: `${t(lang, 'doc.issuer')}: ${localized(r.issuer, lang)}`, size: 7, color: GREY });
  if (r.note) doc.push({ text: r.note, size: 7, color: GREY });
  if (item.why) doc.push({ text: item.why, size: 7, color: GREY });
  const flagged = item.status !== 'collected';
  return [
    [{ text: String(r.order).padStart(2, '0'), size: 8.5 }],
    doc,
    [{ text: r.fileName, size: 7.5 }],
    [{ text: formLabel(r, lang), size: 7.5 }],
    [{ text: legalizationLabel(r, lang), size: 7.5 }],
    [{ text: translationLabel(r, lang), size: 7.5 }],
    [{ text: validityLabel(r, lang), size: 7.5 }],
    [{ text: statusLabel(item, lang), size: 8, font: flagged ? 'bold' : 'regular' }],
  ];
}

function drawRow(L: Layout, cells: Cell[], ws: number[], opts: { fill?: string; box?: 'empty' | 'ticked' }): void {
  const { doc } = L;
  const h = rowHeight(L, cells, ws);
  if (opts.fill) doc.rect(L.left, L.y, L.width, h).fill(opts.fill);
  let x = L.left;
  cells.forEach((cell, i) => {
    const w = ws[i] as number;
    if (i === 0 && opts.box) {
      doc
        .lineWidth(0.7)
        .strokeColor('black')
        .rect(x + PAD, L.y + PAD + 1, 7, 7)
        .stroke();
      if (opts.box === 'ticked')
        doc
          .moveTo(x + PAD + 1.3, L.y + PAD + 4.8)
          .lineTo(x + PAD + 3, L.y + PAD + 6.8)
          .lineTo(x + PAD + 6, L.y + PAD + 2)
          .lineWidth(1)
          .stroke();
      L.drawCell(cell, x + PAD + 10, L.y + PAD, w - 2 * PAD - 10);
    } else {
      L.drawCell(cell, x + PAD, L.y + PAD, w - 2 * PAD);
    }
    x += w;
  });
  L.y += h;
  doc
    .moveTo(L.left, L.y)
    .lineTo(L.left + L.width, L.y)
    .lineWidth(0.4)
    .strokeColor(RULE)
    .stroke();
}

function rowHeight(L: Layout, cells: Cell[], ws: number[]): number {
  return Math.max(...cells.map((c, i) => L.measure(c, (ws[i] as number) - 2 * PAD - (i === 0 ? 10 : 0)))) + 2 * PAD;
}

function procedureTable(L: Layout, pc: PersonChecklist, proc: ProcedureChecklist, ctx: DocContext): void {
  const ws = widths(L.width);
  const header = headerCells(ctx);
  const headerH = rowHeight(L, header, ws);
  const title = procedureLabel(proc.procedure, ctx.law, ctx.lang);
  const authority = procedureAuthority(proc.procedure, ctx.law, ctx.lang);
  const drawTitle = (continued: boolean) => {
    const who = pc.person ? pc.person.name.latin : pc.personId;
    L.paragraph(
      continued ? `${title} — ${who} (${t(ctx.lang, 'doc.continued')})` : title,
      'bold',
      10,
      'black',
      authority && !continued ? 1 : 3,
    );
    if (authority && !continued) L.paragraph(`${t(ctx.lang, 'doc.authority')}: ${authority}`, 'regular', 7.5, GREY, 3);
    drawRow(L, header, ws, { fill: HEADER_BG });
  };
  L.doc.font('bold').fontSize(10);
  const titleH = L.doc.heightOfString(title, { width: L.width }) + (authority ? 14 : 3);
  const rows = proc.items.map((item) => {
    const refs = L.notes.refs(item.requirement.basis);
    const cells = rowCells(item, refs, ctx);
    return { item, refs, cells, h: rowHeight(L, cells, ws) };
  });
  const first = rows[0];
  if (!L.fits(titleH + headerH + (first?.h ?? 0), first?.refs ?? [])) L.newPage();
  drawTitle(false);
  for (const row of rows) {
    if (!L.fits(row.h, row.refs)) {
      L.newPage();
      drawTitle(true);
    }
    L.cite(row.refs);
    drawRow(L, row.cells, ws, { box: row.item.status === 'collected' ? 'ticked' : 'empty' });
  }
  L.y += 8;
}

function personSection(L: Layout, pc: PersonChecklist, ctx: DocContext): void {
  const { lang } = ctx;
  const heading = personHeading(pc, ctx);
  const passports = (pc.person?.passports ?? []).map((p) =>
    t(lang, 'doc.passport-line', {
      number: p.number,
      country: countryName(p.country, ctx.law, lang),
      issued: formatDate(p.issued, lang),
      expires: formatDate(p.expires, lang),
    }),
  );
  const items = pc.procedures.flatMap((p) => p.items);
  const summary = items.length
    ? t(lang, 'doc.checklist.summary', {
        collected: items.filter((i) => i.status === 'collected').length,
        total: items.length,
      })
    : t(lang, 'doc.checklist.none');
  L.doc.font('bold').fontSize(12);
  const need = L.doc.heightOfString(heading, { width: L.width }) + 60;
  if (!L.fits(need)) L.newPage();
  L.doc
    .moveTo(L.left, L.y)
    .lineTo(L.left + L.width, L.y)
    .lineWidth(1)
    .strokeColor('black')
    .stroke();
  L.y += 5;
  L.paragraph(heading, 'bold', 12, 'black', 2);
  for (const line of passports) L.paragraph(line, 'regular', 8.5, GREY, 1);
  L.paragraph(summary, 'regular', 8.5, GREY, 6);
  for (const proc of pc.procedures) procedureTable(L, pc, proc, ctx);
}

/** What to print of the checklist: one procedure only (the next filing), for one person only. */
export interface ChecklistFilter {
  procedure?: string;
  person?: string;
}

/** The checklist PDF for every person in the case (or, filtered, one procedure's documents and their people). */
export async function renderChecklistPdf(ev: Evaluation, ctx: DocContext, only: ChecklistFilter = {}): Promise<Buffer> {
  const { lang } = ctx;
  const c = ctx.case;
  const filtered = only.procedure !== undefined || only.person !== undefined;
  const keep = (i: ChecklistItem) =>
    (only.procedure === undefined || i.procedure === only.procedure) &&
    (only.person === undefined || i.person === only.person);
  if (filtered) ev = { ...ev, checklist: (ev.checklist ?? []).filter(keep) };
  const title =
    only.procedure !== undefined
      ? t(lang, 'doc.checklist.next-title', { procedure: procedureLabel(only.procedure, ctx.law, lang) })
      : t(lang, 'doc.checklist.title');
  const { doc, done } = newPdf({
    layout: 'landscape',
    margin: MARGIN,
    title: `${title} — ${ev.caseId ?? c.employer.name}`,
    lang: lang === 'zh' ? 'zh-CN' : lang,
  });
  const L = new Layout(doc, new Footnotes(ctx.law, lang), ctx);
  L.paragraph(title, 'bold', 16, 'black', 2);
  L.paragraph(
    t(lang, 'doc.checklist.subtitle', {
      id: ev.caseId ?? '—',
      asOf: formatDate(ev.asOf, lang),
      law: formatDate(ev.lawVersion, lang),
    }),
    'regular',
    9,
    'black',
    1,
  );
  L.paragraph(
    `${t(lang, 'doc.employer')}: ${c.employer.name}, ${t(lang, 'doc.inn')} ${c.employer.inn}`,
    'regular',
    9,
    'black',
    4,
  );
  // Glossary rule 7: a Chinese checklist states legal rules, so it says that the Russian text governs.
  if (lang === 'zh') L.paragraph(t(lang, 'doc.governing'), 'bold', 8.5, 'black', 4);
  L.paragraph(t(lang, 'doc.checklist.intro'), 'regular', 8, GREY, 10);
  // Filtered, only the people with documents in it get a section.
  for (const pc of groupChecklist(ev, c.people, ctx.law))
    if (!filtered || pc.procedures.length) personSection(L, pc, ctx);
  L.drawNotes();
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc.font('regular').fontSize(7).fillColor(GREY);
    const y = doc.page.height - MARGIN - 8;
    footerText(doc, `HQS Desk · ${ev.caseId ?? ''} · ${t(lang, 'doc.as-of')} ${formatDate(ev.asOf, lang)}`, y);
    footerText(doc, t(lang, 'doc.page', { n: i - range.start + 1, total: range.count }), y, {
      width: L.width,
      align: 'right',
    });
  }
  doc.end();
  return done;
}
