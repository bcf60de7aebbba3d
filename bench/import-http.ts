// Spreadsheet import over HTTP at portfolio scale: the server on loopback over the embedded database
// (PGlite in a temporary directory), a generated .xlsx of BENCH_IMPORT_CASES (default 6,000) cases —
// 10,000 rows with Russian headers — uploaded as a browser would (POST /api/v1/imports), its job polled
// until the preview is ready, then committed (POST …/commit) and polled until done; then the same file
// again (nothing to write). Client and server share this process, so the peak RSS reported is both.
// Reports time and peak memory per step; asserts nothing.
//
//   npm run bench:import-http
//   BENCH_IMPORT_CASES=2000 npm run bench:import-http
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCalendar } from '../src/calendar/node.ts';
import { createEngine } from '../src/engine/index.ts';
import { loadLaw } from '../src/law/node.ts';
import { startServer } from '../src/server/index.ts';
import { migrate } from '../src/store/migrate.ts';
import { openPglite } from '../src/store/pglite.ts';
import { agencyRows, writeAgencyXlsx } from '../test/sheets/generate.ts';

const N = Number(process.env.BENCH_IMPORT_CASES ?? 6_000);
if (!Number.isInteger(N) || N < 1)
  throw new Error(`BENCH_IMPORT_CASES=${process.env.BENCH_IMPORT_CASES}: expected a whole number ≥ 1`);
const fmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const MiB = 1024 * 1024;

async function measure<T>(label: string, fn: () => Promise<T>): Promise<T> {
  global.gc?.();
  const base = process.memoryUsage().rss;
  let rss = base;
  const timer = setInterval(() => (rss = Math.max(rss, process.memoryUsage().rss)), 20);
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    clearInterval(timer);
    rss = Math.max(rss, process.memoryUsage().rss);
    console.log(
      `${label.padEnd(36)} ${fmt.format((performance.now() - t0) / 1000).padStart(7)} s   peak RSS ${fmt.format(rss / MiB).padStart(6)} MiB (+${fmt.format((rss - base) / MiB)})`,
    );
  }
}

const dir = mkdtempSync(join(tmpdir(), 'hqs-bench-import-http-'));
const file = join(dir, 'agency.xlsx');
console.log(`node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'}`);
const rows = await writeAgencyXlsx(file, agencyRows(N));
console.log(`${fmt.format(rows)} rows, ${fmt.format(N)} cases, ${fmt.format(statSync(file).size / 1024)} KiB`);
const law = loadLaw();
const db = await openPglite({ dataDir: join(dir, 'data') });
await migrate(db);
const server = await startServer({
  db,
  engine: createEngine({ law, calendar: loadCalendar() }),
  law,
  port: 0,
  host: '127.0.0.1',
  sweep: false,
  log: (m, e) => console.error(m, e ?? ''),
});
try {
  const url = server.url;
  const email = 'bench@example.com';
  const password = 'importing the whole portfolio';
  await fetch(`${url}/api/v1/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, orgName: 'Bench agency' }),
  });
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const headers = { cookie, 'x-csrf-token': csrf };
  type Job = {
    jobId: string;
    state: string;
    progress: { done: number; total: number | null; rows: number };
    preview?: { counts: Record<string, number> };
    result?: Record<string, unknown>;
  };
  const poll = async (id: string): Promise<{ job: Job; polls: number }> => {
    for (let polls = 1; ; polls++) {
      const job = (await (await fetch(`${url}/api/v1/imports/${id}`, { headers })).json()) as Job;
      if (job.state !== 'reading' && job.state !== 'committing') return { job, polls };
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const upload = async () =>
    (await (
      await fetch(`${url}/api/v1/imports?fileName=agency.xlsx&lang=ru`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/octet-stream' },
        body: readFileSync(file),
      })
    ).json()) as Job;
  const first = await measure('upload + preview (read, check, plan)', async () => {
    const job = await upload();
    return poll(job.jobId);
  });
  console.log(
    `  ${first.job.progress.rows} rows; ${JSON.stringify(first.job.preview?.counts)}; ${first.polls} progress polls answered`,
  );
  const committed = await measure('commit (whole cases, evaluated)', async () => {
    await fetch(`${url}/api/v1/imports/${first.job.jobId}/commit`, { method: 'POST', headers });
    return poll(first.job.jobId);
  });
  console.log(`  ${JSON.stringify(committed.job.result)}; ${committed.polls} progress polls answered while writing`);
  const again = await measure('the same file again: upload + preview', async () => {
    const job = await upload();
    return poll(job.jobId);
  });
  console.log(`  ${JSON.stringify(again.job.preview?.counts)}`);
} finally {
  await server.close();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
}
