// The exports as a person gets them: `hqs checklist --pdf`, `hqs letter --docx/--pdf` and
// `hqs obligations --ics` on every example case and on a Chinese family's case, checked with real
// readers: pdftotext (poppler-utils) for the PDFs, a zip reader for the DOCX, LibreOffice (where
// installed) to open and convert the DOCX, and ical.js to parse the calendar.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import ICAL from 'ical.js';
import { parse as parseYaml } from 'yaml';
import { describe, it, expect, beforeAll } from 'vitest';
import type { Io } from '../src/cli/io.ts';
import { UsageError } from '../src/cli/args.ts';
import { checklistCommand } from '../src/cli/commands/checklist.ts';
import { letterCommand } from '../src/cli/commands/letter.ts';
import { obligationsCommand } from '../src/cli/commands/obligations.ts';
import { loadLaw, loadCalendar } from '../src/cli/context.ts';
import { parseCase, type Case } from '../src/case/index.ts';
import {
  createEngine,
  type Citation,
  type IsoDate,
  type RenderedChecklistItem,
  type RenderedChecklistItem as ChecklistItem,
  type RenderedEvaluation,
} from '../src/engine/index.ts';
import { renderEvaluation } from '../src/i18n/index.ts';
import {
  composeLetter,
  renderChecklistPdf,
  renderLetterText,
  type DocContext,
  type NameLike,
} from '../src/documents/index.ts';
import type { LetterLang } from '../src/core/lang.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const EXAMPLES = readdirSync(join(ROOT, 'examples'))
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => join(ROOT, 'examples', f));
const AS_OF = '2026-11-21';
const OUT = mkdtempSync(join(tmpdir(), 'hqs-exports-'));

const hasLibreOffice = spawnSync('libreoffice', ['--version'], { encoding: 'utf8' }).status === 0;

// ——— helpers ———

type Command = (argv: string[], io: Io) => number | Promise<number>;

async function run(cmd: Command, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await cmd(argv, { out: (s) => void (out += `${s}\n`), err: (s) => void (err += `${s}\n`) });
  return { code, out, err };
}

/** The PDF's text in drawing order (-raw), so a cell's wrapped lines stay together. */
function pdfText(path: string): string {
  return execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
}

/** Text with every run of white space removed: table cells wrap long names over lines. */
const squash = (s: string) => s.replace(/\s+/g, '');

/** One entry of a zip archive, read through its central directory (what a DOCX is). */
function zipEntry(zip: Buffer, name: string): string {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(eocd, 'end of central directory record').toBeGreaterThan(0);
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(p), 'central directory signature').toBe(0x02014b50);
    const method = zip.readUInt16LE(p + 10);
    const size = zip.readUInt32LE(p + 20);
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const entry = zip.toString('utf8', p + 46, p + 46 + nameLen);
    if (entry === name) {
      expect(zip.readUInt32LE(local), 'local header signature').toBe(0x04034b50);
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    }
    p += 46 + nameLen + extraLen + commentLen;
  }
  throw new Error(`${name} is not in the archive`);
}

function readCaseFile(file: string): Case {
  const law = loadLaw();
  const r = parseCase(readFileSync(file, 'utf8'), {
    fileName: file,
    countries: law.countries.codes,
    regions: law.regions.codes,
  });
  if (!r.ok) throw new Error(`${file}: ${JSON.stringify(r.errors)}`);
  return r.case;
}

