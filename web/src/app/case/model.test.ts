import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCalendar } from '../../../../src/calendar/node.ts';
import type { IsoDate } from '../../../../src/core/date.ts';
import { parseCase } from '../../../../src/case/index.ts';
import { createEngine } from '../../../../src/engine/index.ts';
import { renderEvaluation } from '../../../../src/i18n/index.ts';
import { loadLaw } from '../../../../src/law/node.ts';
import type { Case, Person } from '../../../../src/case/schema.ts';
import type {
  RenderedChecklistItem as ChecklistItem,
  RenderedObligation as Obligation,
} from '../../../../src/engine/types.ts';
import {
  checklistCounts,
  currentPassportIndex,
  draftForObligation,
  draftForStep,
  dueIn,
  EVENT_SPECS,
  EVENT_TYPES,
  eventFromDraft,
  eventsNewestFirst,
  formKeyOfPath,
  groupChecklist,
  markVerb,
  newDraft,
  nextPersonId,
  peopleOrder,
  personFromForm,
  personToForm,
  pluralForm,
  retype,
  scansFor,
  sortObligations,
} from './model.ts';

const TODAY = '2026-11-21';

const principal = {
  id: 'p1',
  role: 'principal',
  name: { latin: 'THOMAS MUELLER', cyrillic: 'Томас Мюллер' },
  sex: 'M',
  birthDate: '1978-09-03',
  citizenships: ['DE'],
  passports: [
    { number: 'OLD1', country: 'DE', issued: '2009-06-12', expires: '2019-06-11' },
    { number: 'C4F7K2M9R', country: 'DE', issued: '2019-06-12', expires: '2029-06-11' },
  ],
  history: { priorRefusal: false },
  email: 't.mueller@example.com',
} as Person;
const spouse = {
  id: 'p2',
  role: 'family',
  relation: 'spouse',
  name: { latin: 'ANNA MUELLER' },
  birthDate: '1981-04-17',
  citizenships: ['DE'],
} as Person;

const CASE = {
  format: 'hqs-case/1',
  employer: { name: 'АО «Нордфарм Рус»', inn: '7703129650', kind: 'commercial' },
  people: [spouse, principal],
  contract: {
    kind: 'employment',
    position: 'General director',
    occupation: 'general',
    salary: { amount: 1_500_000, per: 'month' },
    start: '2025-06-01',
    regions: ['RU-MOW', 'RU-MOS'],
  },
  events: [
    { on: '2025-05-28', type: 'entry', person: 'p1' },
    { on: '2025-04-14', type: 'contract-signed' },
    { on: '2025-05-28', type: 'exit', person: 'p2' },
  ],
} as unknown as Case;

const ob = (o: Partial<Obligation> & Pick<Obligation, 'id' | 'kind'>): Obligation =>
  ({
    person: 'p1',
    due: '2026-12-01',
    window: { from: '2026-11-01', to: '2026-12-01' },
    status: 'upcoming',
    basis: [],
    why: '',
    ...o,
  }) as Obligation;

