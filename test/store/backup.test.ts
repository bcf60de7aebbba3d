// `hqs backup` / `hqs restore` on both backends: a restore gives back the same rows (cases, documents,
// audit log and the rest) and the same document bytes; it refuses what it must refuse and loses nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BACKENDS, startBackend, type BackendName, type TestBackend } from './backends.ts';
import { makeCase, makeOrg, PDF, PNG, testEngine } from './fixtures.ts';
import type { IsoDate } from '../../src/calendar/date.ts';
import {
  BACKUP_TABLES,
  BackupError,
  backup,
  createApiToken,
  createInvitation,
  createCase,
  exportCase,
  getCase,
  listAudit,
  saveImportMapping,
  loadMigrations,
  readDocument,
  restore,
  schemaVersion,
  storeDocument,
  type Db,
} from '../../src/store/index.ts';

const AS_OF = '2026-11-21' as IsoDate;
const LATEST = loadMigrations().length;

async function tableRows(db: Db): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of BACKUP_TABLES) {
    const rows = await db.query<{ j: string }>(`SELECT row_to_json(t)::text AS j FROM ${t} t`);
    out[t] = rows.map((r) => r.j).sort();
  }
  return out;
}

interface Source {
  db: Db;
  orgId: string;
  caseIds: string[];
  docs: { documentId: string; bytes: Buffer }[];
}

async function populate(db: Db): Promise<Source & { owner: Awaited<ReturnType<typeof makeOrg>>['owner'] }> {
  const a = await makeOrg(db, 'backup');
  const caseIds: string[] = [];
  for (let i = 0; i < 3; i++)
    caseIds.push(
      (
        await createCase(db, a.owner, makeCase(200 + i, { employer: i % 2 }), {
          evaluate: { engine: testEngine(), asOf: AS_OF },
        })
      ).caseId,
    );
  // A 2 MiB scan crosses several chunks of the backup's file records.
  const big = Buffer.concat([PDF, Buffer.alloc(2 * 1024 * 1024, 7)]);
  const docs = [];
  for (const [i, bytes] of [PDF, PNG, big].entries()) {
    const d = await storeDocument(db, a.owner, { caseId: caseIds[i]!, personId: 'p1', type: 'passport', bytes });
    docs.push({ documentId: d.document.documentId, bytes });
  }
  await getCase(db, a.owner, caseIds[0]!);
  await createApiToken(db, a.owner, { name: 'HR', role: 'viewer' });
  await saveImportMapping(db, a.owner, 'Агентство', {
    format: 'hqs-import-mapping/1',
    columns: { ИНН: 'employer.inn' },
  });
  await createInvitation(db, a.owner, {
    email: 'invited@example.com',
    role: 'specialist',
    caseId: caseIds[1]!,
    personId: 'p1',
  });
  return { db, orgId: a.orgId, caseIds, docs, owner: a.owner };
}

