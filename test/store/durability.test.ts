// A real server process on the embedded database (`hqs start`, PGlite on disk), killed with SIGKILL while
// clients write: after a restart, every write it acknowledged is there. (kill -9 tests what the process
// loses; the fsync at commit — src/store/pglite.test.ts — is what keeps a power cut from losing more.)
// And the daily backup needs no downtime: `hqs backup` while the server runs is written by the server.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { innWithCheckDigits } from '../../src/case/inn.ts';
import { PASSWORD } from './fixtures.ts';
import { Client } from '../api/harness.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface Proc {
  child: ChildProcess;
  url: string;
}

/** `hqs start` in its own process group (so that the group can be killed whole). */
async function start(dataDir: string): Promise<Proc> {
  const child = spawn(process.execPath, [join(ROOT, 'bin/hqs.js'), 'start'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', HQS_DATA_DIR: dataDir, DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let log = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 90 s:\n${log}`)), 90_000);
    const onData = (d: Buffer) => {
      log += d.toString();
      const m = /running at (http:\/\/127\.0\.0\.1:\d+)/.exec(log);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before starting:\n${log}`));
    });
  });
  return { child, url };
}

/** SIGTERM to the group, then SIGKILL after a grace period (a server in a CPU loop ignores SIGTERM). */
async function stop(p: Proc | undefined, graceMs = 5_000, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!p || p.child.exitCode !== null || p.child.signalCode !== null) return;
  const exited = new Promise((r) => p.child.once('exit', r));
  try {
    process.kill(-p.child.pid!, signal);
  } catch {
    /* gone */
  }
  await Promise.race([exited, new Promise((r) => setTimeout(r, graceMs))]);
  if (p.child.exitCode === null && p.child.signalCode === null) {
    try {
      process.kill(-p.child.pid!, 'SIGKILL');
    } catch {
      /* gone */
    }
    await exited;
  }
}

describe('a server killed during writes (PGlite on disk)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hqs-durability-'));
  let server: Proc | undefined;

  afterAll(async () => {
    await stop(server);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged write after kill -9, and backs up online', async () => {
    server = await start(dataDir);
    const owner = new Client(server.url);
    expect(
      (await owner.post('/api/v1/setup', { json: { email: 'd@d.example', password: PASSWORD, orgName: 'Durable' } }))
        .status,
    ).toBe(201);
    expect((await owner.login('d@d.example', PASSWORD)).status).toBe(200);

    // Four writers create employers as fast as the server acknowledges them.
    const acknowledged = new Set<string>();
    let n = 0;
    let writing = true;
    const writer = async () => {
      while (writing) {
        const i = n++;
        try {
          const r = await owner.post('/api/v1/employers', {
            json: { name: `Employer ${i}`, inn: innWithCheckDigits(String(500000000 + i)), kind: 'commercial' },
          });
          if (r.status === 201) acknowledged.add(r.body.employerId);
        } catch {
          return; // the connection went with the process: not acknowledged
        }
      }
    };
    const writers = Array.from({ length: 4 }, writer);
    while (acknowledged.size < 40) await new Promise((r) => setTimeout(r, 20));
    process.kill(-server.child.pid!, 'SIGKILL'); // mid-write
    writing = false;
    await Promise.all(writers);
    await new Promise((r) =>
      server!.child.exitCode !== null || server!.child.signalCode ? r(null) : server!.child.once('exit', r),
    );
    expect(acknowledged.size).toBeGreaterThanOrEqual(40);

    // The lock of the killed process is stale and taken over; every acknowledged write is there.
    server = await start(dataDir);
    const again = new Client(server.url);
    expect((await again.login('d@d.example', PASSWORD)).status).toBe(200);
    const stored = new Set<string>();
    for (let offset = 0; ; offset += 500) {
      const page = await again.get(`/api/v1/employers?limit=500&offset=${offset}`);
      for (const e of page.body.items) stored.add(e.employerId);
      if (page.body.items.length < 500) break;
    }
    const lost = [...acknowledged].filter((id) => !stored.has(id));
    expect(lost).toEqual([]);

    // A backup while the server runs: written by the server, holding every employer.
    const file = join(dataDir, 'online.jsonl.gz');
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/hqs.js'), 'backup', file], {
      cwd: ROOT,
      env: { ...process.env, HQS_DATA_DIR: dataDir, DATABASE_URL: '' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/online, by the running server/);
    const lines = gunzipSync(readFileSync(file)).toString('utf8').trimEnd().split('\n');
    const end = JSON.parse(lines.at(-1)!) as { end: boolean; rows: Record<string, number> };
    expect(end.rows.employers).toBe(stored.size);
    // It kept serving. The client's kept-alive connection may have been closed by the server as idle while the
    // backup ran (a race of keep-alive, not a failure to serve): one retry on a closed socket.
    const health = await again.get('/healthz').catch(async (e: unknown) => {
      if ((e as { cause?: { code?: string } }).cause?.code !== 'UND_ERR_SOCKET') throw e;
      return again.get('/healthz');
    });
    expect(health.status).toBe(200);
  }, 240_000);
});
