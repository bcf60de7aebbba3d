// The store: PGlite (embedded, default) or PostgreSQL (DATABASE_URL) behind one small interface, the
// schema and its migrations, and the repositories. Repositories take a Db, an Actor and plain inputs, and
// throw NotFound, Conflict, Forbidden or Invalid; they never see HTTP.
export * from './errors.ts';
export {
  inTenant,
  inSystem,
  isUuid,
  APP_ROLE,
  type Db,
  type Tx,
  type Row,
  type Queryable,
  type TxOptions,
  type Backend,
} from './db.ts';
export { openStore, storeConfigFromEnv, type StoreConfig, type OpenOptions } from './open.ts';
export { openPglite, type PgliteDb, type PgliteOptions } from './pglite.ts';
export { openPostgres, redactUrl, type PostgresDb, type PostgresOptions } from './postgres.ts';
export { lockDataDir, DataDirLockedError, LOCK_FILE, type DataDirLock, type LockInfo } from './lock.ts';
export {
  migrate,
  migrationStatus,
  schemaVersion,
  loadMigrations,
  MigrationError,
  type Migration,
  type MigrationStatus,
} from './migrate.ts';
export { FileStore, detectMediaType, sha256Hex, MEDIA_TYPES, type MediaType } from './files.ts';
export { hashPassword, verifyPassword, passwordProblem, MIN_PASSWORD_LENGTH } from './password.ts';
export * from './actor.ts';
export * from './page.ts';
export * from './audit.ts';
export * from './orgs.ts';
export * from './users.ts';
export * from './memberships.ts';
export * from './employers.ts';
export * from './cases.ts';
export * from './people.ts';
export * from './invitations.ts';
export * from './documents.ts';
export * from './evaluations.ts';
export * from './tokens.ts';
export * from './sessions.ts';
export * from './throttle.ts';
export * from './sweep.ts';
export * from './backup.ts';
export * from './imports.ts';
export * from './findings.ts';
export * from './assignees.ts';
export * from './idempotency.ts';
export * from './checklist-reviews.ts';
export * from './selfcheck-codes.ts';
