// The storage commands end to end on a data directory: hqs admin create-owner, migrate, sweep, backup,
// restore — and on PostgreSQL through DATABASE_URL.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adminCommand } from '../../src/cli/commands/admin.ts';
import { migrateCommand } from '../../src/cli/commands/migrate.ts';
import { sweepCommand } from '../../src/cli/commands/sweep.ts';
import { backupCommand } from '../../src/cli/commands/backup.ts';
import { restoreCommand } from '../../src/cli/commands/restore.ts';
import { keysCommand } from '../../src/cli/commands/keys.ts';
import { InputError, UsageError } from '../../src/cli/args.ts';
import type { Io } from '../../src/cli/io.ts';
import {
  createCase,
  findOrganizationByName,
  listCases,
  openStore,
  resolveActor,
  storeConfigFromEnv,
  storeDocument,
  readDocument,
  authenticate,
  organizationsOfUser,
} from '../../src/store/index.ts';
import { makeCase, makeOrg, PASSWORD, PDF } from './fixtures.ts';
import { loadMigrations } from '../../src/store/migrate.ts';

const LATEST = loadMigrations().length;
import { admin, startPostgres, type PostgresServer } from './postgres-server.ts';

function capture(): Io & { out_: string[]; err_: string[] } {
  const out_: string[] = [];
  const err_: string[] = [];
  return { out_, err_, out: (s) => out_.push(s), err: (s) => err_.push(s) };
}

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'hqs-cli-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }), 120_000); // several embedded databases' directories

