// The OpenAPI document: an OpenAPI 3.1 structure, every registered route in it, its schemas valid JSON
// Schema 2020-12, and real responses of the server valid against the schemas the document gives them —
// every route walked through the typed client, each answer checked against its documented status, schema
// and headers.
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCase, PASSWORD, PDF } from '../store/fixtures.ts';
import { contracts } from '../../src/server/routes/index.ts';
import { createClient, ApiError, type Client as TypedClient } from '../../src/server/client.ts';
import { Client, startApi, type ApiEnv } from './harness.ts';
import { requestPasswordReset } from '../../src/store/password-reset.ts';

type J = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('the OpenAPI document', () => {
  let env: ApiEnv;
  let doc: J;
  let owner: Client;
  let ajv: InstanceType<typeof Ajv2020>;

  beforeAll(async () => {
    env = await startApi('pglite');
    doc = (await new Client(env.url).get('/api/openapi.json')).body;
    owner = new Client(env.url);
    await owner.post('/api/v1/setup', { json: { email: 'doc@a.example', password: PASSWORD, orgName: 'Doc' } });
    await owner.login('doc@a.example', PASSWORD);
    ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    ajv.addSchema({ $id: 'doc', components: doc.components }, 'doc');
  }, 60_000);
  afterAll(async () => {
    await env?.close();
  });

  it('has the OpenAPI 3.1 structure and lists every route the server registered', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    const ops = Object.entries(doc.paths as Record<string, J>).flatMap(([p, item]) =>
      Object.keys(item).map((m) => `${m.toUpperCase()} ${p}`),
    );
    const expected = routesOf();
    for (const r of expected) expect(ops).toContain(r);
    expect(ops.length).toBe(expected.length);
    const ids = new Set<string>();
    for (const item of Object.values(doc.paths as Record<string, J>)) {
      for (const op of Object.values(item)) {
        expect(op.responses.default.content['application/problem+json'].schema.$ref).toBe(
          '#/components/schemas/Problem',
        );
        expect(ids.has(op.operationId)).toBe(false);
        ids.add(op.operationId);
        for (const p of op.parameters) expect(['path', 'query']).toContain(p.in);
      }
    }
    for (const [p, item] of Object.entries(doc.paths as Record<string, J>)) {
      const templated = [...p.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const op of Object.values(item))
        expect(op.parameters.filter((x: J) => x.in === 'path').map((x: J) => x.name)).toEqual(templated);
    }
  });

  it('holds schemas that compile as JSON Schema 2020-12', () => {
    for (const [name, s] of Object.entries(doc.components.schemas as Record<string, J>)) {
      expect(() => ajv.compile({ $ref: `doc#/components/schemas/${name}` }), name).not.toThrow();
      expect(s).toBeTypeOf('object');
    }
  });

  const schemaFor = (path: string, method: string, status: number, ct = 'application/json') => {
    const s = doc.paths[path][method].responses[status].content[ct].schema;
    return ajv.compile(JSON.parse(JSON.stringify(s).replaceAll('"#/components/', '"doc#/components/')));
  };

  it('describes real responses: a case, a page of cases, the evaluation, the session, the organization, people, invitations, members and a problem', async () => {
    const created = await owner.post('/api/v1/cases', { json: makeCase(1, { employer: 1 }) });
    const v1 = schemaFor('/api/v1/cases', 'post', 201);
    expect(v1(created.body), JSON.stringify(v1.errors)).toBe(true);
    const list = await owner.get('/api/v1/cases');
    const v2 = schemaFor('/api/v1/cases', 'get', 200);
    expect(v2(list.body), JSON.stringify(v2.errors)).toBe(true);
    const ev = await new Client(env.url).post('/api/v1/evaluate', { json: makeCase(1) });
    const v3 = schemaFor('/api/v1/evaluate', 'post', 200);
    expect(v3(ev.body), JSON.stringify(v3.errors)).toBe(true);
    const dash = await owner.get('/api/v1/dashboard');
    const v4 = schemaFor('/api/v1/dashboard', 'get', 200);
    expect(v4(dash.body), JSON.stringify(v4.errors)).toBe(true);
    const session = await owner.get('/api/v1/auth/session');
    const v5 = schemaFor('/api/v1/auth/session', 'get', 200);
    expect(v5(session.body), JSON.stringify(v5.errors)).toBe(true);
    expect(session.body).toMatchObject({ orgName: 'Doc', user: { email: 'doc@a.example' } });
    const org = await owner.get('/api/v1/organization');
    const v6 = schemaFor('/api/v1/organization', 'get', 200);
    expect(v6(org.body), JSON.stringify(v6.errors)).toBe(true);
    const people = await owner.get(`/api/v1/cases/${created.body.caseId}/people`);
    const v7 = schemaFor('/api/v1/cases/{id}/people', 'get', 200);
    expect(v7(people.body), JSON.stringify(v7.errors)).toBe(true);
    const inv = await owner.post('/api/v1/invitations', {
      json: { email: 'new@a.example', role: 'specialist', caseId: created.body.caseId, personId: 'p1' },
    });
    const v8 = schemaFor('/api/v1/invitations', 'post', 201);
    expect(v8(inv.body), JSON.stringify(v8.errors)).toBe(true);
    const preview = await new Client(env.url).post('/api/v1/invitations/lookup', { json: { token: inv.body.token } });
    const v9 = schemaFor('/api/v1/invitations/lookup', 'post', 200);
    expect(v9(preview.body), JSON.stringify(v9.errors)).toBe(true);
    const members = await owner.get('/api/v1/members');
    const v10 = schemaFor('/api/v1/members', 'get', 200);
    expect(v10(members.body), JSON.stringify(v10.errors)).toBe(true);
    const bad = await owner.get('/api/v1/cases?limit=x');
    const vp = ajv.compile({ $ref: 'doc#/components/schemas/Problem' });
    expect(vp(bad.body), JSON.stringify(vp.errors)).toBe(true);
    // and a response that does not fit is refused: the check can fail
    expect(v1({ ...created.body, version: 'one' })).toBe(false);
  });

  function routesOf(): string[] {
    return ROUTES;
  }

  it('lists the same routes as the contracts, in their order', () => {
    const fromContracts = Object.values(contracts).map((c) => `${c.method.toUpperCase()} ${c.path}`);
    expect(fromContracts).toEqual(ROUTES);
  });
});