describe('the event that discharges a duty or a step: the one the engine names (completedBy)', () => {
  const law = loadLaw();
  const engine = createEngine({ law, calendar: loadCalendar() });
  const tables = { countries: law.countries.codes, regions: law.regions.codes };
  const dir = new URL('../../../../examples/', import.meta.url);
  const cases = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => {
      const r = parseCase(readFileSync(new URL(f, dir), 'utf8'), { ...tables, format: 'yaml' });
      if (!r.ok) throw new Error(`examples/${f} is invalid`);
      return r.case;
    });
  const evaluations = cases.flatMap((c) =>
    (['2025-03-01', '2026-11-21', '2028-06-01'] as const).map(
      (on) => [c, renderEvaluation(engine.evaluate(c, on as IsoDate), { lang: 'en', law })] as const,
    ),
  );

  it('drafts the event the engine names for every open duty, with the fields that tell it apart', () => {
    let open = 0;
    for (const [c, ev] of evaluations)
      for (const o of ev.obligations) {
        const d = draftForObligation(o, c, TODAY);
        if (o.status === 'done' || o.status === 'not-applicable' || o.completedBy === undefined) {
          expect(d, o.id).toBeNull();
          continue;
        }
        open++;
        expect(d!.type, o.id).toBe(o.completedBy.type);
        if (EVENT_SPECS[d!.type].person === 'person') expect(d!.person, o.id).toBe(o.completedBy.person ?? o.person);
        const { event, problems } = eventFromDraft(d!);
        // Only what the user must still type is missing (a date the engine cannot know, a permit number…).
        expect(
          problems.filter((p) => p.code !== 'required'),
          o.id,
        ).toEqual([]);
        if (event)
          for (const [k, v] of Object.entries(o.completedBy.fields ?? {})) expect(event[k], `${o.id} ${k}`).toBe(v);
      }
    expect(open).toBeGreaterThan(10);
  });

  it('files the quarter of a salary notification and the year of an annual notification', () => {
    const all = evaluations.flatMap(([c, ev]) => ev.obligations.map((o) => [c, o] as const));
    const salary = all.find(([, o]) => o.kind === 'salary-notification' && o.status !== 'done')!;
    expect(eventFromDraft(draftForObligation(salary[1], salary[0], TODAY)!).event).toMatchObject({
      type: 'notification-filed',
      kind: 'salary',
      period: salary[1].id.slice('salary-notification:'.length),
    });
    const annual = all.find(([, o]) => o.kind === 'rp-annual-notification' && o.status !== 'done');
    if (annual)
      expect(eventFromDraft(draftForObligation(annual[1], annual[0], TODAY)!).event).toMatchObject({
        type: 'rp-annual-notification-filed',
        person: annual[1].person,
        year: Number(annual[1].id.slice(annual[1].id.lastIndexOf(':') + 1)),
      });
  });

  it('drafts none for an absence limit or a duty already met', () => {
    const ob = (o: Partial<Obligation>): Obligation =>
      ({
        id: 'x',
        kind: 'work-permit-collection',
        person: 'p1',
        due: '2026-12-01',
        window: { from: '2026-11-01', to: '2026-12-01' },
        status: 'upcoming',
        basis: [],
        why: '',
        because: [],
        ...o,
      }) as Obligation;
    expect(draftForObligation(ob({ kind: 'rp-absence-limit', status: 'due' }), CASE, TODAY)).toBeNull();
    const by = { type: 'work-permit-collected' } as const;
    expect(draftForObligation(ob({ completedBy: by, status: 'done' }), CASE, TODAY)).toBeNull();
    expect(draftForObligation(ob({ completedBy: by }), CASE, TODAY)).toMatchObject({ type: 'work-permit-collected' });
  });

  it('drafts the event of every open plan step; the permit regions come from the contract', () => {
    let open = 0;
    for (const [c, ev] of evaluations)
      for (const s of ev.plan) {
        const d = draftForStep(s, c, TODAY);
        if (s.status === 'done' || s.status === 'not-applicable') {
          expect(d).toBeNull();
          continue;
        }
        open++;
        expect(d!.type, `${s.id} ${s.person}`).toBe(s.completedBy?.type);
        if (EVENT_SPECS[d!.type].person === 'person') expect(d!.person).toBe(s.completedBy?.person ?? s.person);
        if (d!.type === 'work-permit-issued') expect(d!.fields.regions).toEqual(c.contract.regions);
        if (s.id === 'indefinite-rp') expect(eventFromDraft(d!).event).toMatchObject({ indefinite: true });
      }
    expect(open).toBeGreaterThan(5);
  });

  it('says "filed" for filings and "done" for the rest', () => {
    expect(markVerb('work-permit-filed')).toBe('filed');
    expect(markVerb('notification-filed')).toBe('filed');
    expect(markVerb('entry')).toBe('done');
  });
});

