// Problems carry stable codes (docs/api.md "Problem codes") beside their English messages: a bad INN, a
// file that is not a PDF or an image, and an edit made on an old version of a case each answer with the code
// the web words in the reader's language.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCase, PASSWORD } from '../store/fixtures.ts';
import { Client, startApi, type ApiEnv } from './harness.ts';

describe('problem codes over HTTP', () => {
  let env: ApiEnv;
  let owner: Client;
  let caseId: string;

  beforeAll(async () => {
    env = await startApi('pglite');
    owner = new Client(env.url);
    await owner.post('/api/v1/setup', { json: { email: 'own@p.example', password: PASSWORD, orgName: 'Codes' } });
    expect((await owner.login('own@p.example', PASSWORD)).status).toBe(200);
    const c = await owner.post('/api/v1/cases', { json: makeCase(1, { employer: 1 }) });
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    caseId = c.body.caseId;
  }, 120_000);

  afterAll(async () => {
    await env?.close();
  });

  it('a bad INN: inn.format for the shape, inn.checksum for the check digits, with the English message kept', async () => {
    const shape = await owner.post('/api/v1/employers', {
      json: { name: 'ООО Ромашка', inn: '12345', kind: 'commercial' },
    });
    expect(shape.status).toBe(422);
    expect(shape.body.code).toBe('invalid');
    expect(shape.body.errors).toContainEqual(expect.objectContaining({ path: 'inn', code: 'inn.format' }));
    expect(shape.body.errors[0].message).toEqual(expect.any(String));
    const digits = await owner.post('/api/v1/employers', {
      json: { name: 'ООО Ромашка', inn: '7707083894', kind: 'commercial' },
    });
    expect(digits.status).toBe(422);
    expect(digits.body.errors).toContainEqual(expect.objectContaining({ path: 'inn', code: 'inn.checksum' }));
    // The same in a case: at its path in the case.
    const inCase = makeCase(2, { employer: 1 }) as { employer: { inn: string } };
    inCase.employer.inn = '77070838';
    const r = await owner.post('/api/v1/cases', { json: inCase });
    expect(r.status).toBe(422);
    expect(r.body.errors).toContainEqual(expect.objectContaining({ path: 'employer.inn', code: 'inn.format' }));
    // The public evaluation too.
    const pub = await new Client(env.url).post('/api/v1/evaluate', { json: inCase });
    expect(pub.status).toBe(422);
    expect(pub.body.errors).toContainEqual(expect.objectContaining({ path: 'employer.inn', code: 'inn.format' }));
  });

  it("the public evaluation takes a case without the employer's INN only when asked (?unknown=employer.inn)", async () => {
    const c = makeCase(3, { employer: 1 }) as { employer: Record<string, unknown> };
    delete c.employer.inn;
    const anyone = new Client(env.url);
    const refused = await anyone.post('/api/v1/evaluate', { json: c });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toContainEqual(expect.objectContaining({ path: 'employer.inn', code: 'required' }));
    const taken = await anyone.post('/api/v1/evaluate?unknown=employer.inn', { json: c });
    expect(taken.status, JSON.stringify(taken.body)).toBe(200);
    expect(taken.body.format).toBe('hqs-evaluation/1');
    // A stored case still needs one.
    expect((await owner.post('/api/v1/cases?unknown=employer.inn', { json: c })).status).toBe(422);
  });

  it('a file that is not a PDF or an image: file.not-pdf-or-image', async () => {
    const r = await owner.post(`/api/v1/cases/${caseId}/documents?type=passport&personId=p1`, {
      body: new TextEncoder().encode('hello, this is text'),
      type: 'application/pdf',
    });
    expect(r.status).toBe(422);
    expect(r.body.errors).toEqual([expect.objectContaining({ path: 'file', code: 'file.not-pdf-or-image' })]);
  });

  it('an edit made on an old version: 409 case.version-conflict with the current version', async () => {
    const cur = await owner.get(`/api/v1/cases/${caseId}`);
    const v = cur.body.version as number;
    expect((await owner.put(`/api/v1/cases/${caseId}?version=${v}`, { json: cur.body.case })).status).toBe(200);
    const stale = await owner.put(`/api/v1/cases/${caseId}?version=${v}`, { json: cur.body.case });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'case.version-conflict', currentVersion: v + 1 });
    expect(stale.body.errors).toEqual([expect.objectContaining({ path: 'version', code: 'case.version-conflict' })]);
  });
});
