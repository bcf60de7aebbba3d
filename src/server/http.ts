// The small layer between Hono and the handlers: each route is declared once (method, path, zod schemas
// for parameters, body and responses, who may call it) and that declaration both validates the request
// and feeds the OpenAPI document. Authentication (session cookie with CSRF, or API token), body size
// limits and the mapping of errors to problem details live here, once.
import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import type { z } from 'zod';
import type { Actor } from '../store/actor.ts';
import type { Db } from '../store/db.ts';
import { csrfMatches, resolveSession, type Session } from '../store/sessions.ts';
import { resolveApiToken } from '../store/tokens.ts';
import type { Case, CheckTables } from '../case/index.ts';
import { HttpProblem, type FieldProblem } from './problem.ts';
import {
  caseInputProblems,
  paramProblems,
  parseCaseText,
  parseJsonText,
  refuse,
  textProblem,
  valueProblems,
} from './input.ts';
import type { BodyDef, Method, ResponseDef, RouteDoc } from './openapi.ts';

export const SESSION_COOKIE = 'hqs_session';
/** A browser that signed in to an account before (sign-in throttling spares it; see src/store/throttle.ts). */
export const DEVICE_COOKIE = 'hqs_device';
export const CSRF_HEADER = 'x-csrf-token';
export const JSON_LIMIT = 1024 * 1024;
export const UPLOAD_LIMIT = 20 * 1024 * 1024;
/** How much of a refused body is read and dropped before answering 413 (beyond it the connection is cut). */
export const DRAIN_LIMIT = 64 * 1024 * 1024;

export type Env = { Variables: { ip: string } };

export interface RouteDef<
  P extends z.ZodObject | undefined,
  Q extends z.ZodObject | undefined,
  B extends BodyDef | undefined,
> {
  method: Method;
  path: string;
  summary: string;
  tag: string;
  auth: 'public' | 'user';
  params?: P;
  query?: Q;
  body?: B;
  responses: Record<number, ResponseDef>;
}

type Out<S> = S extends z.ZodType ? z.output<S> : Record<string, never>;
/** A case body left as checked text, for a worker to parse (`{ kind: 'case', text: true }`). */
export interface CaseText {
  text: string;
  format: 'json' | 'yaml';
}
type BodyOut<B> = B extends { kind: 'json'; schema: infer S }
  ? Out<S>
  : B extends { kind: 'case'; text: true }
    ? CaseText
    : B extends { kind: 'case' }
      ? Case
      : undefined;

export interface Req<P, Q, B> {
  c: Context<Env>;
  /** The signed-in actor; reading it on a public route is a 401. */
  actor: Actor;
  session: Session | null;
  ip: string;
  params: P;
  query: Q;
  body: B;
}

/** Field problems from zod issues; for parameters only the parameter's name (`status`, not `status.0`). */
function issues(e: z.ZodError, nameOnly: boolean): FieldProblem[] {
  return e.issues.map((i) => ({
    path: (nameOnly ? i.path.slice(0, 1) : i.path).map(String).join('.') || '(body)',
    message: i.message,
  }));
}

function parseWith<S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: 'params' | 'query' | 'body',
  status = 422,
): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) {
    const errs = issues(r.error, where !== 'body');
    throw new HttpProblem(status, errs.map((x) => `${x.path}: ${x.message}`).join('; '), errs);
  }
  return r.data;
}

function mediaType(c: Context): string {
  return (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

const YAML_TYPES = new Set(['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml']);

/**
 * Reads and drops what is left of a refused body (up to `max` bytes), so that the client, still sending,
 * receives the 413 instead of a reset connection.
 */
async function drain(body: ReadableStream<Uint8Array> | null, max: number): Promise<void> {
  if (!body || body.locked) return;
  const reader = body.getReader();
  let seen = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      seen += value.byteLength;
      if (seen > max) {
        await reader.cancel();
        return;
      }
    }
  } catch {
    /* the client went away */
  }
}

/** Hono's path syntax from OpenAPI's. */
const honoPath = (p: string) => p.replace(/\{(\w+)\}/g, ':$1');

export interface ApiDeps {
  db: Db;
  tables: CheckTables;
  /** Whether cookies are Secure: 'auto' follows the request's scheme (X-Forwarded-Proto behind a trusted proxy). */
  secureCookies: boolean | 'auto';
  trustProxy: boolean;
}

export class Api {
  readonly routes: RouteDoc[] = [];

  constructor(
    readonly app: Hono<Env>,
    readonly deps: ApiDeps,
  ) {}

