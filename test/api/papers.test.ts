// Papers of a case through the API: ticking the checklist (received, accepted, rejected with a comment;
// versions, conflicts, the audit log, a document counted for every procedure that asks for it, received on
// upload), the next filing's pack (the PDF of that procedure only, in Russian and Chinese without English
// sentences; the ZIP of its scans named by the index, the person and the document) and the shareable
// self-check code (made in public, read and redeemed once by an agency; a second use, an expired code and
// another organization refused).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../store/backends.ts';
import { makeCase, PASSWORD, PDF, PNG } from '../store/fixtures.ts';
import { createOwner } from '../../src/store/memberships.ts';
import { purgeExpired } from '../../src/store/sessions.ts';
import { addMember, Client, isProblem, startApi, type ApiEnv } from './harness.ts';

const OUT = mkdtempSync(join(tmpdir(), 'hqs-papers-'));

/** The text of a PDF, as pdftotext reads it. */
function pdfText(bytes: Buffer, name: string): string {
  const path = join(OUT, name);
  writeFileSync(path, bytes);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
}

/** Runs of three or more English words (as test/exports.test.ts checks the whole checklist). */
function englishRuns(text: string): string[] {
  const cleaned = text
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/\S+\.pdf\b/g, ' ')
    .replace(/\b[A-Z][A-Z'-]+(?: [A-Z][A-Z'-]+)*\b/g, ' ')
    .replace(/HQS Desk/g, ' ');
  return cleaned.match(/\b[A-Za-z][a-z]+(?:[ ,;:]+[A-Za-z][a-z]+){2,}/g) ?? [];
}

interface Item {
  person: string;
  procedure: string;
  document: string;
  order: number;
  status: string;
  review: { status: string; comment: string | null; version: number; by: string } | null;
  alsoFor: string[];
  scans: number;
}

