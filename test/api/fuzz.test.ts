// Fuzzing the public evaluate endpoint and the case import with generated bad input: the answer is never
// a 5xx, and every refusal is a problem response naming at least one field. The inputs are valid cases
// with one part replaced by a generated value, arbitrary JSON, and arbitrary text (as JSON or YAML).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCase, PASSWORD } from '../store/fixtures.ts';
import { Client, isProblem, startApi, type ApiEnv, type Res } from './harness.ts';

type J = Record<string, unknown>;

/** A valid case with the value at one path replaced. */
function mutate(base: J, path: (string | number)[], value: unknown): unknown {
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
  if (v === null || typeof v !== 'object') return [prefix];
  const out: (string | number)[][] = prefix.length ? [prefix] : [];
  for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...prefix, Array.isArray(v) ? Number(k) : k]));
  return out;
}

const base = makeCase(1, { employer: 1 }) as unknown as J;
const allPaths = paths(base);

const badValue = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('1990-02-30', '2026-13-01', '', 'XX', '0000000000', -1, 1e308, '𝓤nicode', '<script>'),
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
);

const badCase = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.tuple(fc.constantFrom(...allPaths), badValue).map(([p, v]) => JSON.stringify(mutate(base, p, v))),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
);

function checkAnswer(r: Res, what: string): void {
  expect(r.status, `${what}: ${JSON.stringify(r.body).slice(0, 500)}`).toBeLessThan(500);
  if (r.status >= 400) {
    expect(isProblem(r), `${what}: not a problem: ${JSON.stringify(r.body).slice(0, 300)}`).toBe(true);
    expect(
      Array.isArray(r.body.errors) &&
        r.body.errors.length > 0 &&
        r.body.errors.every((e: { path: unknown }) => typeof e.path === 'string' && e.path.length > 0),
      `${what}: no field named`,
    ).toBe(true);
  }
}

describe('fuzzing the public evaluate and the case import (PGlite)', () => {
  let env: ApiEnv;
  let owner: Client;
  const logs: string[] = [];

  beforeAll(async () => {
    env = await startApi('pglite', { logs });
    owner = new Client(env.url);
    await owner.post('/api/v1/setup', { json: { email: 'fuzz@a.example', password: PASSWORD, orgName: 'Fuzz' } });
    await owner.login('fuzz@a.example', PASSWORD);
  }, 60_000);
  afterAll(async () => {
    await env?.close();
  });

  it('POST /api/v1/evaluate: never a 5xx; a refusal names a field', async () => {
    const anon = new Client(env.url);
    await fc.assert(
      fc.asyncProperty(
        badCase,
        fc.constantFrom('application/json', 'application/yaml'),
        fc.option(fc.constantFrom('2026-01-01', '1800-01-01', '2026-02-30', 'x'), { nil: undefined }),
        async (body, type, asOf) => {
          const r = await anon.post(`/api/v1/evaluate${asOf ? `?asOf=${asOf}` : ''}`, { body, type });
          checkAnswer(r, `evaluate ${type} ${body.slice(0, 200)}`);
        },
      ),
      { numRuns: 250 },
    );
    expect(logs).toEqual([]);
  });

  it('POST /api/v1/cases: never a 5xx; a refusal names a field', async () => {
    await fc.assert(
      fc.asyncProperty(badCase, fc.constantFrom('application/json', 'application/yaml'), async (body, type) => {
        const r = await owner.post('/api/v1/cases', { body, type });
        checkAnswer(r, `import ${type} ${body.slice(0, 200)}`);
      }),
      { numRuns: 150 },
    );
    expect(logs).toEqual([]);
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
});
