// Which residence grounds each person of a case may use (115-FZ art. 8 p.2, law/grounds): an HQS family,
// a Belarusian specialist, Kazakh citizens on either side of 2022-07-14, and grounds the case cannot decide.
import { describe, expect, it } from 'vitest';
import { loadLaw } from '../law/node.ts';
import { loadCalendar } from '../calendar/node.ts';
import type { IsoDate } from '../calendar/date.ts';
import { parseCase, type Case } from '../case/index.ts';
import { Ctx } from './context.ts';
import { boundary } from './index.ts';
import { readFacts } from './facts.ts';
import { deriveGrounds } from './grounds.ts';
import type { RenderedGroundOption as GroundOption } from './types.ts';
import { renderGround } from '../i18n/index.ts';
import type { CliLang } from '../core/lang.ts';

const law = loadLaw();
const calendar = loadCalendar();
const d = (s: string) => s as IsoDate;

function kase(raw: unknown): Case {
  const r = parseCase(raw, { countries: law.countries.codes, regions: law.regions.codes });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.case;
}

function grounds(c: Case, on: string, lang: CliLang = 'en'): GroundOption[] {
  // Worded as the API would (the wording of `why` lives in the renderer).
  const b = boundary({ law, calendar });
  return deriveGrounds(new Ctx(b.law, b.calendar, d(on), {}), c, readFacts(c, d(on))).map((g) =>
    renderGround(g, { lang, law }),
  );
}

const option = (list: readonly GroundOption[], person: string, ground: string): GroundOption | undefined =>
  list.find((g) => g.person === person && g.ground === ground);
const must = (list: readonly GroundOption[], person: string, ground: string): GroundOption => {
  const g = option(list, person, ground);
  if (!g) throw new Error(`no ground ${ground} for ${person}`);
  return g;
};

const employer = { name: 'ООО «Вектор»', inn: '7707083893', kind: 'commercial', hqsRegistered: '2024-11-01' };
const contract = {
  kind: 'employment',
  position: 'Engineer',
  occupation: 'general',
  salary: { amount: 400000, per: 'month' },
  start: '2025-05-01',
  end: '2028-03-31',
  regions: ['RU-MOW'],
};
const person = (id: string, citizenships: string[], extra: Record<string, unknown> = {}) => ({
  id,
  role: 'family',
  name: { latin: `PERSON ${id.toUpperCase()}` },
  birthDate: '1985-06-15',
  citizenships,
  passports: [{ number: `N${id}`, country: citizenships[0], issued: '2024-01-02', expires: '2034-01-01' }],
  ...extra,
});

const family = (events: unknown[]) =>
  kase({
    format: 'hqs-case/1',
    employer,
    people: [
      person('p1', ['DE'], { role: 'principal' }),
      person('p2', ['DE'], { relation: 'spouse' }),
      person('c1', ['DE'], { relation: 'child', birthDate: '2015-03-01' }),
      person('m1', ['DE'], { relation: 'parent', birthDate: '1955-01-01' }),
    ],
    contract,
    events,
  });