/** The evaluation with its documents, worded in `lang` (what the exports are given). */
function evaluate(c: Case, lang: LetterLang = 'en'): RenderedEvaluation & { checklist: RenderedChecklistItem[] } {
  const law = loadLaw();
  const ev = createEngine({ law, calendar: loadCalendar() }).evaluate(c, AS_OF as IsoDate, { documents: true });
  const out = renderEvaluation(ev, { lang, law });
  return { ...out, checklist: out.checklist ?? [] };
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The content lines of an ICS file, unfolded. */
function icsLines(text: string): string[] {
  return text.replace(/\r\n[ \t]/g, '').split('\r\n');
}

// ——— a Chinese family: the spec's example case ———

const CHINESE_CASE = `format: hqs-case/1
id: test-chen-family
employer:
  name: ООО «Вектор»
  inn: "7707083893"
  kind: commercial
  hqsRegistered: 2025-11-10
  illegalHiringPenaltyWithin2Years: false
people:
  - id: p1
    role: principal
    name: { latin: CHEN WEI, cyrillic: Чэнь Вэй }
    sex: M
    birthDate: 1988-05-14
    citizenships: [CN]
    passports:
      - { number: E12345678, country: CN, issued: 2020-01-10, expires: 2030-01-09 }
    startsFrom: abroad
    residenceCountry: CN
  - id: p2
    role: family
    relation: spouse
    name: { latin: LI NA, cyrillic: Ли На }
    sex: F
    birthDate: 1990-02-01
    citizenships: [CN]
    passports: [ { number: E87654321, country: CN, issued: 2021-03-01, expires: 2031-02-28 } ]
contract:
  kind: employment
  position: Senior engineer
  occupation: general
  salary: { amount: 450000, per: month }
  start: 2027-04-01
  end: 2030-01-08
  regions: [RU-MOW]
events:
  - { on: 2026-11-02, type: contract-signed }
  - { on: 2026-11-05, type: notification-filed, kind: contract-concluded }
  - { on: 2026-11-09, type: work-permit-filed }
`;

const BASIS_13_2: Citation = {
  source: '115-FZ',
  article: '13.2',
  paragraph: '8',
  url: 'https://www.consultant.ru/document/cons_doc_LAW_37868/',
};
const BASIS_APOSTILLE: Citation = {
  source: '115-FZ',
  article: '13.2',
  paragraph: '1.1',
  url: 'https://www.consultant.ru/document/cons_doc_LAW_37868/',
};

/** Checklist items as the engine gives them (built by hand: the renderer is under test, not the catalogue). */
function fixtureChecklist(): ChecklistItem[] {
  const item = (
    person: string,
    order: number,
    fileName: string,
    title: ChecklistItem['requirement']['title'],
    extra: Partial<ChecklistItem['requirement']>,
    status: ChecklistItem['status'],
  ): ChecklistItem => ({
    person,
    procedure: 'work-visa',
    document: fileName.replace(/^\d+_|\.pdf$/g, '').toLowerCase(),
    status,
    why: status === 'collected' ? 'in the case' : 'not in the case',
    because: [],
    requirement: {
      title,
      issuer: { en: 'competent authority', ru: 'компетентный орган' },
      form: 'original',
      copies: 1,
      legalization: 'not-applicable',
      translation: false,
      order,
      fileName,
      basis: [BASIS_13_2],
      ...extra,
    },
  });
  // Deliberately out of order: the renderer sorts by requirement.order.
  return [
    item(
      'p1',
      4,
      '04_Employer_Letter.pdf',
      { en: 'Employer support letter', ru: 'Письмо работодателя', zh: '雇主支持信' },
      {},
      'missing',
    ),
    item(
      'p1',
      1,
      '01_Passport_Bio.pdf',
      { en: 'Passport', ru: 'Паспорт', zh: '护照' },
      { form: 'copy', validUntilAtLeast: '2030-01-08' as IsoDate },
      'collected',
    ),
    item('p1', 3, '03_Invitation_HQS.pdf', { en: 'Invitation', ru: 'Приглашение', zh: '邀请函' }, {}, 'missing'),
    item(
      'p2',
      7,
      '07_Marriage_Certificate_Apostille_Translation.pdf',
      { en: 'Marriage certificate', ru: 'Свидетельство о браке', zh: '结婚证' },
      { legalization: 'apostille', translation: true, maxAgeMonths: 3, basis: [BASIS_APOSTILLE, BASIS_13_2] },
      'expiring',
    ),
    item('p2', 1, '01_Passport_Bio.pdf', { en: 'Passport', ru: 'Паспорт', zh: '护照' }, {}, 'collected'),
  ];
}

let chineseFile: string;
beforeAll(() => {
  chineseFile = join(OUT, 'chen-family.yaml');
  writeFileSync(chineseFile, CHINESE_CASE);
});

// ——— every example case ———

describe.each(EXAMPLES)('exports of %s', (file) => {
  const base = join(
    OUT,
    file
      .split('/')
      .pop()!
      .replace(/\.yaml$/, ''),
  );
  let c: Case;
  beforeAll(() => {
    c = readCaseFile(file);
  });
  const principal = () => c.people.find((p) => p.role === 'principal')!;

  it('hqs checklist --pdf: every person by name (Latin and Cyrillic), the employer, and each document of the evaluation with its scan file name', async () => {
    for (const lang of ['en', 'ru'] as const) {
      const pdf = `${base}.checklist.${lang}.pdf`;
      const r = await run(checklistCommand, file, '--pdf', pdf, '--as-of', AS_OF, '--lang', lang);
      expect(r.code).toBe(0);
      expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
      const text = pdfText(pdf);
      for (const p of c.people) {
        expect(text).toContain(p.name.latin);
        if (p.name.cyrillic) expect(text).toContain(p.name.cyrillic);
      }
      expect(text).toContain(c.employer.name);
      expect(text).toContain(lang === 'ru' ? 'Перечень документов' : 'Document checklist');
      for (const item of evaluate(c, lang).checklist) expect(squash(text)).toContain(squash(item.requirement.fileName));
    }
  });

  it('hqs checklist without --pdf prints every person (text) and the grouped items (JSON)', async () => {
    const text = await run(checklistCommand, file, '--as-of', AS_OF);
    expect(text.code).toBe(0);
    for (const p of c.people) expect(text.out).toContain(p.name.latin);
    const j = await run(checklistCommand, file, '--as-of', AS_OF, '--format', 'json');
    const parsed = JSON.parse(j.out) as {
      asOf: string;
      people: { person: string; procedures: { items: unknown[] }[] }[];
    };
    expect(parsed.asOf).toBe(AS_OF);
    expect(parsed.people.map((p) => p.person)).toEqual(c.people.map((p) => p.id));
    const count = parsed.people.flatMap((p) => p.procedures.flatMap((x) => x.items)).length;
    expect(count).toBe(evaluate(c).checklist.length);
  });

  for (const kind of ['employer-support', 'cover'] as const) {
    it(`hqs letter --kind ${kind}: a DOCX whose word/document.xml holds the case's values, and a PDF with the same text`, async () => {
      for (const lang of ['en', 'ru'] as const) {
        const docx = `${base}.${kind}.${lang}.docx`;
        const pdf = `${base}.${kind}.${lang}.pdf`;
        const r = await run(
          letterCommand,
          file,
          '--kind',
          kind,
          '--docx',
          docx,
          '--pdf',
          pdf,
          '--as-of',
          AS_OF,
          '--lang',
          lang,
        );
        expect(r.code).toBe(0);
        const zip = readFileSync(docx);
        expect(zip.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
        expect(zipEntry(zip, '[Content_Types].xml')).toContain('wordprocessingml');
        const xml = zipEntry(zip, 'word/document.xml');
        const p = principal();
        const values = [
          p.name.latin,
          p.name.cyrillic,
          c.employer.name,
          c.employer.inn,
          c.contract.position,
          p.passports?.[0]?.number,
        ];
        for (const v of values) if (v) expect(xml).toContain(xmlEscape(v));
        const text = squash(pdfText(pdf));
        for (const v of values) if (v) expect(text).toContain(squash(v));
        // The HQS basis is named in both languages.
        expect(text).toContain(lang === 'ru' ? squash('статьи 13.2') : squash('Article 13.2'));
        for (const f of c.people.filter((x) => x.role === 'family')) expect(text).toContain(squash(f.name.latin));
      }
    });
  }

  it.skipIf(!hasLibreOffice)(
    'LibreOffice opens both DOCX letters and converts them to PDF with the employer name in the text',
    { timeout: 180_000 },
    async () => {
      const dir = join(OUT, 'lo');
      const docs = ['employer-support', 'cover'].map((k) => `${base}.${k}.lo.docx`);
      for (const [i, kind] of ['employer-support', 'cover'].entries()) {
        expect(
          (await run(letterCommand, file, '--kind', kind, '--docx', docs[i]!, '--as-of', AS_OF, '--lang', 'ru')).code,
        ).toBe(0);
      }
      const r = spawnSync(
        'libreoffice',
        [
          `-env:UserInstallation=file://${join(OUT, 'lo-profile')}`,
          '--headless',
          '--convert-to',
          'pdf',
          '--outdir',
          dir,
          ...docs,
        ],
        { encoding: 'utf8', timeout: 170_000 },
      );
      expect(r.status, r.stderr).toBe(0);
      for (const d of docs) {
        const text = pdfText(
          join(
            dir,
            d
              .split('/')
              .pop()!
              .replace(/\.docx$/, '.pdf'),
          ),
        );
        expect(squash(text)).toContain(squash(c.employer.name));
        expect(squash(text)).toContain(squash(principal().name.latin));
      }
    },
  );

  it('hqs obligations --ics: RFC 5545 that ical.js parses, one all-day VEVENT per obligation on its due date, UIDs stable across exports', async () => {
    const j = await run(obligationsCommand, file, '--as-of', AS_OF, '--format', 'json');
    const { obligations } = JSON.parse(j.out) as { obligations: { id: string; due: string; uid: string }[] };
    expect(obligations.length).toBeGreaterThan(0);
    const exports: { uid: string; start: string; isDate: boolean; sequence: number }[][] = [];
    for (const n of [1, 2]) {
      const ics = `${base}.${n}.ics`;
      expect((await run(obligationsCommand, file, '--ics', ics, '--as-of', AS_OF, '--lang', 'ru')).code).toBe(0);
      const raw = readFileSync(ics);
      const text = raw.toString('utf8');
      expect(text.endsWith('\r\n')).toBe(true);
      expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
      for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
      expect(Buffer.from(text, 'utf8').equals(raw)).toBe(true);
      const cal = new ICAL.Component(ICAL.parse(text));
      const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
      expect(events).toHaveLength(obligations.length);
      exports.push(
        events.map((e) => ({
          uid: e.uid,
          start: e.startDate.toString(),
          isDate: e.startDate.isDate,
          sequence: e.sequence,
        })),
      );
    }
    const [first, second] = exports as [(typeof exports)[number], (typeof exports)[number]];
    expect(second.map((e) => e.uid)).toEqual(first.map((e) => e.uid));
    expect(new Set(first.map((e) => e.uid)).size).toBe(first.length);
    expect(first.map((e) => e.uid)).toEqual(obligations.map((o) => o.uid));
    first.forEach((e, i) => {
      expect(e.isDate).toBe(true);
      expect(e.start).toBe(obligations[i]!.due);
      expect(second[i]!.sequence).toBeGreaterThanOrEqual(e.sequence);
    });
    const raw = icsLines(readFileSync(`${base}.1.ics`, 'utf8'));
    expect(raw.filter((l) => l.startsWith('DTSTART;VALUE=DATE:'))).toHaveLength(obligations.length);
    expect(raw.filter((l) => l.startsWith('DTSTAMP:')).every((l) => /^DTSTAMP:\d{8}T\d{6}Z$/.test(l))).toBe(true);
  });
});

// ——— the Chinese family: CJK text ———

describe('a Chinese family (CJK text in the PDF)', () => {
  it('the checklist PDF carries 陈伟, Чэнь Вэй and the Chinese document titles as text, documents in the authority order, basis in footnotes', async () => {
    const c = readCaseFile(chineseFile);
    const name: NameLike = { ...c.people[0]!.name, native: '陈伟' };
    c.people[0]!.name = name;
    const ev = { ...evaluate(c), checklist: fixtureChecklist() };
    const ctx: DocContext = { case: c, law: loadLaw(), lang: 'zh' };
    const pdf = join(OUT, 'chen.checklist.zh.pdf');
    writeFileSync(pdf, await renderChecklistPdf(ev, ctx));
    const text = pdfText(pdf);
    expect(text).toContain('陈伟');
    expect(text).toContain('Чэнь Вэй');
    expect(text).toContain('CHEN WEI');
    for (const zh of ['材料清单', '护照', '邀请函', '结婚证', '附加证明书', '中国']) expect(text).toContain(zh);
    const flat = squash(text);
    // CHEN WEI's documents, in requirement.order: passport (1), invitation (3), employer letter (4).
    const at = ['01_Passport_Bio.pdf', '03_Invitation_HQS.pdf', '04_Employer_Letter.pdf'].map((f) => flat.indexOf(f));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(flat).toContain('07_Marriage_Certificate_Apostille_Translation.pdf');
    // Footnotes: the provisions the items cite.
    expect(flat).toContain(squash('115-ФЗ, ст. 13.2, п. 8'));
    expect(flat).toContain(squash('115-ФЗ, ст. 13.2, п. 1.1'));
  });

  it('hqs checklist --lang zh words the checklist in Chinese; --lang ru in Russian', async () => {
    const zh = join(OUT, 'chen.cli.zh.pdf');
    expect((await run(checklistCommand, chineseFile, '--pdf', zh, '--as-of', AS_OF, '--lang', 'zh')).code).toBe(0);
    const zhText = pdfText(zh);
    // Glossary rule 7: a Chinese text that states legal rules says that the Russian text governs.
    expect(squash(zhText)).toContain(squash('中文内容仅供参考，法律以俄文文本为准。'));
    expect(zhText).toContain('材料清单');
    expect(zhText).toContain('中国');
    expect(zhText).toContain('Чэнь Вэй');
    const ru = join(OUT, 'chen.cli.ru.pdf');
    expect((await run(checklistCommand, chineseFile, '--pdf', ru, '--as-of', AS_OF, '--lang', 'ru')).code).toBe(0);
    expect(pdfText(ru)).toContain('КНР');
    expect(squash(pdfText(ru))).not.toContain(squash('中文内容仅供参考'));
  });

  it('hqs obligations --ics --lang zh: the calendar and each event say that the Russian text governs', async () => {
    const ics = join(OUT, 'chen.zh.ics');
    expect((await run(obligationsCommand, chineseFile, '--ics', ics, '--as-of', AS_OF, '--lang', 'zh')).code).toBe(0);
    const lines = icsLines(readFileSync(ics, 'utf8'));
    expect(lines).toContain('X-WR-CALDESC:中文内容仅供参考，法律以俄文文本为准。');
    const events = lines.filter((l) => l === 'BEGIN:VEVENT').length;
    expect(events).toBeGreaterThan(0);
    const said = lines.filter(
      (l) => l.startsWith('DESCRIPTION:') && l.includes('中文内容仅供参考，法律以俄文文本为准。'),
    );
    expect(said.length).toBe(events);
  });

  it('the letters go to the consulate while the visa is ahead and list the documents of the checklist', () => {
    const c = readCaseFile(chineseFile);
    const ev = { ...evaluate(c), checklist: fixtureChecklist() };
    const ctx = { case: c, law: loadLaw(), lang: 'en' as const };
    const visa = ev.plan.find((s) => s.person === 'p1' && s.id === 'visa');
    expect(visa?.status).not.toBe('done');
    const support = renderLetterText(composeLetter('employer-support', ev, ctx));
    expect(support).toContain('To the Consulate of the Russian Federation');
    expect(support).toContain('multiple-entry work visa');
    expect(support).toContain('LI NA');
    const cover = renderLetterText(composeLetter('cover', ev, ctx));
    expect(cover).toContain('Passport (01_Passport_Bio.pdf)');
    expect(cover.indexOf('01_Passport_Bio.pdf')).toBeLessThan(cover.indexOf('03_Invitation_HQS.pdf'));
    expect(cover).not.toContain('07_Marriage_Certificate');
  });
});

// ——— a Russian document is in Russian ———

/**
 * Runs of three or more English words in a text: what an English sentence leaves behind. Links, scan file
 * names (01_Passport_Bio.pdf), people's names in Latin capitals and the product's name are not sentences.
 */
function englishRuns(text: string): string[] {
  const cleaned = text
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/\S+\.pdf\b/g, ' ')
    .replace(/\b[A-Z][A-Z'-]+(?: [A-Z][A-Z'-]+)*\b/g, ' ')
    .replace(/HQS Desk/g, ' ');
  return cleaned.match(/\b[A-Za-z][a-z]+(?:[ ,;:]+[A-Za-z][a-z]+){2,}/g) ?? [];
}

