// The typed client: its table of paths equals the contracts; a call builds the path (parameters encoded,
// empty query values left out), sends JSON, case text, forms and bytes with their types, answers JSON,
// a Blob for a download or nothing for 204, and turns problems into ApiError. Its types are checked too:
// the lines marked @ts-expect-error must not compile (`npm run typecheck`).
import { describe, expect, it } from 'vitest';
import { ApiError, createClient, ROUTE_PATHS, type Answer } from './client.ts';
import { contracts } from './routes/contracts.ts';

interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

/** A client whose fetch records the request and answers with `answer`. */
function fake(answer: () => Response | Promise<Response>, csrf: string | null = 'tok') {
  const sent: Sent[] = [];
  const client = createClient({
    base: 'http://hqs.test',
    headers: (method) => ({ 'X-CSRF-Token': method !== 'get' && csrf ? csrf : undefined }),
    fetch: async (url, init) => {
      sent.push({
        url: String(url),
        method: init?.method ?? 'GET',
        headers: init?.headers as Record<string, string>,
        body: init?.body,
      });
      return answer();
    },
  });
  return { client, sent };
}

const json = (data: unknown, status = 200, type = 'application/json; charset=utf-8') =>
  new Response(JSON.stringify(data), { status, headers: { 'Content-Type': type } });

describe('the typed client', () => {
  it('has every contract, with its method and path', () => {
    expect(Object.keys(ROUTE_PATHS)).toEqual(Object.keys(contracts));
    for (const [name, c] of Object.entries(contracts)) {
      const [method, path, kind] = ROUTE_PATHS[name as keyof typeof ROUTE_PATHS];
      expect([method, path], name).toEqual([c.method, c.path]);
      const download = Object.values(c.responses).some((r) => 'contentType' in r && !('schema' in r));
      expect(kind === 'file', name).toBe(download);
    }
  });

  it('fills in the path, encoded, and leaves empty query values out', async () => {
    const { client, sent } = fake(() => json({ items: [], total: 0, limit: 50, offset: 0 }));
    await client.listCases({ query: { q: 'Ли Вэй', limit: 8, status: undefined, stage: null, sort: 'name' } });
    expect(sent[0]!.url).toBe('http://hqs.test/api/v1/cases?q=%D0%9B%D0%B8+%D0%92%D1%8D%D0%B9&limit=8&sort=name');
    expect(sent[0]!.method).toBe('GET');
    expect(sent[0]!.headers['X-CSRF-Token']).toBeUndefined();
    expect(client.href('getLetter', { id: 'a/b', file: 'cover.pdf', query: { lang: 'ru' } })).toBe(
      'http://hqs.test/api/v1/cases/a%2Fb/letters/cover.pdf?lang=ru',
    );
    expect(() => client.href('getCase', { id: '' })).toThrow(/path parameter id/);
  });

  it('sends JSON, case text, forms and bytes with their types, and the CSRF token on writes', async () => {
    const { client, sent } = fake(() => json({}));
    await client.addEvent({ id: 'c1', body: { version: 3, event: { type: 'entry', on: '2026-02-01' } } });
    expect(sent[0]).toMatchObject({
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': 'tok', Accept: 'application/json' },
      body: '{"version":3,"event":{"type":"entry","on":"2026-02-01"}}',
    });
    await client.createCase({ body: { text: 'format: hqs-case/1\n', format: 'yaml' }, query: { employer: 'e1' } });
    expect(sent[1]).toMatchObject({
      url: 'http://hqs.test/api/v1/cases?employer=e1',
      headers: { 'Content-Type': 'application/yaml' },
      body: 'format: hqs-case/1\n',
    });
    await client.createCase({ body: { format: 'hqs-case/1', people: [] } });
    expect(sent[2]!.body).toBe('{"format":"hqs-case/1","people":[]}');
    const form = new FormData();
    form.set('type', 'passport');
    await client.uploadDocument({ id: 'c1', body: form });
    expect(sent[3]!.body).toBe(form);
    expect(sent[3]!.headers['Content-Type']).toBeUndefined(); // fetch sets the multipart boundary
    await client.removeEvent({ id: 'c1', index: 2, query: { version: 4 } }, { headers: { 'If-Match': '"v4"' } });
    expect(sent[4]).toMatchObject({
      url: 'http://hqs.test/api/v1/cases/c1/events/2?version=4',
      method: 'DELETE',
      headers: { 'If-Match': '"v4"' },
    });
  });

  it('answers JSON, a Blob for a download, nothing for 204', async () => {
    expect(await fake(() => json({ needed: true })).client.getSetup()).toEqual({ needed: true });
    const pdf = await fake(
      () => new Response('%PDF-1.7', { headers: { 'Content-Type': 'application/pdf' } }),
    ).client.getChecklistPdf({ id: 'c1' });
    expect(pdf).toBeInstanceOf(Blob);
    expect(await pdf.text()).toBe('%PDF-1.7');
    expect(await fake(() => new Response(null, { status: 204 })).client.logout()).toBeUndefined();
  });

  it('turns problem details into an ApiError naming each field', async () => {
    const problem = {
      type: '/problems/conflict',
      title: 'Conflict',
      status: 409,
      detail: 'you belong to 2 organizations: choose one and sign in with its orgId',
      errors: [{ path: 'orgId', message: 'choose the organization to sign in to' }],
      organizations: [{ orgId: 'o1', orgName: 'A', role: 'owner' }],
      currentVersion: 7,
    };
    const e = await fake(() => json(problem, 409, 'application/problem+json'))
      .client.login({ body: { email: 'a@b.c', password: 'x' } })
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    const a = e as ApiError;
    expect([a.status, a.detail, a.currentVersion, a.organizations]).toEqual([
      409,
      problem.detail,
      7,
      problem.organizations,
    ]);
    expect(a.field('orgId')).toBe('choose the organization to sign in to');
    const text = await fake(() => new Response('Bad gateway', { status: 502 }))
      .client.getDashboard()
      .catch((x: unknown) => x);
    expect(text).toMatchObject({ status: 502, detail: 'Bad gateway' });
  });

  it('says when the server cannot be reached, and lets an abort through', async () => {
    const down = await fake(() => Promise.reject(new TypeError('fetch failed')))
      .client.getSession()
      .catch((x: unknown) => x);
    expect(down).toMatchObject({ status: 0 });
    const abort = Object.assign(new Error('aborted'), { name: 'AbortError' });
    const aborted = await fake(() => Promise.reject(abort))
      .client.getSession()
      .catch((x: unknown) => x);
    expect(aborted).toBe(abort);
  });

  it('is typed by the contracts', () => {
    const { client } = fake(() => json({}));
    const setup: Promise<Answer<'getSetup'>> = client.getSetup();
    const needed: Promise<{ needed: boolean }> = setup;
    const blob: Promise<Blob> = client.getObligationsIcs({ id: 'c1' });
    void [needed, blob];
    const wrong = () => {
      // @ts-expect-error the case id is required
      void client.getCase();
      // @ts-expect-error status is open or closed
      void client.listCases({ query: { status: 'lost' } });
      // @ts-expect-error shared is a boolean
      void client.setDocumentShared({ id: 'd1', body: { shared: 'yes' } });
      // @ts-expect-error the login takes an email and a password
      void client.login({ body: { email: 'a@b.c' } });
      // @ts-expect-error no such route
      void client.getCases();
      // @ts-expect-error only a GET route has a link
      void client.href('deleteCase', { id: 'c1' });
    };
    expect(typeof wrong).toBe('function');
  });
});