describe('an event draft', () => {
  it('has a spec for every type, in the spec order', () => {
    expect(EVENT_TYPES[0]).toBe('employer-registered');
    expect(EVENT_TYPES).toHaveLength(24);
    expect(EVENT_SPECS['visa-issued'].fields.map((f) => f.name)).toEqual(['validFrom', 'validUntil', 'entries']);
  });

  it('names each missing or malformed field at the path the server uses', () => {
    const d = newDraft('visa-issued', CASE, '2026-02-30', 'p2', { validFrom: '2026-01-01', validUntil: '' });
    expect(eventFromDraft(d).problems).toEqual([
      { path: 'event.on', code: 'date' },
      { path: 'event.validUntil', code: 'required' },
    ]);
    const s = newDraft('salary-paid', CASE, TODAY, undefined, { period: '2026-q5', amount: '-3' });
    expect(eventFromDraft(s).problems).toEqual([
      { path: 'event.period', code: 'period' },
      { path: 'event.amount', code: 'amount' },
    ]);
  });

  it('reads amounts written with spaces and a decimal comma, and upper-cases periods', () => {
    const s = newDraft('salary-paid', CASE, TODAY, undefined, { period: '2026-q3', amount: '4 500 000,50' });
    expect(eventFromDraft(s).event).toEqual({ type: 'salary-paid', on: TODAY, period: '2026-Q3', amount: 4_500_000.5 });
  });

  it('applies the cross-field rules of the case format', () => {
    expect(eventFromDraft(newDraft('notification-filed', CASE, TODAY, undefined, { kind: 'salary' })).problems).toEqual(
      [{ path: 'event.period', code: 'required' }],
    );
    // A period left from a salary draft is dropped for another kind.
    expect(
      eventFromDraft(
        newDraft('notification-filed', CASE, TODAY, undefined, { kind: 'contract-concluded', period: '2026-Q1' }),
      ).event,
    ).toEqual({ type: 'notification-filed', on: TODAY, kind: 'contract-concluded' });
    expect(eventFromDraft(newDraft('rp-issued', CASE, TODAY, 'p1')).problems).toEqual([
      { path: 'event.validUntil', code: 'untilOrIndefinite' },
    ]);
    expect(
      eventFromDraft(newDraft('rp-issued', CASE, TODAY, 'p1', { validUntil: '2031-01-01', indefinite: true })).problems,
    ).toEqual([{ path: 'event.indefinite', code: 'notBoth' }]);
    expect(eventFromDraft(newDraft('registered', CASE, TODAY, 'p1', { until: '2026-01-01' })).problems).toEqual([
      { path: 'event.until', code: 'beforeOn' },
    ]);
    expect(
      eventFromDraft(
        newDraft('passport-renewed', CASE, TODAY, 'p1', { number: 'X1', issued: '2026-01-01', expires: '2025-01-01' }),
      ).problems,
    ).toEqual([{ path: 'event.expires', code: 'issuedAfterExpires' }]);
  });

  it('requires the person of a personal event and leaves it out of a principal one', () => {
    expect(eventFromDraft({ ...newDraft('entry', CASE, TODAY), person: '' }).problems).toEqual([
      { path: 'event.person', code: 'required' },
    ]);
    expect(newDraft('entry', CASE, TODAY).person).toBe('p1');
    expect(eventFromDraft({ ...newDraft('work-permit-filed', CASE, TODAY), person: 'p2' }).event).toEqual({
      type: 'work-permit-filed',
      on: TODAY,
    });
  });

  it('keeps date, person and note when the type changes, and drops the old fields', () => {
    const d = { ...newDraft('exit', CASE, '2026-03-03', 'p2', { via: 'SVO' }), note: 'by train' };
    const r = retype(d, 'insurance', CASE);
    expect(r).toEqual({
      type: 'insurance',
      on: '2026-03-03',
      person: 'p2',
      fields: { validFrom: '', validUntil: '' },
      note: 'by train',
    });
    expect(eventFromDraft({ ...d, note: '  ' }).event).toEqual({
      type: 'exit',
      on: '2026-03-03',
      person: 'p2',
      via: 'SVO',
    });
  });

  it('lists events newest first with their index in the case', () => {
    expect(eventsNewestFirst(CASE).map((e) => e.index)).toEqual([2, 0, 1]);
  });
});

