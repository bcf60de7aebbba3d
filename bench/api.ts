// The HTTP API under load, on each backend: the real server (startServer, in this process) on
// 127.0.0.1 with a free port and the public evaluate's rate limit lifted, an organization with an API token
// and BENCH_API_CASES (default 200) generated cases, then autocannon (in a worker thread, so the load
// generator does not share the server's event loop) with BENCH_API_CONNECTIONS (default 50) connections
// for BENCH_API_SECONDS (default 10) against
//   (a) POST /api/v1/evaluate with one generated case (public: nothing stored), and
//   (b) GET /api/v1/cases/{id} with the Bearer token, each request naming the next of the stored cases
//       (each read is also written to the audit log, as in production).
// Each measured run follows a warm-up of BENCH_API_WARMUP seconds (default 2, not reported). PostgreSQL
// is the Debian server the tests use (test/store/postgres-server.ts: initdb in a temporary directory, a
// free port on 127.0.0.1); without its binaries that backend is skipped with a message. Traffic goes only
// to 127.0.0.1, bounded in time; everything started is stopped and removed at the end.
//
//   npm run bench:api
//   BENCH_API_SECONDS=3 BENCH_API_BACKENDS=pglite npm run bench:api
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { loadLaw } from '../src/law/node.ts';
import { loadCalendar } from '../src/calendar/node.ts';
import { createEngine } from '../src/engine/index.ts';
import { startServer, type RunningServer } from '../src/server/index.ts';
import { openPglite } from '../src/store/pglite.ts';
import { openPostgres } from '../src/store/postgres.ts';
import { migrate } from '../src/store/migrate.ts';
import { createOwner, resolveActor } from '../src/store/memberships.ts';
import { createApiToken } from '../src/store/tokens.ts';
import { createCases } from '../src/store/cases.ts';
import type { Db } from '../src/store/db.ts';
import { admin, findPostgresBin, startPostgres, type PostgresServer } from '../test/store/postgres-server.ts';
import { DEFAULT_SEED, generateCase } from './generate.ts';

function whole(name: string, fallback: number, min: number): number {
  const text = process.env[name];
  const n = text === undefined || text.trim() === '' ? fallback : Number(text);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name}=${text}: expected a whole number ≥ ${min}`);
  return n;
}

const SECONDS = whole('BENCH_API_SECONDS', 10, 1);
const WARMUP = whole('BENCH_API_WARMUP', 2, 0);
const CONNECTIONS = whole('BENCH_API_CONNECTIONS', 50, 1);
const CASES = whole('BENCH_API_CASES', 200, 1);
const BACKENDS = (process.env.BENCH_API_BACKENDS ?? 'pglite,postgres')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
for (const b of BACKENDS)
  if (b !== 'pglite' && b !== 'postgres')
    throw new Error(`BENCH_API_BACKENDS: unknown backend "${b}" (expected pglite, postgres)`);

const law = loadLaw();
const engine = createEngine({ law, calendar: loadCalendar() });
const evaluateBody = JSON.stringify(generateCase(0, { law, seed: DEFAULT_SEED }));

interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  total: number;
}

interface Load {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  /** Request paths taken in turn (each request the next one). */
  paths: string[];
  seconds: number;
}

// autocannon runs in a worker thread (CommonJS, evaluated from this string): the server keeps the main
// thread's event loop to itself, as it would in production.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const autocannon = require(workerData.autocannon);
const { paths, ...opts } = workerData.opts;
let i = 0;
opts.requests = [{ setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length] }) }];
autocannon(opts, (err, raw) => {
  if (err) return parentPort.postMessage({ error: String((err && err.stack) || err) });
  // Outside the main thread autocannon hands back its raw histograms: aggregate them as it would.
  const r = raw.latency ? raw : autocannon.aggregateResult([raw], { url: opts.url, connections: opts.connections, duration: opts.duration });
  parentPort.postMessage({ result: {
    requestsPerSecond: raw.totalCompletedRequests / raw.duration, p50: r.latency.p50, p99: r.latency.p99,
    non2xx: raw.non2xx, errors: raw.errors, timeouts: raw.timeouts, total: raw.totalCompletedRequests,
  } });
});
`;

function autocannon(load: Load): Promise<LoadResult> {
  const path = createRequire(import.meta.url).resolve('autocannon');
  const opts = {
    url: load.url,
    method: load.method,
    headers: load.headers,
    ...(load.body ? { body: load.body } : {}),
    connections: CONNECTIONS,
    duration: load.seconds,
    paths: load.paths,
  };
  return new Promise((resolve, reject) => {
    const w = new Worker(WORKER, { eval: true, workerData: { autocannon: path, opts } });
    w.once('message', (m: { error?: string; result?: LoadResult }) => {
      void w.terminate();
      if (m.error) reject(new Error(`autocannon: ${m.error}`));
      else resolve(m.result!);
    });
    w.once('error', reject);
  });
}

