// The problem codes are a contract: every code the server, the store and the case parser write is listed in
// PROBLEM_CODES (and so in docs/api.md), and the web words each one in English, Russian and Chinese (the
// self-check, the portal and the invitation pages are read in Chinese too), with the same placeholders.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FIELD_KINDS } from '../case/codes.ts';
import { parseCase } from '../case/index.ts';
import { PROBLEM_CODES, problem, statusCode, toProblem } from './problem.ts';
import { Conflict, Invalid } from '../store/errors.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const locale = (lang: string) =>
  JSON.parse(readFileSync(join(ROOT, `locales/${lang}.json`), 'utf8')) as Record<string, string>;
const placeholders = (s: string) => [...new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.ts$/.test(f) && !f.endsWith('.test.ts') ? [p] : [];
  });
}

describe('problem codes', () => {
  it('every code written in src/server, src/store, src/services and src/case is listed', () => {
    const written = new Set<string>();
    for (const file of [
      ...sources(join(ROOT, 'src/server')),
      ...sources(join(ROOT, 'src/store')),
      ...sources(join(ROOT, 'src/services')),
      ...sources(join(ROOT, 'src/case')),
    ]) {
      const text = readFileSync(file, 'utf8');
      // `code: 'inn.checksum'`, `Invalid.one(path, message, 'file.empty')`, a push's third argument.
      for (const m of text.matchAll(/\bcode: '([a-z][a-z.-]*)'/g)) if (m[1] !== 'custom') written.add(m[1]!); // zod's own
      for (const m of text.matchAll(/Invalid\.one\(\s*[^,]+,\s*(?:`[^`]*`|'[^']*'),\s*'([a-z][a-z.-]*)'/g))
        written.add(m[1]!);
      for (const m of text.matchAll(/\bpush\([^;]*?,\s*'([a-z][a-z-]*\.[a-z.-]+|required|invalid)'[,)]/g))
        written.add(m[1]!);
    }
    // The codes made from a field's kind (`inn.format`).
    for (const kind of Object.values(FIELD_KINDS)) written.add(`${kind}.format`);
    expect(written.size).toBeGreaterThan(20);
    const listed = new Set(Object.keys(PROBLEM_CODES));
    expect([...written].filter((c) => !listed.has(c))).toEqual([]);
  });

  it.each(['en', 'ru', 'zh'])('%s words every code, with the placeholders English has', (lang) => {
    const en = locale('en');
    const have = locale(lang);
    const missing = Object.keys(PROBLEM_CODES).filter((c) => !have[`web.problem.code.${c}`]);
    expect(missing).toEqual([]);
    const differing = Object.keys(PROBLEM_CODES).filter(
      (c) =>
        JSON.stringify(placeholders(have[`web.problem.code.${c}`]!)) !==
        JSON.stringify(placeholders(en[`web.problem.code.${c}`]!)),
    );
    expect(differing).toEqual([]);
    for (const status of [400, 401, 403, 404, 409, 413, 415, 422, 428, 429, 500, 503])
      expect(have[`web.problem.status.${status}`], `status ${status}`).toBeTruthy();
  });

  it('the Russian and Chinese wording shows no regular expression, id or English sentence', () => {
    for (const lang of ['ru', 'zh']) {
      const words = Object.entries(locale(lang)).filter(([k]) => k.startsWith('web.problem.'));
      const bad = words.filter(
        ([, v]) => /[\\^$]|\/.+\/|[0-9a-f]{8}-[0-9a-f]{4}/.test(v) || /\b[a-z]{4,} [a-z]{4,}\b/.test(v),
      );
      expect(bad).toEqual([]);
    }
  });

  it('every field problem of a response has a code, the raiser’s or the status’s', () => {
    const p = problem(422, 'x', [
      { path: 'a', message: 'm' },
      { path: 'b', message: 'm', code: 'inn.format' },
    ]);
    expect(p.code).toBe('invalid');
    expect(p.errors?.map((e) => e.code)).toEqual(['invalid', 'inn.format']);
    expect(problem(413, 'x', [{ path: '(body)', message: 'm' }]).errors?.[0]?.code).toBe('too-large');
    expect(statusCode(404)).toBe('not-found');
  });

  it('maps the store’s errors with their codes; a stale version is the case’s version conflict', () => {
    const stale = toProblem(new Conflict('case x is at version 3, not 2', { field: 'version', current: 3 })).problem;
    expect(stale).toMatchObject({ status: 409, code: 'case.version-conflict', currentVersion: 3 });
    expect(stale.errors?.[0]).toMatchObject({ path: 'version', code: 'case.version-conflict' });
    const dup = toProblem(new Conflict('taken', { field: 'inn', code: 'inn.duplicate' })).problem;
    expect(dup.errors?.[0]).toMatchObject({ path: 'inn', code: 'inn.duplicate' });
    const bad = toProblem(Invalid.one('file', 'not a PDF', 'file.not-pdf-or-image')).problem;
    expect(bad.errors?.[0]).toMatchObject({ path: 'file', code: 'file.not-pdf-or-image' });
  });

  it('the case parser codes its problems (INN shape and check digits, dates, required fields)', () => {
    const r = parseCase(
      {
        format: 'hqs-case/1',
        employer: { name: 'A', inn: '77070838', kind: 'commercial' },
        people: [
          {
            id: 'p1',
            role: 'principal',
            name: { latin: 'A' },
            sex: 'M',
            birthDate: '1990-02-30',
            citizenships: ['CN'],
          },
        ],
        contract: {
          kind: 'employment',
          position: 'x',
          occupation: 'general',
          salary: { amount: 1, per: 'month' },
          start: '2026-01-01',
          regions: ['RU-MOW'],
        },
      },
      { countries: new Set(['CN']), regions: new Set(['RU-MOW']) },
    );
    expect(r.ok).toBe(false);
    const codes = Object.fromEntries(r.ok ? [] : r.errors.map((e) => [e.path, e.code]));
    expect(codes['employer.inn']).toBe('inn.format');
    expect(codes['people[0].birthDate']).toBe('date.invalid');
    const checksum = parseCase(
      { format: 'hqs-case/1', employer: { name: 'A', inn: '7707083894', kind: 'commercial' } },
      { countries: new Set(), regions: new Set() },
    );
    const errors = checksum.ok ? [] : checksum.errors;
    expect(errors.find((e) => e.path === 'employer.inn')?.code).toBe('inn.checksum');
    expect(errors.find((e) => e.path === 'people')?.code).toBe('required');
  });
});
