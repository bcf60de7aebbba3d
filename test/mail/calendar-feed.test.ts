// The calendar feed: a member's secret subscription address, parsed with ical.js; every deadline of their
// cases; the UIDs stay when a change to the case moves a deadline (so a calendar updates the event); a
// renewed address replaces the old, a revoked one answers 404.
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startApi, type ApiEnv } from '../api/harness.ts';
import { makeCase, PASSWORD, testEngine } from '../store/fixtures.ts';
import {
  createCase,
  exportCase,
  organizationsOfUser,
  resolveActor,
  sweep,
  updateCase,
  findUserByEmail,
  checkCase,
  type Actor,
} from '../../src/store/index.ts';
import type { IsoDate } from '../../src/calendar/date.ts';

const DAY = '2026-11-21' as IsoDate;

function events(ics: string): Map<string, { start: string; summary: string }> {
  const cal = new ICAL.Component(ICAL.parse(ics));
  const out = new Map<string, { start: string; summary: string }>();
  for (const v of cal.getAllSubcomponents('vevent')) {
    const e = new ICAL.Event(v);
    out.set(e.uid, { start: e.startDate.toString(), summary: e.summary });
  }
  return out;
}

describe('the calendar feed', () => {
  let env: ApiEnv;
  let owner: Actor;
  let caseId = '';
  const client = () => new Client(env.url);

  beforeAll(async () => {
    env = await startApi('pglite');
    await client().post('/api/v1/setup', { json: { email: 'cal@a.example', password: PASSWORD, orgName: 'Cal' } });
    const user = (await findUserByEmail(env.db, 'cal@a.example'))!;
    const org = (await organizationsOfUser(env.db, user.userId))[0]!;
    owner = await resolveActor(env.db, { userId: user.userId, orgId: org.orgId });
    caseId = (await createCase(env.db, owner, makeCase(1))).caseId;
    await sweep(env.db, testEngine(), DAY);
  }, 120_000);

  afterAll(async () => {
    await env?.close();
  });

  it('lists every deadline, keeps UIDs when a deadline moves, and can be renewed and revoked', async () => {
    const o = client();
    await o.login('cal@a.example', PASSWORD);
    expect((await o.get('/api/v1/account/calendar')).body).toEqual({ active: false, createdAt: null });
    const made = await o.post('/api/v1/account/calendar');
    expect(made.status).toBe(201);
    expect(made.body.webcal).toMatch(/^webcal:\/\//);
    const path = new URL(made.body.url as string).pathname;

    const first = await client().get(path);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toMatch(/^text\/calendar/);
    const before = events(first.bytes.toString('utf8'));
    expect(before.size).toBeGreaterThan(3);
    for (const e of before.values()) expect(e.summary).toMatch(/ — .+ \(.+\)$/); // duty — person (employer)
    expect([...before.values()].some((e) => e.summary.includes('PRINCIPAL 1'))).toBe(true);

    // The passport's expiry was mistyped: corrected, the passport deadline moves and keeps its UID.
    const c = (await exportCase(env.db, owner, caseId)) as unknown as {
      people: { passports: { expires: string }[] }[];
    };
    c.people[0]!.passports[0]!.expires = '2030-03-09';
    await updateCase(env.db, owner, caseId, checkCase(c as unknown as Record<string, unknown>), 1);
    await sweep(env.db, testEngine(), DAY);
    const after = events((await client().get(path)).bytes.toString('utf8'));
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    const moved = [...after].filter(([uid, e]) => before.get(uid)!.start !== e.start);
    expect(moved.map(([, e]) => e.start)).toEqual(['2030-03-09']);

    // A new address replaces the old one; a revoked one is gone.
    const renewed = await o.post('/api/v1/account/calendar');
    expect((await client().get(path)).status).toBe(404);
    const path2 = new URL(renewed.body.url as string).pathname;
    expect((await client().get(path2)).status).toBe(200);
    expect((await o.req('DELETE', '/api/v1/account/calendar')).status).toBe(204);
    expect((await client().get(path2)).status).toBe(404);
  }, 120_000);
});
