// The `hqs` command as a user runs it: `node bin/hqs.js …` in a child process, checking what it prints
// and its exit code (0 success, 2 bad input or usage, 1 internal error).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const EXAMPLES = readdirSync(join(ROOT, 'examples'))
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => `examples/${f}`);

function hqs(...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, ['bin/hqs.js', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

interface LawListing {
  asOf: string;
  parameters: {
    id: string;
    value: unknown;
    period?: string;
    from: string;
    basis: { source: string; amendedBy?: string }[];
  }[];
}

describe('hqs calendar', () => {
  it('add-working-days 2026-01-09 3 prints 2026-01-14 (over the weekend of 10–11 January)', () => {
    const r = hqs('calendar', 'add-working-days', '2026-01-09', '3');
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]?.trim()).toBe('2026-01-14');
  });

  it('working-days 2024-01-01 2024-12-31 prints 248', () => {
    const r = hqs('calendar', 'working-days', '2024-01-01', '2024-12-31');
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]?.trim()).toBe('248');
  });

  it('a date that does not exist is bad input (exit 2) and is named', () => {
    const r = hqs('calendar', 'add-working-days', '2026-13-01', '3');
    expect(r.code).toBe(2);
    expect(r.err).toContain('2026-13-01');
  });
});

describe('hqs law list', () => {
  const general = (asOf: string) => {
    const r = hqs('law', 'list', '--as-of', asOf, '--format', 'json');
    expect(r.code).toBe(0);
    const listing = JSON.parse(r.out) as LawListing;
    expect(listing.asOf).toBe(asOf);
    const p = listing.parameters.find((x) => x.id === 'hqs.salary-threshold.general');
    expect(p, 'hqs.salary-threshold.general').toBeDefined();
    return p as LawListing['parameters'][number];
  };

  it('on 2024-02-29 the general threshold is 167,000 per calendar month', () => {
    expect(general('2024-02-29')).toMatchObject({ value: 167000, period: 'calendar-month', from: '2015-04-24' });
  });

  it('on 2024-03-01 it is 750,000 per calendar quarter, citing 316-FZ', () => {
    const p = general('2024-03-01');
    expect(p).toMatchObject({ value: 750000, period: 'calendar-quarter', from: '2024-03-01' });
    expect(p.basis.some((b) => b.source === '316-FZ' || b.amendedBy === '316-FZ')).toBe(true);
  });
});

describe('hqs validate', () => {
  it('names every bad field of a case with a bad INN and 2025-02-30, and exits 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hqs-cli-'));
    const file = join(dir, 'bad.yaml');
    const text = readFileSync(join(ROOT, 'examples/single-engineer.yaml'), 'utf8')
      .replace('inn: "7714582300"', 'inn: "7714582301"')
      .replace('birthDate: 1991-07-22', 'birthDate: 2025-02-30');
    expect(text).toContain('7714582301');
    expect(text).toContain('2025-02-30');
    writeFileSync(file, text);
    const r = hqs('validate', file);
    expect(r.code).toBe(2);
    const all = r.out + r.err;
    expect(all).toContain('employer.inn');
    expect(all).toContain('people[0].birthDate');
    expect(all).toContain('2025-02-30');
  });

  it('--lang ru names each path and says what is wrong in Russian, without the English message', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hqs-cli-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(
      file,
      readFileSync(join(ROOT, 'examples/single-engineer.yaml'), 'utf8')
        .replace('inn: "7714582300"', 'inn: "7714582301"')
        .replace('birthDate: 1991-07-22', 'birthDate: 2025-02-30'),
    );
    const r = hqs('validate', file, '--lang', 'ru');
    expect(r.code).toBe(2);
    expect(r.err).toContain('проблем: 2');
    expect(r.err).toContain('employer.inn: В ИНН опечатка: не сходится контрольная цифра.');
    expect(r.err).toContain('people[0].birthDate: Укажите существующую дату.');
    expect(r.err).not.toMatch(/checksum|not a real date/);
    const en = hqs('validate', file);
    expect(en.err).toMatch(/employer\.inn: checksum does not match/);
  }, 120_000);

  it.each(EXAMPLES)('%s is valid', (file) => {
    const r = hqs('validate', file);
    expect(r.code, r.err).toBe(0);
  });
});

