// Running a portfolio (issue 14) over HTTP on PGlite, one database for the file: the case list with each
// case's next deadline and overdue count, its filters and sorts; assignees (who may assign, to whom); a
// member limited to some employers, enforced by the database for reads and writes; bulk actions answered
// case by case; the portfolio's findings worded in the asked language. Every change audited.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeExpired } from '../../src/store/index.ts';
import { makeCase, PASSWORD } from '../store/fixtures.ts';
import { addMember, Client, isProblem, startApi, type ApiEnv, type Res } from './harness.ts';

const paths = (r: Res): string[] => (r.body.errors ?? []).map((e: { path: string }) => e.path);
const ids = (r: Res): string[] => r.body.items.map((c: { caseId: string }) => c.caseId);

describe('the portfolio: urgency, assignees, employer scopes, bulk actions, findings', () => {
  let env: ApiEnv;
  let owner: Client;
  let manager: Client;
  let scoped: Client;
  let viewer: Client;
  let managerId: string;
  let scopedId: string;
  let viewerId: string;
  /** Cases 1 and 2 of employer 1, case 3 of employer 2. */
  const cases: string[] = [];
  let employer1: string;
  let employer2: string;

  const audit = async (action: string, entityId?: string) =>
    (await owner.get(`/api/v1/audit?action=${action}${entityId ? `&entity=case&entityId=${entityId}` : ''}`)).body
      .items as { details: Record<string, unknown>; actor: string }[];

  beforeAll(async () => {
    env = await startApi('pglite');
    owner = new Client(env.url);
    await owner.post('/api/v1/setup', { json: { email: 'own@p.example', password: PASSWORD, orgName: 'Portfolio' } });
    expect((await owner.login('own@p.example', PASSWORD)).status).toBe(200);
    for (const [n, e] of [
      [1, 1],
      [2, 1],
      [3, 2],
    ] as const) {
      const r = await owner.post('/api/v1/cases', { json: makeCase(n, { employer: e, name: `PRINCIPAL ${n}` }) });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      cases.push(r.body.caseId);
    }
    employer1 = (await owner.get(`/api/v1/cases/${cases[0]}`)).body.employerId;
    employer2 = (await owner.get(`/api/v1/cases/${cases[2]}`)).body.employerId;
    managerId = await addMember(owner, 'max@p.example', 'manager');
    scopedId = await addMember(owner, 'sco@p.example', 'manager');
    viewerId = await addMember(owner, 'vic@p.example', 'viewer');
    manager = new Client(env.url);
    scoped = new Client(env.url);
    viewer = new Client(env.url);
    expect((await manager.login('max@p.example', PASSWORD)).status).toBe(200);
    expect((await viewer.login('vic@p.example', PASSWORD)).status).toBe(200);
    // Urgency from the stored obligations: case 2 has two overdue duties, case 3 a deadline in 5 days.
    const ob = (id: string) =>
      env.db.query<{ obligation_id: string }>(
        'SELECT obligation_id FROM obligations WHERE case_id = $1 ORDER BY obligation_id',
        [id],
      );
    const [a, b] = await ob(cases[1]!);
    expect(a && b).toBeTruthy();
    await env.db.query(
      `UPDATE obligations SET status = 'overdue', due = '2020-01-10' WHERE case_id = $1 AND obligation_id = ANY($2)`,
      [cases[1], [a!.obligation_id, b!.obligation_id]],
    );
    const [c3] = await ob(cases[2]!);
    await env.db.query(
      `UPDATE obligations SET status = 'upcoming', due = (now() AT TIME ZONE 'Europe/Moscow')::date + 5 WHERE case_id = $1 AND obligation_id = $2`,
      [cases[2], c3!.obligation_id],
    );
    await env.db.query(
      `UPDATE obligations SET status = 'done' WHERE NOT (case_id = $1 AND obligation_id = ANY($2)) AND NOT (case_id = $3 AND obligation_id = $4)`,
      [cases[1], [a!.obligation_id, b!.obligation_id], cases[2], c3!.obligation_id],
    );
  }, 120_000);

  afterAll(async () => {
    await env?.close();
  });

  it('lists each case with its next deadline and overdue count, and sorts by them', async () => {
    const r = await manager.get('/api/v1/cases?sort=overdue');
    expect(r.status).toBe(200);
    expect(ids(r)).toEqual([cases[1], cases[2], cases[0]]);
    const byId = Object.fromEntries(r.body.items.map((c: { caseId: string }) => [c.caseId, c]));
    expect(byId[cases[1]!]).toMatchObject({ overdue: 2, nextDeadline: '2020-01-10', assignee: null });
    expect(byId[cases[0]!]).toMatchObject({ overdue: 0, nextDeadline: null });
    expect(['eligible', 'ineligible', 'review']).toContain(byId[cases[0]!].eligibility);
    const next = await manager.get('/api/v1/cases?sort=next-deadline');
    expect(ids(next)).toEqual([cases[1], cases[2], cases[0]]);
    const name = await manager.get('/api/v1/cases?sort=name');
    expect(ids(name)).toEqual(cases);
  });

  it('filters by due, employer, eligibility, citizenship and finding code; names a bad parameter', async () => {
    expect(ids(await manager.get('/api/v1/cases?due=overdue'))).toEqual([cases[1]]);
    expect(ids(await manager.get('/api/v1/cases?due=7&sort=next-deadline'))).toEqual([cases[1], cases[2]]);
    expect(ids(await manager.get(`/api/v1/cases?employer=${employer2}`))).toEqual([cases[2]]);
    const citizenship = makeCase(1).people[0]!.citizenships[0]!;
    expect((await manager.get(`/api/v1/cases?citizenship=${citizenship}`)).body.total).toBe(3);
    expect((await manager.get('/api/v1/cases?citizenship=ZZ')).body.total).toBe(0);
    const eligibility = (await manager.get('/api/v1/cases')).body.items[0].eligibility as string;
    expect((await manager.get(`/api/v1/cases?eligibility=${eligibility}`)).body.total).toBeGreaterThan(0);
    const code = (
      await env.db.query<{ code: string }>(
        `SELECT x ->> 'code' AS code FROM evaluations v, jsonb_array_elements(v.summary -> 'findings') x LIMIT 1`,
      )
    )[0]?.code;
    if (code) expect((await manager.get(`/api/v1/cases?finding=${code}`)).body.total).toBeGreaterThan(0);
    expect((await manager.get('/api/v1/cases?finding=no-such-code')).body.total).toBe(0);
    for (const [q, field] of [
      ['due=soon', 'due'],
      ['due=99999', 'due'],
      ['sort=urgent', 'sort'],
      ['assignee=someone', 'assignee'],
      ['eligibility=maybe', 'eligibility'],
    ]) {
      const bad = await manager.get(`/api/v1/cases?${q}`);
      expect(isProblem(bad, 422), q).toBe(true);
      expect(paths(bad)).toEqual([field]);
    }
  });

  it('assigns a case to a member (owner or manager), filters by assignee, clears it; audited case.assign', async () => {
    const r = await manager.put(`/api/v1/cases/${cases[0]}/assignee`, { json: { assignee: managerId } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.assignee).toEqual({ userId: managerId, email: 'max@p.example', name: null });
    const version = r.body.version;
    expect((await manager.get(`/api/v1/cases/${cases[0]}`)).body.version).toBe(version); // not a document change
    expect(ids(await manager.get('/api/v1/cases?assignee=me'))).toEqual([cases[0]]);
    expect(ids(await owner.get(`/api/v1/cases?assignee=${managerId}`))).toEqual([cases[0]]);
    expect((await owner.get('/api/v1/cases?assignee=none')).body.total).toBe(2);
    const entries = await audit('case.assign', cases[0]);
    expect(entries[0]!.details).toMatchObject({ from: null, to: managerId });

    // A viewer may not assign; a viewer is not an assignee; nor is a stranger.
    const byViewer = await viewer.put(`/api/v1/cases/${cases[0]}/assignee`, { json: { assignee: null } });
    expect(isProblem(byViewer, 403)).toBe(true);
    const toViewer = await owner.put(`/api/v1/cases/${cases[0]}/assignee`, { json: { assignee: viewerId } });
    expect(isProblem(toViewer, 422)).toBe(true);
    expect(paths(toViewer)).toEqual(['assignee']);
    const stranger = await owner.put(`/api/v1/cases/${cases[0]}/assignee`, {
      json: { assignee: '00000000-0000-4000-8000-000000000001' },
    });
    expect(paths(stranger)).toEqual(['assignee']);
    const notUuid = await owner.put(`/api/v1/cases/${cases[0]}/assignee`, { json: { assignee: 'max' } });
    expect(isProblem(notUuid, 422)).toBe(true);
    expect(paths(notUuid)).toEqual(['assignee']);

    const cleared = await owner.put(`/api/v1/cases/${cases[0]}/assignee`, { json: { assignee: null } });
    expect(cleared.body.assignee).toBeNull();
  });

  it('limits a manager to some employers: reads and writes of other cases are refused by the database', async () => {
    const set = await owner.patch(`/api/v1/members/${scopedId}`, { json: { employerScope: [employer1] } });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.employerScope).toEqual([employer1]);
    expect((await audit('member.scope'))[0]!.details).toEqual({ employers: [employer1] });
    expect((await scoped.login('sco@p.example', PASSWORD)).status).toBe(200);
    expect(ids(await scoped.get('/api/v1/cases?sort=name'))).toEqual([cases[0], cases[1]]);
    expect((await scoped.get(`/api/v1/cases/${cases[2]}`)).status).toBe(404);
    expect(
      (await scoped.get('/api/v1/obligations')).body.items.every((o: { caseId: string }) => o.caseId !== cases[2]),
    ).toBe(true);
    expect((await scoped.get('/api/v1/employers')).body.items.map((e: { employerId: string }) => e.employerId)).toEqual(
      [employer1],
    );
    const patch = await scoped.patch(`/api/v1/cases/${cases[2]}`, { json: { status: 'closed' } });
    expect(patch.status).toBe(404);
    // A new case of an employer outside the scope is refused, naming why.
    const created = await scoped.post('/api/v1/cases', { json: makeCase(4, { employer: 2 }) });
    expect(isProblem(created, 403)).toBe(true);
    const other = await scoped.post('/api/v1/cases', { json: makeCase(5, { employer: 3 }) });
    expect(isProblem(other, 403)).toBe(true);
    // Nobody is assigned a case they may not see.
    const assign = await owner.put(`/api/v1/cases/${cases[2]}/assignee`, { json: { assignee: scopedId } });
    expect(paths(assign)).toEqual(['assignee']);
    // An owner takes no scope; an unknown employer is named.
    const own = await owner.patch(`/api/v1/members/${scopedId}`, {
      json: { employerScope: ['00000000-0000-4000-8000-000000000009'] },
    });
    expect(paths(own)).toEqual(['employerScope.0']);
    const me = (await owner.get('/api/v1/auth/session')).body.user.userId;
    expect(paths(await owner.patch(`/api/v1/members/${me}`, { json: { employerScope: [employer1] } }))).toEqual([
      'employerScope',
    ]);
  });

  it("bulk: records a quarter's salary notification once per case, reports what it may not touch", async () => {
    const body = {
      caseIds: [cases[0], cases[2], '00000000-0000-4000-8000-000000000000'],
      action: { type: 'salary-notification-filed', period: '2026-Q1', on: '2026-04-20' },
    };
    const r = await scoped.post('/api/v1/cases/bulk', { json: body });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ action: 'salary-notification-filed', ok: 1, failed: 2 });
    expect(r.body.results[0]).toMatchObject({ caseId: cases[0], ok: true, changed: true });
    expect(r.body.results[1]).toMatchObject({ caseId: cases[2], ok: false, problem: { status: 404 } });
    expect(r.body.results[2]).toMatchObject({ ok: false, problem: { status: 404 } });
    const events = (await owner.get(`/api/v1/cases/${cases[0]}`)).body.case.events as Record<string, unknown>[];
    expect(events).toContainEqual({ on: '2026-04-20', type: 'notification-filed', kind: 'salary', period: '2026-Q1' });
    const again = await owner.post('/api/v1/cases/bulk', { json: { ...body, caseIds: [cases[0], cases[0]] } });
    expect(again.body.results).toEqual([{ caseId: cases[0], ok: true, changed: false, version: expect.any(Number) }]);
    expect((await audit('case.event.add', cases[0])).length).toBe(1);

    const bad = await owner.post('/api/v1/cases/bulk', {
      json: { caseIds: [cases[0]], action: { type: 'salary-notification-filed', period: '2026-Q5', on: '2026-04-20' } },
    });
    expect(paths(bad)).toEqual(['action.period']);
    expect(paths(await owner.post('/api/v1/cases/bulk', { json: { caseIds: [], action: { type: 'close' } } }))).toEqual(
      ['caseIds'],
    );
    expect(
      isProblem(
        await viewer.post('/api/v1/cases/bulk', { json: { caseIds: [cases[0]], action: { type: 'close' } } }),
        403,
      ),
    ).toBe(true);
  });

  it('bulk: assigns and closes a selection, each change audited', async () => {
    const assign = await manager.post('/api/v1/cases/bulk', {
      json: { caseIds: [cases[0], cases[1]], action: { type: 'assign', assignee: scopedId } },
    });
    expect(assign.body).toMatchObject({ ok: 2, failed: 0 });
    expect((await owner.get(`/api/v1/cases?assignee=${scopedId}&sort=name`)).body.items.length).toBe(2);
    const close = await manager.post('/api/v1/cases/bulk', {
      json: { caseIds: [cases[1], cases[2]], action: { type: 'close' } },
    });
    expect(close.body).toMatchObject({ ok: 2, failed: 0 });
    expect((await audit('case.close', cases[2])).length).toBe(1);
    expect((await owner.get('/api/v1/cases?status=open')).body.total).toBe(1);
  });

  it('lists the findings of the portfolio, paged and filtered, worded in the asked language', async () => {
    await owner.patch(`/api/v1/cases/${cases[1]}`, { json: { status: 'open' } });
    const all = await manager.get('/api/v1/findings?limit=5', { headers: { 'accept-language': 'ru' } });
    expect(all.status).toBe(200);
    expect(all.body.limit).toBe(5);
    for (const f of all.body.items) {
      expect(f.message).toMatch(/[А-Яа-яЁё]/);
      expect(f).not.toHaveProperty('finding');
    }
    const en = await manager.get('/api/v1/findings?lang=en&severity=error,warning,info');
    expect(en.body.total).toBe(all.body.total);
    expect(
      (await manager.get(`/api/v1/findings?employer=${employer2}`)).body.items.every(
        (f: { employerId: string }) => f.employerId === employer2,
      ),
    ).toBe(true);
    expect(paths(await manager.get('/api/v1/findings?severity=fatal'))).toEqual(['severity']);
    if (all.body.total > 0) expect((await audit('finding.list')).length).toBeGreaterThan(0);
  });

  it('exports the lists as spreadsheets with their filters, in the asked language; audited portfolio.export', async () => {
    const csv = await manager.get(`/api/v1/exports/cases?format=csv&lang=ru&employer=${employer1}&sort=name`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/cases-\d{4}-\d{2}-\d{2}\.csv/);
    const text = csv.bytes.toString('utf8');
    expect(text.startsWith('\ufeffID дела;')).toBe(true);
    expect(text).toContain('PRINCIPAL 1;');
    expect(text).not.toContain('PRINCIPAL 3;');
    const xlsx = await owner.get('/api/v1/exports/portfolio?kinds=cases,deadlines,findings,audit', {
      headers: { 'accept-language': 'en' },
    });
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.bytes as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Cases', 'Deadlines', 'Findings', 'Audit log']);
    const deadlines = await owner.get('/api/v1/exports/deadlines?status=overdue');
    const dl = new ExcelJS.Workbook();
    await dl.xlsx.load(deadlines.bytes as never);
    const sheet = dl.worksheets[0]!;
    expect(sheet.rowCount).toBeGreaterThanOrEqual(3); // the header and at least case 2's two overdue duties
    const statuses = new Set([...Array(sheet.rowCount - 1).keys()].map((k) => sheet.getRow(k + 2).getCell(3).value));
    expect(statuses.size).toBe(1);
    expect(sheet.getRow(2).getCell(1).value).toBeInstanceOf(Date);
    // Within what each may read: the audit log is the owners'; a limited manager exports their employers only.
    expect(isProblem(await manager.get('/api/v1/exports/audit'), 403)).toBe(true);
    expect(isProblem(await manager.get('/api/v1/exports/portfolio?kinds=cases,audit'), 403)).toBe(true);
    const mine = (await scoped.get('/api/v1/exports/cases?format=csv')).bytes.toString('utf8');
    expect(mine).not.toContain('PRINCIPAL 3');
    expect(paths(await owner.get('/api/v1/exports/cases?format=pdf'))).toEqual(['format']);
    const entries = await audit('portfolio.export');
    expect(entries.length).toBeGreaterThanOrEqual(3);
    expect(entries.some((e) => JSON.stringify(e.details.kinds) === '["cases","deadlines","findings","audit"]')).toBe(
      true,
    );
  });

  it('Idempotency-Key on case create: the same request answers the first case, another request is a 422', async () => {
    const body = makeCase(20, { employer: 1 });
    const key = { 'idempotency-key': 'create-20-7f3a' };
    const first = await manager.post('/api/v1/cases', { json: body, headers: key });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    // The same body, its keys in another order, is the same request.
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const again = await manager.post('/api/v1/cases', { json: reordered, headers: key });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.caseId).toBe(first.body.caseId);
    expect(again.headers.get('location')).toBe(`/api/v1/cases/${first.body.caseId}`);
    expect((await owner.get('/api/v1/cases?q=principal 20')).body.total).toBe(1);
    expect((await audit('case.create', first.body.caseId)).length).toBe(1);

    const other = await manager.post('/api/v1/cases', { json: makeCase(21, { employer: 1 }), headers: key });
    expect(isProblem(other, 422)).toBe(true);
    expect(paths(other)).toEqual(['Idempotency-Key']);
    // Keys are per organization... and a refused request leaves its key free for the retry.
    const invalid = await manager.post('/api/v1/cases', {
      json: { ...makeCase(22), people: [] },
      headers: { 'idempotency-key': 'k-22' },
    });
    expect(invalid.status).toBe(422);
    const retry = await manager.post('/api/v1/cases', { json: makeCase(22), headers: { 'idempotency-key': 'k-22' } });
    expect(retry.status).toBe(201);
    expect(paths(await manager.post('/api/v1/cases', { json: body, headers: { 'idempotency-key': 'a b' } }))).toEqual([
      'Idempotency-Key',
    ]);
    // Expired keys are purged by the hourly housekeeping.
    await env.db.query(`UPDATE idempotency_keys SET expires_at = now() - interval '1 second'`);
    expect((await purgeExpired(env.db)).skipped).toBe(false);
    expect((await env.db.query('SELECT 1 FROM idempotency_keys')).length).toBe(0);
  });

  it('stage=not-evaluated lists the open cases without a stored evaluation (the dashboard figure)', async () => {
    const open = (await owner.get('/api/v1/cases?status=open&limit=500')).body.items as { caseId: string }[];
    const victim = open[0]!.caseId;
    const saved = await env.db.query<Record<string, unknown>>('SELECT * FROM evaluations WHERE case_id = $1', [victim]);
    expect(saved.length).toBe(1);
    expect((await owner.get('/api/v1/cases?stage=not-evaluated')).body.total).toBe(0);
    await env.db.query('DELETE FROM evaluations WHERE case_id = $1', [victim]);
    try {
      const r = await owner.get('/api/v1/cases?status=open&stage=not-evaluated');
      expect(ids(r)).toEqual([victim]);
      expect((await owner.get('/api/v1/dashboard')).body.notEvaluated).toBe(1);
    } finally {
      await env.db.query('INSERT INTO evaluations SELECT * FROM jsonb_populate_record(NULL::evaluations, $1::jsonb)', [
        JSON.stringify(saved[0]),
      ]);
    }
    expect((await owner.get('/api/v1/cases?stage=not-evaluated')).body.total).toBe(0);
  });
});
