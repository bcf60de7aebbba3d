import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readdirSync } from 'node:fs';
import { FileStore, sha256Hex } from './files.ts';
import {
  addKeyToFile,
  decryptFile,
  dropOldKeysFromFile,
  encryptFile,
  FileKeyError,
  isEncrypted,
  keyIdOf,
  keyringFor,
  KEY_FILE,
  MissingFileKey,
} from './file-crypto.ts';

const SCAN = Buffer.concat([Buffer.from('%PDF-1.7 passport 7712 345678 IVANOVA ANNA'), randomBytes(4096)]);
const b64 = () => randomBytes(32).toString('base64');

/** Every file under a directory, its bytes. */
function everyFile(dir: string): Buffer[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => readFileSync(join(e.parentPath, e.name)));
}

describe('the keyring', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hqs-keys-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('without HQS_FILE_KEY makes a key file in the data directory, readable by its owner only, and keeps it', () => {
    const a = keyringFor(dir, {})!;
    expect(a.source).toBe(join(dir, KEY_FILE));
    expect(statSync(join(dir, KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(a.key(a.currentId)?.length).toBe(32);
    expect(keyringFor(dir, {})!.currentId).toBe(a.currentId);
    expect(keyringFor(join(dir, 'other'), {}, false)).toBeUndefined();
  });

  it('reads HQS_FILE_KEY (with or without an id) and HQS_FILE_KEYS_OLD, and names a bad value', () => {
    const k = b64();
    const old = b64();
    const r = keyringFor(dir, { HQS_FILE_KEY: `prod2026:${k}`, HQS_FILE_KEYS_OLD: old })!;
    expect(r.currentId).toBe('prod2026');
    expect(r.ids()).toHaveLength(2);
    expect(r.source).toBe('HQS_FILE_KEY');
    expect(keyringFor(dir, { HQS_FILE_KEY: k })!.currentId).toMatch(/^k[0-9a-f]{10}$/);
    expect(() => keyringFor(dir, { HQS_FILE_KEY: 'secret' })).toThrow(/HQS_FILE_KEY: expected a 256-bit key in base64/);
    expect(() => keyringFor(dir, { HQS_FILE_KEY: k, HQS_FILE_KEYS_OLD: 'x:short' })).toThrow(FileKeyError);
    expect(() => keyringFor(dir, { HQS_FILE_KEYS_OLD: old })).toThrow(/without HQS_FILE_KEY/);
  });

  it('a key file that is not ours is refused, naming it', () => {
    keyringFor(dir, {});
    writeFileSync(join(dir, KEY_FILE), '{"format":"something"}');
    expect(() => keyringFor(dir, {})).toThrow(/keys\/files\.json: not the key file HQS Desk writes/);
  });
});

describe('encrypted files', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hqs-enc-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a scan on disk does not hold its plain bytes, and reads back byte for byte', async () => {
    const store = new FileStore(join(dir, 'files'), keyringFor(dir, {}));
    const { sha256 } = await store.put(SCAN);
    expect(sha256).toBe(sha256Hex(SCAN));
    for (const f of everyFile(join(dir, 'files'))) {
      expect(f.includes(Buffer.from('7712 345678'))).toBe(false);
      expect(f.includes(SCAN.subarray(100, 164))).toBe(false);
    }
    const stored = await store.getStored(sha256);
    expect(isEncrypted(stored)).toBe(true);
    expect((await store.get(sha256)).equals(SCAN)).toBe(true);
  });

  it('the digest is bound in: a file moved under another name does not open', () => {
    const keys = keyringFor(dir, {})!;
    const sha = sha256Hex(SCAN);
    const enc = encryptFile(SCAN, sha, keys);
    expect(decryptFile(enc, sha, keys, 'x').equals(SCAN)).toBe(true);
    expect(() => decryptFile(enc, sha256Hex(Buffer.from('other')), keys, 'file X')).toThrow(
      /file X is damaged: its content does not authenticate/,
    );
    const flipped = Buffer.from(enc);
    flipped[flipped.length - 1]! ^= 1;
    expect(() => decryptFile(flipped, sha, keys, 'file Y')).toThrow(/file Y is damaged/);
  });

  it('without the key a file says which key it needs', async () => {
    const store = new FileStore(join(dir, 'files'), keyringFor(dir, {}));
    const { sha256 } = await store.put(SCAN);
    const stranger = new FileStore(join(dir, 'files'), keyringFor(join(dir, 'elsewhere'), {}));
    await expect(stranger.get(sha256)).rejects.toThrow(MissingFileKey);
    await expect(stranger.get(sha256)).rejects.toThrow(/encrypted with the file key "k[0-9a-f]{10}"/);
    const none = new FileStore(join(dir, 'files'));
    await expect(none.get(sha256)).rejects.toThrow(MissingFileKey);
    // What a backup hands over is checked the same way.
    await expect(
      new FileStore(join(dir, 'restored'), keyringFor(join(dir, 'elsewhere'), {})).putStored(
        await store.getStored(sha256),
        sha256,
      ),
    ).rejects.toThrow(MissingFileKey);
  });

  it('plain files of an older installation still read; rotation rewraps to a new key and encrypts plain files', async () => {
    const plainStore = new FileStore(join(dir, 'files'));
    const legacy = Buffer.from('%PDF-1.4 legacy scan 9988 776655');
    const l = await plainStore.put(legacy);
    const keys = keyringFor(dir, {})!;
    const store = new FileStore(join(dir, 'files'), keys);
    expect((await store.get(l.sha256)).equals(legacy)).toBe(true);
    const s = await store.put(SCAN);
    const first = keys.currentId;
    expect(await store.keyUse()).toEqual({ byKey: { [first]: 1 }, plain: 1 });

    const second = addKeyToFile(dir);
    expect(keys.currentId).toBe(second); // the key file is read again
    expect(await store.rotate()).toEqual({ rewrapped: 1, encrypted: 1, current: 0 });
    expect(await store.keyUse()).toEqual({ byKey: { [second]: 2 }, plain: 0 });
    expect(keyIdOf(await store.getStored(s.sha256))).toBe(second);
    expect(dropOldKeysFromFile(dir)).toEqual([first]);
    // A fresh process with only the new key reads both.
    const fresh = new FileStore(join(dir, 'files'), keyringFor(dir, {}));
    expect((await fresh.get(s.sha256)).equals(SCAN)).toBe(true);
    expect((await fresh.get(l.sha256)).equals(legacy)).toBe(true);
    expect(await fresh.rotate()).toEqual({ rewrapped: 0, encrypted: 0, current: 2 });
  });

  it('restoring plain bytes into an encrypting store encrypts them; a damaged backup file is refused', async () => {
    const store = new FileStore(join(dir, 'files'), keyringFor(dir, {}));
    await store.putStored(SCAN, sha256Hex(SCAN));
    expect(isEncrypted(await store.getStored(sha256Hex(SCAN)))).toBe(true);
    await expect(store.putStored(Buffer.from('not it'), sha256Hex(SCAN), 'backup file Z')).rejects.toThrow(
      /backup file Z is damaged/,
    );
  });
});
