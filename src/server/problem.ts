// Errors as RFC 9457 problem details (`application/problem+json`): one mapper from the store's domain
// errors and the server's own, so every refusal names what is wrong (`errors[].path`) and no stack trace
// ever reaches a client (unexpected errors are logged server-side under an id the client is given).
import {
  isStoreError,
  sqlState,
  type Conflict,
  type Forbidden,
  type Invalid,
  type NotFound,
  type Throttled,
  type Unauthenticated,
} from '../store/errors.ts';

export const PROBLEM_TYPE = 'application/problem+json';

export interface FieldProblem {
  path: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldProblem[];
  /** For 500s: the id under which the error was logged. */
  errorId?: string;
  /** For 409 conflicts on a case: its current version. */
  currentVersion?: number;
  /** For a sign-in that must choose: the organizations the user may sign in to. */
  organizations?: { orgId: string; orgName: string; role: string }[];
  /** A machine code a client words in its own language (`passport.duplicate`, `import.unknownJob`). */
  code?: string;
  /** The values the code's wording names. */
  params?: Record<string, unknown>;
}

const TITLES: Record<number, [slug: string, title: string]> = {
  400: ['bad-request', 'Bad request'],
  401: ['unauthenticated', 'Sign-in required'],
  403: ['forbidden', 'Forbidden'],
  404: ['not-found', 'Not found'],
  405: ['method-not-allowed', 'Method not allowed'],
  409: ['conflict', 'Conflict'],
  413: ['too-large', 'Request too large'],
  415: ['unsupported-media-type', 'Unsupported media type'],
  422: ['invalid', 'Invalid input'],
  428: ['precondition-required', 'Version required'],
  429: ['too-many-requests', 'Too many requests'],
  500: ['internal', 'Internal error'],
  503: ['unavailable', 'Service unavailable'],
};

/** The `type` URI of a status: a relative reference documented in docs/api.md. */
export function problemType(status: number): string {
  return `/problems/${TITLES[status]?.[0] ?? 'error'}`;
}

/** An error the server raises on purpose; turned into a problem response as is. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    detail: string,
    readonly errors?: FieldProblem[],
    readonly headers: Record<string, string> = {},
    readonly extra: Partial<Problem> = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }
}

/** At most this many field problems are listed (a body with thousands of bad fields gets a short answer). */
export const MAX_FIELD_PROBLEMS = 50;

export function problem(
  status: number,
  detail: string,
  errors?: FieldProblem[],
  extra: Partial<Problem> = {},
): Problem {
  const listed =
    errors && errors.length > MAX_FIELD_PROBLEMS
      ? [
          ...errors.slice(0, MAX_FIELD_PROBLEMS),
          { path: '(body)', message: `and ${errors.length - MAX_FIELD_PROBLEMS} more problems not listed` },
        ]
      : errors;
  return {
    type: problemType(status),
    title: TITLES[status]?.[1] ?? 'Error',
    status,
    detail: detail.length > 2000 ? `${detail.slice(0, 2000)}…` : detail,
    ...(listed && listed.length ? { errors: listed } : {}),
    ...extra,
  };
}

export interface Mapped {
  problem: Problem;
  headers: Record<string, string>;
  /** An unexpected error: log it with the stack. */
  unexpected?: unknown;
  /** Refused input that a check before the database should have caught: answered as 422, logged. */
  missedCheck?: unknown;
}

/** The one mapping from anything thrown to a problem. */
export function toProblem(e: unknown): Mapped {
  if (e instanceof HttpProblem) return { problem: problem(e.status, e.message, e.errors, e.extra), headers: e.headers };
  if (isStoreError(e)) {
    const known = e as NotFound | Forbidden | Unauthenticated | Throttled | Invalid | Conflict;
    switch (known.kind) {
      case 'not-found':
      case 'forbidden':
      case 'unauthenticated': {
        const status = known.kind === 'not-found' ? 404 : known.kind === 'forbidden' ? 403 : 401;
        return { problem: problem(status, known.message, [...known.problems]), headers: {} };
      }
      case 'throttled':
        return {
          problem: problem(429, known.message, [...known.problems]),
          headers: { 'Retry-After': String(known.retryAfterSeconds) },
        };
      case 'invalid':
        return { problem: problem(422, known.message, [...known.problems]), headers: {} };
      case 'conflict': {
        const details = known.details;
        const field = typeof details.field === 'string' ? details.field : undefined;
        const current = typeof details.current === 'number' ? { currentVersion: details.current } : {};
        // A sign-in that must choose: the organizations to choose from.
        const organizations = Array.isArray(details.organizations)
          ? { organizations: details.organizations as NonNullable<Problem['organizations']> }
          : {};
        // Several reasons (what still points to a person, say): one entry each, at the field.
        const reasons = Array.isArray(details.reasons)
          ? details.reasons.filter((r): r is string => typeof r === 'string')
          : [];
        const errors = field
          ? reasons.length
            ? reasons.map((message) => ({ path: field, message }))
            : [{ path: field, message: known.message }]
          : undefined;
        return { problem: problem(409, known.message, errors, { ...current, ...organizations }), headers: {} };
      }
    }
  }
  if (e instanceof Error && e.name === 'CalendarRangeError') {
    return { problem: problem(422, e.message, [{ path: 'asOf', message: e.message }]), headers: {} };
  }
  // A date the engine cannot count from (a term past year 9999): the input's dates are out of range.
  if (e instanceof Error && e.name === 'InvalidDateError') {
    return {
      problem: problem(422, `a date of the case cannot be counted from: ${e.message}`, [
        { path: '(body)', message: e.message },
      ]),
      headers: {},
    };
  }
  // PostgreSQL's data exceptions (class 22: a character or a value it cannot store) are the input's fault;
  // the checks before the database should catch them, so each one is also logged to be caught earlier.
  const state = sqlState(e);
  if (state?.startsWith('22')) {
    const why = (e as Error).message;
    return {
      problem: problem(422, `a value in the request cannot be stored: ${why}`, [{ path: '(body)', message: why }]),
      headers: {},
      missedCheck: e,
    };
  }
  const errorId = globalThis.crypto.randomUUID(); // Web Crypto: this module is also type-checked for the web app
  return {
    problem: problem(500, `an internal error occurred; it was logged as ${errorId}`, undefined, { errorId }),
    headers: {},
    unexpected: e,
  };
}
