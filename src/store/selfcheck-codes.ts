// A shareable self-check: the public self-check's answers (the hqs-case/1 document it builds) kept under a
// one-time code the specialist passes to an agency. The code is 9 characters of an alphabet without look-
// alikes (no 0/O, 1/I/L), written 7KQ-M4P-2XW; only its sha256 is stored. An owner or a manager reads the
// answers with it and redeems it into a case once: redeeming empties the answers. Expired rows are deleted
// by the hourly housekeeping (purgeExpired). The table is outside any organization until redeemed, so it
// is read and written through the system connection only (migration 008).
import { createHash, randomInt } from 'node:crypto';
import { appendAudit } from './audit.ts';
import { requireWrite, type Actor } from './actor.ts';
import { inSystem, inTenant, jsonb, type Db } from './db.ts';
import { Conflict, Invalid, NotFound, sqlState } from './errors.ts';

/** Letters and digits that cannot be mistaken for one another when read aloud or copied by hand. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CODE_LENGTH = 9;
export const SELFCHECK_CODE_DAYS = 14;
export const SELFCHECK_LANGS = ['en', 'ru', 'zh'] as const;
export type SelfCheckLang = (typeof SELFCHECK_LANGS)[number];

const hashOf = (code: string) => createHash('sha256').update(code, 'utf8').digest('hex');

/** `7KQ-M4P-2XW` from `7KQM4P2XW`. */
export const formatCode = (raw: string): string => raw.match(/.{1,3}/g)!.join('-');

/** The code as typed (any case, with or without dashes and spaces), checked; Invalid at `code` names what is wrong. */
export function normalizeCode(typed: unknown): string {
  if (typeof typed !== 'string') throw Invalid.one('code', 'expected the code as text, like 7KQ-M4P-2XW');
  const raw = typed.toUpperCase().replace(/[\s-]/g, '');
  if (raw.length !== CODE_LENGTH)
    throw Invalid.one('code', `expected ${CODE_LENGTH} letters and digits, like 7KQ-M4P-2XW; got ${raw.length}`);
  const bad = [...raw].filter((ch) => !CODE_ALPHABET.includes(ch));
  if (bad.length)
    throw Invalid.one(
      'code',
      `a code has no ${[...new Set(bad)].map((c) => JSON.stringify(c)).join(', ')} (it uses 2–9 and A–Z without I, L, O)`,
    );
  return raw;
}