describe('a Russian or Chinese checklist holds no English', () => {
  for (const file of EXAMPLES) {
    it(`hqs checklist ${file.slice(file.lastIndexOf('/') + 1)} --lang zh: no English sentence (issuers included), and the Russian text governs`, async () => {
      const pdf = join(OUT, `${file.slice(file.lastIndexOf('/') + 1)}.zh.pdf`);
      expect((await run(checklistCommand, file, '--pdf', pdf, '--as-of', AS_OF, '--lang', 'zh')).code).toBe(0);
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
      expect(englishRuns(text)).toEqual([]);
      expect(squash(text)).toContain(squash('中文内容仅供参考，法律以俄文文本为准。'));
    });
    it(`hqs checklist ${file.slice(file.lastIndexOf('/') + 1)} --lang ru: no English sentence, footnotes in Russian with the official text`, async () => {
      const pdf = join(OUT, `${file.slice(file.lastIndexOf('/') + 1)}.ru.pdf`);
      expect((await run(checklistCommand, file, '--pdf', pdf, '--as-of', AS_OF, '--lang', 'ru')).code).toBe(0);
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
      expect(englishRuns(text)).toEqual([]);
      // Footnotes name the act in Russian and link its official text, never a research page.
      expect(text).toContain('Официальный текст');
      const hosts = [...text.matchAll(/https?:\/\/([^/\s]+)/g)].map((m) => m[1] as string);
      expect(hosts.length).toBeGreaterThan(0);
      for (const h of hosts)
        expect(h, h).toMatch(
          /(^|\.)(consultant\.ru|garant\.ru|pravo\.gov\.ru|kremlin\.ru|government\.ru|hcch\.net|sozd\.duma\.gov\.ru|cntd\.ru)$/,
        );
    });
  }
  it('the check finds an English sentence when there is one', () => {
    expect(englishRuns('Госпошлина: 960 руб. State duty is paid before filing.')).toEqual([
      'State duty is paid before filing',
    ]);
    expect(
      englishRuns('THOMAS MUELLER (Томас Мюллер) 01_Passport_Bio.pdf https://www.consultant.ru/document/x/'),
    ).toEqual([]);
  });
});

