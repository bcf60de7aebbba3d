// The answers handlers give: JSON with a status and headers, no content, a file to download, a stream;
// the case version as an ETag and read back from If-Match. One place, so every route answers alike.
import type { Context } from 'hono';
import { contentDisposition } from './disposition.ts';
import { HttpProblem } from './problem.ts';

export const json = (c: Context, data: unknown, status = 200, headers: Record<string, string> = {}): Response =>
  c.body(JSON.stringify(data), status as 200, { 'Content-Type': 'application/json; charset=utf-8', ...headers });

export const noContent = (c: Context): Response => c.body(null, 204);

/** A download: the bytes with their type, named by Content-Disposition (`fallback`: the ASCII name). */
export function file(c: Context, data: string | Uint8Array, type: string, name: string, fallback?: string): Response {
  return c.body(typeof data === 'string' ? data : new Uint8Array(data), 200, {
    'Content-Type': type,
    'Content-Disposition': contentDisposition(name, fallback),
  });
}

/** Bytes as a stream read 64 KB at a time: a client that reads slowly holds the server to one chunk at a time. */
export function streamOf(bytes: Uint8Array, chunk = 64 * 1024): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (at >= bytes.length) {
          controller.close();
          return;
        }
        controller.enqueue(bytes.subarray(at, at + chunk));
        at += chunk;
      },
    },
    { highWaterMark: 0 },
  );
}

/** A case version as an ETag. */
export const etag = (v: number): string => `"v${v}"`;

/** The case version the client edited: ?version=N, else If-Match: "vN" (428 without either). */
export function versionOf(c: Context, q: { version?: number | undefined }): number {
  if (q.version !== undefined) return q.version;
  const m = /^(?:W\/)?"v?(\d{1,9})"$/.exec(c.req.header('if-match')?.trim() ?? '');
  if (m) return Number(m[1]);
  throw new HttpProblem(428, 'send the version you edited: If-Match: "vN" (the ETag of GET) or ?version=N', [
    { path: 'If-Match', message: 'the version read is required', code: 'version.required' },
  ]);
}

/** Drops undefined values (the store's inputs treat absent and undefined alike, but keep them clean). */
export function stripUndefined<T extends object>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}
