// Evaluations off the event loop: a fixed pool of worker threads, each with its own engine. The server's
// thread only reads requests, checks their size and streams answers, so /healthz and every other user
// stay fast while cases are evaluated. Three bounds keep one client from taking the server:
//   - the queue: at most `queue` tasks wait; one more is refused at once (503, Retry-After), never buffered;
//   - the time budget: a task not finished `timeoutMs` after it was asked for is given up (503); if it is
//     running, its worker is terminated — the only way to stop a busy thread — and a fresh one started;
//   - the answer: bytes made in the worker and moved (not copied) to this thread.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { HttpProblem, type Problem } from './problem.ts';
import type { Lang } from '../core/lang.ts';

export interface PoolTask {
  id: number;
  /** Case text to parse and check in the worker, in this format … */
  text?: string;
  format?: 'json' | 'yaml';
  /** The text's employer may lack its INN (the public self-check: nothing is stored). */
  innUnknown?: boolean;
  /** … or a case value already checked (a stored case). */
  case?: unknown;
  /** The date: asOf if given, else the case's own asOf when `useCaseAsOf`, else today. */
  asOf?: string;
  useCaseAsOf?: boolean;
  today: string;
  /** The language the answer's bytes are worded in (a value is given in codes). */
  lang?: Lang;
  /** Evaluate with the documents (checklist, residence grounds) and/or the trace. */
  documents?: boolean;
  explain?: boolean;
  /** 'bytes' (default): the evaluation as JSON bytes; 'value': the case and the evaluation as values. */
  as?: 'bytes' | 'value';
}

export type PoolReply =
  | { id: number; ok: true; bytes?: Uint8Array; value?: unknown }
  | { id: number; ok: false; problem: Problem; headers: Record<string, string> }
  | { id: number; ok: false; error: { name: string; message: string; stack?: string | undefined } };

export interface PoolOptions {
  /** Worker threads (default: the cores less one, 1 to 4; HQS_EVAL_WORKERS). */
  workers?: number;
  /** Tasks that may wait for a worker (default 8 per worker). */
  queue?: number;
  /** Time budget per task, from the moment it is asked for (default 10 s; HQS_EVAL_TIMEOUT_MS). */
  timeoutMs?: number;
  log?: (msg: string, err?: unknown) => void;
}

interface Pending {
  task: PoolTask;
  resolve: (r: PoolReply & { ok: true }) => void;
  reject: (e: unknown) => void;
  timer: NodeJS.Timeout;
  slot?: Slot;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  current?: Pending;
}

export function defaultWorkers(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

const WORKER_URL = new URL('./eval-worker.mjs', import.meta.url);

export class EvalPool {
  readonly size: number;
  readonly maxQueue: number;
  readonly timeoutMs: number;
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;
  private readonly log: (msg: string, err?: unknown) => void;
  /** Counters for tests and the benchmark. */
  readonly stats = { done: 0, refused: 0, timedOut: 0, restarted: 0 };

  constructor(opts: PoolOptions = {}) {
    this.size = Math.max(1, Math.floor(opts.workers ?? defaultWorkers()));
    this.maxQueue = Math.max(0, Math.floor(opts.queue ?? 8 * this.size));
    this.timeoutMs = Math.max(100, opts.timeoutMs ?? 10_000);
    this.log = opts.log ?? (() => {});
    for (let i = 0; i < this.size; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const worker = new Worker(WORKER_URL);
    const slot: Slot = { worker, ready: false };
    worker.unref();
    worker.on('message', (m: PoolReply | { ready: true }) => {
      if ('ready' in m) {
        slot.ready = true;
        this.pump();
        return;
      }
      const p = slot.current;
      if (!p || p.task.id !== m.id) return;
      slot.current = undefined;
      clearTimeout(p.timer);
      this.stats.done++;
      if (m.ok) p.resolve(m);
      else if ('problem' in m)
        p.reject(
          new HttpProblem(m.problem.status, m.problem.detail, m.problem.errors, m.headers, { code: m.problem.code }),
        );
      else p.reject(Object.assign(new Error(m.error.message), { name: m.error.name, stack: m.error.stack }));
      this.pump();
    });
    const lost = (why: unknown) => {
      const i = this.slots.indexOf(slot);
      if (i === -1) return; // replaced already (terminated on purpose)
      const p = slot.current;
      slot.current = undefined;
      if (p) {
        clearTimeout(p.timer);
        p.reject(new Error(`the evaluation worker stopped: ${String((why as Error)?.message ?? why)}`));
      }
      if (this.closed) return;
      this.log('evaluation worker stopped; starting another', why);
      this.stats.restarted++;
      this.slots[i] = this.spawn();
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`exit code ${code}`)));
    return slot;
  }

  /** Runs a task; rejects with a 503 problem when the queue is full or the time budget runs out. */
  run(task: Omit<PoolTask, 'id'>): Promise<PoolReply & { ok: true }> {
    if (this.closed) return Promise.reject(new HttpProblem(503, 'the server is stopping'));
    const busy = this.slots.every((s) => s.current || !s.ready);
    if (busy && this.queue.length >= this.maxQueue) {
      this.stats.refused++;
      return Promise.reject(
        new HttpProblem(
          503,
          'every evaluation worker is busy and the queue is full: try again in a moment',
          [{ path: '(server)', message: 'busy' }],
          { 'Retry-After': '1' },
        ),
      );
    }
    return new Promise((resolve, reject) => {
      const p: Pending = {
        task: { ...task, id: this.nextId++ },
        resolve,
        reject,
        timer: setTimeout(() => this.expire(p), this.timeoutMs),
      };
      this.queue.push(p);
      this.pump();
    });
  }

  private expire(p: Pending): void {
    this.stats.timedOut++;
    const queued = this.queue.indexOf(p);
    if (queued !== -1) this.queue.splice(queued, 1);
    const slot = this.slots.find((s) => s.current === p);
    if (slot) {
      // A running task cannot be interrupted: the thread goes, a new one takes its place.
      const i = this.slots.indexOf(slot);
      this.slots[i] = this.spawn();
      this.stats.restarted++;
      slot.current = undefined;
      void slot.worker.terminate();
    }
    p.reject(
      new HttpProblem(
        503,
        `the evaluation did not finish within ${this.timeoutMs / 1000} s and was stopped`,
        [{ path: '(server)', message: 'time budget exceeded' }],
        { 'Retry-After': '5' },
      ),
    );
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (!slot.ready || slot.current) continue;
      const p = this.queue.shift()!;
      slot.current = p;
      slot.worker.postMessage(p.task);
    }
  }

  /** Resolves when every worker has loaded its engine. */
  async ready(): Promise<void> {
    while (!this.closed && !this.slots.every((s) => s.ready)) await new Promise((r) => setTimeout(r, 20));
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) {
      clearTimeout(p.timer);
      p.reject(new HttpProblem(503, 'the server is stopping'));
    }
    await Promise.all(
      this.slots.map(async (s) => {
        if (s.current) {
          clearTimeout(s.current.timer);
          s.current.reject(new HttpProblem(503, 'the server is stopping'));
        }
        await s.worker.terminate();
      }),
    );
  }
}
