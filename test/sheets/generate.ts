// Agency-style spreadsheets for the import tests and the benchmark: one row per person, Russian headers,
// a principal and (every third case) a spouse and a child on the rows below, tied by «ID дела».
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { innWithCheckDigits } from '../../src/case/inn.ts';

export const HEADERS_RU = [
  'ID дела',
  'Роль',
  'ФИО (лат.)',
  'ФИО',
  'Гражданство',
  'Паспорт №',
  'Дата выдачи паспорта',
  'Срок действия паспорта',
  'Дата рождения',
  'Работодатель',
  'ИНН',
  'Должность',
  'Зарплата',
  'Дата начала работы',
  'Регион работы',
  'РНР выдано',
  'РНР действует до',
  'Дата въезда',
];

const COUNTRIES = ['Китай', 'Индия', 'Узбекистан', 'Турция', 'Германия', 'CN', 'Vietnam'];
const utc = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** The rows of `cases` cases (dates as Date cells); `rowsOf` counts them. */
export function* agencyRows(cases: number): Generator<(string | number | Date | null)[]> {
  for (let i = 1; i <= cases; i++) {
    const id = `AG-${String(i).padStart(5, '0')}`;
    const inn = innWithCheckDigits(String(770700000 + (i % 40)));
    const country = COUNTRIES[i % COUNTRIES.length]!;
    const y = 1970 + (i % 30);
    yield [
      id,
      'ВКС',
      `PRINCIPAL ${i} SURNAME`,
      `Работник ${i}`,
      country,
      `P${String(1000000 + i)}`,
      utc('2020-01-10'),
      utc('2031-01-09'),
      utc(`${y}-0${1 + (i % 9)}-1${i % 9}`),
      `ООО «Работодатель ${i % 40}»`,
      inn,
      'Инженер',
      300000 + (i % 10) * 10000,
      utc('2026-04-01'),
      'Москва',
      utc('2026-02-06'),
      utc('2029-03-31'),
      utc('2026-03-10'),
    ];
    if (i % 3 === 0) {
      yield [
        id,
        'Супруга',
        `SPOUSE ${i}`,
        null,
        country,
        `S${String(1000000 + i)}`,
        utc('2021-03-01'),
        utc('2031-02-28'),
        utc(`${y + 1}-02-01`),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        utc('2026-03-10'),
      ];
      yield [
        id,
        'Сын',
        `CHILD ${i}`,
        null,
        country,
        null,
        null,
        null,
        utc('2015-09-01'),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
      ];
    }
  }
}

/** Writes an .xlsx with the streaming writer (shared strings off, as a big file would be). */
export async function writeAgencyXlsx(
  file: string,
  rows: Iterable<(string | number | Date | null)[]>,
  headers = HEADERS_RU,
): Promise<number> {
  const out = createWriteStream(file);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet('Сотрудники');
  ws.columns = headers.map((h, i) => ({
    header: h,
    key: String(i),
    width: 16,
    ...(/дата|срок|до$|выдано/i.test(h) ? { style: { numFmt: 'dd.mm.yyyy' } } : {}),
  }));
  let n = 0;
  for (const r of rows) {
    ws.addRow(r).commit();
    n++;
  }
  ws.commit();
  await wb.commit();
  await finished(out).catch(() => {});
  return n;
}

/** Where portfolioRows puts its problems (case numbers; each a principal's row). */
export const PORTFOLIO_PROBLEMS = { badInn: 5, textDate: 7, noSuchDate: 11, duplicateOf: 12, duplicate: 13 } as const;

/**
 * agencyRows with what a real register has wrong: case 5's INN fails its check digits, case 7's birth
 * date is text in dd.mm.yyyy (read as is), case 11's is 31.02.1990 (no such date), case 13's principal
 * carries case 12's passport (country and number).
 */
export function* portfolioRows(cases: number): Generator<(string | number | Date | null)[]> {
  const P = PORTFOLIO_PROBLEMS;
  const principalOf = (id: string) => Number(id.slice(3));
  let original: (string | number | Date | null)[] | undefined;
  for (const row of agencyRows(cases)) {
    const r = [...row];
    if (r[1] === 'ВКС') {
      if (principalOf(String(r[0])) === P.duplicateOf) original = row;
      const n = principalOf(String(r[0]));
      if (n === P.badInn) {
        const inn = String(r[10]);
        r[10] = inn.slice(0, -1) + String((Number(inn.slice(-1)) + 1) % 10);
      }
      if (n === P.textDate) r[8] = '14.05.1988';
      if (n === P.noSuchDate) r[8] = '31.02.1990';
      if (n === P.duplicate && original) {
        r[4] = original[4]!; // the same citizenship and passport number: the same passport
        r[5] = original[5]!;
      }
    }
    yield r;
  }
}
