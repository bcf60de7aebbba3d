// The provisions the law data cites, and how a scenario's cite is matched against them (test/scenarios.test.ts).
// A cite names a source of law/sources.yaml and, optionally, the provision: article, part, paragraph,
// sub-paragraph, and the act that gave it the cited wording (`amendedBy`).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export interface Cite {
  readonly source: string;
  readonly article?: string;
  readonly part?: string;
  readonly paragraph?: string;
  readonly subparagraph?: string;
  readonly amendedBy?: string;
}

/** The levels of a provision, from the widest to the narrowest. */
const LEVELS = ['article', 'part', 'paragraph', 'subparagraph'] as const;

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return yamlFiles(path);
      return name.endsWith('.yaml') ? [path] : [];
    });
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
}

/** Every citation (each entry of a `basis` list) in the law data under `dir`, one per provision. */
export function lawCitations(dir: string): Cite[] {
  const byKey = new Map<string, Cite>();
  const visit = (value: unknown, inBasis: boolean): void => {
    if (Array.isArray(value)) {
      for (const v of value) visit(v, inBasis);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const o = value as Record<string, unknown>;
    if (inBasis && typeof o.source === 'string') {
      const c: Cite = {
        source: o.source,
        ...(str(o.article) !== undefined ? { article: str(o.article) } : {}),
        ...(str(o.part) !== undefined ? { part: str(o.part) } : {}),
        ...(str(o.paragraph) !== undefined ? { paragraph: str(o.paragraph) } : {}),
        ...(str(o.subparagraph) !== undefined ? { subparagraph: str(o.subparagraph) } : {}),
        ...(typeof o.amendedBy === 'string' ? { amendedBy: o.amendedBy } : {}),
      };
      byKey.set(formatCite(c), c);
    }
    for (const [k, v] of Object.entries(o)) visit(v, k === 'basis');
  };
  for (const file of yamlFiles(dir)) visit(parse(readFileSync(file, 'utf8'), { merge: true }), false);
  return [...byKey.values()];
}

/**
 * True when `cite` names `provision` or a wider provision containing it: the same source, each level the cite
 * names equal to the provision's, and no level named below one the cite leaves out (an article-level cite covers
 * a paragraph of that article; a paragraph without its article covers nothing). A cite's `amendedBy`, when
 * given, must be the provision's.
 */
export function covers(cite: Cite, provision: Cite): boolean {
  if (cite.source !== provision.source) return false;
  if (cite.amendedBy !== undefined && cite.amendedBy !== provision.amendedBy) return false;
  let open = false; // a level of the provision was left out by the cite: nothing below it may be named
  for (const level of LEVELS) {
    const c = cite[level];
    const p = provision[level];
    if (c === undefined) {
      if (p !== undefined) open = true;
      continue;
    }
    if (open || c !== p) return false;
  }
  return true;
}

/**
 * True when the two name the same provision or one contains the other (whichever is the wider), and their
 * amending acts, where both name one, agree: how a scenario's cite is compared with what the engine cites.
 */
export function overlaps(a: Cite, b: Cite): boolean {
  const strip = (c: Cite): Cite => ({ ...c, amendedBy: undefined });
  if (a.amendedBy !== undefined && b.amendedBy !== undefined && a.amendedBy !== b.amendedBy) return false;
  return covers(strip(a), strip(b)) || covers(strip(b), strip(a));
}

/** A cite as a reader writes it: `115-FZ art. 13.2 p.1 subp.3 (as amended by 316-FZ)`. */
export function formatCite(c: Cite): string {
  return [
    c.source,
    c.article !== undefined ? `art. ${c.article}` : '',
    c.part !== undefined ? `part ${c.part}` : '',
    c.paragraph !== undefined ? `p.${c.paragraph}` : '',
    c.subparagraph !== undefined ? `subp.${c.subparagraph}` : '',
    c.amendedBy !== undefined ? `(as amended by ${c.amendedBy})` : '',
  ]
    .filter((s) => s !== '')
    .join(' ');
}
