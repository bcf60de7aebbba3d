// Import into the store and export from it, on PGlite and on PostgreSQL: re-importing the same file writes
// nothing; a changed cell becomes an update with its audit entry; a saved mapping comes back; the export
// reads back with the same library — values, dates as dates, numbers as numbers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { IsoDate } from '../../src/calendar/date.ts';
import { loadLaw } from '../../src/law/node.ts';
import {
  commitImport,
  exportSheets,
  parseMapping,
  planImport,
  previewImport,
  type ImportPreview,
} from '../../src/sheets/index.ts';
import {
  getCase,
  getImportMapping,
  listAudit,
  listCases,
  listImportMappings,
  saveImportMapping,
  type Db,
} from '../../src/store/index.ts';
import { BACKENDS, startBackend, type TestBackend } from '../store/backends.ts';
import { makeOrg, testEngine, type Org } from '../store/fixtures.ts';
import { agencyRows, writeAgencyXlsx } from './generate.ts';

const law = loadLaw();
const AS_OF = '2026-11-21' as IsoDate;
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hqs-sheets-store-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const preview = (file: string): Promise<ImportPreview> =>
  previewImport({ path: file }, { law, lang: 'ru', today: AS_OF });

describe.each(BACKENDS)('import and export on %s', (backendName) => {
  let backend: TestBackend;
  let db: Db;
  let A: Org;
  const evaluate = { engine: testEngine(), asOf: AS_OF };

  beforeAll(async () => {
    backend = await startBackend(backendName);
    db = await backend.fresh();
    A = await makeOrg(db, `sheets-${backendName}`);
  }, 120_000);
  afterAll(async () => backend?.close());

  it('imports 30 cases, then the same file again changes nothing', async () => {
    const file = join(dir, `a-${backendName}.xlsx`);
    await writeAgencyXlsx(file, agencyRows(30));
    const first = await planImport(db, A.owner, await preview(file));
    expect(first.counts).toEqual({ create: 30, update: 0, unchanged: 0, invalid: 0 });
    const r1 = await commitImport(db, A.owner, first, { evaluate, today: AS_OF });
    expect(r1).toMatchObject({ created: 30, updated: 0, failed: [], aborted: false });
    expect((await listCases(db, A.owner, { limit: 1 })).total).toBe(30);

    const again = await planImport(db, A.owner, await preview(file));
    expect(again.counts).toEqual({ create: 0, update: 0, unchanged: 30, invalid: 0 });
    const r2 = await commitImport(db, A.owner, again, { evaluate, today: AS_OF });
    expect(r2).toMatchObject({ created: 0, updated: 0, unchanged: 30 });
    expect((await listCases(db, A.owner, { limit: 1 })).total).toBe(30);
  });

  it('a changed salary and a new daughter become updates with an audit entry; a row without case id is matched by passport', async () => {
    const rows = [...agencyRows(30)];
    const i = rows.findIndex((r) => r[0] === 'AG-00004');
    rows[i]![12] = 999000; // salary
    rows[i]![0] = null; // no case id: the principal's passport finds the case
    const j = rows.findIndex((r) => r[0] === 'AG-00005');
    const born = new Date('2020-05-05T00:00:00Z');
    rows.splice(j + 1, 0, [
      'AG-00005',
      'Дочь',
      'NEW DAUGHTER',
      null,
      'Китай',
      null,
      null,
      null,
      born,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
    const file = join(dir, `b-${backendName}.xlsx`);
    await writeAgencyXlsx(file, rows);
    const plan = await planImport(db, A.owner, await preview(file));
    expect(plan.counts).toEqual({ create: 0, update: 2, unchanged: 28, invalid: 0 });
    const salary = plan.items.find((x) => x.key.startsWith('passport:'))!;
    expect(salary.changes).toEqual([
      expect.objectContaining({ path: 'contract.salary.amount', before: 340000, after: 999000, column: 'Зарплата' }),
    ]);
    const daughter = plan.items.find((x) => x.key === 'id:AG-00005')!;
    expect(daughter.changes.map((c) => c.path)).toEqual(
      expect.arrayContaining(['people[1].id', 'people[1].relation', 'people[1].name.latin', 'people[1].birthDate']),
    );
    const r = await commitImport(db, A.owner, plan, { evaluate, today: AS_OF });
    expect(r).toMatchObject({ created: 0, updated: 2, failed: [] });
    const stored = await getCase(db, A.owner, salary.caseId!, { audit: false });
    expect(stored.case.contract.salary.amount).toBe(999000);
    expect(stored.externalId).toBe('AG-00004');
    expect(stored.version).toBe(2);
    const family = await getCase(db, A.owner, daughter.caseId!, { audit: false });
    expect(family.case.people.map((p) => [p.id, p.relation ?? null, p.name.latin])).toEqual([
      ['p1', null, 'PRINCIPAL 5 SURNAME'],
      ['p2', 'child', 'NEW DAUGHTER'],
    ]);
    const audit = await listAudit(db, A.owner, { entityId: salary.caseId!, action: 'case.import.update' });
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0]!.details).toMatchObject({
      import: `b-${backendName}.xlsx`,
      changed: ['contract.salary.amount'],
    });
    // The same file once more: nothing.
    const again = await planImport(db, A.owner, await preview(file));
    expect(again.counts).toEqual({ create: 0, update: 0, unchanged: 30, invalid: 0 });
  });

  it('a mapping saved for the organization comes back by name', async () => {
    const p = await preview(join(dir, `a-${backendName}.xlsx`));
    await saveImportMapping(db, A.owner, 'Агентство', p.mapping);
    await saveImportMapping(db, A.owner, 'агентство', { ...p.mapping, defaults: { regions: ['RU-SPE'] } });
    expect((await listImportMappings(db, A.owner)).map((m) => m.name)).toEqual(['агентство']);
    const m = parseMapping((await getImportMapping(db, A.owner, 'АГЕНТСТВО')).mapping);
    expect(m.columns['ИНН']).toBe('employer.inn');
    expect(m.defaults).toEqual({ regions: ['RU-SPE'] });
  });

  it('exports cases, deadlines, findings and the audit log; read back: values, dates as dates, numbers as numbers', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const r = await exportSheets(db, A.owner, out, {
      kinds: ['cases', 'deadlines', 'findings', 'audit'],
      format: 'xlsx',
      lang: 'ru',
      countries: law.countries,
      law,
      filters: { deadlines: { status: ['overdue', 'due', 'upcoming'] } },
    });
    expect(r.rows.cases).toBe(30);
    expect(r.rows.deadlines).toBeGreaterThan(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.concat(chunks) as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Дела', 'Сроки', 'Замечания', 'Журнал']);
    const cases = wb.getWorksheet('Дела')!;
    expect((cases.getRow(1).values as unknown[]).slice(1, 7)).toEqual([
      'ID дела',
      'ВКС (лат.)',
      'ВКС (кир.)',
      'Гражданство',
      'Работодатель',
      'Начало договора',
    ]);
    const row = [...Array(cases.rowCount - 1).keys()]
      .map((k) => cases.getRow(k + 2))
      .find((x) => x.getCell(1).value === 'AG-00001')!;
    expect(row.getCell(2).value).toBe('PRINCIPAL 1 SURNAME');
    expect(row.getCell(4).value).toBe('Индия');
    expect(row.getCell(6).value).toEqual(new Date('2026-04-01T00:00:00Z'));
    expect(row.getCell(6).numFmt).toBe('dd.mm.yyyy');
    expect(row.getCell(8).value).toBe('открыто');
    expect(typeof row.getCell(10).value).toBe('number');
    const deadlines = wb.getWorksheet('Сроки')!;
    const d = deadlines.getRow(2);
    expect(d.getCell(1).value).toBeInstanceOf(Date);
    expect(['просрочено', 'срок идёт', 'предстоит']).toContain(d.getCell(3).value);
    const findings = wb.getWorksheet('Замечания')!;
    for (let i = 2; i <= findings.rowCount; i++) {
      // The message is worded from the finding's code and params (renderFinding), in Russian.
      const message = String(findings.getRow(i).getCell(2).value);
      expect(message).not.toBe(findings.getRow(i).getCell(3).value);
      expect(message).toMatch(/[А-Яа-яЁё]/);
    }
    const audit = wb.getWorksheet('Журнал')!;
    expect(typeof audit.getRow(2).getCell(1).value).toBe('number');
    expect(audit.getRow(2).getCell(2).value).toBeInstanceOf(Date);

    // CSV: one table, `;` and dd.mm.yyyy for Russian Excel.
    const csv = new PassThrough();
    const parts: Buffer[] = [];
    csv.on('data', (c: Buffer) => parts.push(c));
    await exportSheets(db, A.owner, csv, { kinds: ['cases'], format: 'csv', lang: 'ru' });
    const text = Buffer.concat(parts).toString('utf8');
    expect(text.startsWith('\ufeffID дела;ВКС (лат.);')).toBe(true);
    expect(text).toMatch(/\nAG-00001;PRINCIPAL 1 SURNAME;Работник 1;IN;ООО «Работодатель 1»;01\.04\.2026;;открыто;/);
  });
});
