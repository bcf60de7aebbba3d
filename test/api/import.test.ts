// Spreadsheets in over HTTP (issue 14), on PGlite: an upload becomes a job that reads and checks the file
// with progress; its preview names each problem at its row and column (in ru or en, with a code and its
// values); the mapping is changed and saved for the organization; the commit writes every case without
// errors, and importing the same file again changes nothing (a changed cell is an audited update);
// cancel and discard; the template; refusals with codes. And POST /cases naming a passport that is
// already in another open case (409 passport.duplicate) unless told to go ahead.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCase, PASSWORD } from '../store/fixtures.ts';
import { agencyRows, HEADERS_RU, PORTFOLIO_PROBLEMS, portfolioRows, writeAgencyXlsx } from '../sheets/generate.ts';
import { addMember, Client, isProblem, startApi, type ApiEnv, type Res } from './harness.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('spreadsheet import over HTTP', () => {
  let env: ApiEnv;
  let owner: Client;
  let viewer: Client;
  let dir: string;
  let file: Buffer;
  const CASES = 30;

  const upload = (c: Client, bytes: Buffer, q = 'fileName=register.xlsx&lang=ru') =>
    c.post(`/api/v1/imports?${q}`, { body: bytes, type: XLSX });
  /** Polls the job until it leaves `reading` / `committing`. */
  const settle = async (c: Client, id: string, q = ''): Promise<Res> => {
    for (let i = 0; i < 600; i++) {
      const r = await c.get(`/api/v1/imports/${id}${q}`);
      if (r.status !== 200 || (r.body.state !== 'reading' && r.body.state !== 'committing')) return r;
      await new Promise((ok) => setTimeout(ok, 50));
    }
    throw new Error(`import ${id} did not settle`);
  };
  const rowsOf = async (id: string, q = ''): Promise<Res> => owner.get(`/api/v1/imports/${id}/rows?limit=500${q}`);

  beforeAll(async () => {
    env = await startApi('pglite');
    owner = new Client(env.url);
    await owner.post('/api/v1/setup', { json: { email: 'own@i.example', password: PASSWORD, orgName: 'Import' } });
    expect((await owner.login('own@i.example', PASSWORD)).status).toBe(200);
    await addMember(owner, 'vic@i.example', 'viewer');
    viewer = new Client(env.url);
    expect((await viewer.login('vic@i.example', PASSWORD)).status).toBe(200);
    dir = mkdtempSync(join(tmpdir(), 'hqs-import-api-'));
    await writeAgencyXlsx(join(dir, 'register.xlsx'), portfolioRows(CASES));
    file = readFileSync(join(dir, 'register.xlsx'));
  }, 180_000);
  afterAll(async () => {
    await env?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('serves the template in ru and en: the columns and an example family', async () => {
    for (const [lang, header] of [
      ['ru', 'ФИО (лат.)'],
      ['en', 'Name (Latin)'],
    ] as const) {
      const r = await owner.get(`/api/v1/imports/template?lang=${lang}`);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-disposition')).toContain(`hqs-import-template-${lang}.xlsx`);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(r.bytes as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      const headers = (ws.getRow(1).values as unknown[]).slice(1);
      expect(headers).toContain(header);
      expect(ws.rowCount).toBeGreaterThanOrEqual(3); // the headers, a principal and a spouse
    }
  });

  it('previews an upload: auto-mapped Russian headers, per-row actions, each problem at its row and column', async () => {
    const started = await upload(owner, file);
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    expect(started.body).toMatchObject({ fileName: 'register.xlsx', bytes: file.length, mappingName: null });
    const job = await settle(owner, started.body.jobId);
    expect(job.body.state, JSON.stringify(job.body)).toBe('ready');
    const p = job.body.preview;
    expect(p.columns.map((c: { header: string }) => c.header)).toEqual(HEADERS_RU);
    expect(p.columns.find((c: { header: string }) => c.header === 'ИНН')).toMatchObject({
      letter: 'K',
      field: 'employer.inn',
      source: 'auto',
    });
    expect(p.rows).toBe([...agencyRows(CASES)].length);
    expect(p.counts).toEqual({ create: CASES - 3, update: 0, unchanged: 0, invalid: 3 });
    expect(job.body.progress.rows).toBe(p.rows);
    // Every problem named at its row and column, in Russian, with its code and values.
    const bad = await rowsOf(started.body.jobId, '&only=errors');
    const byCode = new Map<string, { row: number; letter?: string; message: string; params: object }>();
    for (const r of bad.body.items) for (const x of r.problems) byCode.set(x.code, x);
    expect([...byCode.keys()].sort()).toEqual(['date.unreal', 'inn.checksum', 'passport.duplicate']);
    expect(byCode.get('inn.checksum')).toMatchObject({ letter: 'K', message: expect.stringMatching(/ИНН/) });
    expect(byCode.get('date.unreal')).toMatchObject({ letter: 'I', params: { value: '31.02.1990' } });
    expect(byCode.get('passport.duplicate')).toMatchObject({ letter: 'F' });
    // The same rows worded in English on asking.
    const en = await rowsOf(started.body.jobId, '&only=errors&lang=en');
    const inn = en.body.items.flatMap((r: { problems: { code: string; message: string }[] }) => r.problems);
    expect(inn.find((x: { code: string }) => x.code === 'inn.checksum').message).toMatch(/check digits/);
    // A dd.mm.yyyy text date is read as a date: no problem on case 7's row; its row will be created.
    const all = await rowsOf(started.body.jobId);
    expect(all.body.total).toBe(p.rows);
    const seventh = all.body.items.find(
      (r: { cells: Record<string, string> }) => r.cells.A === `AG-0000${PORTFOLIO_PROBLEMS.textDate}`,
    );
    expect(seventh).toMatchObject({ action: 'create', principal: true, problems: [], cells: { I: '14.05.1988' } });
    const child = all.body.items.find((r: { cells: Record<string, string> }) => r.cells.B === 'Сын');
    expect(child).toMatchObject({ action: 'create', principal: false });
    expect((await owner.del(`/api/v1/imports/${started.body.jobId}`)).status).toBe(204);
  });

  it('re-previews with a changed mapping and saves it for the organization; the next upload applies it', async () => {
    const started = await upload(owner, file);
    const id = started.body.jobId;
    const ready = await settle(owner, id);
    const mapping = ready.body.preview.mapping;
    // Without the work region column, every case lacks a region: a file-level error.
    const noRegion = await owner.put(`/api/v1/imports/${id}/mapping`, {
      json: { ...mapping, columns: { ...mapping.columns, 'Регион работы': null } },
    });
    expect(noRegion.status).toBe(202);
    const again = await settle(owner, id);
    expect(again.body.preview.counts.create).toBe(0);
    expect(again.body.preview.fileProblems.map((x: { code: string }) => x.code)).toContain('mapping.regionMissing');
    // A default region puts them back.
    const withDefault = {
      ...mapping,
      columns: { ...mapping.columns, 'Регион работы': null },
      defaults: { regions: ['RU-SPE'] },
    };
    await owner.put(`/api/v1/imports/${id}/mapping`, { json: withDefault });
    expect((await settle(owner, id)).body.preview.counts.create).toBe(CASES - 3);
    // A mapping naming an unknown field is refused, naming it.
    const wrong = await owner.put(`/api/v1/imports/${id}/mapping`, {
      json: { ...mapping, columns: { ИНН: 'employer.tax' } },
    });
    expect(isProblem(wrong, 422)).toBe(true);
    expect(wrong.body.code).toBe('import.badMapping');
    expect(wrong.body.errors[0].path).toBe('columns.ИНН');
    // Saved as the organization's default: the next upload applies it by itself.
    const saved = await owner.post('/api/v1/import-mappings', { json: { name: 'default', mapping: withDefault } });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect((await owner.get('/api/v1/import-mappings')).body.map((m: { name: string }) => m.name)).toEqual(['default']);
    expect(isProblem(await viewer.post('/api/v1/import-mappings', { json: { name: 'x', mapping } }), 403)).toBe(true);
    const next = await upload(owner, file);
    expect(next.body.mappingName).toBe('default');
    const nextReady = await settle(owner, next.body.jobId);
    expect(nextReady.body.preview.columns.find((c: { header: string }) => c.header === 'Регион работы').field).toBe(
      null,
    );
    expect(nextReady.body.preview.fileProblems).toEqual([]); // the saved mapping's headers all match
    await owner.del(`/api/v1/imports/${next.body.jobId}`);
    await owner.del(`/api/v1/imports/${id}`);
    // Back to automatic mapping for the rest of the file.
    await owner.post('/api/v1/import-mappings', {
      json: { name: 'default', mapping: { format: 'hqs-import-mapping/1', columns: {} } },
    });
  });

  it('commits: cases without errors are written; the same file again changes nothing; a changed cell is an audited update', async () => {
    const first = await upload(owner, file);
    await settle(owner, first.body.jobId);
    const committing = await owner.post(`/api/v1/imports/${first.body.jobId}/commit`);
    expect(committing.status, JSON.stringify(committing.body)).toBe(202);
    const done = await settle(owner, first.body.jobId);
    expect(done.body.state, JSON.stringify(done.body)).toBe('done');
    expect(done.body.result).toMatchObject({ created: CASES - 3, updated: 0, skipped: 3, failed: [], aborted: false });
    const listed = await owner.get('/api/v1/cases?limit=100');
    expect(listed.body.total).toBe(CASES - 3);
    // Rows now link to the cases written.
    const rows = await rowsOf(first.body.jobId);
    expect(rows.body.items.filter((r: { caseId: string | null }) => r.caseId).length).toBeGreaterThan(CASES);
    // A second commit of a finished job is refused with a code.
    const twice = await owner.post(`/api/v1/imports/${first.body.jobId}/commit`);
    expect(isProblem(twice, 409)).toBe(true);
    expect(twice.body).toMatchObject({ code: 'import.notReady', params: { state: 'done' } });

    // The same file again: every case unchanged, nothing written.
    const second = await upload(owner, file);
    const same = await settle(owner, second.body.jobId);
    expect(same.body.preview.counts).toEqual({ create: 0, update: 0, unchanged: CASES - 3, invalid: 3 });
    await owner.post(`/api/v1/imports/${second.body.jobId}/commit`);
    expect((await settle(owner, second.body.jobId)).body.result).toMatchObject({ created: 0, updated: 0 });
    expect((await owner.get('/api/v1/cases?limit=100')).body.total).toBe(CASES - 3);

    // One salary changed: that case is an update, the change shown at its cell, audited when written.
    const changed = [...portfolioRows(CASES)].map((r) =>
      r[0] === 'AG-00002' && r[1] === 'ВКС' ? r.with(12, 999000) : r,
    );
    await writeAgencyXlsx(join(dir, 'changed.xlsx'), changed);
    const third = await upload(owner, readFileSync(join(dir, 'changed.xlsx')));
    const upd = await settle(owner, third.body.jobId);
    expect(upd.body.preview.counts).toMatchObject({ create: 0, update: 1, unchanged: CASES - 4 });
    const updRows = await rowsOf(third.body.jobId);
    const row = updRows.body.items.find((r: { action: string }) => r.action === 'update');
    expect(row.changes).toEqual([
      expect.objectContaining({ letter: 'M', column: 'Зарплата', path: 'contract.salary.amount', after: 999000 }),
    ]);
    await owner.post(`/api/v1/imports/${third.body.jobId}/commit`);
    expect((await settle(owner, third.body.jobId)).body.result).toMatchObject({ updated: 1, created: 0 });
    const audit = await owner.get(`/api/v1/audit?action=case.import.update&entity=case&entityId=${row.caseId}`);
    expect(audit.body.items[0].details).toMatchObject({ import: 'register.xlsx', changed: ['contract.salary.amount'] });
  });

  it('cancels a job: reading stops, nothing is written; discarded and unknown jobs are 404 with a code', async () => {
    const big = join(dir, 'big.xlsx');
    await writeAgencyXlsx(big, agencyRows(3000));
    const started = await upload(owner, readFileSync(big), 'fileName=big.xlsx');
    const cancelled = await owner.post(`/api/v1/imports/${started.body.jobId}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.state).toBe('cancelled');
    const after = await settle(owner, started.body.jobId);
    expect(after.body.state).toBe('cancelled');
    expect(after.body.preview).toBeUndefined();
    const commit = await owner.post(`/api/v1/imports/${started.body.jobId}/commit`);
    expect(commit.body.code).toBe('import.notReady');
    expect((await owner.del(`/api/v1/imports/${started.body.jobId}`)).status).toBe(204);
    const gone = await owner.get(`/api/v1/imports/${started.body.jobId}`);
    expect(isProblem(gone, 404)).toBe(true);
    expect(gone.body).toMatchObject({ code: 'import.unknownJob' });
    const unknown = await owner.post('/api/v1/imports/00000000-0000-4000-8000-000000000000/commit');
    expect(isProblem(unknown, 404)).toBe(true);
    expect(unknown.body.code).toBe('import.unknownJob');
    expect((await owner.get('/api/v1/cases?limit=1')).body.total).toBe(CASES - 3);
  });

  it('cancels a commit between cases: what was written stays whole, the rest is not written', async () => {
    const big = join(dir, 'commit.xlsx');
    await writeAgencyXlsx(
      big,
      [...agencyRows(1200)].map((r) => r.with(0, `CX-${String(r[0])}`).with(5, r[5] ? `X${String(r[5])}` : null)),
    );
    const started = await upload(owner, readFileSync(big), 'fileName=commit.xlsx');
    const ready = await settle(owner, started.body.jobId);
    expect(ready.body.preview.counts.create).toBe(1200);
    const before = (await owner.get('/api/v1/cases?limit=1')).body.total;
    await owner.post(`/api/v1/imports/${started.body.jobId}/commit`);
    // Once the first batch is written (the server answers while it writes), stop it.
    for (;;) {
      const j = await owner.get(`/api/v1/imports/${started.body.jobId}`);
      expect(j.body.state).toBe('committing');
      if (j.body.progress.done > 0) break;
      await new Promise((ok) => setTimeout(ok, 10));
    }
    const stop = await owner.post(`/api/v1/imports/${started.body.jobId}/cancel`);
    expect(stop.status).toBe(200);
    const end = await settle(owner, started.body.jobId);
    expect(end.body.state).toBe('cancelled');
    expect(end.body.result.aborted).toBe(true);
    expect(end.body.result.created).toBeLessThan(1200);
    const total = (await owner.get('/api/v1/cases?limit=1')).body.total;
    expect(total).toBe(before + end.body.result.created);
  }, 120_000);

  it('refuses what it cannot take, each with a code', async () => {
    const xls = await upload(owner, Buffer.from('not really'), 'fileName=old.xls');
    expect(isProblem(xls, 422)).toBe(true);
    expect(xls.body.code).toBe('import.oldExcel');
    const pdf = await upload(owner, Buffer.from('%PDF'), 'fileName=scan.pdf');
    expect(pdf.body.code).toBe('import.notSheet');
    const empty = await upload(owner, Buffer.alloc(0), 'fileName=empty.csv');
    expect(isProblem(empty, 422)).toBe(true);
    const tooBig = await upload(owner, Buffer.alloc(21 * 1024 * 1024, 0x41), 'fileName=huge.csv');
    expect(isProblem(tooBig, 413)).toBe(true);
    expect(tooBig.body.detail).toMatch(/20 MB/);
    // Sent in chunks without a length: counted as it is written to disk, never buffered; 413 with a code.
    let sent = 0;
    const chunk = Buffer.alloc(1024 * 1024, 0x41);
    const chunked = new ReadableStream<Uint8Array>({
      pull(ctl) {
        if (sent >= 22) return ctl.close();
        sent++;
        ctl.enqueue(chunk);
      },
    });
    const streamed = await fetch(`${env.url}/api/v1/imports?fileName=huge.csv`, {
      method: 'POST',
      body: chunked,
      duplex: 'half',
      headers: { cookie: owner.cookie!, 'x-csrf-token': owner.csrf!, 'content-type': 'text/csv' },
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(await streamed.json()).toMatchObject({ code: 'import.tooLarge', params: { max: 20 * 1024 * 1024 } });
    expect(isProblem(await upload(viewer, file), 403)).toBe(true);
    // A file that is not a spreadsheet inside: the job fails, saying why.
    const broken = await upload(owner, Buffer.from('PK\u0003\u0004 broken zip'), 'fileName=broken.xlsx');
    const failed = await settle(owner, broken.body.jobId);
    expect(failed.body.state).toBe('failed');
    expect(failed.body.error).toMatchObject({
      code: 'import.unreadable',
      message: expect.stringMatching(/broken\.xlsx/),
    });
  });
});

describe('POST /cases: a passport already in another open case', () => {
  let env: ApiEnv;
  let owner: Client;

  beforeAll(async () => {
    env = await startApi('pglite');
    owner = new Client(env.url);
    await owner.post('/api/v1/setup', { json: { email: 'own@d.example', password: PASSWORD, orgName: 'Dup' } });
    expect((await owner.login('own@d.example', PASSWORD)).status).toBe(200);
  }, 60_000);
  afterAll(async () => {
    await env?.close();
  });

  it('is named (409 passport.duplicate with the other case) unless allowDuplicatePassport=true; closed cases do not count', async () => {
    const first = await owner.post('/api/v1/cases', { json: makeCase(1) });
    expect(first.status).toBe(201);
    const again = { ...makeCase(2), people: makeCase(1).people };
    const dup = await owner.post('/api/v1/cases', { json: again });
    expect(isProblem(dup, 409)).toBe(true);
    expect(dup.body).toMatchObject({
      code: 'passport.duplicate',
      params: { caseId: first.body.caseId, caseRef: 'case-1', caseName: 'PRINCIPAL 1', person: 'p1' },
    });
    expect(dup.body.params.cases).toHaveLength(2); // the principal's and the spouse's passports
    expect(dup.body.detail).toMatch(/allowDuplicatePassport=true/);
    expect((await owner.get('/api/v1/cases')).body.total).toBe(1);
    // A passport kept as a document counts too.
    const asDoc = makeCase(3) as unknown as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    asDoc.documents = [{ type: 'passport', person: 'p3', country: 'CN', number: 'E 1234 5679' }];
    expect((await owner.post('/api/v1/cases', { json: asDoc })).body.code).toBe('passport.duplicate');
    // Told to go ahead, it is created.
    const anyway = await owner.post('/api/v1/cases?allowDuplicatePassport=true', { json: again });
    expect(anyway.status, JSON.stringify(anyway.body)).toBe(201);
    // Both closed: the passport is in no open case, and a new case with it is created.
    for (const id of [first.body.caseId, anyway.body.caseId])
      expect((await owner.patch(`/api/v1/cases/${id}`, { json: { status: 'closed' } })).status).toBe(200);
    expect((await owner.post('/api/v1/cases', { json: { ...makeCase(4), people: makeCase(1).people } })).status).toBe(
      201,
    );
  });
});
