// A new case whose person's passport (country and number) is already in another open case of the
// organization is named before it is created: POST /cases answers 409 with code `passport.duplicate`
// and the other cases (id, own id, principal's name, which person and passport), unless the request
// says `allowDuplicatePassport=true`. Spreadsheet imports match such people to the stored case instead
// (src/sheets/plan.ts): the same passport is an update there, never a second case.
import type { Case } from '../case/index.ts';
import { passportKey } from '../sheets/values.ts';
import * as store from '../store/index.ts';
import type { Actor } from '../store/actor.ts';

export interface DuplicatePassport {
  /** The passport (country and number as written in the new case). */
  country: string;
  number: string;
  /** The new case's person holding it. */
  person: string;
  personName: string;
  /** The open case it is already in. */
  caseId: string;
  caseRef: string | null;
  caseName: string;
}

/** Each passport of the case's people, with its key: the passports and the passport documents. */
export function passportsOf(c: Case): { key: string; country: string; number: string; person: string; name: string }[] {
  const out = new Map<string, { key: string; country: string; number: string; person: string; name: string }>();
  const nameOf = new Map(c.people.map((p) => [p.id, p.name.latin]));
  for (const p of c.people)
    for (const pp of p.passports ?? []) {
      const key = passportKey(pp.country, pp.number);
      if (!out.has(key))
        out.set(key, { key, country: pp.country, number: pp.number, person: p.id, name: p.name.latin });
    }
  for (const d of c.documents ?? [])
    if (d.type === 'passport' && d.country && d.number) {
      const key = passportKey(d.country, d.number);
      if (!out.has(key))
        out.set(key, { key, country: d.country, number: d.number, person: d.person, name: nameOf.get(d.person) ?? '' });
    }
  return [...out.values()];
}

/** The open cases that already hold a passport of `c` (empty: none). */
export async function duplicatePassports(db: store.Db, actor: Actor, c: Case): Promise<DuplicatePassport[]> {
  const mine = passportsOf(c);
  if (mine.length === 0) return [];
  const holders = await store.findOpenPassportHolders(
    db,
    actor,
    mine.map((m) => m.key),
  );
  const out: DuplicatePassport[] = [];
  for (const h of holders)
    for (const k of h.passportKeys) {
      const m = mine.find((x) => x.key === k);
      if (m)
        out.push({
          country: m.country,
          number: m.number,
          person: m.person,
          personName: m.name,
          caseId: h.caseId,
          caseRef: h.externalId,
          caseName: h.principalName,
        });
    }
  return out;
}
