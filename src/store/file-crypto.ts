// Scans encrypted at rest (AES-256-GCM). Each file has its own random data key; the data key is kept in the
// file's header, wrapped (encrypted) by a master key of the keyring; rotating the master key rewraps the
// headers and leaves the contents alone. The file's name stays the digest of its plain content, which is also
// bound into the encryption (additional data), so a file cannot be passed off under another name.
//
// The master keys come from the environment (HQS_FILE_KEY, and HQS_FILE_KEYS_OLD while rotating) or, when
// neither is set, from a key file HQS Desk writes into the data directory on first use (keys/files.json,
// readable by its owner only): encrypted by default, and a backup copied elsewhere holds no readable scan.
//
//   file = "HQSF" 0x01 | idLength | keyId | wrapIv(12) | wrapTag(16) | wrappedKey(32) | iv(12) | tag(16) | ciphertext
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const MAGIC = Buffer.from('HQSF\x01', 'latin1');
const IV = 12;
const TAG = 16;
const KEY = 32;

/** A file key that is badly given, or missing: what the operator must fix (never an internal error). */
export class FileKeyError extends Error {
  override name = 'FileKeyError';
}

/** A keyring without the key a file or a backup needs: said with the key's id and where keys come from. */
export class MissingFileKey extends FileKeyError {
  constructor(
    readonly keyId: string,
    where: string,
  ) {
    super(
      `${where} is encrypted with the file key "${keyId}", which this installation does not have: set HQS_FILE_KEY (or HQS_FILE_KEYS_OLD while rotating) to that key, or restore the data directory's keys/files.json`,
    );
  }
}

export interface FileKeyring {
  /** The key new files are encrypted with. */
  readonly currentId: string;
  key(id: string): Buffer | undefined;
  /** Where the keys come from, for messages ("HQS_FILE_KEY" or the key file's path). */
  readonly source: string;
}

/** True when stored bytes are an encrypted file (else they are a plain file of an older installation). */
export function isEncrypted(stored: Uint8Array): boolean {
  return stored.length >= MAGIC.length && Buffer.from(stored.buffer, stored.byteOffset, MAGIC.length).equals(MAGIC);
}

/** The id of the master key an encrypted file's data key is wrapped with. */
export function keyIdOf(stored: Uint8Array): string {
  const b = Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength);
  const n = b[MAGIC.length] ?? 0;
  return b.subarray(MAGIC.length + 1, MAGIC.length + 1 + n).toString('latin1');
}

function wrapKey(dataKey: Buffer, master: Buffer, keyId: string): Buffer {
  const iv = randomBytes(IV);
  const c = createCipheriv('aes-256-gcm', master, iv);
  c.setAAD(Buffer.from(keyId, 'latin1'));
  const wrapped = Buffer.concat([c.update(dataKey), c.final()]);
  return Buffer.concat([iv, c.getAuthTag(), wrapped]);
}

function header(keyId: string, wrapped: Buffer): Buffer {
  const id = Buffer.from(keyId, 'latin1');
  return Buffer.concat([MAGIC, Buffer.from([id.length]), id, wrapped]);
}

interface Parsed {
  keyId: string;
  wrapped: Buffer;
  iv: Buffer;
  tag: Buffer;
  body: Buffer;
}

function parse(stored: Buffer, where: string): Parsed {
  const n = stored[MAGIC.length] ?? 0;
  let at = MAGIC.length + 1;
  const keyId = stored.subarray(at, at + n).toString('latin1');
  at += n;
  const wrapped = stored.subarray(at, at + IV + TAG + KEY);
  at += IV + TAG + KEY;
  const iv = stored.subarray(at, at + IV);
  const tag = stored.subarray(at + IV, at + IV + TAG);
  if (tag.length !== TAG) throw new Error(`${where} is damaged: its encryption header is cut short`);
  return { keyId, wrapped, iv, tag, body: stored.subarray(at + IV + TAG) };
}

