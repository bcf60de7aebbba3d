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
