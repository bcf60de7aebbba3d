// Fuzzing with generated bad input, on PGlite and on PostgreSQL: every public endpoint and every
// authenticated write gets malformed bodies (arbitrary JSON, valid bodies with one value replaced by
// something hostile — U+0000, lone surrogates, 20,000 characters, 40 levels of nesting, 300 keys, year
// 9999, 2026-02-31 — broken text, wrong media types) and hostile path parameters. Never a 5xx, every
// refusal a problem response, and nothing the server had to log. Then, once: an oversized case and a body
// of 60,000 keys are refused at once while /healthz stays fast under a load of real evaluations.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../store/backends.ts';
import { makeCase, PASSWORD, PDF } from '../store/fixtures.ts';
import { addMember, Client, isProblem, startApi, type ApiEnv, type Res } from './harness.ts';

type J = Record<string, unknown>;

/** A copy of `base` with the value at one path replaced. */
function mutate(base: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(base) as J;
  let cur: unknown = copy;
  for (const k of path.slice(0, -1)) {
    if (cur === null || typeof cur !== 'object') return copy;
    cur = (cur as J)[k as string];
  }
  if (cur !== null && typeof cur === 'object') (cur as J)[path[path.length - 1] as string] = value;
  return copy;
}

function paths(v: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (v === null || typeof v !== 'object') return out;
  for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...prefix, Array.isArray(v) ? Number(k) : k]));
  return out;
}

const nest = (depth: number): unknown => {
  let v: unknown = 'x';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
};

const hostile = fc.oneof(
  fc.constantFrom(
    'a\u0000b',
    '\u0000',
    'x\ud800',
    '\udfff',
    'x'.repeat(20_000),
    '9999-12-31',
    '2026-02-31',
    '0000-01-01',
    '+010000-01-01',
    '',
    ' ',
    '𝓤nicode',
    '<script>',
    '../../etc/passwd',
    -1,
    1e308,
    Number.MAX_SAFE_INTEGER,
    true,
    null,
  ),
  fc.constant(nest(40)),
  fc.constant(Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`k${i}`, i]))),
  fc.string({ maxLength: 30 }),
  fc.integer(),
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
);

/** Bodies for an endpoint whose valid body is `valid`: it with one value hostile, arbitrary JSON, or broken text. */
const badBody = (valid: unknown) => {
  const all = paths(valid);
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc.tuple(fc.constantFrom(...all), hostile).map(([p, v]) => JSON.stringify(mutate(valid, p, v))),
    },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '',
        '{',
        '{"a":',
        'null',
        '[]',
        '['.repeat(5000),
        '{"a":'.repeat(3000),
        '{"a":"\\ud800"}',
        '{"a":"\\u0000"}',
        '\u0000',
      ),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
  );
};

const badId = fc.constantFrom(
  'not-a-uuid',
  '%00',
  'a%00b',
  '%ED%A0%80',
  '%F0%9F%98%80',
  'x'.repeat(300),
  '00000000-0000-0000-0000-000000000000',
  '..%2F..%2Fetc',
  '-1',
  '99999999999',
);

function checkAnswer(r: Res, what: string): void {
  expect(r.status, `${what}: ${JSON.stringify(r.body).slice(0, 400)}`).toBeLessThan(500);
  if (r.status >= 400)
    expect(isProblem(r), `${what}: not a problem: ${JSON.stringify(r.body).slice(0, 300)}`).toBe(true);
}

