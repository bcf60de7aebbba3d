// The portfolio sweep on the embedded database: BENCH_SWEEP_CASES (default 10,000) generated cases
// stored in one organization of a PGlite database in a temporary data directory (on disk, as `npm start`
// runs it), then `sweep()` as `hqs sweep` runs it: every open case evaluated, its evaluation and
// obligations written where they changed, in batches of 250 per tenant transaction. Reports cases per second
// for the first sweep (no evaluations stored yet: every case written), a second one on the same day (nothing
// changed: nothing written) and one a month later (what changed in a month written).
//
//   node bin/run-ts.js bench/sweep.ts
//   BENCH_SWEEP_CASES=2000 node bin/run-ts.js bench/sweep.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { loadLaw } from '../src/law/node.ts';
import { loadCalendar } from '../src/calendar/node.ts';
import { createEngine } from '../src/engine/index.ts';
import type { IsoDate } from '../src/calendar/date.ts';
import { openPglite } from '../src/store/pglite.ts';
import { migrate } from '../src/store/migrate.ts';
import { createOwner, resolveActor } from '../src/store/memberships.ts';
import { createCases } from '../src/store/cases.ts';
import { sweep } from '../src/store/sweep.ts';
import { DEFAULT_SEED, generateCase } from './generate.ts';

const N = Number(process.env.BENCH_SWEEP_CASES ?? 10_000);
const SEED = Number(process.env.BENCH_SEED ?? DEFAULT_SEED);
if (!Number.isInteger(N) || N < 1)
  throw new Error(`BENCH_SWEEP_CASES=${process.env.BENCH_SWEEP_CASES}: expected a whole number ≥ 1`);
const AS_OF = '2026-11-21' as IsoDate;
const fmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

const law = loadLaw();
const engine = createEngine({ law, calendar: loadCalendar() });
const dir = mkdtempSync(join(tmpdir(), 'hqs-bench-sweep-'));
const db = await openPglite({ dataDir: dir });
try {
  await migrate(db);
  const { organization, user } = await createOwner(db, {
    email: 'bench@example.com',
    password: 'sweeping the whole portfolio',
    orgName: 'Bench agency',
  });
  const owner = await resolveActor(db, { userId: user.userId, orgId: organization.orgId });

  let t = performance.now();
  for (let from = 0; from < N; from += 500) {
    const batch = [];
    for (let i = from; i < Math.min(N, from + 500); i++) batch.push(generateCase(i, { law, seed: SEED }));
    await createCases(db, owner, batch);
  }
  const importMs = performance.now() - t;
  console.log(
    `stored ${fmt.format(N)} generated cases in ${fmt.format(importMs)} ms (${fmt.format(N / (importMs / 1000))} cases/s, createCases in batches of 500)`,
  );

  const runs: [string, IsoDate][] = [
    ['first sweep (no evaluations yet)', AS_OF],
    ['second sweep, same day (nothing changed)', AS_OF],
    ['a month later (what changed is written)', '2026-12-21' as IsoDate],
  ];
  for (const [label, asOf] of runs) {
    let last = 0;
    t = performance.now();
    const r = await sweep(db, engine, asOf, (p) => {
      const pct = Math.floor((10 * p.done) / p.total);
      if (pct > last) {
        last = pct;
        process.stderr.write(`\r  ${p.done}/${p.total}`);
      }
    });
    process.stderr.write('\r\u001b[K');
    const ms = performance.now() - t;
    if (r.failures.length) console.log(`  ${r.failures.length} failures, first: ${r.failures[0]!.error}`);
    console.log(
      `${label}: ${fmt.format(r.cases)} cases (${fmt.format(r.changed)} changed and written), ${fmt.format(r.obligations)} obligations in ${fmt.format(ms)} ms — ${fmt.format(r.cases / (ms / 1000))} cases/s`,
    );
  }
  const size = await db.query<{ mb: number }>(
    'SELECT (pg_database_size(current_database()) / 1048576.0)::float8 AS mb',
  );
  console.log(
    `database size ${fmt.format(size[0]!.mb)} MiB; PGlite on ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`,
  );
} finally {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
}
