// Argument parsing for `hqs`, on node:util parseArgs. Bad usage is a UsageError (exit 2).
import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {
  override name = 'UsageError';
}

/** Raised by a command on bad input (an invalid case, an unknown parameter): exit code 2. */
export class InputError extends Error {
  override name = 'InputError';
}

export type Options = NonNullable<ParseArgsConfig['options']>;

export const commonOptions = {
  help: { type: 'boolean', short: 'h' },
  format: { type: 'string' },
  lang: { type: 'string' },
} as const satisfies Options;

export function parse<O extends Options>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options: { ...commonOptions, ...options }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

export type Format = 'text' | 'json';
export type Lang = 'en' | 'ru' | 'zh';

export function formatOf(v: unknown): Format {
  if (v === undefined) return 'text';
  if (v === 'text' || v === 'json') return v;
  throw new UsageError(`--format: expected text or json, got "${String(v)}"`);
}

/** --lang: en or ru, and zh where the command speaks Chinese (its legal content is worded in zh). */
export function langOf<L extends Lang = 'en' | 'ru'>(v: unknown, allowed: readonly L[] = ['en', 'ru'] as L[]): L {
  if (v === undefined) return 'en' as L;
  if (allowed.includes(v as L)) return v as L;
  throw new UsageError(`--lang: expected ${allowed.join(' or ')}, got "${String(v)}"`);
}
