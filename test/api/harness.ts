// The API tests' harness: a real HQS Desk server on 127.0.0.1 (a free port) over a fresh database of one
// backend (PGlite cloned from a migrated template, or a database on a PostgreSQL server the harness
// starts), and a small client that keeps the session cookie and the CSRF token like a browser would.
import { startBackend, type BackendName, type TestBackend } from '../store/backends.ts';
import { PASSWORD, testEngine } from '../store/fixtures.ts';
import { loadLaw } from '../../src/law/node.ts';
import { startServer, type RunningServer } from '../../src/server/index.ts';
import type { Db } from '../../src/store/db.ts';
import type { ThrottlePolicy } from '../../src/store/throttle.ts';
import type { MailConfig } from '../../src/mail/transport.ts';

export interface ApiEnv {
  backend: TestBackend;
  db: Db;
  server: RunningServer;
  url: string;
  close(): Promise<void>;
}

export async function startApi(
  name: BackendName,
  opts: {
    evaluateLimit?: { capacity: number; perSecond: number };
    invitationLimit?: { capacity: number; perSecond: number };
    logs?: string[];
    trustProxy?: number;
    throttle?: ThrottlePolicy;
    mail?: MailConfig;
    publicUrl?: string;
  } = {},
): Promise<ApiEnv> {
  const backend = await startBackend(name);
  const db = await backend.fresh();
  const law = loadLaw();
  const server = await startServer({
    db,
    engine: testEngine(),
    law,
    port: 0,
    host: '127.0.0.1',
    sweep: false,
    evaluateLimit: opts.evaluateLimit ?? { capacity: 100_000, perSecond: 100_000 },
    invitationLimit: opts.invitationLimit ?? { capacity: 100_000, perSecond: 100_000 },
    ...(opts.trustProxy ? { trustProxy: opts.trustProxy } : {}),
    ...(opts.throttle ? { throttle: opts.throttle } : {}),
    ...(opts.mail ? { mail: opts.mail, sweep: true, mailEveryMs: 1000, jobPollSeconds: 1 } : {}),
    ...(opts.publicUrl ? { publicUrl: opts.publicUrl } : {}),
    log: (msg, err) =>
      opts.logs?.push(`${msg} ${err instanceof Error ? (err.stack ?? err.message) : String(err ?? '')}`),
  });
  return {
    backend,
    db,
    server,
    url: server.url,
    async close() {
      await server.close();
      await backend.close();
    },
  };
}

export interface Res {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  bytes: Buffer;
}

export interface ReqOpts {
  json?: unknown;
  body?: RequestInit['body'];
  type?: string;
  headers?: Record<string, string>;
  /** Leave out the CSRF header on a write (default: sent when signed in by cookie). */
  noCsrf?: boolean;
}

export class Client {
  /** The cookies the server set, like a browser keeps them (hqs_session, hqs_device). */
  readonly cookies = new Map<string, string>();
  get cookie(): string | null {
    return this.cookies.size ? [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') : null;
  }
  csrf: string | null = null;
  token: string | null = null;

  constructor(readonly base: string) {}

  static withToken(base: string, token: string): Client {
    const c = new Client(base);
    c.token = token;
    return c;
  }

  async req(method: string, path: string, o: ReqOpts = {}): Promise<Res> {
    const headers: Record<string, string> = { ...o.headers };
    let body: RequestInit['body'] | undefined = o.body;
    if (o.json !== undefined) {
      body = JSON.stringify(o.json);
      headers['content-type'] = 'application/json';
    }
    if (o.type) headers['content-type'] = o.type;
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (this.cookie) headers.cookie = this.cookie;
    if (this.cookies.has('hqs_session') && this.csrf && method !== 'GET' && !o.noCsrf)
      headers['x-csrf-token'] = this.csrf;
    const r = await fetch(this.base + path, { method, headers, ...(body !== undefined ? { body } : {}) });
    for (const c of r.headers.getSetCookie()) {
      const m = /^(hqs_\w+)=([^;]*)/.exec(c);
      if (!m) continue;
      if (m[2] && !/Max-Age=0\b/i.test(c)) this.cookies.set(m[1]!, m[2]);
      else this.cookies.delete(m[1]!);
    }
    const bytes = Buffer.from(await r.arrayBuffer());
    const ct = r.headers.get('content-type') ?? '';
    const parsed = /json/.test(ct) && bytes.length ? JSON.parse(bytes.toString('utf8')) : bytes.toString('utf8');
    return { status: r.status, headers: r.headers, body: parsed, bytes };
  }

  get = (p: string, o?: ReqOpts) => this.req('GET', p, o);
  post = (p: string, o?: ReqOpts) => this.req('POST', p, o);
  put = (p: string, o?: ReqOpts) => this.req('PUT', p, o);
  patch = (p: string, o?: ReqOpts) => this.req('PATCH', p, o);
  del = (p: string, o?: ReqOpts) => this.req('DELETE', p, o);

  async login(email: string, password: string, orgId?: string): Promise<Res> {
    const r = await this.post('/api/v1/auth/login', { json: { email, password, ...(orgId ? { orgId } : {}) } });
    if (r.status === 200) this.csrf = r.body.csrfToken;
    return r;
  }
}

/** A problem response: the media type and the fields every problem has. */
export function isProblem(r: Res, status?: number): boolean {
  return (
    (r.headers.get('content-type') ?? '').startsWith('application/problem+json') &&
    (status === undefined || r.status === status) &&
    r.body.status === r.status &&
    typeof r.body.type === 'string' &&
    typeof r.body.title === 'string' &&
    typeof r.body.detail === 'string' &&
    !/\bat .*\.ts:\d+/.test(JSON.stringify(r.body))
  );
}

/**
 * Adds a member the way the API does it: the owner's POST /members is an invitation (202), which the person
 * accepts with their own password. Returns their user id.
 */
export async function addMember(
  owner: Client,
  email: string,
  role: string,
  extra: Record<string, string> = {},
  password: string = PASSWORD,
): Promise<string> {
  const inv = await owner.post('/api/v1/members', { json: { email, role, ...extra } });
  if (inv.status !== 202) throw new Error(`inviting ${email}: ${inv.status} ${JSON.stringify(inv.body)}`);
  const person = new Client(owner.base);
  const acc = await person.post('/api/v1/invitations/accept', { json: { token: inv.body.token, password } });
  if (acc.status !== 200) throw new Error(`accepting for ${email}: ${acc.status} ${JSON.stringify(acc.body)}`);
  person.csrf = acc.body.csrfToken;
  await person.post('/api/v1/auth/logout'); // accepting signs in; the tests sign in themselves
  return acc.body.user.userId as string;
}
