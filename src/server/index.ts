// Starting and stopping the HTTP server: the API on Node's http (through @hono/node-server), the daily
// sweep and the hourly housekeeping. The caller owns the database (opens and closes it).
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Engine } from '../engine/index.ts';
import type { Law } from '../law/index.ts';
import type { Db } from '../store/db.ts';
import { purgeExpired } from '../store/sessions.ts';
import { sweep } from '../store/sweep.ts';
import type { todayInMoscow } from '../calendar/date.ts';
import { createApp, type AppOptions } from './app.ts';
import { startDailySweep, type DailySweep } from './sweep-timer.ts';
import { startHousekeeping, type Housekeeping } from './housekeeping.ts';
import { serveWebApp } from './static.ts';
import { startJobQueue, type JobQueue } from '../jobs/queue.ts';
import { createMailTransport } from '../mail/transport.ts';
import { deliverDueMail } from '../mail/deliver.ts';
import { runReminders } from '../mail/reminders.ts';
import type { DeliveryPolicy } from '../store/outbox.ts';

export { createApp, VERSION, type AppOptions, type App } from './app.ts';
export { EvalPool, type PoolOptions } from './eval-pool.ts';
export { startDailySweep, type DailySweep } from './sweep-timer.ts';
export { startHousekeeping, HOUSEKEEPING_EVERY_MS, type Housekeeping } from './housekeeping.ts';
export { createClient, ApiError, type Client } from './client.ts';
export { RateLimiter, parseRateLimit } from './rate-limit.ts';
export { openApiDocument } from './openapi.ts';
export { toProblem, HttpProblem, PROBLEM_TYPE } from './problem.ts';

export interface ServerOptions extends AppOptions {
  db: Db;
  engine: Engine;
  law: Law;
  port?: number;
  host?: string;
  /** Run the daily sweep in this process (default true). */
  sweep?: boolean;
  /** Delete expired sessions and old sign-in attempts at start and then every hour (default true). */
  housekeeping?: boolean;
  /** How often housekeeping runs (default an hour). */
  housekeepingEveryMs?: number;
  /** Outbox retries (default store DEFAULT_DELIVERY). */
  delivery?: DeliveryPolicy;
  /** How often the outbox is looked at for mail that is due (default 30 s). */
  mailEveryMs?: number;
  /** How often an idle job worker looks for work (default 2 s). */
  jobPollSeconds?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  host: string;
  sweep: DailySweep | null;
  housekeeping: Housekeeping | null;
  close(): Promise<void>;
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const log = opts.log ?? ((msg: string, err?: unknown) => console.error(`[hqs] ${msg}`, err ?? ''));
  const made = createApp({ ...opts, log });
  const { app } = made;
  await made.warm();
  serveWebApp(app); // the built web app (web/dist) at /, after the API's routes
  const host = opts.host ?? '127.0.0.1';
  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: opts.port ?? 8080, hostname: host }, () => resolve(s));
    s.once('error', reject);
  });
  // Slow clients must not hold sockets forever.
  const http = server as unknown as { requestTimeout: number; headersTimeout: number; keepAliveTimeout: number };
  http.requestTimeout = 60_000;
  http.headersTimeout = 20_000;
  // A client that stops reading an answer (or sending) is dropped after a minute of silence.
  server.setTimeout(60_000);
  const port = (server.address() as AddressInfo).port;
  // The daily work runs as jobs on the queue (src/jobs/queue.ts): the timer only asks for the day's job;
  // whichever process fetches it sweeps and makes the reminders, once per member per day.
  const transport = opts.mail ? createMailTransport(opts.mail) : null;
  const base = opts.publicUrl ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  made.hooks.listening = base;
  let queue: JobQueue | null = null;
  let mailTimer: NodeJS.Timeout | null = null;
  if (opts.sweep !== false) {
    queue = await startJobQueue(opts.db, {
      log,
      ...(opts.jobPollSeconds ? { pollSeconds: opts.jobPollSeconds } : {}),
      handlers: {
        daily: async (data) => {
          const asOf = String(data.asOf) as ReturnType<typeof todayInMoscow>;
          const r = await sweep(opts.db, opts.engine, asOf);
          log(
            `sweep as of ${asOf}: ${r.cases} cases in ${r.organizations} organizations, ${r.obligations} obligations, ${Math.round(r.ms)} ms${r.failures.length ? `, ${r.failures.length} failed` : ''}`,
          );
          for (const f of r.failures) log(`sweep: case ${f.caseId} of organization ${f.orgId} failed: ${f.error}`);
          const sent = await runReminders(opts.db, asOf, { base, mailOn: transport !== null });
          const queued = sent.filter((x) => x.status === 'queued').length;
          if (queued) {
            log(`reminders of ${asOf}: ${queued} mails queued`);
            await queue?.send('mail', {}, 'outbox');
          }
        },
        ...(transport
          ? {
              mail: async () => {
                await deliverDueMail(opts.db, transport, opts.delivery, log);
              },
            }
          : {}),
      },
    }).catch(async (e: unknown) => {
      // The queue could not start (its schema, the database): nothing may stay listening.
      transport?.close();
      await made.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      throw e;
    });
    if (transport) {
      const nudge = () => void queue?.send('mail', {}, 'outbox').catch((e: unknown) => log('mail job', e));
      made.hooks.mailQueued = nudge;
      mailTimer = setInterval(nudge, opts.mailEveryMs ?? 30_000);
      mailTimer.unref();
      nudge();
    }
  }
  const daily =
    opts.sweep === false
      ? null
      : startDailySweep({
          run: async (asOf) => {
            await queue!.send('daily', { asOf }, asOf);
          },
          ...(opts.now ? { now: opts.now } : {}),
          log,
        });
  const housekeeping =
    opts.housekeeping === false
      ? null
      : startHousekeeping({
          run: async () => {
            const r = await purgeExpired(opts.db);
            if (r.sessions || r.attempts)
              log(`housekeeping: ${r.sessions} expired sessions and ${r.attempts} old sign-in attempts deleted`);
          },
          ...(opts.housekeepingEveryMs ? { everyMs: opts.housekeepingEveryMs } : {}),
          log,
        });
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    host,
    sweep: daily,
    housekeeping,
    async close() {
      await daily?.stop();
      if (mailTimer) clearInterval(mailTimer);
      await queue?.stop();
      transport?.close();
      await housekeeping?.stop();
      await made.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
    },
  };
}
