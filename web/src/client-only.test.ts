// The web app reaches the API only through the typed client (src/server/client.ts, configured in
// web/src/api.ts): no file of the app writes an API path as a string, and none calls fetch itself. A
// path written by hand escapes the compiler's check against the route contracts.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('.', import.meta.url));
const self = fileURLToPath(import.meta.url);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.(ts|tsx)$/.test(e.name) && p !== self ? [p] : [];
  });
}

/** A string or template literal that starts with an API path: '/api/v1…', "/api/…", `/api/…`. */
const API_PATH = /['"`]\/api(\/|['"`])/;
/** A call of fetch (the client makes them). */
const FETCH = /(^|[^\w.])fetch\s*\(/;

describe('the web app and the API', () => {
  const files = sources(root);

  it('looks at the whole app', () => {
    expect(files.length).toBeGreaterThan(40);
    expect(files.map((f) => relative(root, f))).toContain('selfcheck/Outcome.tsx');
  });

  it('names no API path outside the typed client', () => {
    const found = files.flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .flatMap((line, i) => (API_PATH.test(line) ? [`${relative(root, f)}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(found).toEqual([]);
  });

  it('calls fetch only through the typed client', () => {
    const found = files.filter((f) => FETCH.test(readFileSync(f, 'utf8'))).map((f) => relative(root, f));
    expect(found).toEqual([]);
  });

  it('catches a path written by hand', () => {
    expect(API_PATH.test("api.get('/api/v1/cases')")).toBe(true);
    expect(API_PATH.test('href={`/api/v1/documents/${id}/content`}')).toBe(true);
    expect(API_PATH.test('// GET /api/v1/obligations for the filter')).toBe(false);
    expect(FETCH.test("await fetch('/x')")).toBe(true);
    expect(FETCH.test('api.refetch(1)')).toBe(false);
  });
});
