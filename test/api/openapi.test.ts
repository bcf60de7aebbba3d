// The OpenAPI document: an OpenAPI 3.1 structure, every registered route in it, its schemas valid JSON
// Schema 2020-12, and real responses of the server valid against the schemas the document gives them.
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCase, PASSWORD } from '../store/fixtures.ts';
import { contracts } from '../../src/server/routes/index.ts';
import { Client, startApi, type ApiEnv } from './harness.ts';

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
  'GET /api/v1/dashboard',
  'GET /api/v1/audit',
  'POST /api/v1/evaluate',
];
