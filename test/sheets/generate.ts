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
