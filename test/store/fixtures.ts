// Shared material of the store tests: cases, scans, an engine, and two organizations with owners.
import { validCase } from '../../src/case/fixtures/cases.ts';
import { innWithCheckDigits } from '../../src/case/inn.ts';
import type { Case } from '../../src/case/index.ts';
import { createEngine, type Engine } from '../../src/engine/index.ts';
import { loadLaw } from '../../src/law/node.ts';
import { loadCalendar } from '../../src/calendar/node.ts';
import { checkCase } from '../../src/store/cases.ts';
import { createOwner } from '../../src/store/memberships.ts';
import { resolveActor } from '../../src/store/memberships.ts';
import type { Actor } from '../../src/store/actor.ts';
import type { Db } from '../../src/store/db.ts';

let engine: Engine | undefined;
export function testEngine(): Engine {
  engine ??= createEngine({ law: loadLaw(), calendar: loadCalendar() });
  return engine;
}

/** The fixture case with its own id, principal name and (by `employer`) employer INN. */
export function makeCase(n: number, opts: { employer?: number; name?: string } = {}): Case {
  const c = validCase() as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  c.id = `case-${n}`;
  c.people[0].name.latin = opts.name ?? `PRINCIPAL ${n}`;
  c.people[0].email = `principal${n}@example.com`;
  // Each case its own passport: a passport already in another open case is refused by POST /cases.
  c.people[0].passports[0].number = `E${String(12345678 + n)}`;
  c.people[1].passports[0].number = `F${String(87654321 + n)}`;
  if (opts.employer !== undefined) {
    c.employer.inn = innWithCheckDigits(String(770708300 + opts.employer));
    c.employer.name = `ООО «Работодатель ${opts.employer}»`;
  }
  return checkCase(c);
}

export const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
export const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

export const PASSWORD = 'correct horse battery staple';

export interface Org {
  orgId: string;
  owner: Actor;
  ownerEmail: string;
  orgName: string;
}

let orgs = 0;
export async function makeOrg(db: Db, label: string): Promise<Org> {
  const ownerEmail = `owner.${label}.${++orgs}@example.com`.toLowerCase();
  const orgName = `Org ${label} ${orgs}`;
  const { organization, user } = await createOwner(db, { email: ownerEmail, password: PASSWORD, orgName });
  const owner = await resolveActor(db, { userId: user.userId, orgId: organization.orgId, ip: '127.0.0.1' });
  return { orgId: organization.orgId, owner, ownerEmail, orgName };
}
