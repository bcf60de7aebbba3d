// Test harness: a real PostgreSQL server of our own for the tests — Debian's `postgresql` binaries,
// initdb in a temporary directory, run as an unprivileged user (PostgreSQL refuses to run as root: under
// root the harness uses `nobody` through runuser), listening on a free port on 127.0.0.1 only, stopped and
// removed afterwards (also when the test process exits early).
//
// Roles, as a deployment would have them: `postgres` (superuser, only to create databases here),
// `hqs_owner` (LOGIN CREATEROLE, owns the databases, runs the migrations and the application) and the
// migrations' `hqs_app` (NOLOGIN, no BYPASSRLS), which tenant transactions switch to.
import { spawnSync, execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export const POSTGRES_PACKAGE = 'postgresql';

export function findPostgresBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => /^\d+$/.test(v) && existsSync(join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) {
    throw new Error(
      `PostgreSQL server binaries not found (${root}/*/bin/initdb): install the Debian package "${POSTGRES_PACKAGE}" ` +
        `(apt-get install -y ${POSTGRES_PACKAGE}; scripts/test-prereqs.sh does this before npm test)`,
    );
  }
  return join(root, versions[0]!, 'bin');
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? ok(addr.port) : fail(new Error('no port'))));
    });
  });
}

export interface PostgresServer {
  port: number;
  /** URL of a database as hqs_owner. */
  url(database: string): string;
  /** URL as the superuser (administration in tests only). */
  adminUrl(database?: string): string;
  stop(): void;
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const RUN_AS = 'nobody';

function run(bin: string, args: string[], what: string): string {
  const [cmd, argv] = isRoot ? ['runuser', ['-u', RUN_AS, '--', bin, ...args]] : [bin, args];
  const r = spawnSync(cmd, argv, { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0)
    throw new Error(`${what} failed (exit ${r.status ?? r.signal}): ${r.stderr || r.stdout || r.error?.message}`);
  return r.stdout;
}

export async function startPostgres(): Promise<PostgresServer> {
  const bin = findPostgresBin();
  const dir = mkdtempSync(join(tmpdir(), 'hqs-pg-'));
  const data = join(dir, 'data');
  if (isRoot) {
    const uid = Number(execFileSync('id', ['-u', RUN_AS], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', RUN_AS], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  let started = false;
  const stop = () => {
    if (started) {
      try {
        run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'], 'pg_ctl stop');
      } catch {
        /* already stopped */
      }
      started = false;
    }
    rmSync(dir, { recursive: true, force: true });
    process.off('exit', stop);
  };
  process.on('exit', stop);
  try {
    run(
      join(bin, 'initdb'),
      ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions'],
      'initdb',
    );
    const port = await freePort();
    const opts = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=60`;
    run(
      join(bin, 'pg_ctl'),
      ['-D', data, '-l', join(dir, 'log'), '-o', opts, '-w', '-t', '60', 'start'],
      'pg_ctl start',
    );
    started = true;
    const server: PostgresServer = {
      port,
      url: (db) => `postgres://hqs_owner@127.0.0.1:${port}/${db}`,
      adminUrl: (db = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${db}`,
      stop,
    };
    await admin(server, [`CREATE ROLE hqs_owner LOGIN CREATEROLE NOSUPERUSER NOBYPASSRLS`]);
    return server;
  } catch (e) {
    stop();
    throw e;
  }
}

/** Runs statements as the superuser. */
export async function admin(server: PostgresServer, statements: string[], database = 'postgres'): Promise<void> {
  const c = new pg.Client({ connectionString: server.adminUrl(database) });
  await c.connect();
  try {
    for (const s of statements) await c.query(s);
  } finally {
    await c.end();
  }
}
