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

/** A bad field as raised: the code may be left to the status's default (`invalid`, `too-large`…). */
export interface FieldProblem {
  path: string;
  message: string;
  code?: string;
  params?: Record<string, string | number>;
}

/** A bad field as answered: always with its code (docs/api.md "Problem codes"). */
export interface CodedFieldProblem extends FieldProblem {
  code: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  /** The stable code of the problem as a whole: `case.version-conflict`, or the status's (`invalid`). */
  code: string;
  detail: string;
  errors?: CodedFieldProblem[];
  /** For 500s: the id under which the error was logged. */
  errorId?: string;
  /** For 409 conflicts on a case: its current version. */
  currentVersion?: number;
  /** For a sign-in that must choose: the organizations the user may sign in to. */
  organizations?: { orgId: string; orgName: string; role: string }[];
  /** The values the problem's code's wording names (`passport.duplicate`: the other case). */
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

/**
 * Every code a problem or a field problem may carry (docs/api.md "Problem codes"), with what it means.
 * src/server/problem-codes.test.ts checks that each code written in the server, the store and the case
 * parser is listed here, and that the web words each one in English, Russian and Chinese.
 */
export const PROBLEM_CODES = {
  // Any field
  required: 'a value is required',
  type: 'a value of another kind is expected (params.expected)',
  'one-of': 'one of a list of values is expected (params.values)',
  format: 'the value is written in the wrong form',
  'unknown-field': 'a field that is not part of the format',
  'too-long': 'text longer than params.max characters',
  'too-many': 'more than params.max items',
  'too-big': 'a number above params.max',
  'too-small': 'a number below params.min',
  'too-large': 'the request or a value is larger than allowed',
  'too-deep': 'nested deeper than allowed',
  'number.negative': 'a number below zero',
  invalid: 'the value cannot be accepted (no more specific code)',
  more: 'params.n more problems are not listed',
  syntax: 'the body or file is not valid JSON or YAML',
  'text.unstorable': 'text holding U+0000 or a lone surrogate',
  // Dates
  'date.invalid': 'not a real date as YYYY-MM-DD',
  'date.range': 'a date outside the years params.from to params.to',
  'date.after': 'the date must be after params.date',
  'date.not-before': 'the date must not be before params.date',
  'date.future-event': 'an event dated after params.latest (events record what has happened)',
  'date.birth-after-event': 'a birth date after an event of the person (params.date)',
  // Fields of their own
  'inn.format': 'an INN is 10 or 12 digits',
  'inn.checksum': "the INN's check digits do not match",
  'inn.region': 'the INN starts with 00',
  'inn.duplicate': 'an employer with this INN exists in the organization',
  'email.format': 'not an email address',
  'email.taken': 'a user with this email exists',
  'name.taken': 'the name is taken',
  'country.format': 'not a country code (ISO 3166-1 alpha-2)',
  'country.unknown': 'an unknown country code (params.value)',
  'region.format': 'not a Russian region code (ISO 3166-2:RU)',
  'region.unknown': 'an unknown region code (params.value)',
  'currency.format': 'not a currency code (ISO 4217)',
  'period.format': 'not a quarter as YYYY-Qn',
  'document-type.format': 'not a document type in kebab-case',
  'id.format': 'not an id of letters, digits, ".", "_", "-"',
  'id.duplicate': 'an id used twice',
  'person.unknown': 'no person with this id in the case',
  'person.no-principal': 'the case has no principal',
  'person.second-principal': 'the case has a second principal',
  'person.referenced': 'the person is referred to (events, documents, a login) and cannot be removed',
  'password.weak': 'the password is too short or too common',
  'password.wrong': 'not the current password',
  'sign-in.wrong': 'wrong email or password',
  // Cases and files
  'case.format': 'not an hqs-case/1 document',
  'case.not-a-case': 'the body holds no case',
  'case.version-conflict': 'the case was changed since the version the edit was made on (currentVersion)',
  'case.id-taken': 'a case with this id exists in the organization',
  'version.required': 'the version read must be sent (If-Match or ?version=)',
  'file.not-pdf-or-image': 'the upload is not a PDF, JPEG, PNG, HEIC or TIFF file (read from its content)',
  'file.empty': 'the upload is empty',
  'file.too-large': 'the upload is larger than params.maxMb MB',
  'file.name': 'a file name too long or with slashes or control characters',
  // Checklist reviews
  'review.comment-required': 'a document marked not accepted needs a comment saying why',
  // Self-check codes
  'selfcheck-code.unknown': 'no self-check has this code (or it was deleted after expiring)',
  'selfcheck-code.used': 'the code was used already: a code makes one case',
  'selfcheck-code.expired': 'the code expired (kept 14 days)',
  // Spreadsheet imports and duplicates
  'passport.duplicate':
    'a passport of the new case is already in another open case (params: caseRef, caseName, passport, person)',
  'import.unknownJob': 'no such import job here (expired after 30 minutes unused, or held by another server process)',
  'import.notReady': 'the import job is not ready for this step (still reading, or already imported)',
  'import.notEditable': 'the mapping can no longer change (the import has started or ended)',
  'import.tooLarge': 'the spreadsheet is larger than params.maxMb MB',
  'import.tooMany': 'the organization has too many imports open at once',
  'import.oldExcel': 'an old Excel file (.xls): save it as .xlsx or CSV',
  'import.notSheet': 'the file is not a spreadsheet (.xlsx or .csv)',
  'import.empty': 'the uploaded file is empty',
  'import.badMapping': 'the column mapping names a field that is not importable',
  'import.uploadFailed': 'the upload did not arrive whole',
  'import.unreadable': 'the spreadsheet cannot be read (damaged, or not the format its content says)',
  'import.refused': 'the database refused a row of the import (named in the message)',
  'import.failed': 'the import stopped on an unexpected error (logged)',
  // Access and the request
  unauthenticated: 'sign in, or send a valid API token',
  forbidden: "the actor's role does not allow this",
  'not-found': 'no such thing (or not visible to the actor)',
  conflict: 'the write clashes with what is stored',
  'content-type': 'a media type the route does not take',
  csrf: "a cookie-signed write without the session's CSRF token",
  'too-many-requests': 'throttled: retry after Retry-After seconds',
} as const satisfies Record<string, string>;
export type ProblemCode = keyof typeof PROBLEM_CODES;

/** A field problem's code when its raiser gave none: what the status says. */
const FIELD_CODES: Record<number, string> = {
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  413: 'too-large',
  415: 'content-type',
  428: 'version.required',
  429: 'too-many-requests',
};

/** The problem's code when none is given: the status's slug (`invalid`, `not-found`, `conflict`…). */
export function statusCode(status: number): string {
  return TITLES[status]?.[0] ?? 'error';
}

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
          {
            path: '(body)',
            message: `and ${errors.length - MAX_FIELD_PROBLEMS} more problems not listed`,
            code: 'more',
            params: { n: errors.length - MAX_FIELD_PROBLEMS },
          },
        ]
      : errors;
  const coded = listed?.map(({ path, code, params, message }) => ({
    path,
    code: code ?? FIELD_CODES[status] ?? 'invalid',
    ...(params ? { params } : {}),
    message,
  }));
  return {
    type: problemType(status),
    title: TITLES[status]?.[1] ?? 'Error',
    status,
    code: extra.code ?? statusCode(status),
    detail: detail.length > 2000 ? `${detail.slice(0, 2000)}…` : detail,
    ...(coded && coded.length ? { errors: coded } : {}),
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
        // The code: the raiser's, else a stale version is the case's version conflict.
        const code =
          typeof details.code === 'string'
            ? details.code
            : typeof details.current === 'number'
              ? 'case.version-conflict'
              : 'conflict';
        const errors = field
          ? reasons.length
            ? reasons.map((message) => ({ path: field, message, code }))
            : [{ path: field, message: known.message, code }]
          : undefined;
        return {
          problem: problem(409, known.message, errors, { ...current, ...organizations, code }),
          headers: {},
        };
      }
    }
  }
  if (e instanceof Error && e.name === 'CalendarRangeError') {
    return {
      problem: problem(422, e.message, [{ path: 'asOf', message: e.message, code: 'date.range' }]),
      headers: {},
    };
  }
  // A date the engine cannot count from (a term past year 9999): the input's dates are out of range.
  if (e instanceof Error && e.name === 'InvalidDateError') {
    return {
      problem: problem(422, `a date of the case cannot be counted from: ${e.message}`, [
        { path: '(body)', message: e.message, code: 'date.range' },
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
      problem: problem(422, `a value in the request cannot be stored: ${why}`, [
        { path: '(body)', message: why, code: 'text.unstorable' },
      ]),
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