describe('obligations', () => {
  it('puts overdue first, then due, upcoming, done, not applicable, soonest first', () => {
    const list = [
      ob({ id: 'a', kind: 'salary-notification', status: 'done', due: '2026-01-01' }),
      ob({ id: 'b', kind: 'salary-notification', status: 'upcoming', due: '2027-01-01' }),
      ob({ id: 'c', kind: 'salary-notification', status: 'overdue', due: '2026-10-01' }),
      ob({ id: 'd', kind: 'salary-notification', status: 'upcoming', due: '2026-12-01' }),
      ob({ id: 'e', kind: 'salary-notification', status: 'due', due: '2026-11-30' }),
      ob({ id: 'f', kind: 'salary-notification', status: 'not-applicable', due: '2025-01-01' }),
      ob({ id: 'g', kind: 'salary-notification', status: 'overdue', due: '2026-09-01' }),
    ];
    expect(sortObligations(list).map((o) => o.id)).toEqual(['g', 'c', 'e', 'd', 'b', 'a', 'f']);
  });

  it('counts days left, today and days late; none once met', () => {
    expect(dueIn({ status: 'upcoming', due: '2026-11-24' }, TODAY)).toEqual({ kind: 'left', n: 3 });
    expect(dueIn({ status: 'due', due: TODAY }, TODAY)).toEqual({ kind: 'today', n: 0 });
    expect(dueIn({ status: 'overdue', due: '2026-10-22' }, TODAY)).toEqual({ kind: 'late', n: 30 });
    expect(dueIn({ status: 'done', due: '2026-10-22' }, TODAY)).toEqual({ kind: 'closed', n: 0 });
    // Across a change of summer time the count stays whole.
    expect(dueIn({ status: 'upcoming', due: '2027-04-01' }, '2027-03-01')).toEqual({ kind: 'left', n: 31 });
  });

  it('picks the plural form of each language', () => {
    expect([1, 2, 5, 21].map((n) => pluralForm('ru', n))).toEqual(['one', 'few', 'many', 'one']);
    expect([1, 2].map((n) => pluralForm('en', n))).toEqual(['one', 'other']);
    expect(pluralForm('zh', 1)).toBe('other');
  });
});

describe('the checklist', () => {
  const item = (
    person: string,
    procedure: string,
    document: string,
    order: number,
    status: ChecklistItem['status'] = 'missing',
  ): ChecklistItem =>
    ({
      person,
      procedure,
      document,
      status,
      why: '',
      requirement: {
        order,
        title: { en: document, ru: document },
        issuer: { en: '', ru: '' },
        form: 'copy',
        copies: 1,
        legalization: 'not-applicable',
        translation: false,
        fileName: `${order}.pdf`,
        basis: [],
      },
    }) as ChecklistItem;
  const items = [
    item('p2', 'hqs-rp', 'passport', 2),
    item('p1', 'hqs-rp', 'photo', 3),
    item('p1', 'hqs-rp', 'passport', 1, 'collected'),
    item('p1', 'citizenship', 'passport', 1),
    item('p3', 'hqs-rp', 'photo', 1),
  ];
  const docs = [
    { documentId: 'd1', personId: 'p1', type: 'passport' },
    { documentId: 'd2', personId: 'p2', type: 'photo' },
    { documentId: 'd3', personId: 'p1', type: 'passport' },
  ];

  it('matches scans by person and document type', () => {
    expect(scansFor(items[2]!, docs).map((d) => d.documentId)).toEqual(['d1', 'd3']);
    expect(scansFor(items[0]!, docs)).toEqual([]);
  });

  it('groups by person in the order given, then procedure, items by index order', () => {
    const g = groupChecklist(items, ['p1', 'p2']);
    expect(g.map((x) => x.person)).toEqual(['p1', 'p2', 'p3']);
    expect(g[0]!.procedures.map((p) => [p.procedure, p.items.map((i) => i.document)])).toEqual([
      ['hqs-rp', ['passport', 'photo']],
      ['citizenship', ['passport']],
    ]);
  });

  it('counts uploaded and collected items', () => {
    expect(checklistCounts(items, docs)).toEqual({ total: 5, uploaded: 2, collected: 1 });
  });
});

