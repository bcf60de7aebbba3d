// Opening the store for a command (migrate, sweep, backup, restore, admin), with what goes wrong told plainly.
import { InputError } from './args.ts';
import { openStore, storeConfigFromEnv, type OpenOptions } from '../store/open.ts';
import { MigrationError } from '../store/migrate.ts';
import { DataDirLockedError } from '../store/lock.ts';
import { BackupError } from '../store/backup.ts';
import { isStoreError } from '../store/errors.ts';
import { FileKeyError } from '../store/file-crypto.ts';
import type { Db } from '../store/db.ts';

/**
 * Opens the store as the environment says, runs `fn`, closes it. What goes wrong with the data
 * directory, the server, a migration or a backup is told plainly (exit 2), not as an internal error.
 */
export async function withStore<T>(opts: OpenOptions, fn: (db: Db) => Promise<T>): Promise<T> {
  let db: Db;
  try {
    db = await openStore(storeConfigFromEnv(), opts);
  } catch (e) {
    throw plain(e);
  }
  try {
    return await fn(db);
  } catch (e) {
    throw plain(e);
  } finally {
    await db.close();
  }
}

function plain(e: unknown): unknown {
  if (
    e instanceof DataDirLockedError ||
    e instanceof MigrationError ||
    e instanceof BackupError ||
    e instanceof FileKeyError ||
    isStoreError(e)
  )
    return new InputError(e.message);
  if (e instanceof Error && /^cannot (connect to PostgreSQL|open the embedded database)/.test(e.message))
    return new InputError(e.message);
  return e;
}
