// What the route handlers share: the database, the engine and the law, the clock, the log, the
// evaluation workers, the sign-in throttle's policy, and whether cookies are Secure. Made once by
// createApp (app.ts) and handed to each resource's handlers.
import type { Context } from 'hono';
import type { IsoDate } from '../calendar/date.ts';
import type { Case, CheckTables } from '../case/index.ts';
import type { Engine, EvaluateOptions, Evaluation } from '../engine/index.ts';
import type { Law } from '../law/index.ts';
import type { Db } from '../store/db.ts';
import type { ThrottlePolicy } from '../store/throttle.ts';
import type { EvaluationDeps } from '../services/evaluation.ts';
import type { EvalPool } from './eval-pool.ts';

export type Log = (msg: string, err?: unknown) => void;

export interface ServerContext extends EvaluationDeps {
  db: Db;
  engine: Engine;
  law: Law;
  /** The law's tables a case is checked against (countries, regions). */
  tables: CheckTables;
  now: () => Date;
  /** Today in Moscow. */
  today: () => IsoDate;
  log: Log;
  /** Sign-in throttling (default: the store's). */
  throttle: ThrottlePolicy | undefined;
  /** The evaluation workers, started at the first use. */
  pool: () => EvalPool;
  /** The evaluation of a stored (checked) case, computed by a worker. */
  evaluateInPool: (c: Case, asOf: IsoDate, options: EvaluateOptions) => Promise<Evaluation>;
  /** PUBLIC_URL's origin, when set: links that leave the server (invitations) are absolute on it. */
  publicUrl: string | undefined;
  /** Whether SMTP is configured (SMTP_URL, MAIL_FROM): mail is sent through the outbox. */
  mailOn: boolean;
  /** Where links in mails point: PUBLIC_URL, else the address the server listens on. */
  mailBase: () => string;
  /** A mail was queued: deliver soon (the server's job queue; nothing without it). */
  mailQueued: () => void;
  /** Whether a cookie set on this answer is Secure. */
  secure: (c: Context) => boolean;
}
