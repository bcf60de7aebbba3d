// How the law loaders word a problem: `file: key.path: what is wrong`, with zod issues turned into the same
// form (an unknown key names itself; a missing key says it is required; a missing basis asks for a citation).
import type { z } from 'zod';

export type PathPart = string | number;
export type Report = (path: readonly PathPart[] | string, message: string) => void;

export function formatPath(parts: readonly PathPart[]): string {
  let out = '';
  for (const p of parts) out += typeof p === 'number' ? `[${p}]` : out === '' ? p : `.${p}`;
  return out;
}

export function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object' && v !== null) return 'a mapping';
  return JSON.stringify(v);
}

export function reporterFor(file: string, problems: string[]): Report {
  return (path, message) => {
    const at = typeof path === 'string' ? path : formatPath(path);
    problems.push(at === '' ? `${file}: ${message}` : `${file}: ${at}: ${message}`);
  };
}

export function reportZod(error: z.ZodError, prefix: readonly PathPart[], report: Report): void {
  for (const issue of error.issues) {
    const path = [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) report([...path, key], 'unknown key (not part of the format; see law/README.md)');
      continue;
    }
    const input = (issue as { input?: unknown }).input;
    if (issue.code === 'invalid_type' && input === undefined) {
      report(path, path[path.length - 1] === 'basis' ? 'a citation is required' : `required (expected ${issue.expected})`);
      continue;
    }
    report(path, `${issue.message} (got ${show(input)})`);
  }
}
