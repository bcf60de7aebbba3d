// Serves the built web app (web/dist, made by `npm run build:web`) from the API's process: files under
// /assets/ with a long cache (their names carry a content hash), every other GET that is not the API
// answered with index.html (the app routes itself, e.g. `/?step=salary`). When the app is not built, `/`
// says so and how to build it; the API is unaffected.
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import type { Env } from './http.ts';

export const DEFAULT_WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** The pages' security policy: only this origin's scripts and styles; no frames, no plugins. */
export const WEB_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

export function serveWebApp(app: Hono<Env>, distDir: string = DEFAULT_WEB_DIST): void {
  const root = normalize(distDir.endsWith(sep) ? distDir : distDir + sep);
  app.get('*', async (c, next) => {
    let path = c.req.path;
    try {
      path = decodeURIComponent(path);
    } catch {
      return next(); // malformed escapes: not a file of ours
    }
    if (path.startsWith('/api/') || path === '/api' || path === '/healthz') return next();
    const file = normalize(join(root, path));
    const headers = { 'Content-Security-Policy': WEB_CSP, 'Referrer-Policy': 'no-referrer' };
    if (file.startsWith(root) && extname(file) && (await isFile(file))) {
      const immutable = path.startsWith('/assets/');
      return c.body(await readFile(file), 200, {
        ...headers,
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
    }
    if (extname(path)) return next(); // a missing asset is a 404, not the app
    const index = join(root, 'index.html');
    if (!(await isFile(index))) {
      return c.body(
        `The web app is not built: run "npm run build:web" (it builds ${index}). The API is at /api/v1.\n`,
        503,
        { 'Content-Type': 'text/plain; charset=utf-8' },
      );
    }
    return c.body(await readFile(index), 200, {
      ...headers,
      'Content-Type': TYPES['.html']!,
      'Cache-Control': 'no-cache',
    });
  });
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}
