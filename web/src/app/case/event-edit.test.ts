// Correcting an event: the form opens with the event as it is, and what it sends back keeps what the form
// does not show.
import { describe, expect, it } from 'vitest';
import type { Case } from '../../../../src/case/schema.ts';
import { correctedEvent, draftFromEvent, eventFromDraft } from './model.ts';

type Ev = NonNullable<Case['events']>[number];
const ev = (x: Record<string, unknown>) => x as unknown as Ev;

describe('an event corrected', () => {
  it('opens as a draft with every field the form shows, and round-trips unchanged', () => {
    const visa = ev({
      on: '2026-03-12',
      type: 'visa-issued',
      person: 'p1',
      validFrom: '2026-03-12',
      validUntil: '2029-02-26',
      entries: 'multiple',
      note: 'consulate in New Delhi',
    });
    const d = draftFromEvent(visa);
    expect(d).toEqual({
      type: 'visa-issued',
      on: '2026-03-12',
      person: 'p1',
      fields: { validFrom: '2026-03-12', validUntil: '2029-02-26', entries: 'multiple' },
      note: 'consulate in New Delhi',
    });
    const r = eventFromDraft(d);
    expect(r.event).toEqual(visa);
  });
  it('writes numbers, flags and regions back as the case format has them', () => {
    const paid = ev({ on: '2026-06-30', type: 'salary-paid', period: '2026-Q2', amount: 900000 });
    expect(eventFromDraft(draftFromEvent(paid)).event).toEqual(paid);
    const rp = ev({ on: '2027-01-10', type: 'rp-issued', person: 'p2', indefinite: true });
    expect(draftFromEvent(rp).fields).toEqual({ validUntil: '', indefinite: true });
    expect(eventFromDraft(draftFromEvent(rp)).event).toEqual(rp);
    const permit = ev({ on: '2026-02-27', type: 'work-permit-issued', validUntil: '2029-02-26', regions: ['RU-MOW'] });
    expect(eventFromDraft(draftFromEvent(permit)).event).toEqual(permit);
  });
  it('keeps what the form does not show, and lets the form clear what it owns', () => {
    const original = ev({ on: '2026-04-02', type: 'registered', person: 'p1', until: '2029-02-26', address: 'Москва' });
    const edited = { on: '2026-04-03', type: 'registered', person: 'p1', until: '2029-02-26' };
    expect(correctedEvent(original, edited)).toEqual(edited);
    const byPrincipal = ev({ on: '2026-02-04', type: 'contract-signed', person: 'p1' });
    expect(correctedEvent(byPrincipal, { on: '2026-02-05', type: 'contract-signed' })).toEqual({
      on: '2026-02-05',
      type: 'contract-signed',
      person: 'p1',
    });
  });
});
