import type { Io } from '../io.ts';
import { parse, formatOf, UsageError } from '../args.ts';
import { json } from '../context.ts';
import { withStore } from '../with-store.ts';
import { listJobs } from '../../jobs/queue.ts';
import { outboxCounts } from '../../store/outbox.ts';

const HELP = `usage: hqs jobs [--limit N] [--format text|json]

Lists the jobs of the queue (pg-boss, in the database): the daily sweep and reminders (one per day) and
mail delivery, newest first, with their state (created, retry, active, completed, failed), retries and
times; and how many mails the outbox holds by status.`;

export async function jobsCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { limit: { type: 'string' } });
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  if (positionals.length) throw new UsageError(`jobs takes no arguments\n\n${HELP}`);
  const format = formatOf(values.format);
  const limitText = values.limit ?? '50';
  if (!/^\d{1,4}$/.test(limitText) || Number(limitText) < 1)
    throw new UsageError(`--limit: expected a number from 1 to 9999, got "${limitText}"`);
  return withStore({}, async (db) => {
    const jobs = await listJobs(db, Number(limitText));
    const outbox = await outboxCounts(db);
    if (format === 'json') {
      io.out(json({ jobs, outbox }));
      return 0;
    }
    if (jobs.length === 0) io.out('no jobs yet (the server makes them once it runs)');
    for (const j of jobs)
      io.out(
        `${j.createdAt.slice(0, 19)}  ${j.queue.padEnd(6)} ${(j.key ?? '').padEnd(10)}  ${j.state.padEnd(9)}  retries ${j.retries}/${j.retryLimit}${j.completedAt ? `  done ${j.completedAt.slice(0, 19)}` : ''}`,
      );
    io.out(`outbox: ${outbox.queued} queued, ${outbox.sent} sent, ${outbox.failed} failed`);
    return 0;
  });
}