describe('backup and restore', () => {
  const backends = new Map<BackendName, TestBackend>();
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hqs-backup-'));
    for (const name of BACKENDS) backends.set(name, await startBackend(name));
  }, 90_000);

  afterAll(async () => {
    for (const b of backends.values()) await b.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe.each(BACKENDS)('on %s', (name) => {
    it('a restore into an empty database gives back every row and every document byte', async () => {
      const b = backends.get(name)!;
      const src = await populate(await b.fresh());
      const before = await tableRows(src.db);
      const file = join(dir, `${name}.hqs-backup.jsonl.gz`);
      const summary = await backup(src.db, file);
      expect(summary).toMatchObject({
        schemaVersion: LATEST,
        files: 3,
        rows: { cases: 3, documents: 3, invitations: 1 },
      });
      const header = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8').split('\n')[0]!);
      expect(header).toMatchObject({
        format: 'hqs-backup/1',
        schemaVersion: LATEST,
        hqsVersion: expect.any(String),
        backend: name,
      });

      const target = await b.empty();
      expect(await schemaVersion(target)).toBe(0);
      const result = await restore(target, file);
      expect(result.rows).toEqual(summary.rows);
      expect(await tableRows(target)).toEqual(before);
      for (const d of src.docs)
        expect((await readDocument(target, src.owner, d.documentId)).bytes.equals(d.bytes)).toBe(true);
      for (const id of src.caseIds)
        expect(await exportCase(target, src.owner, id)).toEqual(await exportCase(src.db, src.owner, id));
      // The audit log goes on after the restored entries.
      const audit = await listAudit(target, src.owner, { newestFirst: true, limit: 1 });
      const restoredMax = Math.max(...(before.audit_log as string[]).map((j) => JSON.parse(j).seq as number));
      expect(audit.items[0]!.seq).toBeGreaterThan(restoredMax);
    });

    it('refuses a database that holds data unless forced, and then saves that data first', async () => {
      const b = backends.get(name)!;
      const src = await populate(await b.fresh());
      const file = join(dir, `${name}-2.jsonl.gz`);
      await backup(src.db, file);
      const target = await b.fresh();
      const other = await populate(target);
      const err = await restore(target, file).catch((e) => e);
      expect(err).toBeInstanceOf(BackupError);
      expect(err.message).toMatch(/not empty .*--force/);
      expect((await getCase(target, other.owner, other.caseIds[0]!, { audit: false })).caseId).toBe(other.caseIds[0]);

      const safety = join(dir, `${name}-safety.jsonl.gz`);
      const forced = await restore(target, file, { force: true, safetyBackup: safety });
      expect(forced.safetyBackup).toBe(safety);
      expect(await tableRows(target)).toEqual(await tableRows(src.db));
      // What was replaced can be brought back from the safety backup.
      const back = await b.empty();
      await restore(back, safety);
      expect((await getCase(back, other.owner, other.caseIds[0]!, { audit: false })).caseId).toBe(other.caseIds[0]);
    });

    it('refuses a cut-off backup and leaves the database without any of its rows', async () => {
      const b = backends.get(name)!;
      const src = await populate(await b.fresh());
      const file = join(dir, `${name}-3.jsonl.gz`);
      await backup(src.db, file);
      const lines = gunzipSync(readFileSync(file)).toString('utf8').trimEnd().split('\n');
      const cut = join(dir, `${name}-cut.jsonl`);
      writeFileSync(cut, lines.slice(0, -1).join('\n') + '\n');
      const target = await b.empty();
      await expect(restore(target, cut)).rejects.toThrow(/end marker is missing/);
      const n = await target.query<{ n: number }>('SELECT count(*)::int AS n FROM cases');
      expect(n[0]!.n).toBe(0);
      // A changed byte in a file record is caught by the digest.
      const damaged = lines.map((l) =>
        l.startsWith('{"f"') ? l.replace(/"d":"(.)/, (_m, c: string) => `"d":"${c === 'A' ? 'B' : 'A'}`) : l,
      );
      const bad = join(dir, `${name}-bad.jsonl.gz`);
      writeFileSync(bad, gzipSync(damaged.join('\n') + '\n'));
      await expect(restore(await b.empty(), bad)).rejects.toThrow(/does not match its digest/);
      // A gzip file cut in the middle (a copy that stopped): an error, and no stream error left unhandled.
      const gz = readFileSync(file);
      const truncated = join(dir, `${name}-truncated.jsonl.gz`);
      writeFileSync(truncated, gz.subarray(0, Math.floor(gz.length / 2)));
      const unhandled: unknown[] = [];
      const onError = (e: unknown) => unhandled.push(e);
      process.on('uncaughtException', onError);
      try {
        await expect(restore(await b.empty(), truncated)).rejects.toThrow(/unexpected end of file|end marker/);
        await new Promise((r) => setTimeout(r, 200));
      } finally {
        process.off('uncaughtException', onError);
      }
      expect(unhandled).toEqual([]);
    });
  });

  it('refuses a backup of a newer schema, and a file that is not a backup', async () => {
    const b = backends.get('pglite')!;
    const newer = join(dir, 'newer.jsonl');
    writeFileSync(
      newer,
      JSON.stringify({
        format: 'hqs-backup/1',
        schemaVersion: 99,
        hqsVersion: '9.0.0',
        createdAt: '',
        backend: 'pglite',
        tables: [],
      }) + '\n',
    );
    const target = await b.empty();
    await expect(restore(target, newer)).rejects.toThrow(
      new RegExp(`schema version 99; this HQS Desk knows up to ${LATEST}: upgrade`),
    );
    const junk = join(dir, 'junk.txt');
    writeFileSync(junk, 'hello\n');
    await expect(restore(target, junk)).rejects.toThrow(/not JSON/);
    expect(await schemaVersion(target)).toBe(0);
    expect(existsSync(newer)).toBe(true);
  });

  it('a PGlite backup restores on PostgreSQL', async () => {
    const src = await populate(await backends.get('pglite')!.fresh());
    const file = join(dir, 'cross.jsonl.gz');
    await backup(src.db, file);
    const target = await backends.get('postgres')!.empty();
    await restore(target, file);
    expect(await tableRows(target)).toEqual(await tableRows(src.db));
    expect((await readDocument(target, src.owner, src.docs[2]!.documentId)).bytes.equals(src.docs[2]!.bytes)).toBe(
      true,
    );
  });
});
