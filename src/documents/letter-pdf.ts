// A letter as PDF (A4 portrait): the same content as the DOCX, laid out with pdfkit.
import type { Letter, LetterBlock } from './letters.ts';
import { newPdf, type Pdf } from './pdf.ts';

const MARGIN = 56;
const SIZE = 10.5;
const GREY = '#888888';

function ensure(doc: Pdf, h: number): void {
  if (doc.y + h > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

function table(doc: Pdf, header: string[] | undefined, rows: string[][], shares: number[], ruled: boolean): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const ws = shares.map((s) => s * width);
  const pad = 3;
  const draw = (cells: string[], bold: boolean) => {
    doc.fontSize(ruled ? 9 : SIZE);
    const h =
      Math.max(
        ...cells.map((c, i) =>
          doc
            .font(bold || (!ruled && i === 0) ? 'bold' : 'regular')
            .heightOfString(c, { width: (ws[i] as number) - 2 * pad }),
        ),
      ) +
      2 * pad;
    ensure(doc, h);
    const y = doc.y;
    let x = left;
    cells.forEach((c, i) => {
      const w = ws[i] as number;
      doc.font(bold || (!ruled && i === 0) ? 'bold' : 'regular').text(c, x + pad, y + pad, { width: w - 2 * pad });
      if (ruled) doc.lineWidth(0.5).strokeColor(GREY).rect(x, y, w, h).stroke();
      x += w;
    });
    doc.x = left;
    doc.y = y + h;
  };
  if (header) draw(header, true);
  for (const r of rows) draw(r, false);
  doc.font('regular').fontSize(SIZE);
  doc.moveDown(0.6);
}

function block(doc: Pdf, b: LetterBlock): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  switch (b.type) {
    case 'heading':
      doc.moveDown(0.4);
      ensure(doc, 40);
      doc.font('bold').fontSize(SIZE).text(b.text, left, doc.y, { width });
      doc.moveDown(0.3);
      return;
    case 'paragraph':
      doc.font('regular').fontSize(SIZE).text(b.text, left, doc.y, { width, align: 'justify' });
      doc.moveDown(0.6);
      return;
    case 'fields':
      table(doc, undefined, b.rows, [0.3, 0.7], false);
      return;
    case 'table':
      table(doc, b.header, b.rows, b.widths, true);
      return;
    case 'list':
      doc.font('regular').fontSize(SIZE);
      for (const i of b.items) doc.text(`–  ${i}`, left + 10, doc.y, { width: width - 10 });
      doc.moveDown(0.6);
      return;
    case 'signature':
      doc.moveDown(1.5);
      ensure(doc, 60);
      doc.font('regular').fontSize(SIZE);
      for (const l of b.lines) {
        doc.text(l, left, doc.y, { width });
        doc.moveDown(0.8);
      }
      return;
  }
}

/** The letter as PDF bytes. */
export async function renderLetterPdf(l: Letter, meta: { title: string }): Promise<Buffer> {
  const { doc, done } = newPdf({
    layout: 'portrait',
    margin: MARGIN,
    title: meta.title,
    subject: l.subject,
    lang: l.lang,
  });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  doc.fontSize(SIZE);
  l.from.forEach((x, i) => doc.font(i === 0 ? 'bold' : 'regular').text(x, left, doc.y, { width: width * 0.6 }));
  doc.moveDown(1);
  doc.font('regular');
  for (const x of l.to) doc.text(x, left + width * 0.45, doc.y, { width: width * 0.55, align: 'right' });
  doc.moveDown(1);
  doc.text(l.date, left, doc.y, { width, align: 'right' });
  doc.moveDown(1.2);
  doc.font('bold').text(l.subject, left, doc.y, { width, align: 'center' });
  doc.moveDown(1);
  for (const b of l.blocks) block(doc, b);
  doc.end();
  return done;
}