// ——— what the letters must not say ———

describe('letters state only what the evaluation supports', () => {
  it('a salary below the threshold: no threshold claim in the letter, and a warning on standard error', async () => {
    const doc = parseYaml(CHINESE_CASE) as { contract: { salary: { amount: number } } };
    doc.contract.salary.amount = 100000;
    const low = join(OUT, 'low-salary.json');
    writeFileSync(low, JSON.stringify(doc));
    const c = readCaseFile(low);
    const ev = evaluate(c);
    expect(ev.eligibility.threshold?.meets).toBe(false);
    const text = renderLetterText(composeLetter('employer-support', ev, { case: c, law: loadLaw(), lang: 'en' }));
    expect(text).not.toContain('meets the minimum salary');
    const r = await run(letterCommand, low, '--kind', 'employer-support', '--as-of', AS_OF);
    expect(r.code).toBe(0);
    expect(r.err).toContain('warning');
    const ok = renderLetterText(
      composeLetter('employer-support', evaluate(readCaseFile(chineseFile)), {
        case: readCaseFile(chineseFile),
        law: loadLaw(),
        lang: 'en',
      }),
    );
    expect(ok).toContain('meets the minimum salary');
  });

  it('bad usage names what is wrong', async () => {
    await expect(run(letterCommand, chineseFile, '--docx', join(OUT, 'x.docx'))).rejects.toThrow(/--kind is required/);
    await expect(run(letterCommand, chineseFile, '--kind', 'thanks')).rejects.toThrow(UsageError);
    await expect(run(checklistCommand, chineseFile, '--lang', 'de')).rejects.toThrow(
      /--lang: expected en or ru or zh, got "de"/,
    );
    await expect(run(obligationsCommand, chineseFile, '--ics', join(OUT, 'no-such-dir', 'x.ics'))).rejects.toThrow(
      /cannot write .*no-such-dir/,
    );
  });
});
