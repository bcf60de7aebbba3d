import { describe, expect, it } from 'vitest';
import { loadCalendar } from '../../../../src/calendar/node.ts';
import type { IsoDate } from '../../../../src/core/date.ts';
import { parseCase } from '../../../../src/case/index.ts';
import { validCase } from '../../../../src/case/fixtures/cases.ts';
import { STEP_PROCEDURES as ENGINE_STEPS } from '../../../../src/engine/checklist.ts';
import { createEngine } from '../../../../src/engine/index.ts';
import { renderEvaluation } from '../../../../src/i18n/index.ts';
import { loadLaw } from '../../../../src/law/node.ts';
import type { Evaluation } from '../../api.ts';
import { specialistItems, splitByNext, STEP_PROCEDURES } from './yours.ts';

const law = loadLaw();
const engine = createEngine({ law, calendar: loadCalendar() });

/** A case at its start: nothing filed yet, abroad. */
function fresh(): Evaluation {
  const raw = validCase() as Record<string, unknown>;
  raw.events = [];
  delete raw.documents;
  const r = parseCase(raw, { countries: law.countries.codes, regions: law.regions.codes });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  const ev = engine.evaluate(r.case, '2026-11-21' as IsoDate, { documents: true });
  return renderEvaluation(ev, { lang: 'en', law }) as unknown as Evaluation;
}

describe("the portal's documents to bring", () => {
  it('knows the procedures each plan step files as the engine does', () => {
    expect(STEP_PROCEDURES).toEqual(ENGINE_STEPS);
  });

  it("leaves out the employer's petition, registration card, guarantee and the duties it pays", () => {
    const ev = fresh();
    const all = ev.checklist ?? [];
    const employers = ['hqs-petition', 'employer-registration-card', 'state-duty-receipt-work-permit'];
    expect(all.some((c) => employers.includes(c.document))).toBe(true); // the workspace lists them
    const mine = specialistItems(all);
    expect(mine.filter((c) => employers.includes(c.document) || c.document.startsWith('deportation'))).toEqual([]);
    expect(mine.some((c) => c.document === 'passport')).toBe(true);
  });

  it('opens on the next filing: the first open step of the plan that files a procedure; the rest later', () => {
    const ev = fresh();
    const { now, later, procedure } = splitByNext(ev.plan, specialistItems(ev.checklist ?? []));
    expect(procedure).toBe('work-permit');
    expect(now.length).toBeGreaterThan(0);
    expect(now.every((c) => c.procedure === 'work-permit')).toBe(true);
    expect(later.some((c) => c.procedure === 'hqs-rp' || c.procedure === 'indefinite-rp')).toBe(true);
  });
});
