import type { Io } from '../io.ts';
import { parse, formatOf, UsageError } from '../args.ts';
import { json } from '../context.ts';
import { storeConfigFromEnv } from '../../store/open.ts';
import { addKeyToFile, dropOldKeysFromFile } from '../../store/file-crypto.ts';
import { withStore } from '../with-store.ts';

const HELP = `usage: hqs keys status|rotate [--format text|json]

Document files (scans) are encrypted at rest with AES-256-GCM, each under its own data key, which is kept
wrapped by a master key. The master key is HQS_FILE_KEY (base64 of 32 bytes, e.g. openssl rand -base64 32,
optionally "id:" before it), or — when it is not set — the key file HQS Desk made in the data directory
(keys/files.json). Keep that key apart from the backups: a backup holds the files encrypted, never the key.

  status   the current key, where it comes from, and how many files each key opens (plain files too)
  rotate   brings every file to the current key: with the key file, a new key is made first, every file's
           data key is rewrapped with it, and the old keys are dropped once no file needs them. With
           HQS_FILE_KEY, set the new key there and the old one in HQS_FILE_KEYS_OLD, run rotate, then
           drop HQS_FILE_KEYS_OLD. Files stored plain by an older HQS Desk are encrypted on the way.
Best run with the servers stopped (the embedded database insists: its data directory is locked).`;

export async function keysCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, {});
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  const [action, ...rest] = positionals;
  if (action !== 'status' && action !== 'rotate') throw new UsageError(`keys: expected status or rotate\n\n${HELP}`);
  if (rest.length) throw new UsageError(`keys ${action} takes no further arguments\n\n${HELP}`);
  const format = formatOf(values.format);
  const cfg = storeConfigFromEnv();
  return withStore({}, async (db) => {
    const keys = db.files.keys;
    if (keys === undefined) throw new UsageError('this store has no file key');
    const fromFile = keys.source !== 'HQS_FILE_KEY';
    let rotated: { rewrapped: number; encrypted: number; current: number } | undefined;
    let dropped: string[] = [];
    if (action === 'rotate') {
      if (fromFile) addKeyToFile(cfg.dataDir);
      rotated = await db.files.rotate();
      const after = await db.files.keyUse();
      if (fromFile && after.plain === 0 && Object.keys(after.byKey).every((id) => id === keys.currentId))
        dropped = dropOldKeysFromFile(cfg.dataDir);
    }
    const use = await db.files.keyUse();
    if (format === 'json') {
      io.out(json({ current: keys.currentId, source: keys.source, files: use, rotated, dropped }));
      return 0;
    }
    io.out(`current file key: ${keys.currentId} (from ${keys.source})`);
    if (rotated)
      io.out(
        `rotated: ${rotated.rewrapped} files rewrapped, ${rotated.encrypted} plain files encrypted, ${rotated.current} already on the current key`,
      );
    if (dropped.length) io.out(`dropped from the key file: ${dropped.join(', ')}`);
    for (const [id, n] of Object.entries(use.byKey))
      io.out(`  ${id}: ${n} files${id === keys.currentId ? ' (current)' : ''}`);
    io.out(`  plain (not encrypted): ${use.plain} files`);
    return 0;
  });
}
