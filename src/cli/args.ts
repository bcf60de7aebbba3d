// Argument parsing for `hqs`, on node:util parseArgs. Bad usage is a UsageError (exit 2).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CLI_LANGS, type CliLang, type Lang } from '../core/lang.ts';
import { isOneOf } from '../core/vocabulary.ts';

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

export function formatOf(v: unknown): Format {
  if (v === undefined) return 'text';
  if (v === 'text' || v === 'json') return v;
  throw new UsageError(`--format: expected text or json, got "${String(v)}"`);
}

/** --lang for text output: one of `allowed` — CLI_LANGS by default; `law` and `calendar` speak LAW_NAME_LANGS. */
export function langOf(v: unknown): CliLang;
export function langOf<L extends Lang>(v: unknown, allowed: readonly L[]): L;
export function langOf(v: unknown, allowed: readonly Lang[] = CLI_LANGS): Lang {
  if (v === undefined) return 'en';
  if (isOneOf(allowed, v)) return v;
  throw new UsageError(`--lang: expected ${allowed.join(' or ')}, got "${String(v)}"`);
}
