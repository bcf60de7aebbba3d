// Loading law/ from disk (Node only; the rest of src/law is pure and works anywhere). loadLaw reads every
// YAML file under the folder (files under calendar/ belong to the calendar module and are skipped) and hands
// them to parseLawFiles; the result is cached per folder.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IsoDate } from './citation.ts';
import type { Law } from './law.ts';
import { parseLawFiles } from './parse.ts';
import type { LawFile } from './parse.ts';

/** The repository's law/ folder. */
export const DEFAULT_LAW_DIR = fileURLToPath(new URL('../../law/', import.meta.url));

const cache = new Map<string, Law>();

function yamlFilesUnder(dir: string, root: string, out: string[]): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (dir === root && entry.name === 'calendar') continue;
      yamlFilesUnder(full, root, out);
    } else if (entry.isFile() && /\.ya?ml$/.test(entry.name)) {
      out.push(full);
    }
  }
  return out;
}

/** Reads the law files of `dir`, with paths like `law/parameters/x.yaml` (the folder's name, then the path inside it). */
export function readLawFiles(dir: string = DEFAULT_LAW_DIR): LawFile[] {
  const root = resolve(dir);
  const name = basename(root);
  return yamlFilesUnder(root, root, [])
    .sort()
    .map((full) => ({ path: [name, ...relative(root, full).split(sep)].join('/'), text: readFileSync(full, 'utf8') }));
}

/** Loads and validates the law in `dir` (default: the repository's law/); throws LawDataError listing every problem. */
export function loadLaw(dir: string = DEFAULT_LAW_DIR, opts: { version?: IsoDate } = {}): Law {
  const key = `${resolve(dir)}\u0000${opts.version ?? ''}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const law = parseLawFiles(readLawFiles(dir), opts);
  cache.set(key, law);
  return law;
}
