import type { Io } from '../io.ts';
import { parse, UsageError, InputError } from '../args.ts';
import { loadCalendar, loadLaw } from '../context.ts';
import { createEngine } from '../../engine/index.ts';
import { openStore, storeConfigFromEnv } from '../../store/open.ts';
import { anyOwnerExists } from '../../store/memberships.ts';
import { redactUrl } from '../../store/postgres.ts';
import { parseRateLimit, startServer } from '../../server/index.ts';
import { parsePublicUrl, parseTrustProxy } from '../../server/proxy.ts';
import { serveBackupRequests } from '../../server/online-backup.ts';
import { mailConfigFromEnv, redactSmtpUrl, type MailConfig } from '../../mail/transport.ts';

/** HQS_EVAL_WORKERS and HQS_EVAL_TIMEOUT_MS; throws naming a bad value. */
function evaluationFromEnv(env: NodeJS.ProcessEnv): { workers?: number; timeoutMs?: number } {
  const out: { workers?: number; timeoutMs?: number } = {};
  const w = env.HQS_EVAL_WORKERS?.trim();
  if (w) {
    if (!/^\d{1,2}$/.test(w) || Number(w) < 1 || Number(w) > 64)
      throw new Error(`HQS_EVAL_WORKERS: expected a number of threads from 1 to 64, got ${JSON.stringify(w)}`);
    out.workers = Number(w);
  }
  const t = env.HQS_EVAL_TIMEOUT_MS?.trim();
  if (t) {
    if (!/^\d{3,7}$/.test(t))
      throw new Error(`HQS_EVAL_TIMEOUT_MS: expected milliseconds from 100 to 9999999, got ${JSON.stringify(t)}`);
    out.timeoutMs = Number(t);
  }
  return out;
}

const HELP = `usage: hqs start

Runs the HQS Desk server: the REST API under /api/v1 (OpenAPI document at /api/openapi.json) and the
daily portfolio sweep. The database is the embedded one in HQS_DATA_DIR (default ./data), or the
PostgreSQL server of DATABASE_URL; migrations are applied on start.
  PORT              port to listen on (default 8080)
  HOST              address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)
  PUBLIC_URL        the address people reach this server at (e.g. https://hqs.example.ru): invitation
                    links are made on it, so they open on a phone (default: relative to the page)
  HQS_FILE_KEY      the key that encrypts document files at rest (base64 of 32 bytes); unset: a key file
                    made in HQS_DATA_DIR/keys/files.json (hqs keys --help)
  SMTP_URL          the mail server, e.g. smtp://user:password@smtp.example.ru:587 (smtps://… for TLS on
                    connect): digests, reminders, invitations and password resets are mailed through it.
                    Unset: nothing is mailed, and the workspace says so
  MAIL_FROM         the sender of the mails, e.g. "HQS Desk <hqs@example.ru>" (needed with SMTP_URL)
  HQS_TRUST_PROXY   the number of reverse proxies in front (default 0): the client address is that many
                    entries from the right of X-Forwarded-For, https from the nearest one's X-Forwarded-Proto
  HQS_EVAL_WORKERS  evaluation worker threads (default: the cores less one, 1 to 4)
  HQS_EVAL_TIMEOUT_MS  time budget of one evaluation, queue included (default 10000)
  HQS_EVALUATE_LIMIT  the public POST /api/v1/evaluate per address, as "capacity,perSecond" (default 30,1)
Stop it with Ctrl-C (SIGINT) or SIGTERM.`;

export async function startCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, {});
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  if (positionals.length) throw new UsageError(`start takes no arguments\n\n${HELP}`);
  const portText = process.env.PORT?.trim() || '8080';
  const port = Number(portText);
  if (!/^\d{1,5}$/.test(portText) || port > 65535)
    throw new InputError(`PORT: expected a port number 0–65535, got "${portText}"`);
  const host = process.env.HOST?.trim() || '127.0.0.1';
  let evaluateLimit;
  try {
    evaluateLimit = process.env.HQS_EVALUATE_LIMIT?.trim()
      ? parseRateLimit(process.env.HQS_EVALUATE_LIMIT, 'HQS_EVALUATE_LIMIT')
      : undefined;
  } catch (e) {
    throw new InputError((e as Error).message);
  }
  let trustProxy: number;
  let publicUrl: string | undefined;
  let evaluation: { workers?: number; timeoutMs?: number };
  let mail: MailConfig | undefined;
  try {
    trustProxy = parseTrustProxy(process.env.HQS_TRUST_PROXY);
    publicUrl = parsePublicUrl(process.env.PUBLIC_URL);
    evaluation = evaluationFromEnv(process.env);
    mail = mailConfigFromEnv(process.env);
  } catch (e) {
    throw new InputError((e as Error).message);
  }
  const cfg = storeConfigFromEnv();
  let db;
  try {
    db = await openStore(cfg);
  } catch (e) {
    throw new InputError((e as Error).message);
  }
  const law = loadLaw();
  const engine = createEngine({ law, calendar: loadCalendar() });
  let server;
  try {
    server = await startServer({
      db,
      engine,
      law,
      port,
      host,
      trustProxy,
      ...(publicUrl ? { publicUrl } : {}),
      evaluation,
      ...(evaluateLimit ? { evaluateLimit } : {}),
      ...(mail ? { mail } : {}),
    });
  } catch (e) {
    await db.close();
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES')
      throw new InputError(
        `cannot listen on ${host}:${port}: ${code === 'EADDRINUSE' ? 'the port is in use (set PORT)' : 'permission denied'}`,
      );
    throw e;
  }
  // The embedded database: `hqs backup` asks this process to write backups while it runs.
  const stopBackups =
    db.backend === 'pglite'
      ? serveBackupRequests(db, cfg.dataDir, (m, e) => console.error(`[hqs] ${m}`, e ?? ''))
      : () => {};
  io.out(
    `HQS Desk is running at ${server.url}  (database: ${cfg.databaseUrl ? redactUrl(cfg.databaseUrl) : db.location}, ${db.backend})`,
  );
  io.out(`  Public self-check: ${server.url}/   Workspace: ${server.url}/app`);
  io.out(
    publicUrl
      ? `  Links in invitations: ${publicUrl}`
      : '  PUBLIC_URL is not set: invitation links use the address the workspace is opened at',
  );
  io.out(
    mail
      ? `  Mail: through ${redactSmtpUrl(mail.url)} from ${mail.from}`
      : '  SMTP_URL is not set: nothing is mailed (digests, reminders, invitations, password resets)',
  );
  io.out(`  API: ${server.url}/api/v1   OpenAPI: ${server.url}/api/openapi.json   health: ${server.url}/healthz`);
  if (!(await anyOwnerExists(db))) {
    io.out(`First run: no owner yet. Open ${server.url}/setup to create your organization and its owner, or`);
    io.out('  HQS_OWNER_PASSWORD=… npx hqs admin create-owner --email you@example.com --org "Your organization"');
  }
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  io.out('stopping…');
  stopBackups();
  await server.close();
  await db.close();
  return 0;
}