describe('storage commands on the embedded database', () => {
  beforeEach(() => {
    process.env.HQS_DATA_DIR = join(root, 'data');
    delete process.env.DATABASE_URL;
    delete process.env.HQS_OWNER_PASSWORD;
  });

  it('create-owner: no password, a weak one and an existing organization are refused; a good one creates both', async () => {
    await expect(
      adminCommand(['create-owner', '--email', 'owner@acme.example', '--org', 'Acme'], capture()),
    ).rejects.toThrow(UsageError);
    process.env.HQS_OWNER_PASSWORD = 'acme12';
    await expect(
      adminCommand(['create-owner', '--email', 'owner@acme.example', '--org', 'Acme'], capture()),
    ).rejects.toThrow(/HQS_OWNER_PASSWORD: the password is too short/);
    process.env.HQS_OWNER_PASSWORD = PASSWORD;
    const io = capture();
    expect(await adminCommand(['create-owner', '--email', 'Owner@Acme.example', '--org', 'Acme'], io)).toBe(0);
    expect(io.out_.join('\n')).toMatch(/organization "Acme" .* created; owner owner@acme\.example \(new user\)/);
    const again = adminCommand(['create-owner', '--email', 'someone@else.example', '--org', 'ACME'], capture());
    await expect(again).rejects.toThrow(InputError);
    await expect(
      adminCommand(['create-owner', '--email', 'someone@else.example', '--org', 'ACME'], capture()),
    ).rejects.toThrow(/"Acme" already exists and has an owner \(owner@acme\.example\)/);
    // The owner of Acme may found another organization with their own password.
    expect(await adminCommand(['create-owner', '--email', 'owner@acme.example', '--org', 'Acme Two'], capture())).toBe(
      0,
    );
  }, 120_000); // each command opens the embedded database: seconds each on a loaded machine

  it('migrate reports the schema; a second process holding the directory is named', async () => {
    const io = capture();
    expect(await migrateCommand(['--status'], io)).toBe(0);
    expect(io.out_.join('\n')).toMatch(new RegExp(`schema version ${LATEST} of ${LATEST} \\(up to date\\)`));
    const held = await openStore(storeConfigFromEnv());
    try {
      await expect(migrateCommand([], capture())).rejects.toThrow(
        new RegExp(`data directory ${join(root, 'data')} is in use by process ${process.pid}`),
      );
    } finally {
      await held.close();
    }
  });

  it('sweep, backup, and restore (refused over data unless forced; into a new directory)', async () => {
    const db = await openStore(storeConfigFromEnv());
    try {
      const user = await authenticate(db, 'owner@acme.example', PASSWORD);
      const org = await findOrganizationByName(db, 'Acme');
      expect((await organizationsOfUser(db, user!.userId)).map((o) => o.orgName)).toEqual(['Acme', 'Acme Two']);
      const owner = await resolveActor(db, { userId: user!.userId, orgId: org!.orgId });
      for (let i = 0; i < 3; i++) await createCase(db, owner, makeCase(300 + i));
    } finally {
      await db.close();
    }
    const sweepIo = capture();
    expect(await sweepCommand(['--as-of', '2026-11-21'], sweepIo)).toBe(0);
    expect(sweepIo.out_.join('\n')).toMatch(
      /swept 3 open cases in 2 organizations as of 2026-11-21: 3 changed and stored, 0 unchanged \(\d+ obligations\)/,
    );
    expect(sweepIo.err_.at(-1)).toMatch(/^sweep: 3\/3 cases \(100%\)/);
    await expect(sweepCommand(['--as-of', '2026-02-30'], capture())).rejects.toThrow(/--as-of: .*2026-02-30/);

    const file = join(root, 'acme.jsonl.gz');
    const b = capture();
    expect(await backupCommand([file], b)).toBe(0);
    expect(b.out_.join('\n')).toMatch(/3 cases/);

    await expect(restoreCommand([file], capture())).rejects.toThrow(/not empty .*--force/);
    const forced = capture();
    expect(await restoreCommand([file, '--force'], forced)).toBe(0);
    const saved = /saved in (\S+)/.exec(forced.out_.join('\n'))?.[1];
    expect(saved && existsSync(saved)).toBe(true);

    process.env.HQS_DATA_DIR = join(root, 'data2');
    expect(await restoreCommand([file], capture())).toBe(0);
    const db2 = await openStore(storeConfigFromEnv());
    try {
      const user = await authenticate(db2, 'owner@acme.example', PASSWORD);
      const org = await findOrganizationByName(db2, 'acme');
      const owner = await resolveActor(db2, { userId: user!.userId, orgId: org!.orgId });
      expect((await listCases(db2, owner)).total).toBe(3);
    } finally {
      await db2.close();
    }
    await expect(restoreCommand([join(root, 'missing.jsonl.gz')], capture())).rejects.toThrow(/no such file/);
  }, 240_000); // each command opens the embedded database: slow on a loaded machine

  it('scans are encrypted at rest: no plain bytes in the data directory or the backup; a restore without the key names it; keys rotate', async () => {
    process.env.HQS_DATA_DIR = join(root, 'enc');
    const marker = 'PASSPORT 4510 987654 PETROVA';
    const scan = Buffer.concat([PDF, Buffer.from(marker)]);
    let documentId: string;
    let db = await openStore(storeConfigFromEnv());
    try {
      const org = await makeOrg(db, 'enc');
      const c = await createCase(db, org.owner, makeCase(400));
      documentId = (
        await storeDocument(db, org.owner, { caseId: c.caseId, personId: 'p1', type: 'passport', bytes: scan })
      ).document.documentId;
      expect((await readDocument(db, org.owner, documentId)).bytes.equals(scan)).toBe(true);
    } finally {
      await db.close();
    }
    const holds = (dir: string) =>
      readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile() && !e.name.endsWith('.json'))
        .some((e) => readFileSync(join(e.parentPath, e.name)).includes(marker));
    expect(holds(join(root, 'enc', 'files'))).toBe(false);
    const file = join(root, 'enc.jsonl.gz');
    expect(await backupCommand([file], capture())).toBe(0);
    expect(gunzipSync(readFileSync(file)).includes(marker)).toBe(false);
    expect(gunzipSync(readFileSync(file)).includes(Buffer.from(marker).toString('base64').slice(0, 20))).toBe(false);

    // Elsewhere, without the key: said plainly, nothing restored.
    process.env.HQS_DATA_DIR = join(root, 'enc-elsewhere');
    await expect(restoreCommand([file], capture())).rejects.toThrow(
      /encrypted with the file key "k[0-9a-f]{10}", which this installation does not have.*nothing was restored/,
    );
    // With the key given as HQS_FILE_KEY, the same backup restores.
    const kf = JSON.parse(readFileSync(join(root, 'enc', 'keys', 'files.json'), 'utf8')) as {
      current: string;
      keys: Record<string, string>;
    };
    process.env.HQS_DATA_DIR = join(root, 'enc-keyed');
    process.env.HQS_FILE_KEY = `${kf.current}:${kf.keys[kf.current]}`;
    try {
      expect(await restoreCommand([file], capture())).toBe(0);
    } finally {
      delete process.env.HQS_FILE_KEY;
    }

    // Rotation on the first directory: a new key, every file rewrapped, the old key dropped; still readable.
    process.env.HQS_DATA_DIR = join(root, 'enc');
    const r = capture();
    expect(await keysCommand(['rotate', '--format', 'json'], r)).toBe(0);
    const rotated = JSON.parse(r.out_.join('\n')) as { current: string; dropped: string[]; files: unknown };
    expect(rotated.current).not.toBe(kf.current);
    expect(rotated.dropped).toEqual([kf.current]);
    expect(rotated.files).toEqual({ byKey: { [rotated.current]: 1 }, plain: 0 });
    db = await openStore(storeConfigFromEnv());
    try {
      expect((await db.files.get((await db.files.list())[0]!)).equals(scan)).toBe(true);
    } finally {
      await db.close();
    }
    await expect(keysCommand(['spin'], capture())).rejects.toThrow(UsageError);
  }, 240_000); // each command opens the embedded database: slow on a loaded machine
});

describe('storage commands on PostgreSQL (DATABASE_URL)', () => {
  let server: PostgresServer;
  beforeAll(async () => {
    server = await startPostgres();
    await admin(server, ['CREATE DATABASE hqs_cli OWNER hqs_owner']);
  }, 240_000); // each command opens the embedded database: slow on a loaded machine
  afterAll(() => server?.stop());

  it('migrate applies the schema on the server; a bad URL is a plain error', async () => {
    process.env.HQS_DATA_DIR = join(root, 'pgfiles');
    process.env.DATABASE_URL = server.url('hqs_cli');
    const io = capture();
    expect(await migrateCommand([], io)).toBe(0);
    expect(io.out_.join('\n')).toMatch(
      /database: postgres:\/\/hqs_owner@127\.0\.0\.1:\d+\/hqs_cli \(postgres\)\napplied 001_initial\n(applied \d{3}_\w+\n)*schema version (\d+) of \2/,
    );
    process.env.DATABASE_URL = `postgres://hqs_owner:secret@127.0.0.1:${server.port}/no_such_db`;
    const err = await migrateCommand([], capture()).catch((e) => e);
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toMatch(
      /cannot connect to PostgreSQL at postgres:\/\/hqs_owner:\*\*\*@127\.0\.0\.1:\d+\/no_such_db/,
    );
    delete process.env.DATABASE_URL;
  });
});
