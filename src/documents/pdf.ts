// PDF basics shared by the renderers: pdfkit with Noto Sans SC, which has Latin, Cyrillic and Chinese
// glyphs in one font (npm @expo-google-fonts/noto-sans-sc: Google Fonts' static TTF files). pdfkit
// embeds a subset of the glyphs used, with a ToUnicode map, so the text can be copied and searched.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);

export const FONT_PACKAGE = '@expo-google-fonts/noto-sans-sc';
const FONT_FILES = {
  regular: '400Regular/NotoSansSC_400Regular.ttf',
  bold: '700Bold/NotoSansSC_700Bold.ttf',
} as const;

export type FontName = keyof typeof FONT_FILES;

/** The path of a font file of the font package; throws naming the package when it is not installed. */
export function fontPath(name: FontName): string {
  const rel = `${FONT_PACKAGE}/${FONT_FILES[name]}`;
  let path: string;
  try {
    path = require.resolve(rel);
  } catch {
    throw new Error(`font ${rel} not found: install the npm package ${FONT_PACKAGE} (npm ci)`);
  }
  if (!existsSync(path)) throw new Error(`font file ${path} is missing: reinstall ${FONT_PACKAGE}`);
  return path;
}

export type Pdf = PDFKit.PDFDocument;

export interface PdfOptions {
  layout: 'portrait' | 'landscape';
  margin: number;
  title: string;
  subject?: string;
  lang: string;
}

/** A new A4 document with the fonts registered as 'regular' and 'bold', collecting its bytes. */
export function newPdf(opts: PdfOptions): { doc: Pdf; done: Promise<Buffer> } {
  const doc = new PDFDocument({
    size: 'A4',
    layout: opts.layout,
    margin: opts.margin,
    bufferPages: true,
    lang: opts.lang,
    displayTitle: true,
    info: {
      Title: opts.title,
      Creator: 'HQS Desk',
      Producer: 'HQS Desk (pdfkit)',
      ...(opts.subject ? { Subject: opts.subject } : {}),
    },
  });
  doc.registerFont('regular', fontPath('regular'));
  doc.registerFont('bold', fontPath('bold'));
  doc.font('regular');
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, done };
}

/** Writes `text` at the page's foot, inside the bottom margin, without pdfkit starting a new page. */
export function footerText(doc: Pdf, text: string, y: number, opts: PDFKit.Mixins.TextOptions = {}): void {
  const bottom = doc.page.margins.bottom;
  doc.page.margins.bottom = 0;
  doc.text(text, doc.page.margins.left, y, { lineBreak: false, ...opts });
  doc.page.margins.bottom = bottom;
}
