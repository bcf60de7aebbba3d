// The employer's registration for hiring HQS recorded as an event of a case reaches the employer: its page
// (GET /employers/{id}) shows the date, a later event does not move it, an earlier correction does, and
// removing the event leaves the employer's record as it is. Audited as employer.update naming the case.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCase, PASSWORD } from '../store/fixtures.ts';
import { Client, startApi, type ApiEnv } from './harness.ts';

describe("an employer-registered event updates the employer's record", () => {
  let env: ApiEnv;
  let owner: Client;
  let caseId: string;
  let employerId: string;
  let version: number;

  beforeAll(async () => {
    env = await startApi('pglite');
    owner = new Client(env.url);
    await owner.post('/api/v1/setup', {
      json: { email: 'reg@p.example', password: PASSWORD, orgName: 'Registration' },
    });
    expect((await owner.login('reg@p.example', PASSWORD)).status).toBe(200);
    const c = makeCase(1, { employer: 3 }) as unknown as { employer: Record<string, unknown> };
    delete c.employer.hqsRegistered;
    const r = await owner.post('/api/v1/cases', { json: c });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    caseId = r.body.caseId;
    employerId = r.body.employerId;
    version = r.body.version;
  }, 120_000);

  afterAll(async () => {
    await env?.close();
  });

  const registered = async () => (await owner.get(`/api/v1/employers/${employerId}`)).body.employer.hqsRegistered;
  const add = async (on: string) => {
    const r = await owner.post(`/api/v1/cases/${caseId}/events`, {
      json: { version, event: { on, type: 'employer-registered' } },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    version = r.body.version;
    return r.body.case.events.length - 1;
  };

  it('fills in the date the employer page shows, and audits it', async () => {
    expect(await registered()).toBeUndefined();
    await add('2025-10-01');
    expect(await registered()).toBe('2025-10-01');
    const audit = (await owner.get(`/api/v1/audit?action=employer.update&entity=employer&entityId=${employerId}`)).body
      .items as { details: Record<string, unknown> }[];
    expect(audit.map((a) => a.details)).toEqual([{ hqsRegistered: '2025-10-01', before: null, fromCase: caseId }]);
  });

  it('keeps the earliest date: a later event leaves it, a correction to an earlier day moves it', async () => {
    const later = await add('2025-12-01');
    expect(await registered()).toBe('2025-10-01');
    const r = await owner.put(`/api/v1/cases/${caseId}/events/${later}`, {
      json: { version, event: { on: '2025-09-15', type: 'employer-registered' } },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    version = r.body.version;
    expect(await registered()).toBe('2025-09-15');
  });

  it('leaves the employer as it is when the event is removed', async () => {
    const events = (await owner.get(`/api/v1/cases/${caseId}`)).body.case.events as { type: string }[];
    const i = events.findIndex((e) => e.type === 'employer-registered');
    const r = await owner.del(`/api/v1/cases/${caseId}/events/${i}?version=${version}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(await registered()).toBe('2025-09-15');
  });
});