function unwrapKey(p: Parsed, keys: FileKeyring, where: string): Buffer {
  const master = keys.key(p.keyId);
  if (master === undefined) throw new MissingFileKey(p.keyId, where);
  try {
    const d = createDecipheriv('aes-256-gcm', master, p.wrapped.subarray(0, IV));
    d.setAAD(Buffer.from(p.keyId, 'latin1'));
    d.setAuthTag(p.wrapped.subarray(IV, IV + TAG));
    return Buffer.concat([d.update(p.wrapped.subarray(IV + TAG)), d.final()]);
  } catch {
    throw new Error(`${where}: the file key "${p.keyId}" given does not open it (a different key under the same id?)`);
  }
}

/** Encrypts a file's plain bytes under the keyring's current key; `sha256` (of the plain bytes) is bound in. */
export function encryptFile(plain: Uint8Array, sha256: string, keys: FileKeyring): Buffer {
  const master = keys.key(keys.currentId) as Buffer;
  const dataKey = randomBytes(KEY);
  const iv = randomBytes(IV);
  const c = createCipheriv('aes-256-gcm', dataKey, iv);
  c.setAAD(Buffer.from(sha256, 'latin1'));
  const body = Buffer.concat([c.update(plain), c.final()]);
  return Buffer.concat([header(keys.currentId, wrapKey(dataKey, master, keys.currentId)), iv, c.getAuthTag(), body]);
}

/** The plain bytes of an encrypted file stored under `sha256`. Throws naming the file when it cannot. */
export function decryptFile(stored: Buffer, sha256: string, keys: FileKeyring | undefined, where: string): Buffer {
  const p = parse(stored, where);
  if (keys === undefined) throw new MissingFileKey(p.keyId, where);
  const dataKey = unwrapKey(p, keys, where);
  try {
    const d = createDecipheriv('aes-256-gcm', dataKey, p.iv);
    d.setAAD(Buffer.from(sha256, 'latin1'));
    d.setAuthTag(p.tag);
    return Buffer.concat([d.update(p.body), d.final()]);
  } catch {
    throw new Error(`${where} is damaged: its content does not authenticate`);
  }
}

/** The same file with its data key wrapped by the keyring's current key (the content is not touched). */
export function rewrapFile(stored: Buffer, keys: FileKeyring, where: string): Buffer {
  const p = parse(stored, where);
  const dataKey = unwrapKey(p, keys, where);
  const master = keys.key(keys.currentId) as Buffer;
  return Buffer.concat([header(keys.currentId, wrapKey(dataKey, master, keys.currentId)), p.iv, p.tag, p.body]);
}

// ——— where the keys come from ———

const idOf = (key: Buffer) => `k${createHash('sha256').update(key).digest('hex').slice(0, 10)}`;

/** "id:base64" or a bare base64 key of 32 bytes (its id then derives from it). Throws naming the variable. */
function parseKey(text: string, name: string): [string, Buffer] {
  const t = text.trim();
  const m = /^([A-Za-z0-9_-]{1,40}):(.+)$/.exec(t);
  const b64 = m ? (m[2] as string) : t;
  const key = Buffer.from(b64, 'base64');
  if (key.length !== KEY || key.toString('base64').replace(/=+$/, '') !== b64.replace(/=+$/, ''))
    throw new FileKeyError(
      `${name}: expected a 256-bit key in base64 (44 characters; make one with: openssl rand -base64 32), optionally "id:" before it`,
    );
  return [m ? (m[1] as string) : idOf(key), key];
}

class Keyring implements FileKeyring {
  constructor(
    private current: string,
    private keys: ReadonlyMap<string, Buffer>,
    readonly source: string,
    /** The key file as it is now: a key added by a rotation in another process is found there. */
    private readonly reread?: () => { current: string; keys: ReadonlyMap<string, Buffer> },
  ) {}
  /** The current key; a key file is read again, so a server picks up a rotation made beside it. */
  get currentId(): string {
    if (this.reread) ({ current: this.current, keys: this.keys } = this.reread());
    return this.current;
  }
  key(id: string): Buffer | undefined {
    const k = this.keys.get(id);
    if (k !== undefined || this.reread === undefined) return k;
    ({ current: this.current, keys: this.keys } = this.reread());
    return this.keys.get(id);
  }
  /** Every key's id (the current one first). */
  ids(): string[] {
    const current = this.currentId;
    return [current, ...[...this.keys.keys()].filter((k) => k !== current)];
  }
}

