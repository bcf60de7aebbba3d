// The embedded database on disk is durable on commit: PostgreSQL runs with fsync on, and each commit
// syncs its WAL through the host file system (which PGlite leaves without fsync).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { durability, durableStartParams, openPglite } from './pglite.ts';

describe('PGlite on disk', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hqs-durable-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('starts PostgreSQL with fsync on and syncs the WAL at every commit', async () => {
    expect(durableStartParams()).not.toContain('-F');
    const db = await openPglite({ dataDir: dir });
    try {
      expect(await db.query('SHOW fsync')).toEqual([{ fsync: 'on' }]);
      expect(await db.query('SHOW wal_sync_method')).toEqual([{ wal_sync_method: 'fsync' }]);
      await db.exec('CREATE TABLE t (v int)');
      const before = durability.fsyncs;
      for (let i = 0; i < 5; i++) await db.transaction((tx) => tx.query('INSERT INTO t VALUES ($1)', [i]));
      expect(durability.fsyncs - before).toBeGreaterThanOrEqual(5);
      const reads = durability.fsyncs;
      await db.query('SELECT count(*) FROM t');
      expect(durability.fsyncs).toBe(reads); // a read commits nothing
    } finally {
      await db.close();
    }
  }, 60_000);
});
