// The server's problems in the reader's words: by code, with the field named, never the English message, a
// path or a regular expression; an unknown code gets a generic sentence naming the field.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ApiError } from './api.ts';
import { translator } from './i18n.ts';
import { problemText, wordError } from './problems.ts';

const ru = translator(
  'ru',
  JSON.parse(readFileSync(new URL('../../locales/ru.json', import.meta.url), 'utf8')) as Record<string, string>,
);

describe('problems in the reader’s words', () => {
  it('words a code, naming the field where the wording needs it', () => {
    expect(problemText(ru, { path: 'employer.inn', code: 'inn.format' })).toBe('ИНН — 10 или 12 цифр.');
    expect(problemText(ru, { path: 'file', code: 'file.not-pdf-or-image' })).toBe(
      'Файл не похож на PDF или изображение.',
    );
    expect(problemText(ru, { path: 'contract.end', code: 'date.after', params: { date: '2026-04-01' } })).toBe(
      'Должна быть позже 1 апреля 2026 г.',
    );
  });

  it('an unknown code: a generic sentence naming the field, not the English message', () => {
    expect(problemText(ru, { path: 'people[0].birthDate', code: 'some.new-code' })).toBe(
      'Дата рождения: значение не подходит — проверьте его.',
    );
    expect(problemText(ru, { path: 'x.weird', code: 'some.new-code' })).toBe(
      'Это поле: значение не подходит — проверьте его.',
    );
  });

  it('keeps the code and the params a page reads (a duplicate passport names the other case)', () => {
    const dup = new ApiError(
      409,
      'passport RU 123 is already in the open case …',
      [],
      undefined,
      undefined,
      'passport.duplicate',
    );
    dup.params = { caseId: 'c1', caseName: 'IVANOV', cases: [{ caseId: 'c1' }] };
    const worded = wordError(ru, dup);
    expect(worded.code).toBe('passport.duplicate');
    expect(worded.params).toEqual(dup.params);
  });

  it('words a refusal from the server once: a version conflict is the problem itself', () => {
    const stale = wordError(
      ru,
      new ApiError(
        409,
        'case x was changed meanwhile: it is at version 4',
        [{ path: 'version', code: 'case.version-conflict', message: 'case x is at version 4, not 3' }],
        4,
        undefined,
        'case.version-conflict',
      ),
    );
    expect(stale.detail).toBe('Дело изменил другой пользователь — обновите страницу.');
    expect(stale.errors[0]!.message).toBe(stale.detail);
    const bad = wordError(
      ru,
      new ApiError(
        422,
        'inn: Invalid string: must match pattern /^(\\d{10}|\\d{12})$/',
        [{ path: 'inn', code: 'inn.format', message: 'Invalid string: must match pattern /^(\\d{10}|\\d{12})$/' }],
        undefined,
        undefined,
        'invalid',
      ),
    );
    expect(bad.detail).toBe('Проверьте отмеченные поля.');
    expect(bad.field('inn')).toBe('ИНН — 10 или 12 цифр.');
    expect(JSON.stringify(bad.errors)).not.toMatch(/Проверьте.*\\^|Invalid string.*ИНН/);
    // An error the web made itself keeps its words.
    expect(wordError(ru, new ApiError(422, 'Пароли не совпадают')).detail).toBe('Пароли не совпадают');
  });
});
