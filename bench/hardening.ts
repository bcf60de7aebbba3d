// The figures behind issue 11 (npm run bench:hardening): what durable commits cost the embedded database,
// how fast hostile bodies are refused, and how /healthz fares while the evaluation workers are busy.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { parseCase } from '../src/case/index.ts';
import { loadLaw } from '../src/law/node.ts';
import { startServer } from '../src/server/index.ts';
import { durability, openPglite } from '../src/store/pglite.ts';
import { migrate } from '../src/store/migrate.ts';
import { makeCase, testEngine } from '../test/store/fixtures.ts';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function commits(): Promise<void> {
  const N = 300;
  const dir = mkdtempSync(join(tmpdir(), 'hqs-bench-dur-'));
  try {
    const relaxed = await PGlite.create({ dataDir: join(dir, 'relaxed') });
    await relaxed.exec('CREATE TABLE t (v int)');
    let t = performance.now();
    for (let i = 0; i < N; i++) await relaxed.transaction((tx) => tx.query('INSERT INTO t VALUES ($1)', [i]));
    const relaxedMs = (performance.now() - t) / N;
    await relaxed.close();
    const durable = await openPglite({ dataDir: join(dir, 'durable') });
    await durable.exec('CREATE TABLE t (v int)');
    const before = durability.fsyncs;
    t = performance.now();
    for (let i = 0; i < N; i++) await durable.transaction((tx) => tx.query('INSERT INTO t VALUES ($1)', [i]));
    const durableMs = (performance.now() - t) / N;
    const syncs = durability.fsyncs - before;
    await durable.close();
    console.log(
      `PGlite commit, ${N} one-row transactions: PGlite's default (fsync off) ${ms(relaxedMs)} each; durable ${ms(durableMs)} each, ${(syncs / N).toFixed(1)} fsync per commit`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function parsing(): void {
  const law = loadLaw();
  const tables = { countries: law.countries.codes, regions: law.regions.codes };
  const keys = Array.from({ length: 60_000 }, (_, i) => `"k${i}": ${i}`).join(', ');
  const text = `{ ${keys}, "k5": 1 }`;
  const t = performance.now();
  parseCase(text, { ...tables, format: 'json' });
  console.log(
    `parseCase of 60,000 keys with a duplicate (the library's quadratic check took 116 s): ${ms(performance.now() - t)}`,
  );
}

async function server(): Promise<void> {
  const files = mkdtempSync(join(tmpdir(), 'hqs-bench-files-'));
  const db = await openPglite({ filesDir: files });
  await migrate(db);
  const s = await startServer({
    db,
    engine: testEngine(),
    law: loadLaw(),
    port: 0,
    sweep: false,
    evaluateLimit: { capacity: 1e9, perSecond: 1e9 },
    log: () => {},
  });
  try {
    const base = makeCase(1) as unknown as Record<string, unknown> & { people: unknown[] };
    const child = (i: number) => ({
      id: `c${i}`,
      role: 'family',
      relation: 'child',
      name: { latin: `C ${i}` },
      birthDate: '2015-09-01',
      citizenships: ['CN'],
    });
    const oversized = JSON.stringify({
      ...base,
      people: [base.people[0], ...Array.from({ length: 6899 }, (_, i) => child(i))],
    });
    const manyKeys = JSON.stringify({
      ...base,
      ...Object.fromEntries(Array.from({ length: 60_000 }, (_, i) => [`k${i}`, i])),
    });
    const post = async (body: string) => {
      const t = performance.now();
      const r = await fetch(`${s.url}/api/v1/evaluate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      const answer = await r.arrayBuffer();
      return { ms: performance.now() - t, status: r.status, bytes: answer.byteLength };
    };
    const health = async () => {
      const t = performance.now();
      await (await fetch(`${s.url}/healthz`)).text();
      return performance.now() - t;
    };
    for (let i = 0; i < 10; i++)
      await Promise.all([post(oversized), post(manyKeys), health(), post(JSON.stringify(base))]);
    const idle = [];
    for (let i = 0; i < 30; i++) idle.push(await health());
    let loading = true;
    let evaluated = 0;
    const loadStart = performance.now();
    const load = Array.from({ length: 8 }, async () => {
      while (loading) if ((await post(JSON.stringify(base))).status === 200) evaluated++;
    });
    const big = [];
    const wide = [];
    const busy = [];
    for (let i = 0; i < 30; i++) {
      big.push((await post(oversized)).ms);
      wide.push((await post(manyKeys)).ms);
      busy.push(await health());
    }
    loading = false;
    await Promise.all(load);
    const seconds = (performance.now() - loadStart) / 1000;
    const one = await post(JSON.stringify(base));
    console.log(`/healthz idle: median ${ms(median(idle))}`);
    console.log(
      `under 8 clients evaluating (${(evaluated / seconds).toFixed(0)} evaluations/s, ${Math.round(one.bytes / 1024)} KB each):` +
        ` oversized case (${Math.round(oversized.length / 1024)} KB, 6,900 people) refused in median ${ms(median(big))} (max ${ms(Math.max(...big))});` +
        ` 60,000 keys (${Math.round(manyKeys.length / 1024)} KB) in median ${ms(median(wide))} (max ${ms(Math.max(...wide))});` +
        ` /healthz median ${ms(median(busy))} (max ${ms(Math.max(...busy))})`,
    );
  } finally {
    await s.close();
    await db.close();
    rmSync(files, { recursive: true, force: true });
  }
}

await commits();
parsing();
await server();