describe('hqs evaluate', () => {
  it.each(EXAMPLES)('%s evaluates as text and as JSON (hqs-evaluation/1 with the spec’s keys)', (file) => {
    const text = hqs('evaluate', file, '--as-of', '2026-11-21');
    expect(text.code, text.err).toBe(0);
    expect(text.out.length).toBeGreaterThan(0);
    const json = hqs('evaluate', file, '--as-of', '2026-11-21', '--format', 'json');
    expect(json.code, json.err).toBe(0);
    const ev = JSON.parse(json.out) as Record<string, unknown>;
    expect(ev.format).toBe('hqs-evaluation/1');
    expect(ev.asOf).toBe('2026-11-21');
    for (const key of ['lawVersion', 'eligibility', 'plan', 'obligations', 'checklist', 'findings'])
      expect(ev, key).toHaveProperty(key);
  });

  it('--lang ru prints Cyrillic', () => {
    const r = hqs('evaluate', 'examples/single-engineer.yaml', '--as-of', '2026-11-21', '--lang', 'ru');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/[А-Яа-яЁё]{4,}/);
  });

  it('--lang zh speaks Chinese: sentences, names instead of ids, the governing line, Russian citations', () => {
    const r = hqs('evaluate', 'examples/executive-family.yaml', '--as-of', '2026-11-21', '--lang', 'zh');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('中文内容仅供参考，法律以俄文文本为准。');
    expect(r.out).toContain('2026年第四季度之后一个月的最后一个工作日 → 2027年1月 → 2027年1月29日');
    expect(r.out).toContain('季度工资通知 (THOMAS MUELLER)');
    expect(r.out).toContain('115-ФЗ, ст. 13.2');
    expect(r.out).not.toMatch(/\bp\d+:|salary-notification:|-FZ\b/);
    const json = hqs(
      'evaluate',
      'examples/executive-family.yaml',
      '--as-of',
      '2026-11-21',
      '--lang',
      'zh',
      '--format',
      'json',
    );
    const ev = JSON.parse(json.out) as { obligations: { why: string }[] };
    expect(ev.obligations.every((o) => /\p{Script=Han}/u.test(o.why))).toBe(true);
  });

  it('--lang ru words dates, quarters and plurals as a Russian reader writes them', () => {
    const r = hqs('evaluate', 'examples/executive-family.yaml', '--as-of', '2026-11-21', '--lang', 'ru');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('за кварталом (IV квартал 2026 г.) → январь 2027 г. → 29 января 2027 г.');
    expect(r.out).toContain('Уведомление о выплате зарплаты (Томас Мюллер)');
    expect(r.out).not.toMatch(/-FZ\b|достоверность: (high|medium|low)|\.\./);
  });

  it('refuses a language it does not speak', () => {
    const r = hqs('evaluate', 'examples/single-engineer.yaml', '--lang', 'de');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--lang: expected en or ru or zh, got "de"/);
  });

  it('--with-proposed applies the 2026 bill', () => {
    const r = hqs(
      'evaluate',
      'examples/single-engineer.yaml',
      '--as-of',
      '2026-11-21',
      '--format',
      'json',
      '--with-proposed',
    );
    expect(r.code).toBe(0);
    const ev = JSON.parse(r.out) as { withProposed: boolean; eligibility: { threshold?: { status: string } } };
    expect(ev.withProposed).toBe(true);
    expect(ev.eligibility.threshold?.status).toBe('proposed');
  });
});

describe('hqs grounds and obligations in Chinese', () => {
  it('grounds --lang zh: Chinese titles and conditions, country names, worded confidence, Russian citations', () => {
    const r = hqs('grounds', '--as-of', '2026-03-01', '--lang', 'zh');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('115-ФЗ, ст. 8, п. 2, подп. 1');
    expect(r.out).toContain('可信度：中等');
    expect(r.out).toMatch(/白俄罗斯/);
    expect(r.out).not.toMatch(/\b(medium|high|low)\b|\b[A-Z]{2}, [A-Z]{2}\b|-FZ\b/);
  });

  it('grounds --lang ru: no source ids, no raw confidence level', () => {
    const r = hqs('grounds', '--as-of', '2026-03-01', '--lang', 'ru');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('достоверность: средняя');
    expect(r.out).not.toMatch(/-FZ\b|достоверность:? (high|medium|low)|rp\.[a-z-]+/);
  });

  it('obligations --lang zh prints the governing line and Chinese reasons', () => {
    const r = hqs('obligations', 'examples/single-engineer.yaml', '--lang', 'zh', '--as-of', '2026-11-21');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('中文内容仅供参考，法律以俄文文本为准。');
    expect(r.out).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
  });
});

describe('hqs usage', () => {
  it.each([
    ['no command', []],
    ['an unknown command', ['bogus']],
    ['evaluate without a file', ['evaluate']],
    ['validate without a file', ['validate']],
    ['evaluate with a bad --as-of', ['evaluate', 'examples/single-engineer.yaml', '--as-of', '2026-02-30']],
    ['evaluate with an unknown option', ['evaluate', 'examples/single-engineer.yaml', '--frobnicate']],
  ])('%s exits 2', (_label, args) => {
    const r = hqs(...(args as string[]));
    expect(r.code).toBe(2);
  });

  it.each(['validate', 'calendar', 'evaluate', 'law', 'start'])('%s --help exits 0 and prints help', (cmd) => {
    const r = hqs(cmd, '--help');
    expect(r.code).toBe(0);
    expect(r.out.trim().length).toBeGreaterThan(20);
  });

  it('hqs --help exits 0', () => {
    expect(hqs('--help').code).toBe(0);
  });
});