describe.each(BACKENDS)('papers of a case on %s', (backend) => {
  let env: ApiEnv;
  let owner: Client;
  let manager: Client;
  let viewer: Client;
  let specialist: Client;
  let other: Client;
  let caseId: string;

  const checklist = async (c: Client = manager) => {
    const r = await c.get(`/api/v1/cases/${caseId}/checklist`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body as {
      items: Item[];
      procedures: {
        person: string;
        procedure: string;
        total: number;
        accepted: number;
        received: number;
        rejected: number;
      }[];
      next: { procedure: string; people: string[] } | null;
    };
  };
  const tick = (c: Client, person: string, document: string, body: unknown) =>
    c.put(`/api/v1/cases/${caseId}/checklist/${person}/${document}`, { json: body });

  beforeAll(async () => {
    env = await startApi(backend);
    owner = new Client(env.url);
    expect(
      (await owner.post('/api/v1/setup', { json: { email: 'own@p.example', password: PASSWORD, orgName: 'Papers' } }))
        .status,
    ).toBe(201);
    expect((await owner.login('own@p.example', PASSWORD)).status).toBe(200);
    const c = await owner.post('/api/v1/cases', { json: makeCase(1, { employer: 1, name: 'IVANOVA ANNA' }) });
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    caseId = c.body.caseId;
    await addMember(owner, 'max@p.example', 'manager');
    await addMember(owner, 'vic@p.example', 'viewer');
    await addMember(owner, 'sia@p.example', 'specialist', { caseId, personId: 'p1' });
    manager = new Client(env.url);
    viewer = new Client(env.url);
    specialist = new Client(env.url);
    expect((await manager.login('max@p.example', PASSWORD)).status).toBe(200);
    expect((await viewer.login('vic@p.example', PASSWORD)).status).toBe(200);
    expect((await specialist.login('sia@p.example', PASSWORD)).status).toBe(200);
    other = new Client(env.url);
  }, 120_000);

  afterAll(async () => {
    await env?.close();
  });

  it('lists the checklist with no statuses, the counts per procedure and the next procedure', async () => {
    const list = await checklist();
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((i) => i.review === null)).toBe(true);
    // The next filing is the open procedure dated first: the family's invitations here (overdue), before
    // the principal's notification and RP.
    expect(list.next).toEqual({ procedure: 'invitation', people: ['p2', 'p3'] });
    for (const p of list.procedures) {
      const items = list.items.filter((i) => i.person === p.person && i.procedure === p.procedure);
      expect(p.total).toBe(items.length);
      expect(p.accepted + p.received + p.rejected).toBe(0);
    }
  });

  it('ticks a document once and counts it for every procedure that asks for it; a stale version is a conflict; audited', async () => {
    const list = await checklist();
    const shared = list.items.find((i) => i.alsoFor.length > 0);
    expect(shared, 'a document several procedures ask for').toBeDefined();
    const { person, document } = shared!;
    const procedures = [shared!.procedure, ...shared!.alsoFor];

    const set = await tick(manager, person, document, { status: 'accepted', version: 0 });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body).toMatchObject({ personId: person, document, status: 'accepted', version: 1 });
    expect(set.body.by).toBe('user:max@p.example');

    const stale = await tick(manager, person, document, { status: 'rejected', comment: 'blurred', version: 0 });
    expect(isProblem(stale, 409)).toBe(true);
    expect(stale.body.currentVersion).toBe(1);

    const after = await checklist();
    for (const procedure of procedures) {
      const counts = after.procedures.find((p) => p.person === person && p.procedure === procedure)!;
      expect(counts.accepted, procedure).toBe(1);
      const item = after.items.find(
        (i) => i.person === person && i.procedure === procedure && i.document === document,
      )!;
      expect(item.review?.status).toBe('accepted');
    }

    const audit = await owner.get(`/api/v1/audit?entity=case&entityId=${caseId}&action=checklist.review`);
    expect(audit.body.items.at(-1).details).toMatchObject({
      personId: person,
      document,
      status: 'accepted',
      version: 1,
    });
  });

  it('refuses a rejection without a comment, a person the case does not have, a viewer and a specialist', async () => {
    const list = await checklist();
    const item = list.items.find((i) => i.review === null && i.person === 'p1')!;
    const bare = await tick(manager, 'p1', item.document, { status: 'rejected', version: 0 });
    expect(isProblem(bare, 422)).toBe(true);
    expect(bare.body.errors.map((e: { path: string }) => e.path)).toContain('comment');
    const nobody = await tick(manager, 'p9', item.document, { status: 'received', version: 0 });
    expect(isProblem(nobody, 422)).toBe(true);
    expect(nobody.body.errors.map((e: { path: string }) => e.path)).toContain('personId');
    const badStatus = await tick(manager, 'p1', item.document, { status: 'lost', version: 0 });
    expect(isProblem(badStatus, 422)).toBe(true);
    expect(isProblem(await tick(viewer, 'p1', item.document, { status: 'accepted', version: 0 }), 403)).toBe(true);
    expect(isProblem(await tick(specialist, 'p1', item.document, { status: 'accepted', version: 0 }), 403)).toBe(true);
  });

  it('a rejection with its comment reaches the specialist; their new scan marks it received again', async () => {
    const list = await checklist();
    const item = list.items.find((i) => i.review === null && i.person === 'p1')!;
    const rej = await tick(manager, 'p1', item.document, {
      status: 'rejected',
      comment: 'The scan is cut off at the bottom',
      version: 0,
    });
    expect(rej.status, JSON.stringify(rej.body)).toBe(200);
    const seen = await checklist(specialist);
    const mine = seen.items.find((i) => i.person === 'p1' && i.document === item.document)!;
    expect(mine.review).toMatchObject({ status: 'rejected', comment: 'The scan is cut off at the bottom' });
    // A specialist reads only their own person's and their children's statuses.
    expect(seen.items.filter((i) => i.review).every((i) => i.person === 'p1' || i.person === 'p3')).toBe(true);

    const up = await specialist.post(`/api/v1/cases/${caseId}/documents?type=${item.document}&personId=p1`, {
      body: Buffer.concat([PDF, Buffer.from('again')]),
      type: 'application/pdf',
    });
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    const now = (await checklist()).items.find((i) => i.person === 'p1' && i.document === item.document)!;
    expect(now.review).toMatchObject({ status: 'received', comment: null, version: 2, by: 'user:sia@p.example' });
    expect(now.scans).toBe(1);
    const audit = await owner.get(`/api/v1/audit?entity=case&entityId=${caseId}&action=checklist.review`);
    expect(audit.body.items.at(-1).details).toMatchObject({
      document: item.document,
      status: 'received',
      was: 'rejected',
      upload: up.body.document.documentId,
    });
  });

  it('an upload of a document with no status marks it received; an accepted one stays accepted', async () => {
    const list = await checklist();
    const fresh = list.items.find((i) => i.review === null && i.person === 'p1')!;
    const up = await manager.post(`/api/v1/cases/${caseId}/documents?type=${fresh.document}&personId=p1`, {
      body: PNG,
      type: 'image/png',
    });
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    const accepted = list.items.find((i) => i.review?.status === 'accepted')!;
    const up2 = await manager.post(
      `/api/v1/cases/${caseId}/documents?type=${accepted.document}&personId=${accepted.person}`,
      { body: Buffer.concat([PDF, Buffer.from('accepted')]), type: 'application/pdf' },
    );
    expect(up2.status).toBe(201);
    const after = await checklist();
    expect(after.items.find((i) => i.person === 'p1' && i.document === fresh.document)!.review?.status).toBe(
      'received',
    );
    expect(
      after.items.find((i) => i.person === accepted.person && i.document === accepted.document)!.review?.status,
    ).toBe('accepted');
  });

  it('the next filing as a PDF: that procedure only, in Russian and Chinese without English sentences', async () => {
    const list = await checklist();
    const next = list.next!;
    const ev = (await manager.get(`/api/v1/cases/${caseId}/evaluation?include=documents&lang=ru`)).body.evaluation;
    const titleOf = (i: { requirement: { title: { ru: string } } }) => i.requirement.title.ru;
    const inNext = new Set<string>(ev.checklist.filter((i: Item) => i.procedure === next.procedure).map(titleOf));
    const elsewhere = ev.checklist
      .filter((i: Item) => i.procedure !== next.procedure)
      .map(titleOf)
      .filter((t: string) => !inNext.has(t));
    expect(elsewhere.length, 'documents of later procedures only').toBeGreaterThan(0);

    const ru = await manager.get(`/api/v1/cases/${caseId}/next-filing/checklist.pdf?lang=ru`);
    expect(ru.status).toBe(200);
    expect(ru.headers.get('content-type')).toBe('application/pdf');
    const cd = ru.headers.get('content-disposition')!;
    expect(cd).toContain(`IVANOVA ANNA - ${next.procedure} checklist.pdf`);
    expect(cd).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    const text = pdfText(ru.bytes, 'next.ru.pdf').replace(/\s+/g, ' ');
    expect(text).toContain('Ближайшая подача');
    for (const title of inNext) expect(text, title).toContain(title.replace(/\s+/g, ' ').slice(0, 25));
    for (const title of elsewhere) expect(text, title).not.toContain(title.replace(/\s+/g, ' '));
    expect(englishRuns(pdfText(ru.bytes, 'next.ru.pdf'))).toEqual([]);

    const zh = await manager.get(`/api/v1/cases/${caseId}/next-filing/checklist.pdf?lang=zh`);
    expect(zh.status).toBe(200);
    const zhText = pdfText(zh.bytes, 'next.zh.pdf');
    expect(zhText.replace(/\s+/g, '')).toContain('中文内容仅供参考，法律以俄文文本为准。');
    expect(zhText).toContain('下一次递交');
    expect(englishRuns(zhText)).toEqual([]);

    // One person only; a person the case does not have is named.
    const p2 = await manager.get(`/api/v1/cases/${caseId}/next-filing/checklist.pdf?lang=en&person=p2`);
    expect([200, 404]).toContain(p2.status);
    const nobody = await manager.get(`/api/v1/cases/${caseId}/next-filing/checklist.pdf?person=p9`);
    expect(isProblem(nobody, 422)).toBe(true);
    expect(nobody.body.errors[0].path).toBe('person');
  });

  it('the next filing as a ZIP of its scans named by the index, the person and the document', async () => {
    const list = await checklist();
    const next = list.next!;
    const items = list.items.filter((i) => i.procedure === next.procedure);
    const people = (await manager.get(`/api/v1/cases/${caseId}`)).body.case.people as {
      id: string;
      name: { latin: string };
    }[];
    const nameOf = (i: Item) => people.find((p) => p.id === i.person)!.name.latin;
    // A scan for each of two documents of the next procedure (one twice), and one for a later procedure only.
    expect(items.length).toBeGreaterThan(1);
    const [a, b] = items as [Item, Item];
    for (const [doc, bytes] of [
      [a, Buffer.concat([PDF, Buffer.from('zip-a')])],
      [b, Buffer.concat([PDF, Buffer.from('zip-b1')])],
      [b, PNG],
    ] as const) {
      const up = await manager.post(`/api/v1/cases/${caseId}/documents?type=${doc.document}&personId=${doc.person}`, {
        body: bytes,
        type: 'application/octet-stream',
      });
      expect([200, 201]).toContain(up.status);
    }
    const later = list.items.find(
      (i) => i.procedure !== next.procedure && !items.some((x) => x.person === i.person && x.document === i.document),
    )!;
    await manager.post(`/api/v1/cases/${caseId}/documents?type=${later.document}&personId=${later.person}`, {
      body: Buffer.concat([PDF, Buffer.from('later')]),
      type: 'application/pdf',
    });
    const z = await manager.get(`/api/v1/cases/${caseId}/next-filing/scans.zip`);
    expect(z.status, z.bytes.toString()).toBe(200);
    expect(z.headers.get('content-type')).toBe('application/zip');
    expect(z.headers.get('content-disposition')).toContain(`IVANOVA ANNA - ${next.procedure} scans.zip`);
    const files = unzipSync(new Uint8Array(z.bytes));
    const names = Object.keys(files);
    const n = (i: Item) => String(i.order).padStart(2, '0');
    const aName = `${n(a)} ${nameOf(a)} - ${a.document}.pdf`;
    expect(names).toContain(aName);
    expect(names).toContain(`${n(b)} ${nameOf(b)} - ${b.document}.pdf`);
    expect(names).toContain(`${n(b)} ${nameOf(b)} - ${b.document} (2).png`);
    expect(names.some((x) => x.includes(` - ${later.document}.`) && x.includes(nameOf(later)))).toBe(false);
    expect(Buffer.from(files[aName]!).equals(Buffer.concat([PDF, Buffer.from('zip-a')]))).toBe(true);
    // Every name is "NN Person - document.ext".
    for (const x of names) expect(x).toMatch(/^\d{2} [A-Z][A-Z' -]+ - [a-z0-9-]+( \(\d\))?\.(pdf|png|jpg)$/);
  });

  it('names every export by the person and the document, not by an id', async () => {
    const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/;
    for (const path of ['checklist.pdf', 'letters/cover.pdf', 'letters/employer-support.docx', 'obligations.ics']) {
      const r = await manager.get(`/api/v1/cases/${caseId}/${path}`);
      expect(r.status, path).toBe(200);
      const cd = r.headers.get('content-disposition')!;
      expect(cd, path).toContain('IVANOVA ANNA - ');
      expect(cd, path).not.toMatch(uuid);
    }
    // A scan uploaded without a name is named by its person and type.
    const up = await manager.post(`/api/v1/cases/${caseId}/documents?type=diploma&personId=p1`, {
      body: Buffer.concat([PDF, Buffer.from('nameless')]),
      type: 'application/pdf',
    });
    const dl = await manager.get(`/api/v1/documents/${up.body.document.documentId}/content`);
    expect(dl.headers.get('content-disposition')).toBe('attachment; filename="IVANOVA ANNA - diploma.pdf"');
  });

  it('a person removed from the case takes their documents’ statuses along', async () => {
    let version = (await owner.get(`/api/v1/cases/${caseId}`)).body.version as number;
    const person = {
      id: 'p9',
      role: 'family',
      relation: 'child',
      name: { latin: 'IVANOV NINE' },
      birthDate: '2016-05-01',
      citizenships: ['IN'],
    };
    const added = await owner.post(`/api/v1/cases/${caseId}/people`, { json: { version, person } });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    const item = (await checklist()).items.find((i) => i.person === 'p9');
    expect(item, 'the child has papers to bring').toBeDefined();
    const r = await tick(owner, 'p9', item!.document, { status: 'rejected', comment: 'blurred', version: 0 });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const count = async () =>
      (
        await env.db.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM checklist_reviews WHERE case_id = $1 AND person_id = 'p9'",
          [caseId],
        )
      )[0]!.n;
    expect(await count()).toBe(1);
    version = (await owner.get(`/api/v1/cases/${caseId}`)).body.version as number;
    const removed = await owner.del(`/api/v1/cases/${caseId}/people/p9?version=${version}`);
    expect(removed.status, JSON.stringify(removed.body)).toBe(200);
    expect(await count()).toBe(0);
  });

  describe('the shareable self-check', () => {
    let shared = 0;
    /** The public self-check's case (it has no id of its own: each is a new case). */
    const share = (lang = 'zh') => {
      const c = makeCase(100 + ++shared, { employer: 2, name: 'WANG FANG' }) as Record<string, unknown>;
      delete c.id;
      return new Client(env.url).post(`/api/v1/selfcheck/codes?lang=${lang}`, { json: c });
    };

    it('keeps the answers under a short code, read by a manager, redeemed once into a case', async () => {
      const s = await share();
      expect(s.status, JSON.stringify(s.body)).toBe(201);
      expect(s.body.code).toMatch(/^[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}$/);
      const days = (Date.parse(s.body.expiresAt) - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(13.9);
      expect(days).toBeLessThan(14.1);
      // Only the hash is stored: the code itself is nowhere in the table.
      const rows = await env.db.query<{ code_hash: string }>('SELECT code_hash FROM selfcheck_codes');
      expect(JSON.stringify(rows)).not.toContain(s.body.code.replace(/-/g, ''));

      const typed = s.body.code.toLowerCase().replace(/-/g, ' ');
      const read = await manager.post('/api/v1/selfcheck/codes/read', { json: { code: typed } });
      expect(read.status, JSON.stringify(read.body)).toBe(200);
      expect(read.body.lang).toBe('zh');
      expect(read.body.answers.people[0].name.latin).toBe('WANG FANG');
      expect(isProblem(await viewer.post('/api/v1/selfcheck/codes/read', { json: { code: typed } }), 403)).toBe(true);

      const made = await manager.post('/api/v1/selfcheck/codes/redeem', { json: { code: s.body.code } });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      expect(made.body.case.people[0].name.latin).toBe('WANG FANG');
      expect((await manager.get(`/api/v1/cases/${made.body.caseId}`)).status).toBe(200);

      const again = await owner.post('/api/v1/selfcheck/codes/redeem', { json: { code: s.body.code } });
      expect(isProblem(again, 409)).toBe(true);
      expect(again.body.detail).toMatch(/used already/);
      expect(again.body.errors[0].path).toBe('code');
      const reread = await owner.post('/api/v1/selfcheck/codes/read', { json: { code: s.body.code } });
      expect(isProblem(reread, 409)).toBe(true);
      const audit = await owner.get(`/api/v1/audit?action=selfcheck.redeem&entityId=${made.body.caseId}`);
      expect(audit.body.items).toHaveLength(1);
    });

    it('refuses an expired code, a wrong one, and a malformed one, naming the code; housekeeping deletes the expired', async () => {
      const s = await share('ru');
      await env.db.query(
        `UPDATE selfcheck_codes SET expires_at = now() - interval '1 minute' WHERE redeemed_at IS NULL`,
      );
      const expired = await manager.post('/api/v1/selfcheck/codes/redeem', { json: { code: s.body.code } });
      expect(isProblem(expired, 409)).toBe(true);
      expect(expired.body.detail).toMatch(/expired/);
      const unknown = await manager.post('/api/v1/selfcheck/codes/read', { json: { code: '222-222-222' } });
      expect(isProblem(unknown, 404)).toBe(true);
      expect(unknown.body.errors[0].path).toBe('code');
      const bad = await manager.post('/api/v1/selfcheck/codes/read', { json: { code: '0OI-111-LLL' } });
      expect(isProblem(bad, 422)).toBe(true);
      expect(bad.body.errors[0].path).toBe('code');

      await purgeExpired(env.db);
      const left = await env.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM selfcheck_codes WHERE expires_at <= now()',
      );
      expect(left[0]!.n).toBe(0);
      const gone = await manager.post('/api/v1/selfcheck/codes/redeem', { json: { code: s.body.code } });
      expect(isProblem(gone, 404)).toBe(true);
    });

    it('a code redeemed by one organization is used up for another, whose members never see the case', async () => {
      // A second organization: its owner signs up through an invitation of its own (a new org via setup is once only).
      const org2 = await env.db.query<{ org_id: string }>('SELECT org_id FROM organizations');
      expect(org2.length).toBe(1);
      await createOwner(env.db, { email: 'two@q.example', password: PASSWORD, orgName: 'Other agency' });
      expect((await other.login('two@q.example', PASSWORD)).status).toBe(200);

      const s = await share('en');
      const made = await manager.post('/api/v1/selfcheck/codes/redeem', { json: { code: s.body.code } });
      expect(made.status).toBe(201);
      const theirs = await other.post('/api/v1/selfcheck/codes/redeem', { json: { code: s.body.code } });
      expect(isProblem(theirs, 409)).toBe(true);
      expect(isProblem(await other.get(`/api/v1/cases/${made.body.caseId}`), 404)).toBe(true);
      // And the other way round: their code, their case.
      const s2 = await share('en');
      const mine = await other.post('/api/v1/selfcheck/codes/redeem', { json: { code: s2.body.code } });
      expect(mine.status).toBe(201);
      expect(isProblem(await manager.get(`/api/v1/cases/${mine.body.caseId}`), 404)).toBe(true);
    });

    it('refuses a body that is not a case, naming the field, and stores nothing', async () => {
      const before = await env.db.query<{ n: number }>('SELECT count(*)::int AS n FROM selfcheck_codes');
      const bad = await new Client(env.url).post('/api/v1/selfcheck/codes', {
        json: { format: 'hqs-case/1', people: [] },
      });
      expect(isProblem(bad, 422)).toBe(true);
      const after = await env.db.query<{ n: number }>('SELECT count(*)::int AS n FROM selfcheck_codes');
      expect(after[0]!.n).toBe(before[0]!.n);
    });
  });
});