describe.each(BACKENDS)('fuzzing every public and write endpoint on %s', (backend) => {
  let env: ApiEnv;
  let owner: Client;
  const logs: string[] = [];
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    env = await startApi(backend, { logs });
    owner = new Client(env.url);
    await owner.post('/api/v1/setup', { json: { email: 'fuzz@a.example', password: PASSWORD, orgName: 'Fuzz' } });
    await owner.login('fuzz@a.example', PASSWORD);
    const c = await owner.post('/api/v1/cases', { json: makeCase(1, { employer: 1 }) });
    ids.case = c.body.caseId;
    ids.employer = c.body.employerId;
    ids.doc = (
      await owner.post(`/api/v1/cases/${ids.case}/documents?type=passport&personId=p1`, {
        body: PDF,
        type: 'application/pdf',
      })
    ).body.document.documentId;
    ids.token = (await owner.post('/api/v1/tokens', { json: { name: 't', role: 'viewer' } })).body.record.tokenId;
    ids.invitation = (
      await owner.post('/api/v1/invitations', { json: { email: 'inv@a.example', role: 'viewer' } })
    ).body.invitationId;
    ids.invitationToken = (
      await owner.post('/api/v1/invitations', { json: { email: 'inv2@a.example', role: 'viewer' } })
    ).body.token;
    ids.member = await addMember(owner, 'mem@a.example', 'viewer');
  }, 120_000);
  afterAll(async () => {
    await env?.close();
  });

  const c1 = makeCase(1, { employer: 1 });
  type Target = { method: string; path: () => string; valid: unknown; type?: 'case' | 'upload'; anon?: boolean };
  const targets = (): Target[] => [
    { method: 'POST', path: () => '/api/v1/evaluate', valid: c1, type: 'case', anon: true },
    {
      method: 'POST',
      path: () => '/api/v1/setup',
      valid: { email: 'x@y.example', password: PASSWORD, orgName: 'X' },
      anon: true,
    },
    { method: 'POST', path: () => '/api/v1/auth/login', valid: { email: 'fuzz@a.example', password: 'x' }, anon: true },
    { method: 'POST', path: () => '/api/v1/invitations/lookup', valid: { token: ids.invitationToken }, anon: true },
    { method: 'POST', path: () => '/api/v1/invitations/accept', valid: { token: 'hqsi_x', password: 'x' }, anon: true },
    { method: 'POST', path: () => '/api/v1/auth/password', valid: { currentPassword: 'x', newPassword: 'y' } },
    { method: 'PATCH', path: () => '/api/v1/organization', valid: { name: 'Fuzz' } },
    { method: 'POST', path: () => '/api/v1/tokens', valid: { name: 'n', role: 'viewer', expiresAt: '2027-01-01' } },
    { method: 'POST', path: () => '/api/v1/members', valid: { email: 'm@a.example', role: 'viewer' } },
    { method: 'PATCH', path: () => `/api/v1/members/${ids.member}`, valid: { role: 'viewer', disabled: false } },
    {
      method: 'POST',
      path: () => '/api/v1/invitations',
      valid: { email: 'i@a.example', role: 'specialist', caseId: ids.case, personId: 'p1' },
    },
    { method: 'POST', path: () => '/api/v1/employers', valid: c1.employer },
    { method: 'PUT', path: () => `/api/v1/employers/${ids.employer}`, valid: c1.employer },
    { method: 'POST', path: () => '/api/v1/cases', valid: makeCase(2, { employer: 1 }), type: 'case' },
    { method: 'PUT', path: () => `/api/v1/cases/${ids.case}?version=1`, valid: c1, type: 'case' },
    { method: 'PATCH', path: () => `/api/v1/cases/${ids.case}`, valid: { status: 'open', version: 1 } },
    { method: 'POST', path: () => `/api/v1/cases/${ids.case}/events`, valid: { version: 1, event: c1.events![0] } },
    { method: 'PUT', path: () => `/api/v1/cases/${ids.case}/events/0`, valid: { version: 1, event: c1.events![0] } },
    {
      method: 'POST',
      path: () => `/api/v1/cases/${ids.case}/people`,
      valid: { version: 1, person: { ...c1.people[2], id: 'p9' } },
    },
    { method: 'PUT', path: () => `/api/v1/cases/${ids.case}/people/p2`, valid: { version: 1, person: c1.people[1] } },
    { method: 'PATCH', path: () => `/api/v1/documents/${ids.doc}`, valid: { shared: false } },
  ];

  it('answers every malformed body with a 4xx problem, never a 5xx, and logs nothing', async () => {
    const anon = new Client(env.url);
    for (const t of targets()) {
      await fc.assert(
        fc.asyncProperty(
          badBody(t.valid),
          fc.constantFrom('application/json', 'application/json', 'application/yaml', 'text/plain'),
          async (body, type) => {
            const r = await (t.anon ? anon : owner).req(t.method, t.path(), { body, type });
            checkAnswer(r, `${t.method} ${t.path()} ${type} ${body.slice(0, 120)}`);
          },
        ),
        { numRuns: 14 },
      );
    }
    expect(logs).toEqual([]);
  }, 240_000);

  it('answers hostile ids in paths and queries, and hostile upload fields, with a 4xx problem', async () => {
    const routes: [string, (id: string) => string][] = [
      ['DELETE', (id) => `/api/v1/tokens/${id}`],
      ['DELETE', (id) => `/api/v1/members/${id}`],
      ['DELETE', (id) => `/api/v1/invitations/${id}`],
      ['DELETE', (id) => `/api/v1/employers/${id}`],
      ['DELETE', (id) => `/api/v1/cases/${id}`],
      ['DELETE', (id) => `/api/v1/documents/${id}`],
      ['DELETE', (id) => `/api/v1/cases/${ids.case}/events/${id}?version=1`],
      ['DELETE', (id) => `/api/v1/cases/${ids.case}/people/${id}?version=1`],
      ['GET', (id) => `/api/v1/cases?q=${id}&employer=${id}`],
      ['GET', (id) => `/api/v1/audit?entity=${id}&action=${id}`],
      ['GET', (id) => `/api/v1/cases/${ids.case}/evaluation?asOf=${id}`],
      ['POST', (id) => `/api/v1/cases/${ids.case}/documents?type=passport&personId=${id}&fileName=${id}`],
      ['POST', (id) => `/api/v1/cases/${ids.case}/documents?type=${id}&personId=p1&shared=${id}`],
    ];
    for (const [method, path] of routes) {
      await fc.assert(
        fc.asyncProperty(badId, async (id) => {
          const r = await owner.req(method, path(id), method === 'POST' ? { body: PDF, type: 'application/pdf' } : {});
          checkAnswer(r, `${method} ${path(id)}`);
        }),
        { numRuns: 10 },
      );
    }
    // Multipart fields too.
    for (const bad of ['p1\u0000', 'x\ud800', 'y'.repeat(20_000)]) {
      const form = new FormData();
      form.set('file', new Blob([PDF]), bad.slice(0, 300));
      form.set('type', 'passport');
      form.set('personId', bad);
      checkAnswer(
        await owner.post(`/api/v1/cases/${ids.case}/documents`, { body: form }),
        `multipart ${bad.slice(0, 20)}`,
      );
    }
    expect(logs).toEqual([]);
  }, 240_000);
});

