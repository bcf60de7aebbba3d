import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectMediaType, FileStore, sha256Hex } from './files.ts';

const bytes = (...xs: (number | string)[]) =>
  Buffer.concat(xs.map((x) => (typeof x === 'string' ? Buffer.from(x, 'latin1') : Buffer.from([x]))));

/** An ISO-BMFF file start: box size, 'ftyp', major brand, minor version, compatible brands. */
function ftyp(major: string, ...compatible: string[]): Buffer {
  const size = 16 + 4 * compatible.length;
  const b = Buffer.alloc(size + 8);
  b.writeUInt32BE(size, 0);
  b.write('ftyp', 4, 'latin1');
  b.write(major, 8, 'latin1');
  compatible.forEach((c, i) => b.write(c, 16 + 4 * i, 'latin1'));
  return b;
}

describe('detectMediaType reads the content', () => {
  it.each([
    ['application/pdf', bytes('%PDF-1.4\n%âãÏÓ')],
    ['image/jpeg', bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 'JFIF')],
    ['image/png', bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 'IHDR')],
    ['image/tiff', bytes('II', 0x2a, 0, 8, 0, 0, 0)],
    ['image/tiff', bytes('MM', 0, 0x2a, 0, 0, 0, 8)],
    ['image/heic', ftyp('heic', 'mif1', 'heic')],
    ['image/heic', ftyp('mif1', 'heic')],
    ['image/heif', ftyp('mif1', 'mif1')],
  ])('%s', (type, b) => {
    expect(detectMediaType(b)).toBe(type);
  });

  it.each([
    ['empty', bytes()],
    ['text', bytes('just some text, not a scan')],
    ['a PDF signature not at the start', bytes(' %PDF-1.4')],
    ['ZIP (a .docx)', bytes('PK', 3, 4, 20, 0)],
    ['GIF', bytes('GIF89a')],
    ['an MP4 video (ftyp isom)', ftyp('isom', 'isom', 'mp41')],
    ['truncated PNG signature', bytes(0x89, 'PNG')],
  ])('refuses %s', (_what, b) => {
    expect(detectMediaType(b)).toBeUndefined();
  });
});

describe('FileStore', () => {
  let dir: string;
  let store: FileStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hqs-files-test-'));
    store = new FileStore(join(dir, 'files'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps each content once, under files/ab/cd/<sha256>', async () => {
    const data = Buffer.from('%PDF-1.7 hello');
    const sha = sha256Hex(data);
    const first = await store.put(data);
    expect(first).toEqual({ sha256: sha, size: data.length, created: true });
    expect(store.pathOf(sha)).toBe(join(dir, 'files', sha.slice(0, 2), sha.slice(2, 4), sha));
    expect(existsSync(store.pathOf(sha))).toBe(true);
    expect((await store.put(data)).created).toBe(false);
    expect((await store.get(sha)).equals(data)).toBe(true);
    expect(await store.list()).toEqual([sha]);
    await store.delete(sha);
    expect(await store.has(sha)).toBe(false);
  });

  it('refuses bytes that do not match the expected digest, and a damaged or missing file', async () => {
    const data = Buffer.from('content');
    await expect(store.put(data, '0'.repeat(64))).rejects.toThrow(/does not match its digest/);
    const { sha256 } = await store.put(data);
    writeFileSync(store.pathOf(sha256), 'tampered');
    await expect(store.get(sha256)).rejects.toThrow(/is damaged/);
    await expect(store.get('1'.repeat(64))).rejects.toThrow(/is missing/);
    expect(() => store.pathOf('../../etc/passwd')).toThrow(/not a sha256/);
  });
});
