// The web's copies of the vocabularies equal the engine's and the law's, and every value has its words in
// English and Russian (keys built at run time, which the wording test cannot see).
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EMPLOYER_KINDS as LAW_EMPLOYER_KINDS, SEZ_TYPES as LAW_SEZ_TYPES } from '../../../../src/law/index.ts';
import {
  AUDIT_ACTIONS,
  AUDIT_ENTITIES,
  ELIGIBILITY_STATUSES,
  EMPLOYER_KINDS,
  FINDING_KINDS,
  OBLIGATION_KINDS,
  OBLIGATION_STATUSES,
  SEVERITIES,
  SEZ_TYPES,
  STAGE_WORDS,
} from './vocab.ts';
import { EMPLOYER_FLAGS } from './employer-form.ts';
import { FINDING_CODES } from '../../../../src/engine/messages.ts';

const words = (lang: string, area: string) =>
  JSON.parse(readFileSync(new URL(`../../../../locales/app/${lang}/${area}.json`, import.meta.url), 'utf8')) as Record<
    string,
    string
  >;

describe('the workspace vocabularies', () => {
  it('equal the law data (the engine lists are imported, not copied)', () => {
    expect([...EMPLOYER_KINDS]).toEqual([...LAW_EMPLOYER_KINDS]);
    expect([...SEZ_TYPES]).toEqual([...LAW_SEZ_TYPES]);
    expect([...FINDING_KINDS].sort()).toEqual([...FINDING_CODES].sort());
  });

  it('name every audit action the server writes', () => {
    const root = new URL('../../../../', import.meta.url);
    const files = ['src/store/', 'src/services/', 'src/server/', 'src/server/routes/'].flatMap((dir) =>
      readdirSync(new URL(dir, root))
        .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
        .map((f) => `${dir}${f}`),
    );
    const src = files.map((p) => readFileSync(new URL(p, root), 'utf8')).join('\n');
    const written = new Set([...src.matchAll(/action: '([a-z.-]+)'/g)].map((m) => m[1]!));
    for (const m of src.matchAll(/'([a-z]+\.[a-z-]+)' : '([a-z]+\.[a-z-]+)'/g)) written.add(m[1]!).add(m[2]!);
    expect(written.size).toBeGreaterThan(15);
    expect([...written].filter((a) => !(AUDIT_ACTIONS as readonly string[]).includes(a))).toEqual([]);
  });

  for (const lang of ['en', 'ru']) {
    it(`has ${lang} words for every value`, () => {
      const need: [string, string][] = [
        ...OBLIGATION_KINDS.map((k) => ['obligations', `kind.${k}`] as [string, string]),
        ...OBLIGATION_STATUSES.map((s) => ['obligations', `status.${s}`] as [string, string]),
        ...STAGE_WORDS.map((s) => ['cases', `stage.${s}`] as [string, string]),
        ...EMPLOYER_KINDS.map((k) => ['employers', `kind.${k}`] as [string, string]),
        ...SEZ_TYPES.map((k) => ['employers', `sez.${k}`] as [string, string]),
        ...EMPLOYER_FLAGS.map((k) => ['employers', `flag.${k}`] as [string, string]),
        ...ELIGIBILITY_STATUSES.map((k) => ['dashboard', `eligibility.${k}`] as [string, string]),
        ...SEVERITIES.map((k) => ['dashboard', `severity.${k}`] as [string, string]),
        ...FINDING_KINDS.map((k) => ['portfolio', `finding.${k}`] as [string, string]),
        ...AUDIT_ACTIONS.map((k) => ['audit', `action.${k}`] as [string, string]),
        ...AUDIT_ENTITIES.map((k) => ['audit', `entity.${k}`] as [string, string]),
        ...['owner', 'manager', 'viewer', 'specialist'].map((r) => ['account', `roleHint.${r}`] as [string, string]),
        ...['one', 'few', 'many', 'other'].flatMap(
          (f) =>
            [
              ['obligations', `when.left.${f}`],
              ['obligations', `when.late.${f}`],
              ['obligations', `count.${f}`],
              ['cases', `count.${f}`],
              ['employers', `count.${f}`],
            ] as [string, string][],
        ),
        ['obligations', 'when.done'],
        ['obligations', 'when.doneLate'],
      ];
      const missing = need.filter(([area, key]) => !words(lang, area)[key]).map(([a, k]) => `${a}.${k}`);
      expect(missing).toEqual([]);
    });
  }
});