describe('people', () => {
  it('orders the reader first, then the principal, then the family', () => {
    expect(peopleOrder(CASE)).toEqual(['p1', 'p2']);
    expect(peopleOrder(CASE, 'p2')).toEqual(['p2', 'p1']);
    expect(peopleOrder(CASE, 'nobody')).toEqual(['p1', 'p2']);
  });

  it('gives a new family member the next free id', () => {
    expect(nextPersonId(CASE)).toBe('p3');
    expect(nextPersonId({ ...CASE, people: [principal, { ...spouse, id: 'p3' }] } as Case)).toBe('p4');
  });

  it('edits the current passport (the one that runs longest)', () => {
    expect(currentPassportIndex(principal)).toBe(1);
    expect(currentPassportIndex(spouse)).toBe(-1);
    expect(personToForm(principal)).toMatchObject({
      passportNumber: 'C4F7K2M9R',
      citizenships: ['DE'],
      cyrillic: 'Томас Мюллер',
    });
    expect(personToForm().citizenships).toEqual(['']);
  });

  it('keeps what the form does not show when a person is edited', () => {
    const form = {
      ...personToForm(principal),
      latin: 'THOMAS MÜLLER',
      cyrillic: '',
      passportExpires: '2029-06-12',
      citizenships: ['DE', 'at', ''],
    };
    const r = personFromForm(form, principal, TODAY);
    expect(r.problems).toEqual([]);
    expect(r.person).toEqual({
      ...principal,
      name: { latin: 'THOMAS MÜLLER' },
      citizenships: ['DE', 'AT'],
      passports: [
        principal.passports![0],
        { number: 'C4F7K2M9R', country: 'DE', issued: '2019-06-12', expires: '2029-06-12' },
      ],
    });
  });

  it('builds a new family member and removes a cleared passport', () => {
    const form = {
      ...personToForm(),
      latin: 'LUKAS MUELLER',
      relation: 'child',
      birthDate: '2012-12-08',
      citizenships: ['DE'],
      adopted: true,
      passportNumber: 'P1',
      passportCountry: 'de',
      passportIssued: '2021-08-10',
      passportExpires: '2027-08-09',
    };
    expect(personFromForm(form, { id: 'p3', role: 'family' }, TODAY).person).toEqual({
      id: 'p3',
      role: 'family',
      relation: 'child',
      adopted: true,
      name: { latin: 'LUKAS MUELLER' },
      birthDate: '2012-12-08',
      citizenships: ['DE'],
      passports: [{ number: 'P1', country: 'DE', issued: '2021-08-10', expires: '2027-08-09' }],
    });
    const cleared = {
      ...personToForm(principal),
      passportNumber: '',
      passportCountry: '',
      passportIssued: '',
      passportExpires: '',
    };
    expect(personFromForm(cleared, principal, TODAY).person!.passports).toEqual([principal.passports![0]]);
  });

  it('names every missing or wrong field', () => {
    const form = { ...personToForm(), birthDate: '2030-01-01', passportNumber: 'X', passportExpires: '2020-02-30' };
    expect(personFromForm(form, { id: 'p3', role: 'family' }, TODAY).problems).toEqual([
      { path: 'person.name.latin', code: 'required' },
      { path: 'person.birthDate', code: 'future' },
      { path: 'person.citizenships', code: 'required' },
      { path: 'person.relation', code: 'required' },
      { path: 'person.passport.country', code: 'passportIncomplete' },
      { path: 'person.passport.issued', code: 'passportIncomplete' },
      { path: 'person.passport.expires', code: 'date' },
    ]);
  });

  it('maps server paths to the form fields', () => {
    expect(formKeyOfPath('person.passports[1].expires')).toBe('passport.expires');
    expect(formKeyOfPath('person.passport.number')).toBe('passport.number');
    expect(formKeyOfPath('person.name.cyrillic')).toBe('name.cyrillic');
    expect(formKeyOfPath('person.name')).toBe('name.latin');
    expect(formKeyOfPath('person.citizenships[0]')).toBe('citizenships');
    expect(formKeyOfPath('event.regions[1]')).toBe('regions');
    expect(formKeyOfPath('event.on')).toBe('on');
  });
});
