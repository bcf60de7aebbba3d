// Spreadsheet import without the store: a 300-row .xlsx with Russian headers and families, where each
// problem is named at its row and column; a Windows-1251 CSV with `;`; Excel serial dates; the CLI dry run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { loadLaw } from '../../src/law/node.ts';
import { previewImport, type ImportPreview } from '../../src/sheets/index.ts';
import { importCommand } from '../../src/cli/commands/import.ts';
import type { Io } from '../../src/cli/main.ts';
import { agencyRows, HEADERS_RU, writeAgencyXlsx } from './generate.ts';

const law = loadLaw();
const TODAY = '2026-11-21';
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hqs-sheets-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const col = (h: string) => HEADERS_RU.indexOf(h);

describe('a 300-row .xlsx with Russian headers, families and mistakes', () => {
  let p: ImportPreview;
  beforeAll(async () => {
    // 150 cases: principals, and spouses and sons on the rows below every third one — 250 rows; then 50 more cases.
    const rows = [...agencyRows(180)].slice(0, 300);
    // Row numbers in the sheet: the header is row 1, rows[i] is row i + 2.
    rows[5]![col('ИНН')] = '7707083894'; // row 7 (a principal's): a bad check digit
    rows[9]![col('Дата рождения')] = '14.05.1988'; // row 11: text dd.mm.yyyy — read, not an error
    rows[12]![col('Дата рождения')] = '05/06/1988'; // row 14: day and month either way
    rows[20]![col('Паспорт №')] = rows[0]![col('Паспорт №')] as string; // row 22: the passport of row 2
    rows[20]![col('Гражданство')] = rows[0]![col('Гражданство')] as string;
    rows[30]![col('Гражданство')] = 'Атлантида'; // row 32
    rows[40]![col('ФИО (лат.)')] = null; // row 42: only the Cyrillic «ФИО»
    await writeAgencyXlsx(join(dir, 'agency.xlsx'), rows);
    p = await previewImport({ path: join(dir, 'agency.xlsx') }, { law, lang: 'ru', today: TODAY });
  });

  const at = (row: number) => p.errors.filter((e) => e.row === row).map((e) => ({ column: e.column, code: e.code }));

  it('counts rows and cases; families are one case with their principal', () => {
    expect(p.rows).toBe(300);
    expect(p.file.format).toBe('xlsx');
    const family = p.drafts.find((d) => d.key === 'id:AG-00003')!;
    expect(family.rows).toEqual([4, 5, 6]);
    expect(family.case?.people.map((x) => [x.role, x.relation ?? null])).toEqual([
      ['principal', null],
      ['family', 'spouse'],
      ['family', 'child'],
    ]);
    expect(p.cases).toBe(p.drafts.length);
    expect(p.valid).toBe(p.drafts.filter((d) => d.case).length);
  });

  it('names each problem at its row and column, in Russian', () => {
    expect(at(7)).toEqual([{ column: 'ИНН', code: 'inn.checksum' }]);
    expect(at(14)).toEqual([{ column: 'Дата рождения', code: 'date.ambiguous' }]);
    expect(at(22)).toEqual([{ column: 'Паспорт №', code: 'passport.duplicate' }]);
    expect(p.errors.find((e) => e.row === 22)!.message).toMatch(/уже есть в строке 2/);
    expect(at(32)).toEqual([{ column: 'Гражданство', code: 'country.unknown' }]);
    expect(at(42)).toEqual([{ column: 'ФИО', code: 'name.latinMissing' }]);
    expect(p.errors.every((e) => e.column !== null)).toBe(true);
  });

  it('reads dd.mm.yyyy text and date cells alike', () => {
    expect(at(11)).toEqual([]);
    const d = p.drafts.find((x) => x.rows.includes(11))!;
    expect(d.case!.people.find((x) => x.birthDate === '1988-05-14')).toBeDefined();
    expect(p.drafts.find((x) => x.key === 'id:AG-00001')!.case!.contract.start).toBe('2026-04-01');
  });

  it('a case with a bad row is refused whole; the others are ready', () => {
    const bad = p.drafts.filter((d) => d.errors.length > 0);
    expect(bad.every((d) => d.case === undefined)).toBe(true);
    expect(p.valid).toBe(p.cases - bad.length);
    expect(p.valid).toBeGreaterThan(150);
  });
});

