// The loader is strict: crafted bad files fail, every problem is reported at once, and each message names
// the file and the key path.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { IsoDate } from './citation.ts';
import { LawDataError, parseLawFiles } from './index.ts';
import type { LawFile } from './index.ts';
import { loadLaw, readLawFiles } from './node.ts';

/** The real law folder: crafted files are added to it. */
const base: LawFile[] = readLawFiles();

const citation = '{ source: 115-FZ, article: "13.2", evidence: "https://example.org/a" }';
const goodValue = (from: string, value: string, extra = ''): string =>
  `  - from: ${from}\n    value: ${value}\n    status: in-force\n    confidence: high\n    verified: 2026-11-21\n    basis: [${citation}]\n${extra}`;
const parameterFile = (id: string, unit: string, values: string, head = ''): LawFile => ({
  path: `law/parameters/${id.replaceAll('.', '/')}.yaml`,
  text: `id: ${id}\ntitle: { en: T, ru: Т }\ndescription: { en: D, ru: Д }\nunit: ${unit}\n${head}values:\n${values}`,
});

/** The problems the loader reports for these files added to the real law folder's other files. */
function problemsOf(...files: LawFile[]): string[] {
  try {
    parseLawFiles([...base, ...files]);
  } catch (e) {
    expect(e).toBeInstanceOf(LawDataError);
    return [...(e as LawDataError).problems];
  }
  throw new Error('expected the loader to fail');
}

describe('parseLawFiles accepts good data', () => {
  it('the real files, and a minimal parameter added to them', () => {
    const law = parseLawFiles([...base, parameterFile('test.ok', 'RUB', goodValue('2020-01-01', '100'))]);
    expect(law.numberAt('test.ok', '2020-01-01' as IsoDate)?.value).toBe(100);
  });

  it('opts.version sets the version, but not to a date before the latest verified one', () => {
    expect(parseLawFiles(base, { version: '2026-12-05' as IsoDate }).version).toBe('2026-12-05');
    expect(() => parseLawFiles(base, { version: '2020-01-01' as IsoDate })).toThrow(/version 2020-01-01 is earlier than the latest verified date 2026-12-03/);
  });
});