interface Row extends LoadResult {
  backend: string;
  endpoint: string;
}

async function seed(db: Db): Promise<{ token: string; caseIds: string[] }> {
  await migrate(db);
  const { organization, user } = await createOwner(db, {
    email: 'owner@bench.example',
    password: 'measuring every request twice',
    orgName: 'Bench agency',
  });
  const owner = await resolveActor(db, { userId: user.userId, orgId: organization.orgId });
  const { token } = await createApiToken(db, owner, { name: 'bench', role: 'viewer' });
  const caseIds: string[] = [];
  for (let from = 0; from < CASES; from += 100) {
    const batch = [];
    for (let i = from; i < Math.min(CASES, from + 100); i++) batch.push(generateCase(i, { law, seed: DEFAULT_SEED }));
    caseIds.push(...(await createCases(db, owner, batch)).map((c) => c.caseId));
  }
  return { token, caseIds };
}

async function measure(backend: string, db: Db): Promise<Row[]> {
  const { token, caseIds } = await seed(db);
  const lifted = { capacity: 1_000_000_000, perSecond: 1_000_000_000 };
  const server: RunningServer = await startServer({
    db,
    engine,
    law,
    port: 0,
    host: '127.0.0.1',
    sweep: false,
    evaluateLimit: lifted,
    log: (msg, err) => console.error(`[server] ${msg}`, err ?? ''),
  });
  try {
    const loads: { endpoint: string; load: Omit<Load, 'seconds'> }[] = [
      {
        endpoint: 'POST /api/v1/evaluate',
        load: {
          url: server.url,
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: evaluateBody,
          paths: ['/api/v1/evaluate'],
        },
      },
      {
        endpoint: 'GET /api/v1/cases/{id}',
        load: {
          url: server.url,
          method: 'GET',
          headers: { authorization: `Bearer ${token}` },
          paths: caseIds.map((id) => `/api/v1/cases/${id}`),
        },
      },
    ];
    const rows: Row[] = [];
    for (const { endpoint, load } of loads) {
      if (WARMUP > 0) await autocannon({ ...load, seconds: WARMUP });
      process.stderr.write(`${backend}: ${endpoint} for ${SECONDS} s …\n`);
      rows.push({ backend, endpoint, ...(await autocannon({ ...load, seconds: SECONDS })) });
    }
    return rows;
  } finally {
    // Requests still being answered when the load stopped finish before the database closes.
    await new Promise((r) => setTimeout(r, 1000));
    await server.close();
  }
}

async function onPglite(): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'hqs-bench-api-'));
  const db = await openPglite({ dataDir: dir });
  try {
    return await measure('pglite', db);
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function onPostgres(): Promise<Row[]> {
  try {
    findPostgresBin();
  } catch (e) {
    console.log(`postgres: skipped — ${(e as Error).message}`);
    return [];
  }
  const server: PostgresServer = await startPostgres();
  const dir = mkdtempSync(join(tmpdir(), 'hqs-bench-api-'));
  try {
    await admin(server, ['CREATE DATABASE hqs_bench OWNER hqs_owner']);
    const db = await openPostgres({ url: server.url('hqs_bench'), dataDir: dir, poolSize: 10 });
    try {
      return await measure('postgres', db);
    } finally {
      await db.close();
    }
  } finally {
    server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

const loadBefore = loadavg()[0]!;
const rows: Row[] = [];
for (const b of BACKENDS) rows.push(...(b === 'pglite' ? await onPglite() : await onPostgres()));

const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
console.log(
  `\nHTTP API, ${CONNECTIONS} connections, ${SECONDS} s per endpoint (after ${WARMUP} s warm-up), ${CASES} stored cases`,
);
console.log(
  `node ${process.version}, ${availableParallelism()} CPUs (${cpu}); server and load generator on the same machine`,
);
console.log(
  `load average (1 min) ${loadBefore.toFixed(2)} before, ${loadavg()[0]!.toFixed(2)} after: other work on the machine shares its CPUs\n`,
);
const header = ['backend', 'endpoint', 'requests/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors'];
const table = rows.map((r) => [
  r.backend,
  r.endpoint,
  fmt(r.requestsPerSecond),
  fmt(r.p50, 1),
  fmt(r.p99, 1),
  fmt(r.non2xx),
  fmt(r.errors + r.timeouts),
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i]!.length)));
console.log(`| ${header.map((h, i) => h.padEnd(widths[i]!)).join(' | ')} |`);
console.log(`| ${widths.map((w, i) => (i < 2 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`);
for (const t of table)
  console.log(`| ${t.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`);
const bad = rows.filter((r) => r.non2xx > 0 || r.errors > 0);
if (bad.length) {
  console.log(
    `\nsome requests failed: ${bad.map((r) => `${r.backend} ${r.endpoint}: ${r.non2xx} non-2xx, ${r.errors} errors`).join('; ')}`,
  );
  process.exitCode = 1;
}
