// Opening the store the way the environment says: PostgreSQL when DATABASE_URL is set, else the embedded
// PGlite database in HQS_DATA_DIR (default ./data). Migrations are applied on open.
import { resolve } from 'node:path';
import type { Db } from './db.ts';
import { migrate } from './migrate.ts';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';
import { keyringFor } from './file-crypto.ts';

export interface StoreConfig {
  /** Data directory: the embedded database, document files and the lock. */
  dataDir: string;
  /** postgres://… — when set, the database is this server (files stay in dataDir). */
  databaseUrl?: string;
  /** Where HQS_FILE_KEY / HQS_FILE_KEYS_OLD are read (default process.env). */
  env?: NodeJS.ProcessEnv;
}

export function storeConfigFromEnv(env: NodeJS.ProcessEnv = process.env): StoreConfig {
  const dataDir = resolve(env.HQS_DATA_DIR?.trim() || 'data');
  const url = env.DATABASE_URL?.trim();
  return url ? { dataDir, databaseUrl: url, env } : { dataDir, env };
}

export interface OpenOptions {
  /** Apply pending migrations (default true). */
  migrate?: boolean;
}

export async function openStore(cfg: StoreConfig = storeConfigFromEnv(), opts: OpenOptions = {}): Promise<Db> {
  // Document files are encrypted at rest: with HQS_FILE_KEY, or the data directory's own key file.
  const fileKeys = keyringFor(cfg.dataDir, cfg.env ?? process.env);
  const db = cfg.databaseUrl
    ? await openPostgres({ url: cfg.databaseUrl, dataDir: cfg.dataDir, fileKeys })
    : await openPglite({ dataDir: cfg.dataDir, fileKeys });
  if (opts.migrate !== false) {
    try {
      await migrate(db);
    } catch (e) {
      await db.close();
      throw e;
    }
  }
  return db;
}