function newCode(): string {
  let s = '';
  for (let i = 0; i < CODE_LENGTH; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return s;
}

export interface SharedSelfCheck {
  /** Shown once to the specialist: `7KQ-M4P-2XW`. */
  code: string;
  expiresAt: string;
}

const iso = (v: string | Date) => (v instanceof Date ? v : new Date(v)).toISOString();

/** Stores the answers under a new code (the public self-check; no actor). */
export async function shareSelfCheck(
  db: Db,
  answers: { format: 'hqs-case/1' } & Record<string, unknown>,
  lang: SelfCheckLang,
  opts: { days?: number } = {},
): Promise<SharedSelfCheck> {
  const days = opts.days ?? SELFCHECK_CODE_DAYS;
  for (let attempt = 0; ; attempt++) {
    const code = newCode();
    try {
      const [row] = await inSystem(db, (tx) =>
        tx.query<{ expires_at: string | Date }>(
          `INSERT INTO selfcheck_codes (code_hash, answers, lang, expires_at)
           VALUES ($1, $2::jsonb, $3, now() + make_interval(days => $4)) RETURNING expires_at`,
          [hashOf(code), jsonb(answers), lang, days],
        ),
      );
      return { code: formatCode(code), expiresAt: iso(row!.expires_at) };
    } catch (e) {
      // A clash with a live code (one in 31^9): draw another.
      if (sqlState(e) === '23505' && attempt < 5) continue;
      throw e;
    }
  }
}

interface CodeRow {
  answers: Record<string, unknown> | null;
  lang: SelfCheckLang;
  created_at: string | Date;
  expires_at: string | Date;
  redeemed_at: string | Date | null;
  expired: boolean;
}

export interface SelfCheckAnswers {
  /** The hqs-case/1 document the self-check built from the answers. */
  answers: Record<string, unknown>;
  lang: SelfCheckLang;
  createdAt: string;
  expiresAt: string;
}

/** Why a code cannot be used: unknown (or deleted after expiring), expired, or used. */
function refuse(row: CodeRow | undefined): never {
  if (!row)
    throw new NotFound('self-check code', '(code)', {
      message: 'no self-check has this code: check the letters (an expired code is deleted after a while)',
      problems: [{ path: 'code', message: 'unknown code', code: 'selfcheck-code.unknown' }],
    });
  if (row.redeemed_at)
    throw new Conflict(
      `this code was used already, on ${iso(row.redeemed_at).slice(0, 10)}: a code is good for one case; ask the specialist to send a new one`,
      { field: 'code', code: 'selfcheck-code.used', reasons: ['used already: a code makes one case'] },
    );
  throw new Conflict(
    `this code expired on ${iso(row.expires_at).slice(0, 10)}: ask the specialist to send their self-check again`,
    { field: 'code', code: 'selfcheck-code.expired', reasons: ['expired'] },
  );
}

const SELECT = `SELECT answers, lang, created_at, expires_at, redeemed_at, expires_at <= now() AS expired
  FROM selfcheck_codes WHERE code_hash = $1`;

/** The answers behind a code, for an owner or a manager to look at before making a case (audited). */
export async function readSelfCheck(db: Db, actor: Actor, typed: unknown): Promise<SelfCheckAnswers> {
  requireWrite(actor, 'reading a self-check code');
  const hash = hashOf(normalizeCode(typed));
  const [row] = await inSystem(db, (tx) => tx.query<CodeRow>(SELECT, [hash]), { readOnly: true });
  if (!row || row.redeemed_at || row.expired || !row.answers) refuse(row);
  await inTenant(db, actor, (tx) =>
    appendAudit(tx, actor, { action: 'selfcheck.read', entity: 'selfcheck', details: { code: hash.slice(0, 12) } }),
  );
  return { answers: row.answers, lang: row.lang, createdAt: iso(row.created_at), expiresAt: iso(row.expires_at) };
}

/**
 * Takes the answers behind a code, once: the row is emptied and marked as redeemed by the actor's
 * organization in one statement, so two members redeeming at once get one case between them. `release`
 * puts them back when the case could not be made from them.
 */
export async function redeemSelfCheck(
  db: Db,
  actor: Actor,
  typed: unknown,
): Promise<SelfCheckAnswers & { release: () => Promise<void> }> {
  requireWrite(actor, 'making a case from a self-check code');
  const hash = hashOf(normalizeCode(typed));
  const taken = await inSystem(db, async (tx) => {
    const [row] = await tx.query<CodeRow>(`${SELECT} FOR UPDATE`, [hash]);
    if (!row || row.redeemed_at || row.expired || !row.answers) refuse(row);
    await tx.query(
      'UPDATE selfcheck_codes SET answers = NULL, redeemed_at = now(), redeemed_org = $2 WHERE code_hash = $1',
      [hash, actor.orgId],
    );
    return row as CodeRow & { answers: Record<string, unknown> };
  });
  return {
    answers: taken.answers,
    lang: taken.lang,
    createdAt: iso(taken.created_at),
    expiresAt: iso(taken.expires_at),
    release: async () => {
      await inSystem(db, (tx) =>
        tx.query(
          'UPDATE selfcheck_codes SET answers = $2::jsonb, redeemed_at = NULL, redeemed_org = NULL WHERE code_hash = $1',
          [hash, jsonb(taken.answers)],
        ),
      );
    },
  };
}
