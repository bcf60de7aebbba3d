// A letter as an editable Word document (DOCX, Office Open XML) with the `docx` package: the sender
// and the addressee, the date, the subject, then the blocks composed in letters.ts.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ITableCellOptions,
} from 'docx';
import type { Letter, LetterBlock } from './letters.ts';

const FONT = 'Times New Roman';
const SIZE = 22; // half-points: 11 pt
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };
const LINE = { style: BorderStyle.SINGLE, size: 4, color: '999999' } as const;

function para(
  text: string,
  opts: {
    bold?: boolean;
    align?: (typeof AlignmentType)[keyof typeof AlignmentType];
    after?: number;
    before?: number;
    size?: number;
  } = {},
): Paragraph {
  return new Paragraph({
    alignment: opts.align ?? AlignmentType.LEFT,
    spacing: { after: opts.after ?? 0, before: opts.before ?? 0 },
    children: [new TextRun({ text, bold: opts.bold ?? false, ...(opts.size ? { size: opts.size } : {}) })],
  });
}

function cell(text: string, width: number, extra: Partial<ITableCellOptions> = {}, bold = false): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.PERCENTAGE },
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    children: [para(text, { bold })],
    ...extra,
  });
}

function block(b: LetterBlock): (Paragraph | Table)[] {
  switch (b.type) {
    case 'heading':
      return [para(b.text, { bold: true, before: 200, after: 80 })];
    case 'paragraph':
      return [new Paragraph({ spacing: { after: 120 }, children: [new TextRun(b.text)] })];
    case 'fields':
      return [
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          borders: NO_BORDERS,
          rows: b.rows.map(([k, v]) => new TableRow({ children: [cell(k, 30, {}, true), cell(v, 70)] })),
        }),
        para('', { after: 80 }),
      ];
    case 'table': {
      const w = (i: number) => Math.round((b.widths[i] ?? 1 / b.header.length) * 100);
      const borders = { top: LINE, bottom: LINE, left: LINE, right: LINE };
      return [
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [
            new TableRow({
              tableHeader: true,
              children: b.header.map((h, i) => cell(h, w(i), { borders, shading: { fill: 'EEEEEE' } }, true)),
            }),
            ...b.rows.map((r) => new TableRow({ children: r.map((v, i) => cell(v, w(i), { borders })) })),
          ],
        }),
        para('', { after: 80 }),
      ];
    }
    case 'list':
      return b.items.map(
        (i) => new Paragraph({ bullet: { level: 0 }, spacing: { after: 40 }, children: [new TextRun(i)] }),
      );
    case 'signature':
      return [para('', { before: 240 }), ...b.lines.map((l) => para(l, { after: 160 }))];
  }
}

/** The letter as DOCX bytes. */
export async function renderLetterDocx(l: Letter, meta: { title: string }): Promise<Buffer> {
  const doc = new Document({
    creator: 'HQS Desk',
    title: meta.title,
    description: l.subject,
    styles: { default: { document: { run: { font: FONT, size: SIZE }, paragraph: { spacing: { line: 264 } } } } },
    sections: [
      {
        properties: { page: { margin: { top: 1134, bottom: 1134, left: 1418, right: 851 } } },
        children: [
          ...l.from.map((x, i) => para(x, { bold: i === 0 })),
          para('', { after: 120 }),
          ...l.to.map((x) => para(x, { align: AlignmentType.RIGHT })),
          para('', { after: 120 }),
          para(l.date, { align: AlignmentType.RIGHT, after: 240 }),
          para(l.subject, { bold: true, align: AlignmentType.CENTER, after: 240 }),
          ...l.blocks.flatMap(block),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
