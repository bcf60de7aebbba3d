// The small layer between Hono and the handlers: each route is declared once, as a contract (method,
// path, zod schemas for parameters, body and responses, who may call it; contract.ts), and that contract
// both validates the request and feeds the OpenAPI document. Authentication (session cookie with CSRF, or
// API token), the public routes' rate limits, body size limits and the mapping of errors to problem
// details live here, once.
import type { Context, Hono, MiddlewareHandler } from 'hono';
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
import type { RouteDoc, Throttle } from './openapi.ts';
import type { CaseText, Contract, Contracts, BodyOut, ParamsOut, QueryOut } from './contract.ts';
import type { RateLimiter } from './rate-limit.ts';

export type { CaseText } from './contract.ts';

export const SESSION_COOKIE = 'hqs_session';
/** A browser that signed in to an account before (sign-in throttling spares it; see src/store/throttle.ts). */
export const DEVICE_COOKIE = 'hqs_device';
export const CSRF_HEADER = 'x-csrf-token';
export const JSON_LIMIT = 1024 * 1024;
export const UPLOAD_LIMIT = 20 * 1024 * 1024;
/** How much of a refused body is read and dropped before answering 413 (beyond it the connection is cut). */
export const DRAIN_LIMIT = 64 * 1024 * 1024;

export type Env = { Variables: { ip: string } };

export interface Req<C> {
  c: Context<Env>;
  /** The signed-in actor; reading it on a public route is a 401. */
  actor: Actor;
  session: Session | null;
  ip: string;
  params: ParamsOut<C>;
  query: QueryOut<C>;
  body: BodyOut<C>;
}

/** The handler of a contract: the request validated as the contract says, the answer. */
export type Handler<C> = (r: Req<C>) => Promise<Response> | Response;
/** A handler for each of a resource's contracts. */
export type Handlers<T extends Contracts> = { [K in keyof T]: Handler<T[K]> };

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
  /** The rate limits a contract may name, and what the 429 calls the requests it counts. */
  limits: Record<Throttle, { limiter: RateLimiter; what: string }>;
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

  /** Serves a resource: each contract with its handler, in the order the contracts are listed. */
  mount<T extends Contracts>(contracts: T, handlers: Handlers<T>): void {
    for (const name of Object.keys(contracts)) this.add(contracts[name]!, handlers[name]!);
  }

  add<C extends Contract>(def: C, handler: Handler<C>): void {
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
    // A streamed upload is never buffered: only a declared length over the limit is refused here.
    const bodyCheck: MiddlewareHandler<Env> =
      def.body?.kind === 'upload' && def.body.streamed
        ? async (c, next) => {
            const length = Number(c.req.header('content-length') ?? 0);
            if (length > limit) return limiter(c, next);
            await next();
          }
        : limiter;
    // A rate limit goes first: a refused request is answered before its body is read.
    const throttle: MiddlewareHandler<Env> = def.throttle ? this.throttle(def.throttle) : (_c, next) => next();
    this.app.on(def.method.toUpperCase(), honoPath(def.path), throttle, bodyCheck, async (c) => {
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
      } as Req<C>;
      return handler(req);
    });
  }

  /** The rate limit per client address named by a contract. */
  private throttle(name: Throttle): MiddlewareHandler<Env> {
    const { limiter, what } = this.deps.limits[name];
    return async (c, next) => {
      const r = limiter.take(c.get('ip'));
      if (!r.ok)
        throw new HttpProblem(
          429,
          `too many ${what} from this address; try again in ${r.retryAfterSeconds} s`,
          [{ path: '(client)', message: 'rate limit' }],
          { 'Retry-After': String(r.retryAfterSeconds) },
        );
      await next();
    };
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
