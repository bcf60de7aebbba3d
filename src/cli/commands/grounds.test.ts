// `hqs grounds` called in-process (the lead wires it into main.ts): the grounds in force on a date, in text
// and JSON, with processing times from the law data.
import { describe, expect, it } from 'vitest';
import { groundsCommand } from './grounds.ts';
import { UsageError } from '../args.ts';

function run(...argv: string[]): { code: number; out: string } {
  const out: string[] = [];
  const code = groundsCommand(argv, { out: (s) => out.push(s), err: (s) => out.push(s) });
  return { code, out: out.join('\n') };
}

interface Listing {
  asOf: string;
  grounds: {
    id: string;
    processing: { months?: number; workingDays?: number; parameter?: string };
    languageCertificate: { required: boolean };
  }[];
}

describe('hqs grounds', () => {
  it('--format json lists the grounds in force on the date with their processing times', () => {
    const r = run('--as-of', '2026-11-21', '--format', 'json');
    expect(r.code).toBe(0);
    const listing = JSON.parse(r.out) as Listing;
    expect(listing.asOf).toBe('2026-11-21');
    const hqs = listing.grounds.find((g) => g.id === 'hqs-and-family');
    expect(hqs?.processing).toMatchObject({ parameter: 'rp.hqs-processing-term', months: 3 });
    expect(hqs?.languageCertificate.required).toBe(false);
    expect(listing.grounds.find((g) => g.id === 'former-russian-citizen')?.processing.workingDays).toBe(15);
    expect(listing.grounds.length).toBeGreaterThanOrEqual(21);
  });

  it('leaves out grounds not yet in force: no Kazakh ground on 2022-01-01', () => {
    const ids = (JSON.parse(run('--as-of', '2022-01-01', '--format', 'json').out) as Listing).grounds.map((g) => g.id);
    expect(ids).toContain('hqs-and-family');
    expect(ids).not.toContain('citizen-kz-md-ua');
  });

  it('prints text in Russian with the citation and the processing time', () => {
    const r = run('--as-of', '2026-11-21', '--lang', 'ru');
    expect(r.code).toBe(0);
    expect(r.out).toContain('hqs-and-family — Высококвалифицированный специалист');
    // The one citation formatter (src/core), in Russian with the acts' Russian short names.
    expect(r.out).toContain('115-ФЗ, ст. 8, п. 2, подп. 9');
    expect(r.out).toMatch(/срок рассмотрения: 3 месяц|срок рассмотрения: 3 /);
  });

  it('rejects a positional argument as usage', () => {
    expect(() => run('extra')).toThrow(UsageError);
  });
});
