// The client's address behind reverse proxies, as Express's `trust proxy` with a hop count does it: the
// socket's peer is the nearest proxy; each trusted proxy appends the address it saw to X-Forwarded-For,
// so the client is found by counting that many entries from the right. Entries further left were written
// by the client itself and are never believed: a forged `X-Forwarded-For: 1.2.3.4` only adds to the left.
import { isIP } from 'node:net';

/** `::ffff:127.0.0.1` → `127.0.0.1`. */
function plain(addr: string): string {
  return addr.startsWith('::ffff:') && isIP(addr.slice(7)) === 4 ? addr.slice(7) : addr;
}

/**
 * The client's address: `remote` (the socket's peer) when no proxy is trusted, else the entry `hops`
 * places from the right of the X-Forwarded-For chain (the leftmost if the chain is shorter). An entry that
 * is not an IP address stops the walk: what lies beyond it is not trusted.
 */
export function clientAddress(remote: string, forwardedFor: string | undefined, hops: number): string {
  let client = plain(remote);
  if (hops <= 0 || !forwardedFor) return client;
  const chain = forwardedFor
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (let i = 0; i < hops && chain.length > 0; i++) {
    const next = chain.pop()!;
    if (isIP(next) === 0) break;
    client = plain(next);
  }
  return client;
}

/** The scheme the nearest trusted proxy saw (the rightmost X-Forwarded-Proto entry). */
export function forwardedProto(header: string | undefined): string | undefined {
  return header?.split(',').at(-1)?.trim().toLowerCase() || undefined;
}

/**
 * HQS_TRUST_PROXY: how many reverse proxies stand in front of the server (0 or unset: none). Throws naming
 * the variable and the value for anything else.
 */
export function parseTrustProxy(text: string | undefined, name = 'HQS_TRUST_PROXY'): number {
  const t = text?.trim() ?? '';
  if (t === '') return 0;
  if (/^\d{1,2}$/.test(t) && Number(t) <= 10) return Number(t);
  throw new Error(
    `${name}: expected the number of reverse proxies in front of the server (0–10, e.g. 1), got ${JSON.stringify(text)}`,
  );
}

/**
 * PUBLIC_URL: the address people reach this server at (e.g. https://hqs.example.ru), for links that leave
 * it — invitations opened on a phone, later mails. Unset: links are relative to the page that shows them.
 * Throws naming the variable for anything but an http(s) origin (a path, query or fragment is refused: the
 * app is served from the root).
 */
export function parsePublicUrl(text: string | undefined, name = 'PUBLIC_URL'): string | undefined {
  const t = text?.trim() ?? '';
  if (t === '') return undefined;
  let u: URL;
  try {
    u = new URL(t);
  } catch {
    throw new Error(`${name}: expected an address such as https://hqs.example.ru, got ${JSON.stringify(text)}`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:')
    throw new Error(`${name}: expected an http or https address, got ${JSON.stringify(text)}`);
  if ((u.pathname !== '/' && u.pathname !== '') || u.search || u.hash || u.username || u.password)
    throw new Error(
      `${name}: expected only the scheme, host and port (HQS Desk is served from the root), got ${JSON.stringify(text)}`,
    );
  return u.origin;
}