it('a CSV in Windows-1251 with ";" and a title line above the headers', async () => {
  const text = [
    'Список ВКС на 01.12.2026',
    'ID дела;Роль;ФИО (лат.);Гражданство;Паспорт №;Дата выдачи паспорта;Срок действия паспорта;Дата рождения;Работодатель;ИНН;Должность;Зарплата;Дата начала работы;Регион работы',
    'K-1;ВКС;IVANOV IVAN;Узбекистан;FA 1234567;01.02.2020;31.01.2030;14.05.1988;"ООО ""Ромашка""; филиал";7707083893;Инженер;"450 000,00";01.04.2026;г. Москва',
    'K-1;Супруга;IVANOVA ANNA;Узбекистан;FA7654321;01.02.2020;31.01.2030;01.02.1990;;;;;;',
  ].join('\r\n');
  const file = join(dir, 'cp1251.csv');
  writeFileSync(file, encode1251(text));
  const p = await previewImport({ path: file }, { law, lang: 'en', today: TODAY });
  expect(p.file).toMatchObject({ format: 'csv', encoding: 'windows-1251', delimiter: ';' });
  expect(p.headerRow).toBe(2);
  expect(p.errors).toEqual([]);
  const c = p.drafts[0]!.case!;
  expect(c.employer.name).toBe('ООО "Ромашка"; филиал');
  expect(c.contract.salary).toEqual({ amount: 450000, per: 'month' });
  expect(c.contract.regions).toEqual(['RU-MOW']);
  expect(c.people[0]!.passports).toEqual([
    { number: 'FA1234567', country: 'UZ', issued: '2020-02-01', expires: '2030-01-31' },
  ]);
  expect(c.people[1]!.relation).toBe('spouse');
});

/** Windows-1251 bytes of text (Cyrillic, ASCII and «»). */
function encode1251(s: string): Buffer {
  const table = new TextDecoder('windows-1251').decode(Uint8Array.from({ length: 256 }, (_, i) => i));
  const back = new Map([...table].map((ch, i) => [ch, i]));
  return Buffer.from([...s].map((ch) => back.get(ch) ?? 0x3f));
}

it('Excel serial numbers in date columns (no date format), and the 1900 leap-year bug', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('S');
  ws.addRow([
    'Name (Latin)',
    'Citizenship',
    'Date of birth',
    'Employer',
    'INN',
    'Position',
    'Salary',
    'Start date',
    'Region',
    'Passport No',
    'Passport issued',
    'Passport expires',
  ]);
  // 32277 = 1988-05-14; 46113 = 2026-04-01; 43840 = 2020-01-10; 47492 = 2030-01-09
  ws.addRow([
    'CHEN WEI',
    'CN',
    32277,
    'OOO Vektor',
    7707083893,
    'Engineer',
    450000,
    46113,
    'RU-MOW',
    'E123',
    43840,
    47492,
  ]);
  ws.addRow(['OLD MAN', 'CN', 60, 'OOO Vektor', 7707083893, 'Engineer', 450000, 46113, 'RU-MOW', 'E124', 43840, 47492]);
  const file = join(dir, 'serial.xlsx');
  await wb.xlsx.writeFile(file);
  const p = await previewImport({ path: file }, { law, lang: 'en', today: TODAY });
  const c = p.drafts.find((d) => d.rows.includes(2))!.case!;
  expect(c.people[0]!.birthDate).toBe('1988-05-14');
  expect(c.contract.start).toBe('2026-04-01');
  expect(c.people[0]!.passports![0]).toMatchObject({ issued: '2020-01-10', expires: '2030-01-09' });
  expect(c.employer.inn).toBe('7707083893');
  expect(p.errors).toEqual([
    expect.objectContaining({
      row: 3,
      column: 'Date of birth',
      code: 'date.unreal',
      message: 'no such date: "29.02.1900"',
    }),
  ]);
});

function capture(): Io & { out_: string[]; err_: string[] } {
  const out_: string[] = [];
  const err_: string[] = [];
  return { out_, err_, out: (s) => out_.push(s), err: (s) => err_.push(s) };
}

it('hqs import --dry-run --format json prints rows, cases, valid and each error without a database', async () => {
  const file = join(dir, 'small.csv');
  writeFileSync(
    file,
    [
      'ID дела,Роль,ФИО (лат.),Гражданство,Паспорт №,Дата рождения,Работодатель,ИНН,Должность,Зарплата,Дата начала работы,Регион работы',
      'A-1,ВКС,CHEN WEI,Китай,E1,14.05.1988,ООО Вектор,7707083893,Инженер,450000,01.04.2026,Москва',
      'A-1,Дочь,CHEN XIAO,Китай,,01.09.15,,,,,,',
      'A-2,ВКС,LI NA,Китай,E2,01.02.1990,ООО Вектор,7707083894,Инженер,450000,01.04.2026,Москва',
    ].join('\n'),
  );
  const prev = process.env.HQS_DATA_DIR;
  process.env.HQS_DATA_DIR = join(dir, 'no-such-data'); // a dry run opens no database
  const io = capture();
  try {
    expect(await importCommand([file, '--dry-run', '--format', 'json', '--as-of', TODAY], io)).toBe(2);
  } finally {
    process.env.HQS_DATA_DIR = prev;
  }
  expect(JSON.parse(io.out_.join('\n'))).toEqual({
    rows: 3,
    cases: 2,
    valid: 0,
    errors: [
      { row: 3, column: 'Дата рождения', message: 'two-digit year in "01.09.15": write the year in full (dd.mm.yyyy)' },
      { row: 4, column: 'ИНН', message: 'INN 7707083894: the check digits do not match — check the number' },
    ],
    warnings: [2, 4].map((row) => ({
      row,
      column: 'Паспорт №',
      message: expect.stringMatching(/^no passport issue date/),
    })),
  });
});
