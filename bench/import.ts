// Spreadsheet import at portfolio scale: a generated .xlsx of BENCH_IMPORT_CASES (default 6,000) cases —
// principals, and a spouse and a child on every third — 10,000 rows with Russian headers, written
// with the streaming writer; then the import as `hqs import` runs it on the embedded database (PGlite in
// a temporary data directory): the preview (read, map, check every case), the plan, the commit (one
// transaction per case, each case evaluated), and a second import of the same file (nothing to write).
// Also a CSV export of the same rows read back. Reports time and peak memory (RSS and heap) per step.
//
//   npm run bench:import
//   BENCH_IMPORT_CASES=2000 npm run bench:import
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { loadLaw } from '../src/law/node.ts';
import { loadCalendar } from '../src/calendar/node.ts';
import { createEngine } from '../src/engine/index.ts';
import type { IsoDate } from '../src/calendar/date.ts';
import { openPglite } from '../src/store/pglite.ts';
import { migrate } from '../src/store/migrate.ts';
import { createOwner, resolveActor } from '../src/store/memberships.ts';
import { commitImport, planImport, previewImport } from '../src/sheets/index.ts';
import { agencyRows, writeAgencyXlsx } from '../test/sheets/generate.ts';

const N = Number(process.env.BENCH_IMPORT_CASES ?? 6_000);
if (!Number.isInteger(N) || N < 1)
  throw new Error(`BENCH_IMPORT_CASES=${process.env.BENCH_IMPORT_CASES}: expected a whole number ≥ 1`);
const AS_OF = '2026-11-21' as IsoDate;
const fmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const MiB = 1024 * 1024;

/** Peak RSS and heap while `fn` runs, sampled every 20 ms. */
async function measure<T>(label: string, fn: () => Promise<T>): Promise<T> {
  global.gc?.();
  const base = process.memoryUsage();
  let rss = base.rss;
  let heap = base.heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
  }, 20);
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    clearInterval(timer);
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
    const ms = performance.now() - t0;
    console.log(
      `${label.padEnd(34)} ${fmt.format(ms / 1000).padStart(7)} s   peak RSS ${fmt.format(rss / MiB).padStart(6)} MiB (+${fmt.format((rss - base.rss) / MiB)})   peak heap ${fmt.format(heap / MiB).padStart(6)} MiB (+${fmt.format((heap - base.heapUsed) / MiB)})`,
    );
  }
}

const law = loadLaw();
const engine = createEngine({ law, calendar: loadCalendar() });
const dir = mkdtempSync(join(tmpdir(), 'hqs-bench-import-'));
const file = join(dir, 'agency.xlsx');
console.log(`node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'}`);
const rows = await measure('write the .xlsx (streaming)', () => writeAgencyXlsx(file, agencyRows(N)));
console.log(`${fmt.format(rows)} rows, ${fmt.format(N)} cases, ${fmt.format(statSync(file).size / 1024)} KiB`);
const db = await openPglite({ dataDir: join(dir, 'data') });
try {
  await migrate(db);
  const { organization, user } = await createOwner(db, {
    email: 'bench@example.com',
    password: 'importing the whole portfolio',
    orgName: 'Bench agency',
  });
  const actor = await resolveActor(db, { userId: user.userId, orgId: organization.orgId });
  let lastRows = 0;
  const preview = await measure('preview (read, map, check)', () =>
    previewImport({ path: file }, { law, lang: 'ru', today: AS_OF, onProgress: (p) => (lastRows = p.rows) }),
  );
  console.log(
    `  ${preview.rows} rows read (progress reported ${lastRows}), ${preview.cases} cases, ${preview.valid} valid, ${preview.errors.length} errors`,
  );
  const plan = await measure('plan (match against the store)', () => planImport(db, actor, preview));
  const result = await measure('commit (whole cases, evaluated)', () =>
    commitImport(db, actor, plan, { evaluate: { engine, asOf: AS_OF }, today: AS_OF }),
  );
  console.log(`  created ${result.created}, updated ${result.updated}, failed ${result.failed.length}`);
  const again = await measure('re-import: preview + plan', async () =>
    planImport(db, actor, await previewImport({ path: file }, { law, lang: 'ru', today: AS_OF })),
  );
  console.log(`  unchanged ${again.counts.unchanged}, update ${again.counts.update}, create ${again.counts.create}`);
} finally {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
}
