// The API end to end, on PGlite and on a real PostgreSQL server: sign-in, CSRF, tokens, cases and their
// exports, documents, the portfolio, the audit log, tenant isolation on every endpoint, role checks on
// every write, limits. One server per backend, shared by the tests of this file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { BACKENDS } from '../store/backends.ts';
import { makeCase, PASSWORD, PDF } from '../store/fixtures.ts';
import { createOwner } from '../../src/store/memberships.ts';
import { addMember, Client, isProblem, startApi, type ApiEnv, type Res } from './harness.ts';

const A = 'ann@a.example';
const B = 'bob@b.example';

describe.each(BACKENDS)('API on %s', (backend) => {
  let env: ApiEnv;
  let owner: Client; // org A owner (cookie)
  let manager: Client;
  let viewer: Client;
  let specialist: Client;
  let other: Client; // org B owner
  let orgA: string;
  let caseA1: string;
  let caseA2: string;
  let caseB1: string;
  let employerA: string;
  let docA1: string;
  let personA1: string;
  let invitationA: string;
  let ownerAId: string;

  beforeAll(async () => {
    env = await startApi(backend);
    owner = new Client(env.url);
    expect((await owner.get('/api/v1/setup')).body).toEqual({ needed: true });
    const s = await owner.post('/api/v1/setup', { json: { email: A, password: PASSWORD, orgName: 'Agency A' } });
    expect(s.status).toBe(201);
    orgA = s.body.orgId;
    expect((await owner.login(A, PASSWORD)).status).toBe(200);
    await createOwner(env.db, { email: B, password: PASSWORD, orgName: 'Employer B' });
    other = new Client(env.url);
    expect((await other.login(B, PASSWORD)).status).toBe(200);

    const c1 = await owner.post('/api/v1/cases', {
      body: stringify(makeCase(1, { employer: 1 })),
      type: 'application/yaml',
    });
    expect(c1.status, JSON.stringify(c1.body)).toBe(201);
    caseA1 = c1.body.caseId;
    employerA = c1.body.employerId;
    personA1 = c1.body.case.people[0].id;
    const c2 = await owner.post('/api/v1/cases', { json: makeCase(2, { employer: 1 }) });
    expect(c2.status).toBe(201);
    caseA2 = c2.body.caseId;
    const b1 = await other.post('/api/v1/cases', { json: makeCase(3, { employer: 2 }) });
    expect(b1.status).toBe(201);
    caseB1 = b1.body.caseId;
    const up = await owner.post(`/api/v1/cases/${caseA1}/documents?type=passport&personId=${personA1}&fileName=p.pdf`, {
      body: PDF,
      type: 'application/pdf',
    });
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    docA1 = up.body.document.documentId;

    for (const [email, role, extra] of [
      ['mia@a.example', 'manager', {}],
      ['vic@a.example', 'viewer', {}],
      ['sam@a.example', 'specialist', { caseId: caseA1, personId: personA1 }],
    ] as const) {
      await addMember(owner, email, role, extra);
    }
    manager = new Client(env.url);
    viewer = new Client(env.url);
    specialist = new Client(env.url);
    expect((await manager.login('mia@a.example', PASSWORD)).status).toBe(200);
    expect((await viewer.login('vic@a.example', PASSWORD)).status).toBe(200);
    expect((await specialist.login('sam@a.example', PASSWORD)).status).toBe(200);
    const inv = await owner.post('/api/v1/invitations', { json: { email: 'ina@a.example', role: 'viewer' } });
    expect(inv.status, JSON.stringify(inv.body)).toBe(201);
    invitationA = inv.body.invitationId;
    ownerAId = (await owner.get('/api/v1/auth/session')).body.user.userId;
  }, 120_000);

  afterAll(async () => {
    await env?.close();
  });

  it('serves /healthz and refuses a second first-run setup', async () => {
    const h = await new Client(env.url).get('/healthz');
    expect(h.body).toMatchObject({ status: 'ok', backend: backend === 'pglite' ? 'pglite' : 'postgres' });
    const again = await new Client(env.url).post('/api/v1/setup', {
      json: { email: 'x@x.example', password: PASSWORD, orgName: 'X' },
    });
    expect(isProblem(again, 409)).toBe(true);
    expect((await new Client(env.url).get('/api/v1/setup')).body).toEqual({ needed: false });
  });

  it('signs in with an HttpOnly SameSite cookie, refuses wrong passwords and throttles with Retry-After', async () => {
    const c = new Client(env.url);
    const r = await c.post('/api/v1/auth/login', { json: { email: A, password: PASSWORD } });
    const cookie = r.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i); // plain http on loopback
    const bad = await new Client(env.url).login('mia@a.example', 'wrong password entirely');
    expect(isProblem(bad, 401)).toBe(true);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await new Client(env.url).login('nobody@a.example', `wrong-${i}`)).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    const locked = await new Client(env.url).login('nobody@a.example', 'wrong-again');
    expect(isProblem(locked, 429)).toBe(true);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(locked.body.errors[0].path).toBe('email');
  });

  it('needs the CSRF token on cookie-authenticated writes, returns it from /auth/session, and signs out', async () => {
    const noCsrf = await owner.post('/api/v1/employers', { json: makeCase(9, { employer: 9 }).employer, noCsrf: true });
    expect(isProblem(noCsrf, 403)).toBe(true);
    expect(noCsrf.body.errors[0].path).toBe('X-CSRF-Token');
    const wrong = await owner.post('/api/v1/employers', {
      json: makeCase(9, { employer: 9 }).employer,
      noCsrf: true,
      headers: { 'x-csrf-token': 'x'.repeat(43) },
    });
    expect(wrong.status).toBe(403);
    const s = await owner.get('/api/v1/auth/session');
    expect(s.body).toMatchObject({ orgId: orgA, role: 'owner', csrfToken: owner.csrf });
    const ok = await owner.post('/api/v1/employers', { json: makeCase(9, { employer: 9 }).employer });
    expect(ok.status).toBe(201);
    const c = new Client(env.url);
    await c.login(A, PASSWORD);
    expect((await c.post('/api/v1/auth/logout')).status).toBe(204);
    expect(isProblem(await c.get('/api/v1/auth/session'), 401)).toBe(true);
    expect(isProblem(await new Client(env.url).get('/api/v1/cases'), 401)).toBe(true);
  });

  it('creates API tokens shown once; a Bearer token needs no CSRF and a viewer token cannot write', async () => {
    const t = await owner.post('/api/v1/tokens', { json: { name: 'integration', role: 'manager' } });
    expect(t.status).toBe(201);
    expect(t.body.token).toMatch(/^hqs_/);
    const list = await owner.get('/api/v1/tokens');
    expect(JSON.stringify(list.body)).not.toContain(t.body.token);
    const api = Client.withToken(env.url, t.body.token);
    expect((await api.get('/api/v1/cases')).body.total).toBeGreaterThanOrEqual(2);
    expect((await api.post('/api/v1/employers', { json: makeCase(10, { employer: 10 }).employer })).status).toBe(201);
    const v = await owner.post('/api/v1/tokens', { json: { name: 'read', role: 'viewer' } });
    expect(
      isProblem(
        await Client.withToken(env.url, v.body.token).post('/api/v1/employers', {
          json: makeCase(11, { employer: 11 }).employer,
        }),
        403,
      ),
    ).toBe(true);
    expect((await owner.del(`/api/v1/tokens/${t.body.record.tokenId}`)).status).toBe(200);
    expect(isProblem(await api.get('/api/v1/cases'), 401)).toBe(true);
    expect(isProblem(await Client.withToken(env.url, 'hqs_nonsense').get('/api/v1/cases'), 401)).toBe(true);
  });

  it('imports, reads, exports and lists cases; a stale version is a 409, a missing one a 428', async () => {
    const got = await manager.get(`/api/v1/cases/${caseA1}`);
    expect(got.status).toBe(200);
    expect(got.headers.get('etag')).toBe(`"v${got.body.version}"`);
    const exported = await manager.get(`/api/v1/cases/${caseA1}/export`);
    expect(exported.body).toEqual(makeCase(1, { employer: 1 }));
    const edited = { ...got.body.case, contract: { ...got.body.case.contract, position: 'Lead engineer' } };
    const put = await manager.put(`/api/v1/cases/${caseA1}`, {
      json: edited,
      headers: { 'if-match': got.headers.get('etag')! },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body.version).toBe(got.body.version + 1);
    const stale = await manager.put(`/api/v1/cases/${caseA1}?version=${got.body.version}`, { json: edited });
    expect(isProblem(stale, 409)).toBe(true);
    expect(stale.body.currentVersion).toBe(put.body.version);
    expect(isProblem(await manager.put(`/api/v1/cases/${caseA1}`, { json: edited }), 428)).toBe(true);
    const bad = await manager.post('/api/v1/cases', {
      json: { ...makeCase(20), people: [{ ...makeCase(20).people[0], birthDate: '1990-02-30' }] },
    });
    expect(isProblem(bad, 422)).toBe(true);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toContain('people[0].birthDate');
    const dup = await manager.post('/api/v1/cases', { json: makeCase(1, { employer: 1 }) });
    expect(isProblem(dup, 409)).toBe(true);
    const search = await viewer.get('/api/v1/cases?q=principal%202&limit=10');
    expect(search.body.items.map((x: { caseId: string }) => x.caseId)).toEqual([caseA2]);
    const page = await viewer.get('/api/v1/cases?limit=1&offset=1&sort=name');
    expect(page.body).toMatchObject({ limit: 1, offset: 1 });
    expect(page.body.total).toBeGreaterThanOrEqual(2);
    const badQuery = await viewer.get('/api/v1/cases?limit=0&status=maybe');
    expect(isProblem(badQuery, 422)).toBe(true);
    expect(badQuery.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['limit', 'status']);
  });

  it('adds an event checked by the case schema, and closes and deletes a case', async () => {
    const cur = await manager.get(`/api/v1/cases/${caseA2}`);
    const badEvent = await manager.post(`/api/v1/cases/${caseA2}/events`, {
      json: { version: cur.body.version, event: { type: 'no-such-event', date: '2026-01-01' } },
    });
    expect(isProblem(badEvent, 422)).toBe(true);
    expect(badEvent.body.errors[0].path).toMatch(/^event/);
    const person = cur.body.case.people[0].id;
    const ok = await manager.post(`/api/v1/cases/${caseA2}/events`, {
      json: { version: cur.body.version, event: { type: 'entry', on: '2026-02-01', person } },
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body.case.events.at(-1)).toMatchObject({ type: 'entry', on: '2026-02-01' });
    const c = await manager.post('/api/v1/cases', { json: makeCase(30, { employer: 1 }) });
    const closed = await manager.patch(`/api/v1/cases/${c.body.caseId}`, { json: { status: 'closed' } });
    expect(closed.body.status).toBe('closed');
    expect((await manager.del(`/api/v1/cases/${c.body.caseId}`)).status).toBe(204);
    expect(isProblem(await manager.get(`/api/v1/cases/${c.body.caseId}`), 404)).toBe(true);
  });

  it('evaluates a stored case and renders the checklist PDF, letters and the calendar', async () => {
    const ev = await viewer.get(`/api/v1/cases/${caseA1}/evaluation`);
    expect(ev.status).toBe(200);
    expect(ev.body).toMatchObject({ stored: true, evaluation: { format: 'hqs-evaluation/1' } });
    const past = await viewer.get(`/api/v1/cases/${caseA1}/evaluation?asOf=2026-03-01`);
    expect(past.body).toMatchObject({ stored: false, evaluation: { asOf: '2026-03-01' } });
    const pdf = await viewer.get(`/api/v1/cases/${caseA1}/checklist.pdf?asOf=2026-03-01`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const docx = await viewer.get(`/api/v1/cases/${caseA1}/letters/employer-support.docx`);
    expect(docx.bytes.subarray(0, 2).toString()).toBe('PK');
    const cover = await viewer.get(`/api/v1/cases/${caseA1}/letters/cover.pdf?lang=ru`);
    expect(cover.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(isProblem(await viewer.get(`/api/v1/cases/${caseA1}/letters/poem.txt`), 404)).toBe(true);
    const ics = await viewer.get(`/api/v1/cases/${caseA1}/obligations.ics`);
    expect(ics.body).toContain('BEGIN:VCALENDAR');
  });

  it('stores documents checked by their bytes (multipart or raw) and downloads them', async () => {
    const form = new FormData();
    form.set('file', new Blob([PDF]), 'diploma.pdf');
    form.set('type', 'diploma');
    form.set('personId', personA1);
    const up = await manager.post(`/api/v1/cases/${caseA1}/documents`, { body: form });
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    expect(up.body.document).toMatchObject({ mediaType: 'application/pdf', fileName: 'diploma.pdf' });
    const again = await manager.post(`/api/v1/cases/${caseA1}/documents`, { body: form });
    expect(again.status).toBe(200);
    expect(again.body.deduplicated).toBe(true);
    const fake = await manager.post(`/api/v1/cases/${caseA1}/documents?type=passport&personId=${personA1}`, {
      body: 'MZ not a scan',
      type: 'application/pdf',
    });
    expect(isProblem(fake, 422)).toBe(true);
    const missing = await manager.post(`/api/v1/cases/${caseA1}/documents`, { body: PDF, type: 'application/pdf' });
    expect(missing.body.errors.map((e: { path: string }) => e.path)).toEqual(['type', 'personId']);
    const dl = await viewer.get(`/api/v1/documents/${docA1}/content`);
    expect(dl.headers.get('content-type')).toBe('application/pdf');
    expect(dl.bytes.equals(PDF)).toBe(true);
    const list = await viewer.get(`/api/v1/cases/${caseA1}/documents`);
    expect(list.body.length).toBeGreaterThanOrEqual(2);
  });

  it('lists obligations across cases with filters and summarizes the portfolio', async () => {
    const all = await viewer.get('/api/v1/obligations?limit=1000');
    expect(all.status).toBe(200);
    expect(all.body.total).toBeGreaterThan(0);
    const dues = all.body.items.map((o: { due: string }) => o.due);
    expect(dues).toEqual([...dues].sort());
    const byEmployer = await viewer.get(
      `/api/v1/obligations?employer=${employerA}&status=upcoming,due,overdue&dueFrom=2000-01-01&dueTo=2100-12-31`,
    );
    expect(
      byEmployer.body.items.every(
        (o: { employerId: string; status: string }) =>
          o.employerId === employerA && ['upcoming', 'due', 'overdue'].includes(o.status),
      ),
    ).toBe(true);
    const bad = await viewer.get('/api/v1/obligations?status=late&dueFrom=2026-13-01');
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['dueFrom', 'status']);
    const d = await viewer.get('/api/v1/dashboard');
    expect(d.body.openCases).toBeGreaterThanOrEqual(2);
    expect(Object.keys(d.body.findingsBySeverity).sort()).toEqual(['error', 'info', 'warning']);
    expect(d.body.overdue + d.body.dueThisWeek).toBeGreaterThanOrEqual(0);
  });

  it('writes every read of personal data to the audit log, with who and from where; owners read it', async () => {
    await viewer.get(`/api/v1/cases/${caseA2}`);
    const log = await owner.get(`/api/v1/audit?entity=case&entityId=${caseA2}&order=desc&limit=5`);
    expect(log.status).toBe(200);
    const read = log.body.items.find((e: { action: string }) => e.action === 'case.read');
    expect(read).toMatchObject({ actor: 'user:vic@a.example', ip: '127.0.0.1' });
    const exports = await owner.get('/api/v1/audit?action=case.export&limit=2');
    expect(exports.body.items.length).toBe(2);
    expect(exports.body.next).toBeTypeOf('number');
    const next = await owner.get(`/api/v1/audit?action=case.export&limit=2&cursor=${exports.body.next}`);
    expect(next.body.items[0].seq).toBeGreaterThan(exports.body.items[1].seq);
    expect(isProblem(await manager.get('/api/v1/audit'), 403)).toBe(true);
  });

  // Every endpoint that names a record, called by org B's owner with org A's ids: 404, and nothing changes.
  it("gives another organization's user 404 on every endpoint naming a record", async () => {
    const c = makeCase(1, { employer: 1 });
    const calls: [string, string, Parameters<Client['req']>[2]?][] = [
      ['GET', `/api/v1/cases/${caseA1}`],
      ['PUT', `/api/v1/cases/${caseA1}?version=1`, { json: c }],
      ['PATCH', `/api/v1/cases/${caseA1}`, { json: { status: 'closed' } }],
      ['DELETE', `/api/v1/cases/${caseA1}`],
      ['GET', `/api/v1/cases/${caseA1}/export`],
      [
        'POST',
        `/api/v1/cases/${caseA1}/events`,
        { json: { version: 1, event: { type: 'entry', on: '2026-02-01', person: personA1 } } },
      ],
      ['GET', `/api/v1/cases/${caseA1}/evaluation`],
      ['GET', `/api/v1/cases/${caseA1}/evaluation?asOf=2026-01-01`],
      ['GET', `/api/v1/cases/${caseA1}/checklist.pdf`],
      ['GET', `/api/v1/cases/${caseA1}/letters/cover.docx`],
      ['GET', `/api/v1/cases/${caseA1}/obligations.ics`],
      ['GET', `/api/v1/cases/${caseA1}/documents`],
      [
        'POST',
        `/api/v1/cases/${caseA1}/documents?type=passport&personId=${personA1}`,
        { body: PDF, type: 'application/pdf' },
      ],
      ['GET', `/api/v1/documents/${docA1}`],
      ['GET', `/api/v1/documents/${docA1}/content`],
      ['DELETE', `/api/v1/documents/${docA1}`],
      ['GET', `/api/v1/employers/${employerA}`],
      ['PUT', `/api/v1/employers/${employerA}`, { json: c.employer }],
      ['DELETE', `/api/v1/employers/${employerA}`],
      ['POST', `/api/v1/cases?employer=${employerA}`, { json: makeCase(40) }],
      ['GET', `/api/v1/cases/${caseA1}/people`],
      ['POST', `/api/v1/cases/${caseA1}/people`, { json: { version: 1, person: { ...c.people[2], id: 'p9' } } }],
      ['PUT', `/api/v1/cases/${caseA1}/people/p2`, { json: { version: 1, person: c.people[1] } }],
      ['DELETE', `/api/v1/cases/${caseA1}/people/p3?version=1`],
      ['PUT', `/api/v1/cases/${caseA1}/events/0`, { json: { version: 1, event: c.events![0] } }],
      ['DELETE', `/api/v1/cases/${caseA1}/events/0?version=1`],
      ['PATCH', `/api/v1/members/${ownerAId}`, { json: { role: 'viewer' } }],
      ['PATCH', `/api/v1/members/${ownerAId}`, { json: { disabled: true } }],
      ['DELETE', `/api/v1/members/${ownerAId}`],
      [
        'POST',
        '/api/v1/invitations',
        { json: { email: 'x@b.example', role: 'specialist', caseId: caseA1, personId: personA1 } },
      ],
      ['DELETE', `/api/v1/invitations/${invitationA}`],
    ];
    for (const [method, path, o] of calls) {
      const r = await other.req(method, path, o);
      expect(isProblem(r, 404), `${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`).toBe(true);
    }
    for (const [path, key] of [
      ['/api/v1/cases', 'caseId'],
      [`/api/v1/obligations?employer=${employerA}`, 'caseId'],
      ['/api/v1/employers', 'employerId'],
    ] as const) {
      const r = await other.get(path);
      expect(r.status).toBe(200);
      const ids = r.body.items.map((x: Record<string, string>) => x[key]);
      expect(ids).not.toContain(caseA1);
      expect(ids).not.toContain(employerA);
    }
    expect(
      (await other.get('/api/v1/audit?limit=500')).body.items.every((e: { orgId: string }) => e.orgId !== orgA),
    ).toBe(true);
    expect((await other.get('/api/v1/members')).body.every((m: { orgId: string }) => m.orgId !== orgA)).toBe(true);
    expect(
      (await other.get('/api/v1/invitations')).body.map((i: { invitationId: string }) => i.invitationId),
    ).not.toContain(invitationA);
    expect((await other.get('/api/v1/organization')).body).toMatchObject({ name: 'Employer B' });
    expect((await other.get('/api/v1/organization')).body.orgId).not.toBe(orgA);
    // Owner A's case, members and invitation are untouched; B's own case is still B's.
    const after = await owner.get(`/api/v1/cases/${caseA1}`);
    expect(after.status).toBe(200);
    expect(after.body.case.people.map((p: { id: string }) => p.id)).toEqual(['p1', 'p2', 'p3']);
    expect(
      (await owner.get('/api/v1/members')).body.find((m: { userId: string }) => m.userId === ownerAId),
    ).toMatchObject({ role: 'owner', disabled: false });
    expect(
      (await owner.get('/api/v1/invitations')).body.map((i: { invitationId: string }) => i.invitationId),
    ).toContain(invitationA);
    expect(isProblem(await owner.get(`/api/v1/cases/${caseB1}`), 404)).toBe(true);
  });

  it('refuses every write to a viewer with 403', async () => {
    const c = makeCase(50, { employer: 1 });
    const writes: [string, string, Parameters<Client['req']>[2]?][] = [
      ['POST', '/api/v1/cases', { json: c }],
      ['PUT', `/api/v1/cases/${caseA1}?version=1`, { json: c }],
      ['PATCH', `/api/v1/cases/${caseA1}`, { json: { status: 'closed' } }],
      ['DELETE', `/api/v1/cases/${caseA1}`],
      [
        'POST',
        `/api/v1/cases/${caseA1}/events`,
        { json: { version: 1, event: { type: 'entry', on: '2026-02-01', person: personA1 } } },
      ],
      [
        'POST',
        `/api/v1/cases/${caseA1}/documents?type=passport&personId=${personA1}`,
        { body: PDF, type: 'application/pdf' },
      ],
      ['DELETE', `/api/v1/documents/${docA1}`],
      ['POST', '/api/v1/employers', { json: c.employer }],
      ['PUT', `/api/v1/employers/${employerA}`, { json: c.employer }],
      ['DELETE', `/api/v1/employers/${employerA}`],
      ['POST', '/api/v1/members', { json: { email: 'z@a.example', role: 'owner' } }],
      ['PATCH', `/api/v1/members/${ownerAId}`, { json: { role: 'viewer' } }],
      ['PATCH', `/api/v1/members/${ownerAId}`, { json: { disabled: true } }],
      ['DELETE', `/api/v1/members/${ownerAId}`],
      ['POST', '/api/v1/tokens', { json: { name: 'x', role: 'manager' } }],
      ['POST', `/api/v1/cases/${caseA1}/people`, { json: { version: 1, person: { ...c.people[2], id: 'p9' } } }],
      ['PUT', `/api/v1/cases/${caseA1}/people/p2`, { json: { version: 1, person: c.people[1] } }],
      ['DELETE', `/api/v1/cases/${caseA1}/people/p3?version=1`],
      ['PUT', `/api/v1/cases/${caseA1}/events/0`, { json: { version: 1, event: c.events![0] } }],
      ['DELETE', `/api/v1/cases/${caseA1}/events/0?version=1`],
      ['PATCH', '/api/v1/organization', { json: { name: 'Taken over' } }],
      ['POST', '/api/v1/invitations', { json: { email: 'y@a.example', role: 'viewer' } }],
      ['GET', '/api/v1/invitations'],
      ['DELETE', `/api/v1/invitations/${invitationA}`],
    ];
    for (const [method, path, o] of writes) {
      const r: Res = await viewer.req(method, path, o);
      expect(isProblem(r, 403), `${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`).toBe(true);
    }
    // Managers edit but do not manage people, tokens, invitations or the organization.
    expect((await manager.post('/api/v1/members', { json: { email: 'z@a.example', role: 'owner' } })).status).toBe(403);
    expect((await manager.post('/api/v1/tokens', { json: { name: 'x', role: 'manager' } })).status).toBe(403);
    expect((await manager.post('/api/v1/invitations', { json: { email: 'y@a.example', role: 'viewer' } })).status).toBe(
      403,
    );
    expect((await manager.patch('/api/v1/organization', { json: { name: 'Taken over' } })).status).toBe(403);
    expect((await manager.patch(`/api/v1/members/${ownerAId}`, { json: { disabled: true } })).status).toBe(403);
    // Nothing changed.
    expect((await owner.get('/api/v1/organization')).body.name).toBe('Agency A');
    expect((await owner.get(`/api/v1/cases/${caseA1}`)).body.case.people).toHaveLength(3);
  });

  it('lets a specialist see and upload only for their own case', async () => {
    expect((await specialist.get(`/api/v1/cases/${caseA1}`)).status).toBe(200);
    expect(isProblem(await specialist.get(`/api/v1/cases/${caseA2}`), 404)).toBe(true);
    expect(isProblem(await specialist.get(`/api/v1/cases/${caseA2}/evaluation`), 404)).toBe(true);
    expect(isProblem(await specialist.get(`/api/v1/cases/${caseA2}/documents`), 404)).toBe(true);
    const list = await specialist.get('/api/v1/cases');
    expect(list.body.items.map((x: { caseId: string }) => x.caseId)).toEqual([caseA1]);
    const own = await specialist.post(`/api/v1/cases/${caseA1}/documents?type=photo&personId=${personA1}`, {
      body: PDF,
      type: 'application/pdf',
    });
    expect(own.status).toBe(201);
    const cur = await specialist.get(`/api/v1/cases/${caseA2}`);
    expect(cur.status).toBe(404);
    const otherCase = await specialist.post(`/api/v1/cases/${caseA2}/documents?type=photo&personId=${personA1}`, {
      body: PDF,
      type: 'application/pdf',
    });
    expect(isProblem(otherCase, 404)).toBe(true);
    expect(
      (await specialist.put(`/api/v1/cases/${caseA1}?version=1`, { json: makeCase(1, { employer: 1 }) })).status,
    ).toBe(403);
    expect((await specialist.get('/api/v1/obligations')).status).toBe(403);
    expect((await specialist.get('/api/v1/dashboard')).status).toBe(403);
    expect((await specialist.get('/api/v1/employers')).status).toBe(403);
  });

  it('limits bodies (413), answers unknown routes and media types with problems', async () => {
    const big = await manager.post('/api/v1/employers', {
      body: `{"name":"${'x'.repeat(1_100_000)}"}`,
      type: 'application/json',
    });
    expect(isProblem(big, 413)).toBe(true);
    const huge = await manager.post(`/api/v1/cases/${caseA1}/documents?type=x&personId=${personA1}`, {
      body: Buffer.alloc(21 * 1024 * 1024),
      type: 'application/pdf',
    });
    expect(isProblem(huge, 413)).toBe(true);
    expect(isProblem(await manager.get('/api/v1/nothing-here'), 404)).toBe(true);
    const form = await manager.post('/api/v1/cases', { body: 'a=b', type: 'application/x-www-form-urlencoded' });
    expect(isProblem(form, 415)).toBe(true);
    const broken = await manager.post('/api/v1/employers', { body: '{"name":', type: 'application/json' });
    expect(isProblem(broken, 400)).toBe(true);
    expect(broken.body.errors[0].path).toBe('(body)');
    expect(isProblem(await manager.get('/api/v1/cases/not-a-uuid'), 404)).toBe(true);
  });
});
