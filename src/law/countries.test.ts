import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseCountriesFile, parseRegionsFile } from './countries.ts';
import type { CountryTable, RegionTable } from './countries.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const COUNTRIES_PATH = 'law/countries.yaml';
const REGIONS_PATH = 'law/regions.yaml';
const countriesText = readFileSync(new URL('../../law/countries.yaml', import.meta.url), 'utf8');
const regionsText = readFileSync(new URL('../../law/regions.yaml', import.meta.url), 'utf8');
const table: CountryTable = parseCountriesFile(countriesText, COUNTRIES_PATH);
const regions: RegionTable = parseRegionsFile(regionsText, REGIONS_PATH);

const require = createRequire(import.meta.url);
interface IsoCountries {
  registerLocale(data: unknown): void;
  getAlpha2Codes(): Record<string, string>;
  getName(code: string, lang: string): string | undefined;
}
const iso = require('i18n-iso-countries') as IsoCountries;
for (const lang of ['en', 'ru', 'zh']) iso.registerLocale(require(`i18n-iso-countries/langs/${lang}.json`));
const isoVersion = (require('i18n-iso-countries/package.json') as { version: string }).version;

describe('law/countries.yaml: the list and the names', () => {
  it('holds the 249 ISO 3166-1 alpha-2 codes: those of i18n-iso-countries except the user-assigned XK', () => {
    const expected = Object.keys(iso.getAlpha2Codes()).filter((c) => c !== 'XK').sort();
    expect(expected).toHaveLength(249);
    expect(table.countries).toHaveLength(249);
    expect([...table.codes].sort()).toEqual(expected);
    expect(table.codes.has('XK')).toBe(false);
  });

  it('names every country in en, ru and zh exactly as i18n-iso-countries does', () => {
    const mismatches: string[] = [];
    for (const c of table.countries) {
      for (const lang of ['en', 'ru', 'zh'] as const) {
        const want = iso.getName(c.code, lang);
        if (!want || c.names[lang] !== want || table.name(c.code, lang) !== want) mismatches.push(`${c.code}.${lang}: ${c.names[lang]} ≠ ${want}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(table.name('CN', 'zh')).toBe('中国');
    expect(table.name('RU', 'ru')).toBe('Российская Федерация');
  });

  it('states the package version it was generated from, and the dataset commit', () => {
    const pkg = table.sources.find((s) => s.id === 'i18n-iso-countries');
    expect(pkg?.version).toBe(isoVersion);
    const ds = table.sources.find((s) => s.id === 'passport-index-dataset');
    expect(ds?.commit).toBe('a46dbc872002e01f6465a69071a7ed5b6dc8fc7b');
    expect(ds?.asOf).toBe('2025-01-12');
  });

  it('is what scripts/gen-countries.ts generates now (the file cannot drift from the generator)', () => {
    const run = spawnSync(process.execPath, ['bin/run-ts.js', 'scripts/gen-countries.ts', '--check'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('marks Russia, and only Russia, as self', () => {
    expect(table.countries.filter((c) => c.self).map((c) => c.code)).toEqual(['RU']);
  });

  it('cites only the agreed source ids', () => {
    const known = /^(114-FZ|115-FZ|154-FZ|EAEU-Treaty|Hague-Apostille-Convention|Minsk-Convention|UA-Law-2783-IX|Presidential-Decree-2025-12-01-CN|bilateral-RU-[A-Z]{2}|legal-assistance-RU-[A-Z]{2})$/;
    const ids = new Set<string>();
    const collect = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(collect);
      else if (v && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) {
          if (k === 'source' && typeof x === 'string') ids.add(x);
          else collect(x);
        }
      }
    };
    collect(table.countries);
    const unknown = [...ids].filter((id) => !known.test(id));
    expect(unknown).toEqual([]);
    // bilateral-RU-XX / legal-assistance-RU-XX name the country they sit under
    for (const c of table.countries) {
      const own = new Set<string>();
      for (const row of c.visaFreeEntry) for (const b of row.basis) if (b.source.startsWith('bilateral-RU-')) own.add(b.source);
      for (const id of own) expect(id).toBe(`bilateral-RU-${c.code}`);
      const treaty = c.legalAssistanceTreaty?.basis[0]?.source;
      if (treaty !== undefined) expect(treaty).toBe(`legal-assistance-RU-${c.code}`);
    }
  });

  it('gives every country a dated value on any day (visa look-ups never fall through)', () => {
    for (const c of table.countries) {
      for (const d of ['1990-01-01', '2025-01-12', '2026-11-21', '2040-12-31']) {
        expect(() => table.visaRequired(c.code, d)).not.toThrow();
        expect(() => table.legalization(c.code, d)).not.toThrow();
      }
    }
  });
});

describe('visa-free entry (114-FZ art. 24; waivers; decree of 2025-12-01 for China)', () => {
  it('most nationals need a visa: the United States, Germany, India', () => {
    for (const code of ['US', 'DE', 'IN']) {
      const v = table.visaRequired(code, '2026-03-01');
      expect(v.required).toBe(true);
      expect(v.workAllowedVisaFree).toBe(false);
      expect(v.basis[0]?.source).toBe('114-FZ');
    }
  });

  it('China: a visa the day before the decree, none from 2025-12-01 to 2026-09-14, a visa again from 2026-09-15', () => {
    expect(table.visaRequired('CN', '2025-11-30').required).toBe(true);
    const on = table.visaRequired('CN', '2025-12-01');
    expect(on.required).toBe(false);
    expect(on.maxStayDays).toBe(30);
    expect(on.workAllowedVisaFree).toBe(false);
    expect(on.purposes).not.toContain('work');
    expect(on.note).toMatch(/work visa/);
    expect(on.confidence).toBe('high');
    expect(on.basis.map((b) => b.source)).toContain('Presidential-Decree-2025-12-01-CN');
    expect(table.visaRequired('CN', '2026-09-14').required).toBe(false);
    const after = table.visaRequired('CN', '2026-09-15');
    expect(after.required).toBe(true);
    expect(after.confidence).toBe('low');
    expect(after.note).toMatch(/extension was not verified/);
  });

  it('Oman: visa-free from 2025-07-18, not for work', () => {
    expect(table.visaRequired('OM', '2025-07-17').required).toBe(true);
    const v = table.visaRequired('OM', '2025-07-18');
    expect(v.required).toBe(false);
    expect(v.workAllowedVisaFree).toBe(false);
    expect(v.maxStayDays).toBe(30);
  });

  it('Saudi Arabia: the signed agreement is not treated as in force', () => {
    const v = table.visaRequired('SA', '2026-11-21');
    expect(v.required).toBe(true);
    expect(v.note).toMatch(/2025-12-01/);
  });

  it('CIS and EAEU nationals enter visa-free and may come to work; dataset rows are dated 2025-01-12', () => {
    for (const code of ['KZ', 'AM', 'BY', 'KG', 'UZ', 'TJ', 'AZ', 'MD']) {
      const v = table.visaRequired(code, '2026-01-15');
      expect(v.required, code).toBe(false);
      expect(v.workAllowedVisaFree, code).toBe(true);
      expect(v.asOf, code).toBe('2025-01-12');
    }
  });

  it('dataset visa waivers exclude work: Brazil, Thailand, Serbia', () => {
    for (const code of ['BR', 'TH', 'RS']) {
      const v = table.visaRequired(code, '2026-01-15');
      expect(v.required, code).toBe(false);
      expect(v.workAllowedVisaFree, code).toBe(false);
      expect(v.purposes, code).toEqual(['tourism', 'private', 'business', 'transit']);
    }
    expect(table.visaRequired('AD', '2026-01-15').confidence).toBe('low');
  });

  it('Russian nationals need no visa', () => {
    expect(table.visaRequired('RU', '2026-01-15').required).toBe(false);
  });
});

describe('EAEU membership (Treaty on the EAEU art. 97)', () => {
  const cases: [string, string, boolean][] = [
    ['RU', '2014-12-31', false], ['RU', '2015-01-01', true],
    ['BY', '2014-12-31', false], ['BY', '2015-01-01', true],
    ['KZ', '2014-12-31', false], ['KZ', '2015-01-01', true],
    ['AM', '2015-01-01', false], ['AM', '2015-01-02', true],
    ['KG', '2015-08-11', false], ['KG', '2015-08-12', true],
    ['UZ', '2026-01-01', false], ['TJ', '2026-01-01', false], ['DE', '2026-01-01', false],
  ];
  it.each(cases)('%s on %s → %s', (code, date, member) => {
    expect(table.isEaeu(code, date)).toBe(member);
  });
});

describe('legalization of foreign documents (Minsk art. 13 → none; Hague → apostille; else consular)', () => {
  it('Germany: apostille since the Convention is in force for both', () => {
    const l = table.legalization('DE', '2026-03-01');
    expect(l.kind).toBe('apostille');
    expect(l.confidence).toBe('high');
    expect(l.basis[0]?.source).toBe('Hague-Apostille-Convention');
    expect(l.possibleExemption).toBeUndefined();
  });

  it('Germany before the Convention bound Russia (1992-05-31): consular legalization', () => {
    expect(table.legalization('DE', '1992-05-30').kind).toBe('consular-legalization');
    expect(table.legalization('DE', '1992-05-31').kind).toBe('apostille');
  });

  it('Kazakhstan: no legalization under the Minsk Convention; before it bound Russia (1994-12-10) it did not apply', () => {
    const l = table.legalization('KZ', '2026-03-01');
    expect(l.kind).toBe('none-minsk');
    expect(l.basis[0]?.source).toBe('Minsk-Convention');
    expect(l.confidence).toBe('high');
    expect(table.legalization('KZ', '1994-12-09').kind).toBe('consular-legalization');
    expect(table.legalization('KZ', '1994-12-10').kind).toBe('none-minsk');
  });

  it('United Arab Emirates, a party to neither: consular legalization (Consular Statute art. 27)', () => {
    const l = table.legalization('AE', '2026-03-01');
    expect(l.kind).toBe('consular-legalization');
    expect(l.basis[0]).toMatchObject({ source: '154-FZ', article: '27' });
  });

  it('China (mainland): consular legalization before 2023-11-07, apostille from then, with the objection and treaty caveats', () => {
    const before = table.legalization('CN', '2023-11-06');
    expect(before.kind).toBe('consular-legalization');
    expect(before.possibleExemption?.basis[0]?.source).toBe('legal-assistance-RU-CN');
    const from = table.legalization('CN', '2023-11-07');
    expect(from.kind).toBe('apostille');
    expect(from.confidence).toBe('medium');
    expect(from.note).toMatch(/objected/);
    expect(from.possibleExemption).toBeDefined();
  });

  it('Hong Kong and Macao: apostille as territorial extensions', () => {
    for (const code of ['HK', 'MO']) {
      const l = table.legalization(code, '2026-03-01');
      expect(l.kind, code).toBe('apostille');
      expect(table.get(code)?.hague?.extensionOf, code).toBe('CN');
    }
  });

  it('Ukraine: none under Minsk until 2022-12-22; from 2022-12-23 the Convention is suspended → apostille', () => {
    expect(table.legalization('UA', '2022-12-22').kind).toBe('none-minsk');
    const after = table.legalization('UA', '2022-12-23');
    expect(after.kind).toBe('apostille');
  });

  it('Viet Nam: consular legalization (a treaty may exempt) until 2026-09-10, apostille from 2026-09-11', () => {
    const before = table.legalization('VN', '2026-09-10');
    expect(before.kind).toBe('consular-legalization');
    expect(before.possibleExemption).toBeDefined();
    expect(table.legalization('VN', '2026-09-11').kind).toBe('apostille');
  });

  it('Thailand: the pending accession counts only from 2027-02-28', () => {
    expect(table.legalization('TH', '2027-02-27').kind).toBe('consular-legalization');
    expect(table.legalization('TH', '2027-02-28').kind).toBe('apostille');
  });

  it('Moldova: Minsk still applies, at medium confidence with a note to check', () => {
    const l = table.legalization('MD', '2026-03-01');
    expect(l.kind).toBe('none-minsk');
    expect(l.confidence).toBe('medium');
    expect(l.note).toMatch(/not confirmed/);
  });

  it('a document issued in Russia is domestic', () => {
    expect(table.legalization('RU', '2026-03-01').kind).toBe('none-domestic');
  });

  it('rejects an unknown code and a date that is not real, naming them', () => {
    expect(() => table.legalization('XK', '2026-03-01')).toThrow(/law\/countries\.yaml: unknown country code "XK"/);
    expect(() => table.visaRequired('DE', '2026-02-30')).toThrow(/"2026-02-30" is not a real date/);
    expect(() => table.name('ZZ', 'en')).toThrow(/"ZZ"/);
  });
});

// ---------------------------------------------------------------------------------------------------
// Parser: a small valid file, then one mistake at a time.

const cite = { source: '114-FZ', article: '24', evidence: 'http://pravo.gov.ru/proxy/ips/?docbody=&nd=102043016' };
const prov = { confidence: 'medium', asOf: '2025-01-12', verified: '2026-11-21', basis: [cite] };
const required = { visaFree: false, purposes: [], workAllowed: false, ...prov };
const rule = { confidence: 'high', verified: '2026-11-21', basis: [cite] };

function fixture(): { sources: unknown[]; consularLegalization: unknown; domesticDocuments: unknown; countries: Record<string, unknown>[] } {
  return {
    sources: [{ id: 'research', covers: 'all', file: 'legal-facts.md', asOf: '2026-11-21' }],
    consularLegalization: rule,
    domesticDocuments: rule,
    countries: [
      {
        code: 'RU',
        self: true,
        names: { en: 'Russia', ru: 'Россия', zh: '俄罗斯' },
        visaFreeEntry: [{ visaFree: true, purposes: ['any'], workAllowed: true, ...prov }],
        eaeu: { memberFrom: '2015-01-01', ...prov },
        hague: { inForceFrom: '1992-05-31', objectionsPossible: false, ...prov },
        minsk: { party: true, inForceFrom: '1994-12-10', confidence: 'high', verified: '2026-11-21', basis: [cite] },
      },
      {
        code: 'DE',
        names: { en: 'Germany', ru: 'Германия', zh: '德国' },
        visaFreeEntry: [{ ...required }],
        hague: { inForceFrom: '1966-02-13', objectionsPossible: false, ...prov },
      },
      {
        code: 'CN',
        names: { en: 'China', ru: 'Китай', zh: '中国' },
        visaFreeEntry: [
          { ...required, to: '2025-11-30' },
          { ...prov, from: '2025-12-01', to: '2026-09-14', visaFree: true, maxStayDays: 30, purposes: ['tourism'], workAllowed: false },
          { ...required, from: '2026-09-15' },
        ],
      },
    ],
  };
}

const parseFixture = (f: ReturnType<typeof fixture>) => parseCountriesFile(stringify(f), COUNTRIES_PATH);
const errorOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error, none was thrown');
};

describe('parseCountriesFile: strict loading', () => {
  it('accepts the small valid file', () => {
    const t = parseFixture(fixture());
    expect(t.codes).toEqual(new Set(['RU', 'DE', 'CN']));
    expect(t.visaRequired('CN', '2025-12-01').required).toBe(false);
  });

  it('rejects an unknown key, naming the file and the path', () => {
    const f = fixture();
    (f.countries[1] as Record<string, unknown>).hage = {};
    expect(errorOf(() => parseFixture(f))).toContain('law/countries.yaml: countries[1].hage: unknown key');
  });

  it('rejects a date that is not real, naming the path and the value', () => {
    const f = fixture();
    (f.countries[1]?.hague as Record<string, unknown>).inForceFrom = '1966-02-30';
    const msg = errorOf(() => parseFixture(f));
    expect(msg).toContain('law/countries.yaml: countries[1].hague.inForceFrom: expected a real date');
    expect(msg).toContain('1966-02-30');
  });

  it('rejects a duplicate code', () => {
    const f = fixture();
    f.countries.push(structuredClone(f.countries[1] as Record<string, unknown>));
    expect(errorOf(() => parseFixture(f))).toContain('law/countries.yaml: countries[3].code: duplicate code DE (already at countries[1])');
  });

  it('rejects overlapping dated values', () => {
    const f = fixture();
    const rows = f.countries[2]?.visaFreeEntry as Record<string, unknown>[];
    (rows[1] as Record<string, unknown>).from = '2025-11-15';
    expect(errorOf(() => parseFixture(f))).toMatch(/law\/countries\.yaml: countries\[2\]\.visaFreeEntry\[1\]\.from: 2025-11-15 overlaps the previous value/);
  });

  it('rejects a gap between dated values, and values out of order', () => {
    const f = fixture();
    const rows = f.countries[2]?.visaFreeEntry as Record<string, unknown>[];
    (rows[2] as Record<string, unknown>).from = '2026-10-01';
    expect(errorOf(() => parseFixture(f))).toMatch(/countries\[2\]\.visaFreeEntry\[2\]\.from: 2026-10-01 leaves a gap .* expected 2026-09-15/);
    const g = fixture();
    (g.countries[2] as Record<string, unknown>).visaFreeEntry = [...(g.countries[2]?.visaFreeEntry as unknown[])].reverse();
    expect(errorOf(() => parseFixture(g))).toMatch(/visaFreeEntry\[0\]\.from: the first value must leave 'from' open/);
  });

  it('rejects a visa-required value that lists purposes, and workAllowed that contradicts the purposes', () => {
    const f = fixture();
    (f.countries[1]?.visaFreeEntry as Record<string, unknown>[])[0]!.purposes = ['tourism'];
    expect(errorOf(() => parseFixture(f))).toContain('countries[1].visaFreeEntry[0].purposes: must be empty when visaFree is false');
    const g = fixture();
    (g.countries[2]?.visaFreeEntry as Record<string, unknown>[])[1]!.workAllowed = true;
    expect(errorOf(() => parseFixture(g))).toContain('countries[2].visaFreeEntry[1].workAllowed: is true but purposes [tourism] do not cover work');
  });

  it('rejects a missing citation and a missing field', () => {
    const f = fixture();
    (f.countries[1]?.hague as Record<string, unknown>).basis = [];
    delete (f.countries[1] as Record<string, unknown>).names;
    const msg = errorOf(() => parseFixture(f));
    expect(msg).toContain('countries[1].hague.basis: a citation is required');
    expect(msg).toContain('countries[1].names: required, missing');
  });

  it('lists every problem at once, with a count', () => {
    const f = fixture();
    (f.countries[1] as Record<string, unknown>).hage = {};
    (f.countries[2] as Record<string, unknown>).code = 'china';
    f.countries.push(structuredClone(f.countries[0] as Record<string, unknown>));
    const msg = errorOf(() => parseFixture(f));
    expect(msg).toMatch(/^law\/countries\.yaml: 4 problems in the countries file:/);
    expect(msg).toContain('countries[1].hage: unknown key [DE]');
    expect(msg).toContain('countries[2].code: expected an ISO 3166-1 alpha-2 code');
    expect(msg).toContain('countries[3].code: duplicate code RU');
    expect(msg).toContain('countries: exactly one country must be marked self: true (Russia), found 2');
  });

  it('requires exactly one self country', () => {
    const f = fixture();
    delete (f.countries[0] as Record<string, unknown>).self;
    expect(errorOf(() => parseFixture(f))).toContain('exactly one country must be marked self: true');
  });

  it('rejects a Hague extension to a country not in the file', () => {
    const f = fixture();
    (f.countries[1]?.hague as Record<string, unknown>).extensionOf = 'GB';
    expect(errorOf(() => parseFixture(f))).toContain('countries[1].hague.extensionOf: GB is not a country in this file');
  });

  it('rejects text that is not YAML and an unknown top-level key', () => {
    expect(errorOf(() => parseCountriesFile('countries: [\n', COUNTRIES_PATH))).toMatch(/^law\/countries\.yaml: not valid YAML/);
    expect(errorOf(() => parseCountriesFile(stringify({ ...fixture(), extra: 1 }), COUNTRIES_PATH))).toContain('law/countries.yaml: extra: unknown key');
  });
});

describe('law/regions.yaml: Russia\'s federal subjects', () => {
  it('lists 85: the 83 ISO 3166-2:RU subdivisions and RU-CR, RU-SEV (not ISO)', () => {
    expect(regions.regions).toHaveLength(85);
    expect(regions.regions.filter((r) => r.iso)).toHaveLength(83);
    expect(regions.regions.filter((r) => !r.iso).map((r) => r.code).sort()).toEqual(['RU-CR', 'RU-SEV']);
  });

  it('has the ISO kinds: 21 republics, 9 krais, 46 oblasts, 2 federal cities, 1 autonomous oblast, 4 autonomous okrugs', () => {
    const count = (kind: string) => regions.regions.filter((r) => r.iso && r.kind === kind).length;
    expect([count('republic'), count('krai'), count('oblast'), count('federal-city'), count('autonomous-oblast'), count('autonomous-okrug')]).toEqual([21, 9, 46, 2, 1, 4]);
  });

  it('names regions in en and ru, and explains the non-ISO ones with a basis', () => {
    expect(regions.name('RU-MOW', 'en')).toBe('Moscow');
    expect(regions.name('RU-SPE', 'ru')).toBe('Санкт-Петербург');
    expect(regions.name('RU-MOS', 'en')).toBe('Moscow Oblast');
    const sev = regions.get('RU-SEV');
    expect(sev?.note).toMatch(/UA-40/);
    expect(sev?.basis?.map((b) => b.source)).toContain('115-FZ');
    expect(regions.get('RU-CR')?.note).toMatch(/UA-43/);
    expect(regions.codes.has('RU-CR')).toBe(true);
    expect(() => regions.name('RU-XXX', 'en')).toThrow(/law\/regions\.yaml: unknown region code "RU-XXX"/);
  });

  it('rejects a duplicate code, an unknown key, a bad code and an unexplained non-ISO region', () => {
    const base = { sources: [{ id: 'iso', covers: 'codes', origin: 'https://www.iso.org/obp/ui/#iso:code:3166:RU' }] };
    const moscow = { code: 'RU-MOW', iso: true, kind: 'federal-city', names: { en: 'Moscow', ru: 'Москва' } };
    const msg = errorOf(() =>
      parseRegionsFile(
        stringify({
          ...base,
          regions: [moscow, moscow, { ...moscow, code: 'RU-SPE', capital: 'x' }, { ...moscow, code: 'MOW' }, { ...moscow, code: 'RU-CR', iso: false }],
        }),
        REGIONS_PATH,
      ),
    );
    expect(msg).toContain('law/regions.yaml: regions[1].code: duplicate code RU-MOW (already at regions[0])');
    expect(msg).toContain('law/regions.yaml: regions[2].capital: unknown key');
    expect(msg).toContain('law/regions.yaml: regions[3].code: expected an ISO 3166-2:RU style code');
    expect(msg).toContain('law/regions.yaml: regions[4]: a region with iso: false needs a note');
  });
});