describe('every route, through the typed client, answers as the document says', () => {
  let env: ApiEnv;
  let doc: J;
  let ajv: InstanceType<typeof Ajv2020>;
  /** Each answer: the route (as in the document) and its status. */
  const answered: { op: string; status: number }[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    env = await startApi('pglite');
    doc = (await new Client(env.url).get('/api/openapi.json')).body;
    ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    ajv.addSchema({ $id: 'doc', components: doc.components }, 'doc');
  }, 60_000);
  afterAll(async () => {
    await env?.close();
  });

  const templates = () =>
    Object.entries(doc.paths as Record<string, J>).flatMap(([path, item]) =>
      Object.keys(item).map((method) => ({
        method,
        path,
        re: new RegExp(`^${path.replace(/[.]/g, '\\.').replace(/\{\w+\}/g, '[^/]+')}$`),
        params: (path.match(/\{/g) ?? []).length,
      })),
    );
  const compiled = new Map<string, ReturnType<typeof ajv.compile>>();
  const validator = (schema: J) => {
    const key = JSON.stringify(schema);
    let v = compiled.get(key);
    if (!v) compiled.set(key, (v = ajv.compile(JSON.parse(key.replaceAll('"#/components/', '"doc#/components/')))));
    return v;
  };

  /** Checks one real answer against the document: its status, its body's schema and its headers. */
  async function check(method: string, url: string, res: Response): Promise<void> {
    const path = new URL(url).pathname;
    const t = templates()
      .filter((x) => x.method === method && x.re.test(path))
      .sort((a, b) => a.params - b.params)[0];
    if (!t) return void problems.push(`${method} ${path}: not in the document`);
    const op = `${method.toUpperCase()} ${t.path}`;
    answered.push({ op, status: res.status });
    const declared = doc.paths[t.path][method].responses as Record<string, J>;
    const spec = declared[String(res.status)] ?? (res.status >= 400 ? declared.default : undefined);
    if (!spec) return void problems.push(`${op}: status ${res.status} is not documented`);
    for (const h of Object.keys(spec.headers ?? {}))
      if (!res.headers.has(h)) problems.push(`${op} ${res.status}: no ${h} header`);
    const type = (res.headers.get('content-type') ?? '').split(';')[0]!;
    if (!spec.content) {
      if (res.status !== 204) problems.push(`${op} ${res.status}: a body the document does not describe`);
      return;
    }
    const [documentedType, media] = Object.entries(spec.content as Record<string, J>)[0]!;
    if (documentedType !== 'application/octet-stream' && documentedType !== type)
      problems.push(`${op} ${res.status}: ${type}, documented ${documentedType}`);
    if (!/json$/.test(type)) return;
    const v = validator(media.schema);
    if (!v(JSON.parse(await res.text()))) problems.push(`${op} ${res.status}: ${JSON.stringify(v.errors)}`);
  }

  /** A typed client that keeps its cookies and CSRF token, like a browser, and checks every answer. */
  function client(): TypedClient & { csrf: string | null } {
    const cookies = new Map<string, string>();
    const c = createClient({
      base: env.url,
      headers: (method): Record<string, string | undefined> => ({
        'X-CSRF-Token': method !== 'get' && self.csrf ? self.csrf : undefined,
      }),
      fetch: async (url, init) => {
        const headers = new Headers(init?.headers);
        if (cookies.size) headers.set('cookie', [...cookies].map(([k, v]) => `${k}=${v}`).join('; '));
        const res = await fetch(url, { ...init, headers });
        for (const sc of res.headers.getSetCookie()) {
          const m = /^(hqs_\w+)=([^;]*)/.exec(sc);
          if (m && m[2] && !/Max-Age=0\b/i.test(sc)) cookies.set(m[1]!, m[2]);
          else if (m) cookies.delete(m[1]!);
        }
        await check((init?.method ?? 'GET').toLowerCase(), String(url), res.clone());
        return res;
      },
    });
    const self: TypedClient & { csrf: string | null } = Object.assign(c, { csrf: null as string | null });
    return self;
  }

  it('walks every route with real requests; each answer fits its documented status, schema and headers', async () => {
    const anyone = client();
    const owner = client();
    expect(await anyone.getHealth()).toMatchObject({ status: 'ok' });
    expect(await anyone.getOpenApi()).toMatchObject({ openapi: '3.1.0' });
    expect(await anyone.getSetup()).toEqual({ needed: true });
    await anyone.setUp({ body: { email: 'tour@a.example', password: PASSWORD, orgName: 'Tour' } });
    owner.csrf = (await owner.login({ body: { email: 'tour@a.example', password: PASSWORD } })).csrfToken;
    expect((await owner.getSession()).user.email).toBe('tour@a.example');
    const other = 'a different long passphrase';
    await owner.changePassword({ body: { currentPassword: PASSWORD, newPassword: other } });
    await owner.changePassword({ body: { currentPassword: other, newPassword: PASSWORD } });
    await owner.getOrganization();
    await owner.renameOrganization({ body: { name: 'Tour and Co' } });

    const token = await owner.createToken({ body: { name: 'ci', role: 'viewer' } });
    await owner.listTokens();
    await owner.revokeToken({ id: token.record.tokenId });

    const employer = await owner.createEmployer({ body: makeCase(2, { employer: 2 }).employer });
    await owner.listEmployers({ query: { q: 'Работодатель', limit: 10 } });
    await owner.getEmployer({ id: employer.employerId });
    await owner.replaceEmployer({ id: employer.employerId, body: makeCase(2, { employer: 2 }).employer });
    await owner.deleteEmployer({ id: employer.employerId });

    let rec = await owner.createCase({ body: makeCase(1, { employer: 1 }) });
    const id = rec.caseId;
    await owner.listCases({ query: { status: 'open', sort: 'name' } });
    const me = (await owner.getSession()).user.userId!;
    const listed = await owner.listCases({ query: { assignee: 'none', due: '3650', sort: 'next-deadline' } });
    expect(listed.items[0]).toMatchObject({ caseId: id, overdue: expect.any(Number) });
    expect((await owner.assignCase({ id, body: { assignee: me } })).assignee?.userId).toBe(me);
    const bulk = await owner.bulkCases({
      body: { caseIds: [id, '00000000-0000-4000-8000-000000000000'], action: { type: 'assign', assignee: null } },
    });
    expect(bulk.results.map((r) => r.ok)).toEqual([true, false]);
    await owner.getCase({ id });
    rec = await owner.replaceCase({ id, body: rec.case, query: { version: rec.version } });
    rec = await owner.setCaseStatus({ id, body: { status: 'closed', version: rec.version } });
    rec = await owner.setCaseStatus({ id, body: { status: 'open', version: rec.version } });
    await owner.exportCase({ id });
    const person = rec.case.people[0]!.id;
    const event = { type: 'entry', on: '2026-02-01', person };
    rec = await owner.addEvent({ id, body: { version: rec.version, event } });
    const index = rec.case.events!.length - 1;
    rec = await owner.correctEvent({
      id,
      index,
      body: { version: rec.version, event: { ...event, on: '2026-02-02' } },
    });
    rec = await owner.removeEvent({ id, index, query: { version: rec.version } });
    await owner.listPeople({ id });
    const child = {
      id: 'p9',
      role: 'family',
      relation: 'child',
      name: { latin: 'CHEN MING' },
      birthDate: '2019-03-01',
      citizenships: ['CN'],
    };
    rec = await owner.addPerson({ id, body: { version: rec.version, person: child } });
    rec = await owner.replacePerson({ id, personId: 'p9', body: { version: rec.version, person: child } });
    rec = await owner.removePerson({ id, personId: 'p9', query: { version: rec.version } });

    expect((await owner.getCaseEvaluation({ id })).stored).toBe(true);
    expect((await owner.getCaseEvaluation({ id, query: { asOf: '2026-01-15', lang: 'ru' } })).stored).toBe(false);
    expect(await owner.getChecklistPdf({ id })).toBeInstanceOf(Blob);
    await owner.getLetter({ id, file: 'cover.docx', query: { lang: 'ru' } });
    expect(await (await owner.getObligationsIcs({ id })).text()).toContain('BEGIN:VCALENDAR');
    expect(owner.href('getLetter', { id, file: 'cover.pdf', query: { lang: 'en' } })).toBe(
      `${env.url}/api/v1/cases/${id}/letters/cover.pdf?lang=en`,
    );

    const form = new FormData();
    form.set('file', new Blob([PDF]), 'паспорт.pdf');
    form.set('type', 'passport');
    form.set('personId', person);
    const up = await owner.uploadDocument({ id, body: form });
    expect((await owner.uploadDocument({ id, body: form })).deduplicated).toBe(true);
    const raw = await owner.uploadDocument({
      id,
      query: { type: 'diploma', personId: person, fileName: 'd.pdf' },
      body: new Blob([PDF, ' '], { type: 'application/pdf' }),
    });
    expect(raw.document.type).toBe('diploma');
    await owner.listDocuments({ id });
    await owner.getDocument({ id: up.document.documentId });
    expect((await owner.getDocumentContent({ id: up.document.documentId })).size).toBe(PDF.length);
    await owner.setDocumentShared({ id: up.document.documentId, body: { shared: true } });
    await owner.deleteDocument({ id: raw.document.documentId });

    const invited = await owner.createInvitation({ body: { email: 'new@a.example', role: 'manager' } });
    await owner.listInvitations();
    const newcomer = client();
    expect((await newcomer.lookupInvitation({ body: { token: invited.token } })).existingUser).toBe(false);
    const joined = await newcomer.acceptInvitation({ body: { token: invited.token, password: PASSWORD, name: 'New' } });
    const pending = await owner.addMember({ body: { email: 'later@a.example', role: 'viewer' } });
    await owner.listMembers();
    await owner.updateMember({ userId: joined.user.userId!, body: { role: 'viewer' } });
    await owner.removeMember({ userId: joined.user.userId! });
    await owner.revokeInvitation({ id: pending.invitationId });

    await owner.listObligations({ query: { status: 'upcoming,due,overdue', limit: 10 } });
    await owner.listFindings({ query: { severity: 'error,warning,info', lang: 'ru' } });
    await owner.getDashboard();
    expect((await owner.exportCases({ query: { format: 'csv', lang: 'ru', sort: 'name' } })).size).toBeGreaterThan(0);
    await owner.exportDeadlines({ query: { status: 'upcoming,due,overdue' } });
    await owner.exportFindings({ query: { severity: 'error', format: 'csv' } });
    await owner.exportAudit({ query: { order: 'desc' } });
    await owner.exportPortfolio({ query: { kinds: 'cases,audit', lang: 'en' } });
    // Spreadsheets in: the template, uploaded back as an import, previewed, remapped, committed.
    const template = await owner.getImportTemplate({ query: { lang: 'en' } });
    const job = await owner.startImport({ body: template, query: { fileName: 'template.xlsx', lang: 'en' } });
    const settled = async () => {
      for (;;) {
        const j = await owner.getImport({ id: job.jobId, query: { lang: 'ru' } });
        if (j.state !== 'reading' && j.state !== 'committing') return j;
        await new Promise((ok) => setTimeout(ok, 20));
      }
    };
    const read = await settled();
    expect(read.state).toBe('ready');
    expect((await owner.listImportRows({ id: job.jobId, query: { only: 'problems', limit: 10 } })).total).toBe(0);
    await owner.remapImport({ id: job.jobId, body: read.preview!.mapping });
    await settled();
    await owner.saveImportMapping({ body: { name: 'walk', mapping: read.preview!.mapping } });
    await owner.listImportMappings();
    await owner.commitImport({ id: job.jobId });
    expect((await settled()).result?.created).toBe(1);
    await owner.cancelImport({ id: job.jobId });
    await owner.discardImport({ id: job.jobId });
    await owner.listAudit({ query: { order: 'desc', limit: 5 } });
    expect((await owner.getMailStatus()).enabled).toBe(false);
    expect((await owner.listOutbox({ query: { status: 'sent', limit: 5 } })).items).toEqual([]);
    expect((await owner.setReminderSettings({ body: { leadDays: [14, 3], scope: 'all' } })).leadDays).toEqual([14, 3]);
    expect((await owner.getReminderSettings()).scope).toBe('all');
    expect((await anyone.unsubscribeReminders({ query: { token: 'x'.repeat(40) } })).unsubscribed).toBe(false);
    expect((await owner.getCalendarFeed()).active).toBe(false);
    const feed = await owner.renewCalendarFeed();
    expect((await anyone.getCalendarFeedIcs({ token: feed.url.split('/').pop()! })).size).toBeGreaterThan(0);
    await owner.revokeCalendarFeed();
    expect((await anyone.evaluate({ body: makeCase(3), query: { lang: 'en' } })).format).toBe('hqs-evaluation/1');
    expect(
      (await anyone.evaluate({ body: { text: 'format: hqs-case/1\n', format: 'yaml' } }).catch((e) => e)).status,
    ).toBe(422);

    // Ticking the checklist, the next filing's pack, the shareable self-check (test/api/papers.test.ts).
    const checklist = await owner.getCaseChecklist({ id });
    const next = checklist.items.find((i) => i.procedure === checklist.next!.procedure)!;
    await owner.setChecklistReview({
      id,
      personId: next.person,
      document: next.document,
      body: { status: 'rejected', comment: 'blurred', version: next.review?.version ?? 0 },
    });
    expect(await owner.getNextFilingPdf({ id, query: { lang: 'zh' } })).toBeInstanceOf(Blob);
    const scan = new FormData();
    scan.set('file', new Blob([PDF, 'next']), 'next.pdf');
    scan.set('type', next.document);
    scan.set('personId', next.person);
    await owner.uploadDocument({ id, body: scan });
    expect((await owner.getNextFilingScans({ id })).size).toBeGreaterThan(0);
    const { id: _caseId, ...selfCheck } = makeCase(4);
    const shared = await anyone.shareSelfCheck({ body: selfCheck, query: { lang: 'zh' } });
    expect((await owner.readSelfCheckCode({ body: { code: shared.code } })).lang).toBe('zh');
    await owner.deleteCase({ id: (await owner.redeemSelfCheckCode({ body: { code: shared.code } })).caseId });

    const missing = await owner.getCase({ id: '00000000-0000-4000-8000-000000000000' }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ApiError);
    expect((missing as ApiError).status).toBe(404);
    await owner.deleteCase({ id });
    await owner.logout();
    expect((await anyone.requestPasswordReset({ body: { email: 'nobody@a.example' } })).accepted).toBe(true);
    const reset = await requestPasswordReset(env.db, 'tour@a.example');
    expect(reset).not.toBeNull();
    await anyone.completePasswordReset({ body: { token: reset!.token, password: `${PASSWORD} again` } });

    expect(problems).toEqual([]);
    const ok = new Set(answered.filter((a) => a.status < 300).map((a) => a.op));
    expect(ROUTES.filter((r) => !ok.has(r))).toEqual([]);
  }, 60_000);
});