describe('parseLawFiles rejects, naming file and key path', () => {
  it('an unknown key', () => {
    const f = parameterFile('test.unknown-key', 'RUB', goodValue('2020-01-01', '1', '    colour: red\n'));
    expect(problemsOf(f)).toEqual([`${f.path}: values[0].colour: unknown key (not part of the format; see law/README.md)`]);
  });

  it('a missing citation, and an empty one', () => {
    const f = parameterFile(
      'test.no-basis',
      'RUB',
      '  - { from: 2020-01-01, value: 1, status: in-force, confidence: high, verified: 2026-11-21 }\n' +
        '  - { from: 2021-01-01, value: 2, status: in-force, confidence: high, verified: 2026-11-21, basis: [] }\n',
    );
    expect(problemsOf(f)).toEqual([
      `${f.path}: values[0].basis: a citation is required`,
      `${f.path}: values[1].basis: a citation is required (basis must not be empty) (got a list)`,
    ]);
  });

  it('a source that is not in law/sources.yaml (also as amendedBy)', () => {
    const f = parameterFile(
      'test.unknown-source',
      'RUB',
      '  - from: 2020-01-01\n    value: 1\n    status: in-force\n    confidence: high\n    verified: 2026-11-21\n' +
        '    basis: [{ source: 115-FZ, evidence: "https://example.org" }, { source: 999-FZ, amendedBy: 998-FZ, evidence: "https://example.org" }]\n',
    );
    expect(problemsOf(f)).toEqual([
      `${f.path}: values[0].basis[1].source: unknown source "999-FZ" (not in law/sources.yaml)`,
      `${f.path}: values[0].basis[1].amendedBy: unknown source "998-FZ" (not in law/sources.yaml)`,
    ]);
  });

  it('overlapping ranges in the in-force track and in the proposed track', () => {
    const f = parameterFile(
      'test.overlap',
      'RUB',
      goodValue('2020-01-01', '1', '    to: 2021-06-30\n') +
        goodValue('2021-01-01', '2') +
        goodValue('2022-01-01', '3').replace('in-force', 'proposed\n    announced: 2021-12-01') +
        goodValue('2022-01-01', '4').replace('in-force', 'proposed\n    announced: 2021-12-01'),
    );
    expect(problemsOf(f)).toEqual([
      `${f.path}: values[1].from: 2021-01-01 overlaps values[0], which runs to 2021-06-30 (in-force values must not overlap)`,
      `${f.path}: values[3].from: 2022-01-01 is also the start of values[2]: two proposed values overlap`,
    ]);
  });

  it('unordered ranges, and `to` before `from`', () => {
    const f = parameterFile('test.unordered', 'RUB', goodValue('2021-01-01', '2') + goodValue('2020-01-01', '1', '    to: 2019-12-31\n'));
    expect(problemsOf(f)).toEqual([
      `${f.path}: values[1].to: 2019-12-31 is before from 2020-01-01`,
      `${f.path}: values[1].from: 2020-01-01 comes before values[0].from 2021-01-01: list values in date order`,
    ]);
  });

  it('a gap in the law in force', () => {
    const f = parameterFile('test.gap', 'RUB', goodValue('2020-01-01', '1', '    to: 2020-06-30\n') + goodValue('2021-01-01', '2'));
    expect(problemsOf(f)).toEqual([
      `${f.path}: values[1].from: 2021-01-01 leaves a gap after values[0], which ends 2020-06-30; start on 2020-07-01 or add a value (null where the law sets none) for the gap`,
    ]);
  });

  it('a duplicate parameter id, and an id that does not match the path', () => {
    const a = parameterFile('test.twice', 'RUB', goodValue('2020-01-01', '1'));
    const b = { ...a, path: 'law/parameters/test/twice-again.yaml' };
    expect(problemsOf(a, b)).toEqual([
      'law/parameters/test/twice-again.yaml: id: "test.twice" does not match the file\'s path: a file at this path must have id "test.twice-again"',
      'law/parameters/test/twice-again.yaml: id: "test.twice" is already the id of law/parameters/test/twice.yaml',
    ]);
  });

  it('values that do not fit the unit, terms without counting, thresholds without a period', () => {
    const term = parameterFile('test.term', 'working-days', goodValue('2020-01-01', '2.5') + goodValue('2021-01-01', '3', '    counting: { kind: months, shiftToNextWorkingDay: false }\n'));
    const threshold = parameterFile('test.threshold', 'RUB', goodValue('2020-01-01', '"lots"'), 'category: { employerKinds: [skolkovo] }\n');
    const scale = parameterFile('test.scale', 'tax-scale', goodValue('2020-01-01', '[{ upTo: 5, rate: 13 }, { upTo: 4, rate: 15 }, { upTo: null, rate: 20 }]'));
    expect(problemsOf(term, threshold, scale)).toEqual([
      `${term.path}: values[0].value: expected a whole positive number of working-days, got 2.5`,
      `${term.path}: values[0].counting: required for a term (unit working-days): give { kind, shiftToNextWorkingDay }`,
      `${term.path}: values[1].counting.kind: months does not fit unit working-days (expected working-days)`,
      `${threshold.path}: values[0].value: expected a number or null (unit RUB), got "lots"`,
      `${threshold.path}: values[0].period: required for a salary threshold: calendar-month, calendar-quarter or year`,
      `${scale.path}: values[0].value: band [1]: upTo must be a number above 5, got 4`,
    ]);
  });

  it('a category used outside the vocabularies, and an unknown region', () => {
    const f = parameterFile('test.category', 'RUB', goodValue('2020-01-01', 'null'), 'category: { employerKinds: [bank], regions: [RU-ZZZ] }\n');
    const problems = problemsOf(f);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${f.path}: category\\.employerKinds\\[0\\]: Invalid option`));
    const g = parameterFile('test.region', 'RUB', goodValue('2020-01-01', 'null', '    period: year\n'), 'category: { regions: [RU-ZZZ] }\n');
    expect(problemsOf(g)).toEqual([`${g.path}: category.regions[0]: unknown region "RU-ZZZ" (not in law/regions.yaml)`]);
  });

  it('broken YAML, a file that is not a law file, and a missing registry', () => {
    const broken = { path: 'law/parameters/test/broken.yaml', text: 'id: [unclosed\n' };
    const stray = { path: 'law/stray.yaml', text: 'a: 1\n' };
    const problems = problemsOf(broken, stray);
    expect(problems[0]).toMatch(/^law\/parameters\/test\/broken\.yaml: not valid YAML: /);
    expect(problems).toContain('law/stray.yaml: not a known law file (expected parameters/**/*.yaml, sources.yaml, family.yaml, countries.yaml, regions.yaml, documents/*.yaml, grounds/*.yaml or calendar/**)');
    expect(() => parseLawFiles(base.filter((f) => f.path !== 'law/sources.yaml'))).toThrow(/sources\.yaml: missing/);
  });

  it('bad sources and family entries', () => {
    const sources = base.find((f) => f.path === 'law/sources.yaml') as LawFile;
    const family = base.find((f) => f.path === 'law/family.yaml') as LawFile;
    const badSources = {
      ...sources,
      text: `${sources.text}  - { id: 115-FZ, kind: federal-law, adopted: 2002-07-25, short: { en: A, ru: Б }, title: { en: A, ru: Б }, url: "https://www.consultant.ru/document/cons_doc_LAW_37868/" }\n  - { id: X-1, kind: federal-law, short: { en: A, ru: Б }, title: { en: A, ru: Б }, url: "https://www.consultant.ru/" }\n  - { id: X-2, kind: federal-law, adopted: 2020-01-01, short: { en: A, ru: Б }, title: { en: A, ru: Б }, url: "https://example.org/blog" }\n  - { id: X-3, kind: bill, submitted: 2020-01-01, short: { en: A, ru: Б }, title: { en: A, ru: Б }, url: "https://sozd.duma.gov.ru/" }\n  - { id: X-4, kind: practice-guide, collective: true, short: { en: A, ru: Б }, title: { en: A, ru: Б }, url: "https://example.org/guide" }\n`,
    };
    const badFamily = {
      ...family,
      text: family.text.replace('parameters: [rp.hqs-term]', 'parameters: [rp.no-such]').replace('relation: grandchild', 'relation: spouse'),
    };
    const problems = (() => {
      try {
        parseLawFiles([...base.filter((f) => f !== sources && f !== family), badSources, badFamily]);
      } catch (e) {
        return (e as LawDataError).problems;
      }
      return [];
    })();
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^law\/sources\.yaml: sources\[\d+\]\.id: "115-FZ" is already listed at sources\[0\]$/),
        expect.stringMatching(/^law\/sources\.yaml: sources\[\d+\]\.adopted: required/),
        expect.stringMatching(/^law\/sources\.yaml: sources\[\d+\]\.url: https:\/\/example\.org\/blog is not an official or reference text/),
        expect.stringMatching(/^law\/sources\.yaml: sources\[\d+\]\.announced: required for a bill/),
        expect.stringMatching(/^law\/sources\.yaml: sources\[\d+\]\.url: a practice guide is not an act/),
        expect.stringMatching(/^law\/family\.yaml: definitions\[0\]\.relations\[6\]\.relation: spouse is listed twice$/),
        expect.stringMatching(/^law\/family\.yaml: rights\[\d+\]\.parameters\[0\]: unknown parameter "rp\.no-such"/),
      ]),
    );
    expect(problems).toHaveLength(7);
  });
});

describe('every problem at once', () => {
  it('one error lists the problems of every bad file', () => {
    const files = [
      parameterFile('test.a', 'RUB', goodValue('2020-01-01', '1', '    colour: red\n')),
      parameterFile('test.b', 'RUB', '  - { from: 2020-01-01, value: 1, status: in-force, confidence: high, verified: 2026-11-21 }\n'),
      parameterFile('test.c', 'RUB', goodValue('2020-01-01', '1').replace('115-FZ', 'NOPE')),
      parameterFile('test.d', 'RUB', goodValue('2021-01-01', '1') + goodValue('2020-01-01', '2')),
    ];
    let error: unknown;
    try {
      parseLawFiles([...base, ...files]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LawDataError);
    const message = (error as Error).message;
    expect(message).toMatch(/^law data has 4 problems:\n/);
    expect(message).toContain('law/parameters/test/a.yaml: values[0].colour: unknown key');
    expect(message).toContain('law/parameters/test/b.yaml: values[0].basis: a citation is required');
    expect(message).toContain('law/parameters/test/c.yaml: values[0].basis[0].source: unknown source "NOPE"');
    expect(message).toContain('law/parameters/test/d.yaml: values[1].from: 2020-01-01 comes before values[0].from 2021-01-01');
  });
});

describe('loadLaw from another folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hqs-law-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads it with paths under the folder name and reports its problems', () => {
    for (const f of base) {
      const target = join(dir, f.path.replace(/^law\//, ''));
      mkdirSync(join(target, '..'), { recursive: true });
      writeFileSync(target, f.text);
    }
    mkdirSync(join(dir, 'calendar'), { recursive: true });
    writeFileSync(join(dir, 'calendar', 'ignored.yaml'), 'not: [law\n');
    mkdirSync(join(dir, 'parameters', 'x'), { recursive: true });
    writeFileSync(join(dir, 'parameters', 'x', 'y.yaml'), parameterFile('x.y', 'RUB', goodValue('2020-01-01', '1', '    colour: red\n')).text);
    const name = dir.split(/[\\/]/).pop() as string;
    expect(() => loadLaw(dir)).toThrow(`${name}/parameters/x/y.yaml: values[0].colour: unknown key`);
  });
});
