// Exactly one digest per member per day with two server processes (`hqs start`) on one PostgreSQL
// database and a crashed, restarted process in between: both ask the job queue (pg-boss) for the day's
// sweep and reminders, whichever fetches the job does them, and the key (member, day) in reminder_sends
// keeps a second run — the other process's, or the restarted one's — from mailing anyone again. The mails
// go to a real SMTP server process and are counted there.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackend, type TestBackend } from '../store/backends.ts';
import { makeOrg, PASSWORD, type Org } from '../store/fixtures.ts';
import { startSmtp, type SmtpProcess } from './smtp.ts';
import { generateCase } from '../../bench/generate.ts';
import { loadLaw } from '../../src/law/node.ts';
import { todayInMoscow } from '../../src/calendar/date.ts';
import { addMemberByEmail, assignCase, checkCase, createCase, inSystem, type Db } from '../../src/store/index.ts';

const ROOT = new URL('../../', import.meta.url).pathname;

interface Proc {
  child: ChildProcess;
  log: () => string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

async function startHqs(env: Record<string, string>): Promise<Proc> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hqs-queue-'));
  const child = spawn(process.execPath, [join(ROOT, 'bin/hqs.js'), 'start'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', HQS_DATA_DIR: dataDir, HQS_EVAL_WORKERS: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let log = '';
  child.stdout!.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`hqs start did not start: ${log}`)), 90_000);
    const check = setInterval(() => {
      if (/running at http/.test(log)) {
        clearTimeout(timer);
        clearInterval(check);
        resolve();
      }
    }, 100);
    child.once('exit', (code) => {
      clearTimeout(timer);
      clearInterval(check);
      reject(new Error(`hqs start exited (${code}): ${log}`));
    });
  });
  return {
    child,
    log: () => log,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        const group = (s: NodeJS.Signals) => {
          try {
            process.kill(-child.pid!, s);
          } catch {
            /* gone */
          }
        };
        group(signal);
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (child.exitCode === null && child.signalCode === null) group('SIGKILL');
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls `probe` until it returns true (the whole test has its own time limit). */
async function until(probe: () => Promise<boolean>, what: string, logs: () => string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (await probe()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`never happened: ${what}\n${logs()}`);
}

describe('two server processes on one PostgreSQL: one digest per member per day', () => {
  let backend: TestBackend;
  let db: Db;
  let A: Org;
  let smtp: SmtpProcess;
  const procs: Proc[] = [];
  let url = '';
  const day = todayInMoscow();

  beforeAll(async () => {
    [backend, smtp] = await Promise.all([startBackend('postgres'), startSmtp()]);
    db = await backend.fresh();
    url = backend.server!.url('hqs_test_1');
    A = await makeOrg(db, 'queue');
    const law = loadLaw();
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) ids.push((await createCase(db, A.owner, checkCase(generateCase(i, { law })))).caseId);
    const m = await addMemberByEmail(db, A.owner, {
      email: 'manager.queue@example.com',
      password: PASSWORD,
      role: 'manager',
    });
    for (const id of ids.slice(0, 4)) await assignCase(db, A.owner, id, m.userId);
  }, 180_000);

  afterAll(async () => {
    for (const p of procs) await p.stop('SIGKILL');
    await smtp?.stop();
    await backend?.close();
  }, 60_000);

  it('sends each member one digest, across two processes and a crash and restart', async () => {
    const env = {
      DATABASE_URL: url,
      SMTP_URL: smtp.url,
      MAIL_FROM: 'HQS Desk <hqs@example.ru>',
      PUBLIC_URL: 'https://hqs.example.ru',
    };
    procs.push(...(await Promise.all([startHqs(env), startHqs(env)])));
    const logs = () => procs.map((p) => p.log()).join('\n---\n');
    const sends = async () =>
      (
        await inSystem(db, (tx) =>
          tx.query<{ n: number }>('SELECT count(*)::int AS n FROM reminder_sends WHERE day = $1', [day]),
        )
      )[0]!.n;
    const queued = async () =>
      (
        await inSystem(db, (tx) =>
          tx.query<{ n: number }>("SELECT count(*)::int AS n FROM outbox WHERE status <> 'sent'"),
        )
      )[0]!.n;
    const dailyDone = async () =>
      (
        await db.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'daily' AND singleton_key = $1 AND state = 'completed'",
          [day],
        )
      )[0]!.n;

    await until(
      async () => (await dailyDone()) >= 1 && (await sends()) >= 1 && (await queued()) === 0,
      'the first digests',
      logs,
    );
    const members = await sends();
    expect(members).toBe(2); // the owner (unassigned cases) and the manager (theirs)
    await until(async () => smtp.count() === members, 'delivery', logs);

    // A crash (SIGKILL) and a restart: the restarted process asks for the day's job again and runs it.
    const before = await dailyDone();
    await procs[0]!.stop('SIGKILL');
    procs[0] = await startHqs(env);
    await until(async () => (await dailyDone()) > before, 'the restarted process runs the daily job', logs);
    await until(async () => (await queued()) === 0, 'the outbox is empty', logs);

    expect(await sends()).toBe(members);
    expect(smtp.count()).toBe(members);
    const to = (await smtp.messages()).map((m) => (m.to && 'text' in m.to ? m.to.text : ''));
    expect(new Set(to).size).toBe(members);
    expect(to.sort()).toEqual([A.ownerEmail, 'manager.queue@example.com'].sort());
  }, 300_000);
});
