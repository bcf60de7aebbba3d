// The job queue: pg-boss on the application's own database. On PostgreSQL it runs as it is meant to — its
// tables in the `pgboss` schema, jobs fetched with FOR UPDATE SKIP LOCKED, so several server processes
// share the work and a job a dead process held expires and is retried. On the embedded PGlite the same
// code runs in the one process that holds the data directory, through the same adapter (pg-boss takes
// any `executeSql(text, values)`). pg-boss keeps its own schema and migrates it itself (under an advisory
// lock); our migrations never touch it, and backups leave it out (jobs are work in flight, not data).
//
// Two queues, both `stately` (at most one waiting and one running job per key):
//   daily  — key: the date in Moscow. Sweeps the portfolio, then makes the day's reminders.
//   mail   — a nudge to deliver the outbox's due mails (the outbox itself says what is due).
// What must happen once per member per day is guarded by a key in our tables (reminder_sends), so a job
// that runs twice — retried after a crash, or fetched by two processes — cannot mail anyone twice.
import PgBoss from 'pg-boss';
import { sqlState } from '../store/errors.ts';
import type { Db } from '../store/db.ts';

export const JOB_SCHEMA = 'pgboss';
export const QUEUES = ['daily', 'mail'] as const;
export type QueueName = (typeof QUEUES)[number];

/** pg-boss on our Db: one statement with parameters, or (without them) a script of several. */
export function bossDb(db: Db): PgBoss.Db {
  return {
    async executeSql(text: string, values?: unknown[]) {
      if (values && values.length) return { rows: await db.query(text, values) };
      try {
        return { rows: await db.query(text) };
      } catch (e) {
        // PGlite runs one statement per query: a script (BEGIN; …; COMMIT) goes through exec.
        if (sqlState(e) !== '42601' || !/multiple commands/i.test(String((e as Error).message))) throw e;
        await db.exec(text);
        return { rows: [] };
      }
    },
  };
}

export type JobHandler = (data: Record<string, unknown>) => Promise<void>;

export interface JobQueueOptions {
  handlers: Partial<Record<QueueName, JobHandler>>;
  /** How often an idle worker looks for work (default 2 s). */
  pollSeconds?: number;
  /** How often pg-boss looks for expired jobs to retry (default 60 s). */
  maintenanceSeconds?: number;
  log?: (msg: string, err?: unknown) => void;
}

export interface JobQueue {
  send(name: QueueName, data: Record<string, unknown>, key?: string): Promise<string | null>;
  stop(): Promise<void>;
}

const QUEUE_SETTINGS: Record<QueueName, PgBoss.Queue> = {
  // A sweep of a large portfolio takes minutes: a job still active after 30 minutes is taken for dead.
  daily: { name: 'daily', policy: 'stately', retryLimit: 5, retryDelay: 60, retryBackoff: true, expireInSeconds: 1800 },
  mail: { name: 'mail', policy: 'stately', retryLimit: 3, retryDelay: 30, retryBackoff: true, expireInSeconds: 600 },
};

/** Starts pg-boss on `db` (creating its schema the first time) and the workers of the given handlers. */
export async function startJobQueue(db: Db, opts: JobQueueOptions): Promise<JobQueue> {
  const log = opts.log ?? (() => {});
  const boss = new PgBoss({
    db: bossDb(db),
    schema: JOB_SCHEMA,
    schedule: false,
    supervise: true,
    maintenanceIntervalSeconds: opts.maintenanceSeconds ?? 60,
  });
  boss.on('error', (e) => log('job queue', e));
  await boss.start();
  for (const q of QUEUES) {
    const existing = await boss.getQueue(q);
    if (!existing) {
      try {
        await boss.createQueue(q, QUEUE_SETTINGS[q]);
      } catch (e) {
        // Another process made it first.
        if (!(await boss.getQueue(q))) throw e;
      }
    }
  }
  for (const [name, handler] of Object.entries(opts.handlers) as [QueueName, JobHandler][]) {
    await boss.work<Record<string, unknown>>(
      name,
      { pollingIntervalSeconds: opts.pollSeconds ?? 2, batchSize: 1 },
      async (jobs) => {
        for (const job of jobs) await handler(job.data ?? {});
      },
    );
  }
  return {
    send: (name, data, key) => boss.send(name, data, key ? { singletonKey: key } : {}),
    stop: () => boss.stop({ graceful: true, wait: true, timeout: 30_000 }),
  };
}

export interface JobRecord {
  id: string;
  queue: string;
  key: string | null;
  state: string;
  retries: number;
  retryLimit: number;
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
  data: unknown;
  output: unknown;
}

/** The jobs pg-boss holds (newest first; completed ones stay for its retention period). Empty before the first start. */
export async function listJobs(db: Db, limit = 50): Promise<JobRecord[]> {
  const present = await db.query<{ t: string | null }>(`SELECT to_regclass('${JOB_SCHEMA}.job')::text AS t`);
  if (!present[0]?.t) return [];
  const rows = await db.query<{
    id: string;
    name: string;
    singleton_key: string | null;
    state: string;
    retry_count: number;
    retry_limit: number;
    created_on: string;
    started_on: string | null;
    completed_on: string | null;
    data: unknown;
    output: unknown;
  }>(
    `SELECT id::text, name, singleton_key, state::text, retry_count, retry_limit, created_on::text, started_on::text,
            completed_on::text, data, output
     FROM ${JOB_SCHEMA}.job ORDER BY created_on DESC, id LIMIT $1`,
    [limit],
  );
  return rows.map((r) => ({
    id: r.id,
    queue: r.name,
    key: r.singleton_key,
    state: r.state,
    retries: r.retry_count,
    retryLimit: r.retry_limit,
    createdAt: r.created_on,
    startedAt: r.started_on,
    completedAt: r.completed_on,
    data: r.data,
    output: r.output,
  }));
}