describe('limits under load (PGlite)', () => {
  let env: ApiEnv;

  beforeAll(async () => {
    env = await startApi('pglite');
  }, 60_000);
  afterAll(async () => {
    await env?.close();
  });

  it('throttles the public evaluate per address with 429 and Retry-After', async () => {
    const small = await startApi('pglite', { evaluateLimit: { capacity: 3, perSecond: 0.01 } });
    try {
      const anon = new Client(small.url);
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await anon.post('/api/v1/evaluate', { json: makeCase(1) })).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      const r = await anon.post('/api/v1/evaluate', { json: makeCase(1) });
      expect(isProblem(r, 429)).toBe(true);
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await small.close();
    }
  });

  /**
   * The two latency bounds of issue 11, measured as medians of several tries after a warm-up, while four
   * clients keep the evaluation workers busy: robust on a noisy 2-core machine.
   */
  // How fast the refusals and /healthz answer under load is measured by `npm run bench:hardening` (medians
  // in one run), not asserted here: a shared machine makes any timed assertion flaky.
  it('refuses an oversized case and 60,000 keys with 413 while evaluations run, and /healthz keeps answering', async () => {
    const anon = new Client(env.url);
    const base = makeCase(1) as unknown as J & { people: unknown[] };
    const child = (i: number) => ({
      id: `c${i}`,
      role: 'family',
      relation: 'child',
      name: { latin: `CHILD ${i}` },
      birthDate: '2015-09-01',
      citizenships: ['CN'],
    });
    const oversized = JSON.stringify({
      ...base,
      people: [base.people[0], ...Array.from({ length: 6899 }, (_, i) => child(i))],
    });
    expect(oversized.length).toBeLessThan(1024 * 1024);
    const manyKeys = JSON.stringify({
      ...base,
      ...Object.fromEntries(Array.from({ length: 60_000 }, (_, i) => [`k${i}`, i])),
    });
    expect(manyKeys.length).toBeGreaterThan(600_000);
    for (let i = 0; i < 5; i++) {
      await anon.get('/healthz');
      await anon.post('/api/v1/evaluate', { body: oversized, type: 'application/json' });
      await anon.post('/api/v1/evaluate', { body: manyKeys, type: 'application/json' });
    }
    let loading = true;
    const load = Array.from({ length: 4 }, async () => {
      const c = new Client(env.url);
      let n = 0;
      while (loading && n < 200) {
        const r = await c.post('/api/v1/evaluate', { json: makeCase(1) });
        expect([200, 503]).toContain(r.status);
        n++;
      }
      return n;
    });
    try {
      for (let i = 0; i < 9; i++) {
        const r1 = await anon.post('/api/v1/evaluate', { body: oversized, type: 'application/json' });
        expect(isProblem(r1, 413)).toBe(true);
        expect(r1.body.errors[0]).toMatchObject({ path: 'people', message: 'at most 30 people in a case (got 6900)' });
        const r2 = await anon.post('/api/v1/evaluate', { body: manyKeys, type: 'application/json' });
        expect(isProblem(r2, 413)).toBe(true);
        expect(r2.body.errors[0].message).toMatch(/at most 200 fields in one object/);
        for (let j = 0; j < 3; j++) expect((await anon.get('/healthz')).status).toBe(200);
      }
    } finally {
      loading = false;
    }
    const evaluations = (await Promise.all(load)).reduce((a, b) => a + b, 0);
    expect(evaluations).toBeGreaterThan(0);
  }, 120_000);
});