  /** Resolves the caller: an API token (Authorization: Bearer) or the session cookie (writes need the CSRF header). */
  async authenticate(c: Context<Env>, write: boolean): Promise<{ actor: Actor; session: Session | null }> {
    const ip = c.get('ip');
    const auth = c.req.header('authorization');
    if (auth !== undefined) {
      const m = /^Bearer\s+(\S+)$/i.exec(auth.trim());
      const actor = m ? await resolveApiToken(this.deps.db, m[1]!, { ip }) : null;
      if (!actor)
        throw new HttpProblem(
          401,
          'the API token is unknown, revoked or expired',
          [{ path: 'Authorization', message: 'expected Bearer hqs_… of a valid token' }],
          { 'WWW-Authenticate': 'Bearer' },
        );
      return { actor, session: null };
    }
    const token = getCookie(c, SESSION_COOKIE);
    const found = token ? await resolveSession(this.deps.db, token, { ip }) : null;
    if (!found)
      throw new HttpProblem(
        401,
        'sign in first (POST /api/v1/auth/login), or send an API token',
        [{ path: 'Cookie', message: `no valid ${SESSION_COOKIE} session` }],
        { 'WWW-Authenticate': 'Bearer' },
      );
    if (write && !csrfMatches(found.session, c.req.header(CSRF_HEADER))) {
      throw new HttpProblem(
        403,
        `a write signed in by cookie must send the session's CSRF token in the X-CSRF-Token header (GET /api/v1/auth/session gives it)`,
        [{ path: 'X-CSRF-Token', message: 'missing or wrong' }],
      );
    }
    return found;
  }

  add<
    P extends z.ZodObject | undefined = undefined,
    Q extends z.ZodObject | undefined = undefined,
    B extends BodyDef | undefined = undefined,
  >(def: RouteDef<P, Q, B>, handler: (r: Req<Out<P>, Out<Q>, BodyOut<B>>) => Promise<Response> | Response): void {
    this.routes.push(def as RouteDoc);
    const limit = def.body?.kind === 'upload' ? UPLOAD_LIMIT : JSON_LIMIT;
    const limiter = bodyLimit({
      maxSize: limit,
      onError: async (c) => {
        // Read what the client is still sending (up to 64 MB), so it gets the 413 rather than a reset
        // connection; then the connection closes.
        await drain(c.req.raw.body, DRAIN_LIMIT);
        throw new HttpProblem(
          413,
          `the request body is larger than ${limit / 1024 / 1024} MB`,
          [{ path: '(body)', message: `at most ${limit} bytes` }],
          { Connection: 'close' },
        );
      },
    });
    this.app.on(def.method.toUpperCase(), honoPath(def.path), limiter, async (c) => {
      const write = def.method !== 'get';
      let who: { actor: Actor; session: Session | null } | null = null;
      if (def.auth === 'user') who = await this.authenticate(c, write);
      const rawParams = c.req.param() as Record<string, string>;
      const rawQuery = c.req.queries();
      refuse(paramProblems({ ...rawParams, ...rawQuery }), 'a parameter');
      const params = def.params ? parseWith(def.params, rawParams, 'params', 404) : {};
      const query = def.query ? parseWith(def.query, c.req.query(), 'query') : {};
      let body: unknown;
      if (def.body?.kind === 'json') {
        const mt = mediaType(c);
        if (mt !== 'application/json' && !mt.endsWith('+json'))
          throw new HttpProblem(
            415,
            `expected a JSON body (Content-Type: application/json), got ${JSON.stringify(mt || 'none')}`,
            [{ path: 'Content-Type', message: 'expected application/json' }],
          );
        const value = parseJsonText(await c.req.text());
        refuse(valueProblems(value), 'the body');
        body = parseWith(def.body.schema, value, 'body');
      } else if (def.body?.kind === 'case') {
        body = def.body.text ? await this.readCaseText(c) : await this.readCase(c);
      }
      const actorOrThrow = who?.actor;
      const req = {
        c,
        get actor(): Actor {
          if (!actorOrThrow) throw new HttpProblem(401, 'sign in first');
          return actorOrThrow;
        },
        session: who?.session ?? null,
        ip: c.get('ip'),
        params,
        query,
        body,
      } as Req<Out<P>, Out<Q>, BodyOut<B>>;
      return handler(req);
    });
  }

  /**
   * An hqs-case/1 body as text, checked as far as it can be without parsing the case: JSON is measured
   * (nesting, sizes, text, the case limits) here, at once; YAML only for the characters it may hold (its
   * sizes are checked when it is loaded, through `inspectCase`).
   */
  async readCaseText(c: Context<Env>): Promise<CaseText> {
    const mt = mediaType(c);
    const isJson = mt === 'application/json' || mt.endsWith('+json');
    if (!isJson && !YAML_TYPES.has(mt)) {
      throw new HttpProblem(
        415,
        `expected an hqs-case/1 document as application/json or application/yaml, got ${JSON.stringify(mt || 'none')}`,
        [{ path: 'Content-Type', message: 'expected application/json or application/yaml' }],
      );
    }
    const text = await c.req.text();
    if (isJson) refuse(caseInputProblems(parseJsonText(text)), 'the case');
    else {
      const why = textProblem(text);
      if (why) throw new HttpProblem(422, `the case ${why}`, [{ path: '(body)', message: why }]);
    }
    return { text, format: isJson ? 'json' : 'yaml' };
  }

  /** An hqs-case/1 body, JSON or YAML by Content-Type; every bad field named. */
  async readCase(c: Context<Env>): Promise<Case> {
    const { text, format } = await this.readCaseText(c);
    return parseCaseText(text, format, this.deps.tables);
  }
}
