// Passwords: scrypt from node:crypto (memory-hard), a random 16-byte salt per user, and the parameters
// stored with the hash (`scrypt$N$r$p$salt$hash`), so they can be raised later without breaking old
// hashes. Comparison is constant-time. No default passwords anywhere: a weak one is refused with a reason.
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as zxcvbnCommon from '@zxcvbn-ts/language-common';
import * as zxcvbnEn from '@zxcvbn-ts/language-en';

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** 2^15 × 8 × 128 B = 32 MiB per hash, about 0.1 s on one core. */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LENGTH = 32;

function scrypt(password: string, salt: Buffer, params: ScryptParams, keylen: number): Promise<Buffer> {
  const opts: ScryptOptions = {
    N: params.N,
    r: params.r,
    p: params.p,
    maxmem: 256 * params.N * params.r + 1024 * 1024,
  };
  return new Promise((ok, fail) =>
    scryptCb(password.normalize('NFC'), salt, keylen, opts, (e, key) => (e ? fail(e) : ok(key))),
  );
}

export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, params, KEY_LENGTH);
  return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

const FORMAT = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/;

/** True when `password` matches `stored`; false for a wrong password or a malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const m = FORMAT.exec(stored);
  if (!m) return false;
  const params = { N: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
  if (
    !Number.isSafeInteger(params.N) ||
    params.N < 2 ||
    params.N > 2 ** 20 ||
    params.r < 1 ||
    params.r > 32 ||
    params.p < 1 ||
    params.p > 16
  )
    return false;
  const expected = Buffer.from(m[5] as string, 'base64');
  if (expected.length < 16) return false;
  const key = await scrypt(password, Buffer.from(m[4] as string, 'base64'), params, expected.length);
  return timingSafeEqual(key, expected);
}

/** A hash of a random password: verified against when the email is unknown, so timing tells nothing. */
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(24).toString('base64'));
  return dummy;
}

export const MIN_PASSWORD_LENGTH = 12;

const COMMON = [
  'password',
  'qwerty',
  '123456',
  'letmein',
  'welcome',
  'admin',
  'iloveyou',
  'monkey',
  'dragon',
  'abc123',
  'пароль',
  'йцукен',
];

/**
 * zxcvbn (Dropbox's estimator, in its maintained TypeScript port) with the common-password list (tens of
 * thousands of leaked passwords), English words and names, and keyboard patterns. Built on first use:
 * loading its dictionaries takes about 0.3 s.
 */
let estimator: ZxcvbnFactory | undefined;
function strength(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...zxcvbnCommon.dictionary, ...zxcvbnEn.dictionary },
    graphs: zxcvbnCommon.adjacencyGraphs,
    translations: zxcvbnEn.translations,
  });
  return estimator;
}

/** The least zxcvbn score taken: 3, "safely unguessable" (about 10^8 guesses or more). */
export const MIN_STRENGTH_SCORE = 3;
/** The estimator looks at this many characters at most (its work grows with the length; longer is long enough). */
const ESTIMATE_CHARS = 64;

/** Why a password is too weak, or undefined when it is acceptable. */
export function passwordProblem(password: string, email?: string): string | undefined {
  if (typeof password !== 'string' || password.length === 0) return 'the password is empty';
  const chars = [...password];
  if (chars.length < MIN_PASSWORD_LENGTH)
    return `the password is too short: ${chars.length} characters, at least ${MIN_PASSWORD_LENGTH} needed`;
  if (chars.length > 1024) return 'the password is too long: at most 1024 characters';
  if (new Set(chars).size < 6) return 'the password repeats too few characters: use at least 6 different ones';
  const lower = password.toLowerCase();
  const bare = lower.replace(/[^\p{L}\p{N}]/gu, '');
  for (const c of COMMON) {
    if (bare === c || bare.replace(/\d+$/, '') === c || bare.replace(/^\d+/, '') === c)
      return `the password is a common one ("${c}" with little added)`;
  }
  if (
    isRun(bare) ||
    ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'].some(
      (row) => row.includes(bare.slice(0, 6)) && bare.length <= row.length + 3,
    )
  ) {
    return 'the password is a keyboard or alphabet sequence';
  }
  const local = email?.toLowerCase().split('@')[0];
  if (local && local.length >= 4 && lower.includes(local)) return 'the password contains the email address';
  const userInputs = email
    ? email
        .toLowerCase()
        .split(/[@.+_-]/)
        .filter((w) => w.length >= 3)
    : [];
  const estimate = strength().check([...password].slice(0, ESTIMATE_CHARS).join(''), userInputs);
  if (estimate.score < MIN_STRENGTH_SCORE) {
    const hint = estimate.feedback.warning ? `: ${estimate.feedback.warning.replace(/\.$/, '').toLowerCase()}` : '';
    return `the password is easy to guess${hint}; a few unrelated words make a strong one`;
  }
  return undefined;
}

/** 'abcdef…', '123456…' or the same backwards, with at most a few other characters. */
function isRun(s: string): boolean {
  let run = 1;
  let best = 1;
  for (let i = 1; i < s.length; i++) {
    const d = s.charCodeAt(i) - s.charCodeAt(i - 1);
    const wraps = (s[i - 1] === '9' && s[i] === '0') || (s[i - 1] === '0' && s[i] === '9');
    run = d === 1 || d === -1 || wraps ? run + 1 : 1;
    best = Math.max(best, run);
  }
  return best >= s.length - 2;
}