/** The routes the server serves (kept by hand: a route missing from the document fails the test). */
const ROUTES = [
  'GET /healthz',
  'GET /api/openapi.json',
  'GET /api/v1/setup',
  'POST /api/v1/setup',
  'POST /api/v1/auth/login',
  'GET /api/v1/auth/session',
  'POST /api/v1/auth/logout',
  'POST /api/v1/auth/password',
  'GET /api/v1/organization',
  'PATCH /api/v1/organization',
  'GET /api/v1/tokens',
  'POST /api/v1/tokens',
  'DELETE /api/v1/tokens/{id}',
  'GET /api/v1/members',
  'POST /api/v1/members',
  'PATCH /api/v1/members/{userId}',
  'DELETE /api/v1/members/{userId}',
  'POST /api/v1/invitations',
  'GET /api/v1/invitations',
  'DELETE /api/v1/invitations/{id}',
  'POST /api/v1/invitations/lookup',
  'POST /api/v1/invitations/accept',
  'GET /api/v1/employers',
  'POST /api/v1/employers',
  'GET /api/v1/employers/{id}',
  'PUT /api/v1/employers/{id}',
  'DELETE /api/v1/employers/{id}',
  'GET /api/v1/cases',
  'POST /api/v1/cases',
  'GET /api/v1/cases/{id}',
  'PUT /api/v1/cases/{id}',
  'PATCH /api/v1/cases/{id}',
  'DELETE /api/v1/cases/{id}',
  'PUT /api/v1/cases/{id}/assignee',
  'POST /api/v1/cases/bulk',
  'GET /api/v1/cases/{id}/export',
  'POST /api/v1/cases/{id}/events',
  'PUT /api/v1/cases/{id}/events/{index}',
  'DELETE /api/v1/cases/{id}/events/{index}',
  'GET /api/v1/cases/{id}/people',
  'POST /api/v1/cases/{id}/people',
  'PUT /api/v1/cases/{id}/people/{personId}',
  'DELETE /api/v1/cases/{id}/people/{personId}',
  'GET /api/v1/cases/{id}/evaluation',
  'GET /api/v1/cases/{id}/checklist.pdf',
  'GET /api/v1/cases/{id}/letters/{file}',
  'GET /api/v1/cases/{id}/obligations.ics',
  'POST /api/v1/cases/{id}/documents',
  'GET /api/v1/cases/{id}/documents',
  'GET /api/v1/documents/{id}',
  'GET /api/v1/documents/{id}/content',
  'PATCH /api/v1/documents/{id}',
  'DELETE /api/v1/documents/{id}',
  'GET /api/v1/obligations',
  'GET /api/v1/findings',
  'GET /api/v1/dashboard',
  'GET /api/v1/exports/cases',
  'GET /api/v1/exports/deadlines',
  'GET /api/v1/exports/findings',
  'GET /api/v1/exports/audit',
  'GET /api/v1/exports/portfolio',
  'GET /api/v1/imports/template',
  'POST /api/v1/imports',
  'GET /api/v1/imports/{id}',
  'GET /api/v1/imports/{id}/rows',
  'PUT /api/v1/imports/{id}/mapping',
  'POST /api/v1/imports/{id}/commit',
  'POST /api/v1/imports/{id}/cancel',
  'DELETE /api/v1/imports/{id}',
  'GET /api/v1/import-mappings',
  'POST /api/v1/import-mappings',
  'GET /api/v1/audit',
  'POST /api/v1/evaluate',
  'GET /api/v1/cases/{id}/checklist',
  'PUT /api/v1/cases/{id}/checklist/{personId}/{document}',
  'GET /api/v1/cases/{id}/next-filing/checklist.pdf',
  'GET /api/v1/cases/{id}/next-filing/scans.zip',
  'POST /api/v1/selfcheck/codes',
  'POST /api/v1/selfcheck/codes/read',
  'POST /api/v1/selfcheck/codes/redeem',
  'GET /api/v1/mail',
  'GET /api/v1/outbox',
  'GET /api/v1/account/reminders',
  'PUT /api/v1/account/reminders',
  'POST /api/v1/reminders/unsubscribe',
  'POST /api/v1/auth/password-reset',
  'POST /api/v1/auth/password-reset/complete',
  'GET /api/v1/account/calendar',
  'POST /api/v1/account/calendar',
  'DELETE /api/v1/account/calendar',
  'GET /api/v1/calendar/{token}',
];