describe('grounds: an HQS family', () => {
  const issued = family([
    { on: '2025-03-10', type: 'work-permit-filed' },
    { on: '2025-04-01', type: 'work-permit-issued', validUntil: '2028-03-31', regions: ['RU-MOW'] },
  ]);
  const list = grounds(issued, '2026-03-02');

  it('the HQS ground applies to the specialist and every family member once the permit is issued', () => {
    for (const p of ['p1', 'p2', 'c1', 'm1']) {
      const g = must(list, p, 'hqs-and-family');
      expect(g.status, p).toBe('applies');
      expect(g.why).toContain('2025-04-01');
      expect(g.languageCertificate).toBe(false);
    }
  });

  it('with the processing time and basis from the law data (rp.hqs-processing-term)', () => {
    const g = must(list, 'p1', 'hqs-and-family');
    const v = law.valueAt('rp.hqs-processing-term', d('2026-03-02'));
    expect(g.processingMonths).toBe(v?.value);
    expect(g.basis).toEqual(expect.arrayContaining([...(v?.basis ?? [])]));
    expect(g.confidence).toBe('low');
  });

  it('and what each would file: the spouse the marriage certificate, the child the birth certificate, the parent kinship proof', () => {
    expect(must(list, 'p2', 'hqs-and-family').documents).toContain('marriage-certificate');
    expect(must(list, 'c1', 'hqs-and-family').documents).toContain('birth-certificate');
    expect(must(list, 'm1', 'hqs-and-family').documents).toContain('kinship-documents');
    expect(must(list, 'p1', 'hqs-and-family').documents).toEqual(
      expect.arrayContaining(['rp-application', 'passport', 'employment-contract', 'work-permit-card']),
    );
    expect(must(list, 'p1', 'hqs-and-family').documents).not.toContain('language-certificate');
  });

  it('applies once the permit is applied for, and is only possible before that', () => {
    const filed = grounds(family([{ on: '2025-03-10', type: 'work-permit-filed' }]), '2026-03-02');
    expect(must(filed, 'p2', 'hqs-and-family').status).toBe('applies');
    const none = grounds(family([]), '2026-03-02');
    expect(must(none, 'p2', 'hqs-and-family').status).toBe('possible');
    expect(must(none, 'p2', 'hqs-and-family').why).toContain('not been applied for');
  });

  it('the child may also come with the parent’s residence permit once the HQS has applied for one', () => {
    expect(must(list, 'c1', 'minor-with-parent').status).toBe('possible');
    expect(must(list, 'c1', 'minor-of-rp-holder').status).toBe('not-applicable');
    const rp = family([
      { on: '2025-04-01', type: 'work-permit-issued', validUntil: '2028-03-31', regions: ['RU-MOW'] },
      { on: '2025-09-01', type: 'rp-filed', person: 'p1' },
      { on: '2025-12-01', type: 'rp-issued', person: 'p1', validUntil: '2028-03-31' },
    ]);
    const after = grounds(rp, '2026-03-02');
    expect(must(after, 'c1', 'minor-with-parent').status).toBe('applies');
    expect(must(after, 'c1', 'minor-of-rp-holder').status).toBe('applies');
    expect(must(after, 'p2', 'minor-of-rp-holder').status).toBe('not-applicable');
  });

  it('grounds that depend on facts outside the case are possible, naming what to check', () => {
    const g = must(list, 'p2', 'russian-citizen-parent-or-child');
    expect(g.status).toBe('possible');
    expect(g.check).toEqual(['russian-citizen-parent-or-child']);
    expect(g.languageCertificate).toBe(false);
    expect(g.documents).toEqual(expect.arrayContaining(['russian-relative-passport', 'kinship-documents']));
    expect(g.documents).not.toContain('native-speaker-decision');
  });

  it('citizenship grounds do not apply to Germans; the IT ground not to a commercial employer', () => {
    expect(must(list, 'p1', 'citizen-kz-md-ua').status).toBe('not-applicable');
    expect(must(list, 'p1', 'citizen-by').status).toBe('not-applicable');
    expect(must(list, 'p1', 'it-specialist').status).toBe('not-applicable');
    expect(must(list, 'p1', 'it-specialist').documents).toEqual([]);
  });

  it('says why in Russian too', () => {
    const ru = grounds(issued, '2026-03-02', 'ru');
    expect(must(ru, 'p1', 'hqs-and-family').why).toMatch(
      /^Применимо: разрешение на работу ВКС выдано 1 апреля 2025 г./,
    );
  });
});

describe('grounds: a Belarusian specialist and Kazakh citizens', () => {
  const by = kase({
    format: 'hqs-case/1',
    employer,
    people: [person('p1', ['BY'], { role: 'principal' }), person('p2', ['BY'], { relation: 'spouse' })],
    contract,
  });
  const list = grounds(by, '2026-03-02');

  it('a citizen of Belarus may use the Belarus ground (3 months), with no permit needed to work (EAEU)', () => {
    const g = must(list, 'p1', 'citizen-by');
    expect(g.status).toBe('applies');
    expect(g.why).toContain('Belarus');
    expect(g.processingMonths).toBe(3);
    expect(must(list, 'p2', 'citizen-by').status).toBe('applies');
    expect(must(list, 'p1', 'citizen-kz-md-ua').status).toBe('not-applicable');
    // An EAEU citizen needs no HQS permit; the HQS ground stays possible until one is applied for.
    expect(must(list, 'p1', 'hqs-and-family').status).toBe('possible');
  });

  it('lists the general documents for it, with the language certificate (no exemption verified)', () => {
    const g = must(list, 'p1', 'citizen-by');
    expect(g.languageCertificate).toBe(true);
    expect(g.documents).toEqual(
      expect.arrayContaining(['rp-application', 'passport', 'language-certificate', 'income-proof']),
    );
    // A Belarusian needs no visa, so no criminal-record certificate for visa nationals.
    expect(g.documents).not.toContain('criminal-record-certificate');
  });

  it('the Kazakh ground is not there on 2022-07-13 and applies from 2022-07-14', () => {
    const kz = kase({
      format: 'hqs-case/1',
      employer,
      people: [person('p1', ['KZ'], { role: 'principal' })],
      contract,
    });
    expect(option(grounds(kz, '2022-07-13'), 'p1', 'citizen-kz-md-ua')).toBeUndefined();
    const g = must(grounds(kz, '2022-07-14'), 'p1', 'citizen-kz-md-ua');
    expect(g.status).toBe('applies');
    expect(g.processingMonths).toBe(law.valueAt('rp.processing-term', d('2022-07-14'))?.value);
  });
});
