// The people and events of a case edited one at a time, on PGlite and on PostgreSQL: each change is
// checked with the whole case (errors named at `person.…` / `event.…`), carries the version read, is
// re-evaluated and audited; a person something still points to is not removed (409 naming each reference).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../store/backends.ts';
import { addDays, todayInMoscow } from '../../src/calendar/date.ts';
import { makeCase, PASSWORD, PDF } from '../store/fixtures.ts';
import { addMember, Client, isProblem, startApi, type ApiEnv, type Res } from './harness.ts';

const paths = (r: Res): string[] => (r.body.errors ?? []).map((e: { path: string }) => e.path);

describe.each(BACKENDS)('people and events of a case on %s', (backend) => {
  let env: ApiEnv;
  let owner: Client;
  let manager: Client;
  let specialist: Client;
  let caseId: string;
  let otherCase: string;

  const current = async () => (await manager.get(`/api/v1/cases/${caseId}`)).body;
  const storedEvaluationVersion = async (id: string) =>
    (await env.db.query<{ v: number }>('SELECT case_version AS v FROM evaluations WHERE case_id = $1', [id]))[0]?.v;
  const auditActions = async (action: string) =>
    (await owner.get(`/api/v1/audit?entity=case&entityId=${caseId}&action=${action}`)).body.items;

  beforeAll(async () => {
    env = await startApi(backend);
    owner = new Client(env.url);
    expect(
      (await owner.post('/api/v1/setup', { json: { email: 'own@c.example', password: PASSWORD, orgName: 'Parts' } }))
        .status,
    ).toBe(201);
    expect((await owner.login('own@c.example', PASSWORD)).status).toBe(200);
    const c = await owner.post('/api/v1/cases', { json: makeCase(1, { employer: 1 }) });
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    caseId = c.body.caseId;
    otherCase = (await owner.post('/api/v1/cases', { json: makeCase(2, { employer: 1 }) })).body.caseId;
    for (const [email, role, extra] of [
      ['max@c.example', 'manager', {}],
      ['sia@c.example', 'specialist', { caseId, personId: 'p1' }],
    ] as const) {
      await addMember(owner, email, role, extra);
    }
    manager = new Client(env.url);
    specialist = new Client(env.url);
    expect((await manager.login('max@c.example', PASSWORD)).status).toBe(200);
    expect((await specialist.login('sia@c.example', PASSWORD)).status).toBe(200);
  }, 120_000);

  afterAll(async () => {
    await env?.close();
  });

  it('lists the people with the version as ETag, and adds a person checked with the whole case, evaluated and audited', async () => {
    const list = await manager.get(`/api/v1/cases/${caseId}/people`);
    expect(list.status).toBe(200);
    expect(list.body.people.map((p: { id: string }) => p.id)).toEqual(['p1', 'p2', 'p3']);
    expect(list.headers.get('etag')).toBe(`"v${list.body.version}"`);
    const v = list.body.version as number;

    const bad = await manager.post(`/api/v1/cases/${caseId}/people`, {
      json: {
        version: v,
        person: {
          id: 'p4',
          role: 'family',
          relation: 'child',
          name: { latin: 'CHEN MING' },
          birthDate: '2019-02-30',
          citizenships: ['CN'],
          shoeSize: 38,
        },
      },
    });
    expect(isProblem(bad, 422)).toBe(true);
    expect(paths(bad)).toContain('person.birthDate');
    expect(paths(bad).every((p) => p.startsWith('person'))).toBe(true);
    const dup = await manager.post(`/api/v1/cases/${caseId}/people`, {
      json: {
        version: v,
        person: {
          id: 'p2',
          role: 'family',
          relation: 'child',
          name: { latin: 'X' },
          birthDate: '2019-03-01',
          citizenships: ['CN'],
        },
      },
    });
    expect(isProblem(dup, 422)).toBe(true);
    expect(paths(dup)).toEqual(['person.id']);

    const child = {
      id: 'p4',
      role: 'family',
      relation: 'child',
      name: { latin: 'CHEN MING' },
      birthDate: '2019-03-01',
      citizenships: ['CN'],
    };
    const stale = await manager.post(`/api/v1/cases/${caseId}/people`, {
      json: { version: v - 1 || 99, person: child },
    });
    expect(isProblem(stale, 409)).toBe(true);
    expect(stale.body.currentVersion).toBe(v);

    const ok = await manager.post(`/api/v1/cases/${caseId}/people`, { json: { version: v, person: child } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body.version).toBe(v + 1);
    expect(ok.body.case.people.at(-1)).toEqual(child);
    expect(ok.headers.get('location')).toBe(`/api/v1/cases/${caseId}/people/p4`);
    expect(await storedEvaluationVersion(caseId)).toBe(v + 1);
    expect(await auditActions('case.person.add')).toEqual([
      expect.objectContaining({ actor: 'user:max@c.example', details: { personId: 'p4', version: v + 1 } }),
    ]);
    // The people copy follows: the new name is found by search.
    expect(
      (await manager.get('/api/v1/cases?q=chen%20ming')).body.items.map((x: { caseId: string }) => x.caseId),
    ).toEqual([caseId]);
  });

  it('replaces a person under the same id and refuses a changed id, an unknown person and a bad field', async () => {
    const cur = await current();
    const spouse = { ...cur.case.people[1], name: { latin: 'LI NA', cyrillic: 'Ли На' } };
    const ok = await manager.put(`/api/v1/cases/${caseId}/people/p2`, {
      json: { version: cur.version, person: spouse },
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.case.people[1]).toEqual(spouse);
    expect(ok.body.version).toBe(cur.version + 1);
    expect(await storedEvaluationVersion(caseId)).toBe(cur.version + 1);
    expect(
      (await manager.get(`/api/v1/cases?q=${encodeURIComponent('ли на')}`)).body.items.map(
        (x: { caseId: string }) => x.caseId,
      ),
    ).toEqual([caseId]);

    const renamed = await manager.put(`/api/v1/cases/${caseId}/people/p2`, {
      json: { version: ok.body.version, person: { ...spouse, id: 'p9' } },
    });
    expect(isProblem(renamed, 422)).toBe(true);
    expect(paths(renamed)).toEqual(['person.id']);
    const nobody = await manager.put(`/api/v1/cases/${caseId}/people/p77`, {
      json: { version: ok.body.version, person: { ...spouse, id: 'p77' } },
    });
    expect(isProblem(nobody, 404)).toBe(true);
    const badCountry = await manager.put(`/api/v1/cases/${caseId}/people/p2`, {
      json: { version: ok.body.version, person: { ...spouse, citizenships: ['XX'] } },
    });
    expect(isProblem(badCountry, 422)).toBe(true);
    expect(paths(badCountry)).toEqual(['person.citizenships[0]']);
    const principalToFamily = await manager.put(`/api/v1/cases/${caseId}/people/p1`, {
      json: { version: ok.body.version, person: { ...cur.case.people[0], role: 'family', relation: 'spouse' } },
    });
    expect(isProblem(principalToFamily, 422)).toBe(true);
    expect((await current()).version).toBe(ok.body.version);
    expect(await auditActions('case.person.update')).toHaveLength(1);
  });

  it('refuses to remove the principal or a person something points to, naming each reference; removes a free person', async () => {
    // p2: an insurance event and a stored scan; p3: an event, the case's document list, a login and an invitation.
    expect(
      (
        await manager.post(`/api/v1/cases/${caseId}/documents?type=passport&personId=p2`, {
          body: PDF,
          type: 'application/pdf',
        })
      ).status,
    ).toBe(201);
    await addMember(owner, 'kid@c.example', 'specialist', { caseId, personId: 'p3' });
    expect(
      (
        await owner.post('/api/v1/invitations', {
          json: { email: 'kid2@c.example', role: 'specialist', caseId, personId: 'p3' },
        })
      ).status,
    ).toBe(201);
    const v = (await current()).version as number;

    const principal = await manager.del(`/api/v1/cases/${caseId}/people/p1?version=${v}`);
    expect(isProblem(principal, 409)).toBe(true);
    expect(principal.body.errors[0]).toMatchObject({
      path: 'personId',
      message: expect.stringMatching(/p1 is the principal/),
    });

    const spouse = await manager.del(`/api/v1/cases/${caseId}/people/p2?version=${v}`);
    expect(isProblem(spouse, 409)).toBe(true);
    expect(spouse.body.errors.map((e: { message: string }) => e.message)).toEqual([
      expect.stringMatching(/^events\[9\] \(insurance\) concerns them/),
      expect.stringMatching(/^1 stored document \(passport\) belongs to them/),
    ]);

    const child = await manager.del(`/api/v1/cases/${caseId}/people/p3`, { headers: { 'if-match': `"v${v}"` } });
    expect(isProblem(child, 409)).toBe(true);
    expect(child.body.detail).toMatch(/^person p3 cannot be removed: /);
    expect(child.body.errors.map((e: { message: string }) => e.message)).toEqual([
      expect.stringMatching(/^events\[10\] \(passport-renewed\) concerns them/),
      expect.stringMatching(/document list names them \(documents\[1\] \(birth-certificate\)\)/),
      expect.stringMatching(/specialist login kid@c\.example is linked to them/),
      expect.stringMatching(/pending invitation \(kid2@c\.example\)/),
    ]);
    expect((await current()).version).toBe(v);

    expect(isProblem(await manager.del(`/api/v1/cases/${caseId}/people/p4`), 428)).toBe(true);
    const gone = await manager.del(`/api/v1/cases/${caseId}/people/p4?version=${v}`);
    expect(gone.status, JSON.stringify(gone.body)).toBe(200);
    expect(gone.body.case.people.map((p: { id: string }) => p.id)).toEqual(['p1', 'p2', 'p3']);
    expect(gone.body.version).toBe(v + 1);
    expect(await storedEvaluationVersion(caseId)).toBe(v + 1);
    expect(await auditActions('case.person.remove')).toEqual([
      expect.objectContaining({ details: { personId: 'p4', version: v + 1 } }),
    ]);
    expect(isProblem(await manager.del(`/api/v1/cases/${caseId}/people/p4?version=${v + 1}`), 404)).toBe(true);
  });

  it('corrects and removes events by their index, checked with the whole case (errors at event.…)', async () => {
    const cur = await current();
    const entry = cur.case.events[4];
    expect(entry).toMatchObject({ type: 'entry', person: 'p1' });
    const badDate = await manager.put(`/api/v1/cases/${caseId}/events/4`, {
      json: { version: cur.version, event: { ...entry, on: '2026-02-30' } },
    });
    expect(isProblem(badDate, 422)).toBe(true);
    expect(paths(badDate)).toEqual(['event.on']);
    const badPerson = await manager.put(`/api/v1/cases/${caseId}/events/4`, {
      json: { version: cur.version, event: { ...entry, person: 'p42' } },
    });
    expect(paths(badPerson)).toEqual(['event.person']);
    expect(
      isProblem(
        await manager.put(`/api/v1/cases/${caseId}/events/11`, { json: { version: cur.version, event: entry } }),
        404,
      ),
    ).toBe(true);
    expect(
      isProblem(
        await manager.put(`/api/v1/cases/${caseId}/events/first`, { json: { version: cur.version, event: entry } }),
        404,
      ),
    ).toBe(true);

    const fixed = await manager.put(`/api/v1/cases/${caseId}/events/4`, {
      json: { version: cur.version, event: { ...entry, via: 'LED' } },
    });
    expect(fixed.status, JSON.stringify(fixed.body)).toBe(200);
    expect(fixed.body.case.events[4]).toEqual({ ...entry, via: 'LED' });
    expect(fixed.body.case.events).toHaveLength(cur.case.events.length);
    expect(await storedEvaluationVersion(caseId)).toBe(cur.version + 1);

    // The insurance of p2 was a mistake: remove it; then only the scan keeps p2 in the case.
    expect(fixed.body.case.events[9]).toMatchObject({ type: 'insurance', person: 'p2' });
    expect(isProblem(await manager.del(`/api/v1/cases/${caseId}/events/9?version=${cur.version}`), 409)).toBe(true);
    const removed = await manager.del(`/api/v1/cases/${caseId}/events/9`, {
      headers: { 'if-match': fixed.headers.get('etag')! },
    });
    expect(removed.status, JSON.stringify(removed.body)).toBe(200);
    expect(removed.body.case.events).toEqual(fixed.body.case.events.filter((_: unknown, i: number) => i !== 9));
    const spouse = await manager.del(`/api/v1/cases/${caseId}/people/p2?version=${removed.body.version}`);
    expect(spouse.body.errors.map((e: { message: string }) => e.message)).toEqual([
      expect.stringMatching(/^1 stored document \(passport\)/),
    ]);
    const actions = (await owner.get(`/api/v1/audit?entity=case&entityId=${caseId}&order=desc&limit=3`)).body.items.map(
      (e: { action: string }) => e.action,
    );
    expect(actions.slice(0, 2)).toEqual(['case.event.remove', 'case.event.update']);

    // Adding one still works and still names its errors at event.…
    const n = removed.body.case.events.length;
    const add = await manager.post(`/api/v1/cases/${caseId}/events`, {
      json: { version: removed.body.version, event: { type: 'exit', on: '2026-10-01', person: 'p9' } },
    });
    expect(paths(add)).toEqual(['event.person']);
    const added = await manager.post(`/api/v1/cases/${caseId}/events`, {
      json: { version: removed.body.version, event: { type: 'exit', on: '2026-10-01', person: 'p1' } },
    });
    expect(added.status).toBe(201);
    expect(added.body.case.events).toHaveLength(n + 1);
  });

  it('refuses an event dated after tomorrow (Moscow), naming the field; tomorrow is allowed for time zones', async () => {
    const today = todayInMoscow(new Date());
    const cur = await current();
    const later = await manager.post(`/api/v1/cases/${caseId}/events`, {
      json: { version: cur.version, event: { type: 'exit', on: addDays(today, 2), person: 'p1' } },
    });
    expect(isProblem(later, 422)).toBe(true);
    expect(paths(later)).toEqual(['event.on']);
    const moved = await manager.put(`/api/v1/cases/${caseId}/events/0`, {
      json: { version: cur.version, event: { ...cur.case.events[0], on: addDays(today, 30) } },
    });
    expect(paths(moved)).toEqual(['event.on']);
    const whole = await manager.post('/api/v1/cases', {
      json: { ...makeCase(7, { employer: 1 }), events: [{ type: 'entry', on: addDays(today, 5), person: 'p1' }] },
    });
    expect(isProblem(whole, 422)).toBe(true);
    expect(paths(whole)).toEqual(['events[0].on']);
    const tomorrow = await manager.post(`/api/v1/cases/${caseId}/events`, {
      json: { version: cur.version, event: { type: 'exit', on: addDays(today, 1), person: 'p1' } },
    });
    expect(tomorrow.status, JSON.stringify(tomorrow.body)).toBe(201);
  });

  it('lets a specialist read the people of their own case only, and change none', async () => {
    const own = await specialist.get(`/api/v1/cases/${caseId}/people`);
    expect(own.status).toBe(200);
    expect(isProblem(await specialist.get(`/api/v1/cases/${otherCase}/people`), 404)).toBe(true);
    const v = own.body.version;
    const writes: [string, string, Parameters<Client['req']>[2]?][] = [
      [
        'POST',
        `/api/v1/cases/${caseId}/people`,
        {
          json: {
            version: v,
            person: {
              id: 'p5',
              role: 'family',
              relation: 'parent',
              name: { latin: 'A' },
              birthDate: '1960-01-01',
              citizenships: ['CN'],
            },
          },
        },
      ],
      ['PUT', `/api/v1/cases/${caseId}/people/p1`, { json: { version: v, person: own.body.people[0] } }],
      ['DELETE', `/api/v1/cases/${caseId}/people/p3?version=${v}`],
      [
        'PUT',
        `/api/v1/cases/${caseId}/events/0`,
        { json: { version: v, event: { on: '2026-01-21', type: 'work-permit-filed' } } },
      ],
      ['DELETE', `/api/v1/cases/${caseId}/events/0?version=${v}`],
    ];
    for (const [method, path, o] of writes) {
      const r = await specialist.req(method, path, o);
      expect(isProblem(r, 403), `${method} ${path}: ${r.status}`).toBe(true);
    }
    expect((await current()).version).toBe(v);
  });
});
