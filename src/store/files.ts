// Document files, content-addressed: `<dataDir>/files/ab/cd/<sha256>`. The same bytes are kept once,
// whoever uploads them; a file is written to a temporary name and renamed into place, so a reader never
// sees half a file and two writers of the same bytes cannot clash. The type of a file is read from its
// first bytes (magic numbers), never from its name. With a keyring (file-crypto.ts) the bytes on disk are
// encrypted (AES-256-GCM, a data key per file); the name stays the digest of the plain content.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  decryptFile,
  encryptFile,
  isEncrypted,
  keyIdOf,
  MissingFileKey,
  rewrapFile,
  type FileKeyring,
} from './file-crypto.ts';

export const MEDIA_TYPES = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/heic',
  'image/heif',
  'image/tiff',
] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis']);
const HEIF_BRANDS = new Set(['mif1', 'msf1']);

function startsWith(b: Uint8Array, sig: readonly number[], at = 0): boolean {
  if (b.length < at + sig.length) return false;
  return sig.every((v, i) => b[at + i] === v);
}

function ascii(b: Uint8Array, from: number, to: number): string {
  return b.length >= to ? String.fromCharCode(...b.subarray(from, to)) : '';
}

/** The media type of a scan from its content: PDF, JPEG, PNG, HEIC/HEIF or TIFF; undefined for anything else. */
export function detectMediaType(bytes: Uint8Array): MediaType | undefined {
  if (ascii(bytes, 0, 5) === '%PDF-') return 'application/pdf';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'image/tiff';
  if (ascii(bytes, 4, 8) === 'ftyp') {
    // ISO base media file: the major brand, then the compatible brands up to the end of the ftyp box.
    const boxSize =
      bytes.length >= 4 ? ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0 : 0;
    const brands = [ascii(bytes, 8, 12)];
    for (let at = 16; at + 4 <= Math.min(boxSize, bytes.length, 256); at += 4) brands.push(ascii(bytes, at, at + 4));
    if (brands.some((b) => HEIC_BRANDS.has(b))) return 'image/heic';
    if (brands.some((b) => HEIF_BRANDS.has(b))) return 'image/heif';
  }
  return undefined;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const SHA256 = /^[0-9a-f]{64}$/;

export function isSha256(s: unknown): s is string {
  return typeof s === 'string' && SHA256.test(s);
}

export class FileStore {
  /** Backups running in this process: while any runs, deletions wait (see hold). */
  private holds = 0;
  private deferred = new Set<string>();

  constructor(
    readonly root: string,
    /** Encrypts what is written and opens what is read; without it files are written plain. */
    readonly keys?: FileKeyring,
  ) {}

  /**
   * Holds deletions until the returned function is called (a backup copying files outside its database
   * snapshot needs them to stay). That function returns the digests whose deletion waited: the caller
   * deletes those still unreferenced (removeUnreferencedFiles checks again).
   */
  hold(): () => string[] {
    this.holds++;
    let released = false;
    return () => {
      if (released) return [];
      released = true;
      this.holds--;
      if (this.holds > 0) return [];
      const out = [...this.deferred];
      this.deferred.clear();
      return out;
    };
  }

  pathOf(sha256: string): string {
    if (!isSha256(sha256)) throw new Error(`not a sha256 hex digest: ${JSON.stringify(sha256)}`);
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  /** Stores the bytes (once) and returns their digest; `created` is false when they were already there. */
  async put(bytes: Uint8Array, expectedSha256?: string): Promise<{ sha256: string; size: number; created: boolean }> {
    const sha256 = sha256Hex(bytes);
    if (expectedSha256 !== undefined && expectedSha256 !== sha256) {
      throw new Error(`file content does not match its digest: expected ${expectedSha256}, got ${sha256}`);
    }
    if (await this.has(sha256)) return { sha256, size: bytes.length, created: false };
    await this.write(sha256, this.keys ? encryptFile(bytes, sha256, this.keys) : bytes);
    return { sha256, size: bytes.length, created: true };
  }

  /** Writes (or replaces) stored bytes under a digest: to a temporary name, then renamed into place. */
  private async write(sha256: string, stored: Uint8Array): Promise<void> {
    const dir = join(this.root, sha256.slice(0, 2), sha256.slice(2, 4));
    await mkdir(dir, { recursive: true });
    const tmp = join(dir, `.${sha256}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
    await writeFile(tmp, stored, { flag: 'wx' });
    await rename(tmp, this.pathOf(sha256));
  }

  /** The bytes as kept on disk (encrypted where they are): what a backup copies. */
  async getStored(sha256: string): Promise<Buffer> {
    const path = this.pathOf(sha256);
    try {
      return await readFile(path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`document file ${path} is missing`);
      throw e;
    }
  }

  /**
   * Keeps bytes as a backup holds them (getStored's): checked against their digest — an encrypted file is
   * opened for that, so a backup restored without its key fails here, naming the key — and encrypted on the
   * way in when they came plain and this store encrypts.
   */
  async putStored(stored: Buffer, sha256: string, where = `document file ${sha256}`): Promise<void> {
    const plain = isEncrypted(stored) ? decryptFile(stored, sha256, this.keys, where) : stored;
    const actual = sha256Hex(plain);
    if (actual !== sha256)
      throw new Error(`${where} is damaged: its content does not match its digest (it hashes to ${actual})`);
    if (await this.has(sha256)) return;
    await this.write(sha256, isEncrypted(stored) || !this.keys ? stored : encryptFile(plain, sha256, this.keys));
  }

  async has(sha256: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(sha256))).isFile();
    } catch {
      return false;
    }
  }

  /** The bytes, opened and checked against their digest (a damaged file is an error, never served). */
  async get(sha256: string): Promise<Buffer> {
    const path = this.pathOf(sha256);
    const stored = await this.getStored(sha256);
    const bytes = isEncrypted(stored) ? decryptFile(stored, sha256, this.keys, `document file ${path}`) : stored;
    const actual = sha256Hex(bytes);
    if (actual !== sha256) throw new Error(`document file ${path} is damaged: its content hashes to ${actual}`);
    return bytes;
  }

  /**
   * Brings every file to the keyring's current key: rewraps the data key of files under an older key (their
   * content is not rewritten) and encrypts plain files. Each file is replaced whole (renamed into place).
   */
  async rotate(): Promise<{ rewrapped: number; encrypted: number; current: number }> {
    const keys = this.keys;
    if (keys === undefined) throw new Error('no file key: nothing to rotate to');
    const out = { rewrapped: 0, encrypted: 0, current: 0 };
    for (const sha256 of await this.list()) {
      const where = `document file ${this.pathOf(sha256)}`;
      const stored = await this.getStored(sha256);
      if (isEncrypted(stored)) {
        if (keyIdOf(stored) === keys.currentId) {
          out.current++;
          continue;
        }
        if (keys.key(keyIdOf(stored)) === undefined) throw new MissingFileKey(keyIdOf(stored), where);
        await this.write(sha256, rewrapFile(stored, keys, where));
        out.rewrapped++;
      } else {
        if (sha256Hex(stored) !== sha256) throw new Error(`${where} is damaged: its content does not match its name`);
        await this.write(sha256, encryptFile(stored, sha256, keys));
        out.encrypted++;
      }
    }
    return out;
  }

  /** The key ids the stored files are encrypted with, and how many plain files remain. */
  async keyUse(): Promise<{ byKey: Record<string, number>; plain: number }> {
    const byKey: Record<string, number> = {};
    let plain = 0;
    for (const sha256 of await this.list()) {
      const stored = await this.getStored(sha256);
      if (isEncrypted(stored)) byKey[keyIdOf(stored)] = (byKey[keyIdOf(stored)] ?? 0) + 1;
      else plain++;
    }
    return { byKey, plain };
  }

  async delete(sha256: string): Promise<void> {
    const path = this.pathOf(sha256);
    if (this.holds > 0) {
      this.deferred.add(sha256);
      return;
    }
    await rm(path, { force: true });
  }

  /** Every stored digest (for checks and garbage collection). */
  async list(): Promise<string[]> {
    const out: string[] = [];
    const level = async (dir: string): Promise<string[]> => {
      try {
        return await readdir(dir);
      } catch {
        return [];
      }
    };
    for (const a of await level(this.root)) {
      if (!/^[0-9a-f]{2}$/.test(a)) continue;
      for (const b of await level(join(this.root, a))) {
        if (!/^[0-9a-f]{2}$/.test(b)) continue;
        for (const f of await level(join(this.root, a, b))) if (isSha256(f) && f.startsWith(a + b)) out.push(f);
      }
    }
    return out.sort();
  }
}
