// Typed domain errors of the store. Services throw these; a shell (the HTTP server, the CLI) maps them
// to its own answers (404, 409, 403, 422; exit codes). Each message names what is wrong.

export type StoreErrorKind = 'not-found' | 'conflict' | 'forbidden' | 'invalid' | 'unauthenticated' | 'throttled';

/**
 * A field the error is about and what is wrong with it: `message` in English for API users, `code` (and
 * its `params`) stable for programs and for the web, which words it in the reader's language
 * (docs/api.md lists the codes). A problem without a code is answered with the generic `invalid`.
 */
export interface FieldProblem {
  path: string;
  message: string;
  code?: string;
  params?: Record<string, string | number>;
}

export abstract class StoreError extends Error {
  abstract readonly kind: StoreErrorKind;
}

/** The thing does not exist — or exists in another organization, which the caller must not learn. */
export class NotFound extends StoreError {
  override name = 'NotFound';
  readonly kind = 'not-found';
  readonly problems: readonly FieldProblem[];
  constructor(
    readonly entity: string,
    readonly id: string,
    /** A message other than "<entity> <id> not found", and the fields it is about. */
    more: { message?: string; problems?: readonly FieldProblem[] } = {},
  ) {
    super(more.message ?? `${entity} ${id} not found`);
    this.problems = more.problems ?? [];
  }
}

/** The write clashes with what is stored: a duplicate, a stale version, the last owner. */
export class Conflict extends StoreError {
  override name = 'Conflict';
  readonly kind = 'conflict';
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** The actor's role does not allow this (the thing itself is visible to them). */
export class Forbidden extends StoreError {
  override name = 'Forbidden';
  readonly kind = 'forbidden';
  constructor(
    message: string,
    /** The fields it is about, if any. */
    readonly problems: readonly FieldProblem[] = [],
  ) {
    super(message);
  }
}

/** Bad input: each problem names the field and what was expected. */
export class Invalid extends StoreError {
  override name = 'Invalid';
  readonly kind = 'invalid';
  constructor(readonly problems: readonly FieldProblem[]) {
    super(problems.map((p) => `${p.path}: ${p.message}`).join('; '));
  }

  static one(path: string, message: string, code?: string, params?: Record<string, string | number>): Invalid {
    return new Invalid([{ path, message, ...(code ? { code } : {}), ...(params ? { params } : {}) }]);
  }
}

/** Who is asking could not be told: a wrong password, say (a shell answers 401). */
export class Unauthenticated extends StoreError {
  override name = 'Unauthenticated';
  readonly kind = 'unauthenticated';
  constructor(
    message: string,
    readonly problems: readonly FieldProblem[] = [],
  ) {
    super(message);
  }
}

/** Too many attempts: the caller must wait `retryAfterSeconds` before the next (a shell answers 429). */
export class Throttled extends StoreError {
  override name = 'Throttled';
  readonly kind = 'throttled';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    readonly problems: readonly FieldProblem[] = [],
  ) {
    super(message);
  }
}

export function isStoreError(e: unknown): e is StoreError {
  return e instanceof StoreError;
}

/** The SQLSTATE of a database error (both node-postgres and PGlite errors carry `code`). */
export function sqlState(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

export function constraintOf(e: unknown): string | undefined {
  const c = (e as { constraint?: unknown } | null)?.constraint;
  return typeof c === 'string' ? c : undefined;
}