interface KeyFile {
  format: 'hqs-file-keys/1';
  current: string;
  keys: Record<string, string>;
}

export const KEY_FILE = join('keys', 'files.json');

function writeKeyFile(path: string, kf: KeyFile): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(kf, null, 2)}\n`, { mode: 0o600, flag: 'w' });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
}

function readKeyFile(path: string): KeyFile | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  let kf: KeyFile;
  try {
    kf = JSON.parse(text) as KeyFile;
  } catch {
    throw new FileKeyError(`${path}: not the key file HQS Desk writes (not JSON)`);
  }
  if (kf.format !== 'hqs-file-keys/1' || typeof kf.keys !== 'object' || !kf.keys[kf.current])
    throw new FileKeyError(`${path}: not the key file HQS Desk writes (format hqs-file-keys/1 with its current key)`);
  return kf;
}

/**
 * The keyring of an installation: HQS_FILE_KEY (current) and HQS_FILE_KEYS_OLD (comma-separated, for reading
 * files not yet rotated) when set; else the data directory's key file, made on first use when `create`.
 * Undefined only when there is no key and `create` is false.
 */
export function keyringFor(
  dataDir: string,
  env: NodeJS.ProcessEnv = process.env,
  create = true,
): (FileKeyring & { ids(): string[] }) | undefined {
  const current = env.HQS_FILE_KEY?.trim();
  const old = env.HQS_FILE_KEYS_OLD?.trim();
  if (current) {
    const [id, key] = parseKey(current, 'HQS_FILE_KEY');
    const keys = new Map([[id, key]]);
    for (const part of (old ?? '').split(',').filter((s) => s.trim())) {
      const [oid, okey] = parseKey(part, 'HQS_FILE_KEYS_OLD');
      if (!keys.has(oid)) keys.set(oid, okey);
    }
    return new Keyring(id, keys, 'HQS_FILE_KEY');
  }
  if (old) throw new FileKeyError('HQS_FILE_KEYS_OLD is set without HQS_FILE_KEY: set the current key too');
  const path = join(dataDir, KEY_FILE);
  let kf = readKeyFile(path);
  if (kf === undefined) {
    if (!create) return undefined;
    const key = randomBytes(KEY);
    kf = { format: 'hqs-file-keys/1', current: idOf(key), keys: { [idOf(key)]: key.toString('base64') } };
    writeKeyFile(path, kf);
  }
  const mapOf = (f: KeyFile) =>
    new Map(Object.entries(f.keys).map(([id, b64]) => [id, Buffer.from(b64, 'base64')] as const));
  const first = kf;
  return new Keyring(kf.current, mapOf(kf), path, () => {
    const now = readKeyFile(path) ?? first;
    // Keys once read stay known to this process: a file it wrote just before a rotation stays readable.
    return { current: now.current, keys: new Map([...mapOf(first), ...mapOf(now)]) };
  });
}

/**
 * Adds a new current key to the data directory's key file (the old ones stay, for files not yet rewrapped).
 * Only for installations whose keys live in that file; with HQS_FILE_KEY the operator sets the new key.
 */
export function addKeyToFile(dataDir: string): string {
  const path = join(dataDir, KEY_FILE);
  const kf = readKeyFile(path);
  if (kf === undefined) throw new FileKeyError(`${path}: no key file to add a key to`);
  const key = randomBytes(KEY);
  const id = idOf(key);
  writeKeyFile(path, { ...kf, current: id, keys: { ...kf.keys, [id]: key.toString('base64') } });
  return id;
}

/** Drops from the key file every key but the current one (after every file is rewrapped). */
export function dropOldKeysFromFile(dataDir: string): string[] {
  const path = join(dataDir, KEY_FILE);
  const kf = readKeyFile(path);
  if (kf === undefined) return [];
  const dropped = Object.keys(kf.keys).filter((id) => id !== kf.current);
  writeKeyFile(path, { ...kf, keys: { [kf.current]: kf.keys[kf.current] as string } });
  return dropped;
}
