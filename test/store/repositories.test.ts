// The repositories on both backends: cases, employers, documents, evaluations, people and access — and
// tenant isolation, checked twice: through every repository call (another organization's data is
// NotFound), and through row-level security alone, with SQL that forgets the organization on purpose.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, startBackend, type TestBackend } from './backends.ts';
import { makeCase, makeOrg, PASSWORD, PDF, PNG, testEngine, type Org } from './fixtures.ts';
import type { IsoDate } from '../../src/calendar/date.ts';
import { CaseSchema } from '../../src/case/index.ts';
import {
  APP_ROLE,
  Conflict,
  Forbidden,
  Invalid,
  NotFound,
  addMemberByEmail,
  addMembership,
  authenticate,
  createApiToken,
  createCase,
  createCases,
  createEmployer,
  createOwner,
  createSession,
  createUser,
  csrfMatches,
  dashboard,
  deleteCase,
  deleteDocument,
  deleteEmployer,
  endSession,
  evaluateCase,
  exportCase,
  getCase,
  getDocument,
  getEmployer,
  getEvaluation,
  getOrganization,
  getUser,
  inTenant,
  listApiTokens,
  listAudit,
  listCases,
  listDocuments,
  listEmployers,
  listMemberships,
  listObligations,
  beginLoginAttempt,
  finishLoginAttempt,
  backoffSeconds,
  readDocument,
  removeMembership,
  resolveActor,
  resolveApiToken,
  resolveSession,
  revokeApiToken,
  setCaseStatus,
  setMembershipRole,
  storeDocument,
  summaryOf,
  updateCase,
  updateEmployer,
  type Actor,
  type CaseRecord,
  type Db,
  type DocumentRecord,
} from '../../src/store/index.ts';

const AS_OF = '2026-11-21' as IsoDate;
const TENANT_TABLES = [
  'organizations',
  'employers',
  'cases',
  'case_people',
  'memberships',
  'documents',
  'evaluations',
  'obligations',
  'audit_log',
  'api_tokens',
  'sessions',
  'invitations',
  'import_mappings',
  'idempotency_keys',
  'checklist_reviews',
  'outbox',
  'reminder_settings',
  'reminder_sends',
  'calendar_feeds',
];

describe.each(BACKENDS)('store on %s', (backendName) => {
  let backend: TestBackend;
  let db: Db;
  let A: Org;
  let B: Org;
  let caseA: CaseRecord;
  let caseB: CaseRecord;
  let docA: DocumentRecord;
  let manager: Actor;
  let viewer: Actor;
  let specialist: Actor;
  let tokenA: string;

  beforeAll(async () => {
    backend = await startBackend(backendName);
    db = await backend.fresh();
    [A, B] = [await makeOrg(db, 'A'), await makeOrg(db, 'B')];
    const evaluate = { engine: testEngine(), asOf: AS_OF };
    caseA = await createCase(db, A.owner, makeCase(1, { employer: 1 }), { evaluate });
    caseB = await createCase(db, B.owner, makeCase(2, { employer: 2 }), { evaluate });
    docA = (
      await storeDocument(db, A.owner, {
        caseId: caseA.caseId,
        personId: 'p1',
        type: 'passport',
        fileName: 'passport.pdf',
        bytes: PDF,
      })
    ).document;
    const roles = async (role: 'manager' | 'viewer' | 'specialist') => {
      const m = await addMemberByEmail(db, A.owner, {
        email: `${role}@a.example.com`,
        password: PASSWORD,
        role,
        ...(role === 'specialist' ? { caseId: caseA.caseId, personId: 'p1' } : {}),
      });
      return resolveActor(db, { userId: m.userId, orgId: A.orgId });
    };
    manager = await roles('manager');
    viewer = await roles('viewer');
    specialist = await roles('specialist');
    tokenA = (await createApiToken(db, A.owner, { name: 'HR system', role: 'viewer' })).token;
  }, 90_000);

  afterAll(async () => {
    await backend?.close();
  });

  it('lets exactly one of two concurrent first-run setups create the owner (checked under the lock)', async () => {
    const empty = await backend.fresh();
    const tries = await Promise.allSettled(
      ['First', 'Second'].map((n) =>
        createOwner(empty, {
          email: `${n.toLowerCase()}@setup.example`,
          password: PASSWORD,
          orgName: `${n} agency`,
          firstRun: true,
        }),
      ),
    );
    expect(tries.filter((t) => t.status === 'fulfilled')).toHaveLength(1);
    const refused = tries.find((t) => t.status === 'rejected') as PromiseRejectedResult;
    expect(String(refused.reason?.message)).toMatch(/set up already/);
    await empty.close();
  });

  describe('roles in the database', () => {
    it('the application role is neither superuser nor exempt from row-level security', async () => {
      const rows = await db.query<{ rolsuper: boolean; rolbypassrls: boolean }>(
        'SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = $1',
        [APP_ROLE],
      );
      expect(rows).toEqual([{ rolsuper: false, rolbypassrls: false }]);
      const inside = await inTenant(db, A.orgId, (tx) => tx.query<{ u: string }>('SELECT current_user AS u'));
      expect(inside[0]!.u).toBe(APP_ROLE);
    });

    it.runIf(backendName === 'postgres')('the connection role (the schema owner) is not a superuser', async () => {
      const rows = await db.query<{ rolsuper: boolean; rolbypassrls: boolean; u: string }>(
        'SELECT rolsuper, rolbypassrls, rolname AS u FROM pg_roles WHERE rolname = current_user',
      );
      expect(rows).toEqual([{ rolsuper: false, rolbypassrls: false, u: 'hqs_owner' }]);
    });

    it('every table with org_id has a policy and row-level security on', async () => {
      const rows = await db.query<{ t: string; rls: boolean; policies: number }>(
        `SELECT c.relname AS t, c.relrowsecurity AS rls,
                (SELECT count(*)::int FROM pg_policy p WHERE p.polrelid = c.oid AND p.polpermissive) AS policies
         FROM pg_class c JOIN information_schema.columns col ON col.table_name = c.relname AND col.column_name = 'org_id'
         WHERE c.relkind = 'r' AND col.table_schema = 'public' ORDER BY 1`,
      );
      expect(rows.map((r) => r.t).sort()).toEqual([...TENANT_TABLES].sort());
      // One permissive policy (the tenant); the employer scope's policies (migration 005) only narrow it.
      for (const r of rows) expect(r, r.t).toMatchObject({ rls: true, policies: 1 });
      const scoped = await db.query<{ t: string }>(
        `SELECT c.relname AS t FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid
         WHERE p.polname = 'employer_scope' AND NOT p.polpermissive ORDER BY 1`,
      );
      expect(scoped.map((r) => r.t)).toEqual([
        'case_people',
        'cases',
        'checklist_reviews',
        'documents',
        'employers',
        'evaluations',
        'obligations',
      ]);
    });
  });

  describe('row-level security alone (SQL without any organization filter)', () => {
    it('a transaction as the application role without an organization sees no row of any tenant table', async () => {
      await db.transaction(async (tx) => {
        await tx.query(`SET LOCAL ROLE ${APP_ROLE}`);
        for (const t of TENANT_TABLES) {
          const n = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`);
          expect(n[0]!.n, t).toBe(0);
        }
        expect((await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM users'))[0]!.n).toBe(0);
      });
    });

    it("organization B's transaction sees none of A's rows, even by id", async () => {
      await inTenant(db, B.orgId, async (tx) => {
        for (const t of TENANT_TABLES) {
          const other = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t} WHERE org_id <> $1`, [
            B.orgId,
          ]);
          expect(other[0]!.n, t).toBe(0);
        }
        expect(await tx.query('SELECT * FROM cases WHERE case_id = $1', [caseA.caseId])).toEqual([]);
        expect(await tx.query('SELECT * FROM documents WHERE document_id = $1', [docA.documentId])).toEqual([]);
        const users = await tx.query<{ email: string }>('SELECT email FROM users');
        expect(users.map((u) => u.email)).toEqual([B.ownerEmail]);
        expect(
          await tx.query('UPDATE cases SET principal_name = $2 WHERE case_id = $1 RETURNING 1', [caseA.caseId, 'X']),
        ).toEqual([]);
        expect(await tx.query('DELETE FROM cases WHERE case_id = $1 RETURNING 1', [caseA.caseId])).toEqual([]);
      });
      const still = await getCase(db, A.owner, caseA.caseId, { audit: false });
      expect(still.principalName).toBe(caseA.principalName);
    });

    it("B cannot write a row carrying A's org_id", async () => {
      await expect(
        inTenant(db, B.orgId, (tx) =>
          tx.query(`INSERT INTO audit_log (org_id, actor, action, entity) VALUES ($1, 'x', 'forged', 'case')`, [
            A.orgId,
          ]),
        ),
      ).rejects.toMatchObject({ code: '42501' });
      await expect(
        inTenant(db, B.orgId, (tx) => tx.query('UPDATE employers SET org_id = $1 RETURNING 1', [A.orgId])),
      ).rejects.toMatchObject({ code: '42501' });
    });

    it('the application role cannot change or delete the audit log, and nobody can update it', async () => {
      await expect(inTenant(db, A.orgId, (tx) => tx.query('DELETE FROM audit_log'))).rejects.toMatchObject({
        code: '42501',
      });
      await expect(db.query(`UPDATE audit_log SET action = 'x' WHERE org_id = $1`, [A.orgId])).rejects.toThrow(
        /append-only/,
      );
    });
  });

  describe('tenant isolation through the repositories: every read and write of another organization is NotFound', () => {
    const cases: [string, () => Promise<unknown>][] = [
      ['getCase', () => getCase(db, B.owner, caseA.caseId)],
      ['exportCase', () => exportCase(db, B.owner, caseA.caseId)],
      ['updateCase', () => updateCase(db, B.owner, caseA.caseId, makeCase(1, { employer: 1 }), 1)],
      ['setCaseStatus', () => setCaseStatus(db, B.owner, caseA.caseId, 'closed')],
      ['deleteCase', () => deleteCase(db, B.owner, caseA.caseId)],
      ['getEvaluation', () => getEvaluation(db, B.owner, caseA.caseId)],
      ['evaluateCase', () => evaluateCase(db, B.owner, testEngine(), caseA.caseId, AS_OF)],
      ['getEmployer', () => getEmployer(db, B.owner, caseA.employerId)],
      ['updateEmployer', () => updateEmployer(db, B.owner, caseA.employerId, makeCase(9).employer)],
      ['deleteEmployer', () => deleteEmployer(db, B.owner, caseA.employerId)],
      [
        'storeDocument',
        () => storeDocument(db, B.owner, { caseId: caseA.caseId, personId: 'p1', type: 'passport', bytes: PNG }),
      ],
      ['listDocuments', () => listDocuments(db, B.owner, caseA.caseId)],
      ['getDocument', () => getDocument(db, B.owner, docA.documentId)],
      ['readDocument', () => readDocument(db, B.owner, docA.documentId)],
      ['deleteDocument', () => deleteDocument(db, B.owner, docA.documentId)],
      ['getUser', () => getUser(db, B.owner, A.owner.userId!)],
      [
        'addMembership (specialist on A case)',
        () => addMembership(db, B.owner, { userId: B.owner.userId!, role: 'specialist', caseId: caseA.caseId }),
      ],
      ['setMembershipRole', () => setMembershipRole(db, B.owner, { userId: A.owner.userId!, role: 'viewer' })],
      ['removeMembership', () => removeMembership(db, B.owner, A.owner.userId!)],
      ['resolveActor (not a member)', () => resolveActor(db, { userId: B.owner.userId!, orgId: A.orgId })],
    ];
    it.each(cases)('%s', async (_name, call) => {
      await expect(call()).rejects.toBeInstanceOf(NotFound);
    });

    it('revoking a token of another organization', async () => {
      const [t] = await listApiTokens(db, A.owner);
      await expect(revokeApiToken(db, B.owner, t!.tokenId)).rejects.toBeInstanceOf(NotFound);
      expect(await resolveApiToken(db, tokenA)).not.toBeNull();
    });

    it('lists, the portfolio and the audit log hold only the own organization', async () => {
      const cases = await listCases(db, B.owner, { limit: 500 });
      expect(cases.items.map((c) => c.caseId)).toEqual([caseB.caseId]);
      const employers = await listEmployers(db, B.owner);
      expect(employers.items.map((e) => e.employerId)).toEqual([caseB.employerId]);
      const obligations = await listObligations(db, B.owner, { limit: 1000 });
      expect(obligations.total).toBeGreaterThan(0);
      expect(new Set(obligations.items.map((o) => o.caseId))).toEqual(new Set([caseB.caseId]));
      const audit = await listAudit(db, B.owner, { limit: 1000 });
      expect(audit.items.every((e) => e.orgId === B.orgId)).toBe(true);
      const members = await listMemberships(db, B.owner);
      expect(members.map((m) => m.email)).toEqual([B.ownerEmail]);
      expect((await getOrganization(db, B.owner)).orgId).toBe(B.orgId);
    });

    it("the same bytes in two organizations: deleting one's document keeps the other's file", async () => {
      const a = await storeDocument(db, A.owner, { caseId: caseA.caseId, personId: 'p2', type: 'photo', bytes: PNG });
      const b = await storeDocument(db, B.owner, { caseId: caseB.caseId, personId: 'p2', type: 'photo', bytes: PNG });
      expect(a.document.sha256).toBe(b.document.sha256);
      await deleteDocument(db, B.owner, b.document.documentId);
      expect((await readDocument(db, A.owner, a.document.documentId)).bytes.equals(PNG)).toBe(true);
      await deleteDocument(db, A.owner, a.document.documentId);
      expect(await db.files.has(a.document.sha256)).toBe(false);
    });
  });

  describe('roles', () => {
    it('a viewer reads but does not write', async () => {
      expect((await getCase(db, viewer, caseA.caseId)).caseId).toBe(caseA.caseId);
      await expect(createCase(db, viewer, makeCase(3))).rejects.toBeInstanceOf(Forbidden);
      await expect(
        updateCase(db, viewer, caseA.caseId, makeCase(1, { employer: 1 }), caseA.version),
      ).rejects.toBeInstanceOf(Forbidden);
      await expect(
        storeDocument(db, viewer, { caseId: caseA.caseId, personId: 'p1', type: 'visa', bytes: PNG }),
      ).rejects.toBeInstanceOf(Forbidden);
      await expect(createEmployer(db, viewer, makeCase(3, { employer: 3 }).employer)).rejects.toBeInstanceOf(Forbidden);
      await expect(listAudit(db, viewer)).rejects.toBeInstanceOf(Forbidden);
    });

    it('a manager edits but manages neither members, tokens nor the audit log', async () => {
      const e = await createEmployer(db, manager, makeCase(4, { employer: 4 }).employer);
      expect(e.inn).toBe(makeCase(4, { employer: 4 }).employer.inn);
      await expect(addMembership(db, manager, { userId: viewer.userId!, role: 'owner' })).rejects.toBeInstanceOf(
        Forbidden,
      );
      await expect(createApiToken(db, manager, { name: 'x', role: 'viewer' })).rejects.toBeInstanceOf(Forbidden);
      await expect(listAudit(db, manager)).rejects.toBeInstanceOf(Forbidden);
      expect((await listMemberships(db, manager)).length).toBe(4);
    });

    it('a specialist sees and uploads for their own case only', async () => {
      const other = await createCase(db, A.owner, makeCase(5, { employer: 1 }));
      expect((await getCase(db, specialist, caseA.caseId)).caseId).toBe(caseA.caseId);
      await expect(getCase(db, specialist, other.caseId)).rejects.toBeInstanceOf(NotFound);
      await expect(listDocuments(db, specialist, other.caseId)).rejects.toBeInstanceOf(NotFound);
      expect((await listCases(db, specialist)).items.map((c) => c.caseId)).toEqual([caseA.caseId]);
      const obligations = await listObligations(db, specialist, { limit: 1000 });
      expect(new Set(obligations.items.map((o) => o.caseId))).toEqual(new Set([caseA.caseId]));
      const up = await storeDocument(db, specialist, {
        caseId: caseA.caseId,
        personId: 'p3',
        type: 'birth-certificate',
        bytes: PDF,
      });
      expect(up.document.personId).toBe('p3');
      await expect(
        storeDocument(db, specialist, { caseId: other.caseId, personId: 'p1', type: 'passport', bytes: PDF }),
      ).rejects.toBeInstanceOf(NotFound);
      await expect(updateCase(db, specialist, caseA.caseId, makeCase(1, { employer: 1 }), 1)).rejects.toBeInstanceOf(
        Forbidden,
      );
      await expect(listEmployers(db, specialist)).rejects.toBeInstanceOf(Forbidden);
      await expect(dashboard(db, specialist, AS_OF)).rejects.toBeInstanceOf(Forbidden);
      await expect(deleteDocument(db, specialist, up.document.documentId)).rejects.toBeInstanceOf(Forbidden);
    });

    it('an organization keeps at least one owner', async () => {
      await expect(removeMembership(db, A.owner, A.owner.userId!)).rejects.toBeInstanceOf(Conflict);
      await expect(setMembershipRole(db, A.owner, { userId: A.owner.userId!, role: 'manager' })).rejects.toBeInstanceOf(
        Conflict,
      );
    });

    it('a specialist membership needs a case, and only a specialist has one', async () => {
      await expect(
        addMemberByEmail(db, A.owner, { email: 'sp2@a.example.com', password: PASSWORD, role: 'specialist' }),
      ).rejects.toBeInstanceOf(Invalid);
      await expect(
        addMemberByEmail(db, A.owner, {
          email: 'v2@a.example.com',
          password: PASSWORD,
          role: 'viewer',
          caseId: caseA.caseId,
        }),
      ).rejects.toBeInstanceOf(Invalid);
      await expect(
        addMemberByEmail(db, A.owner, {
          email: 'sp3@a.example.com',
          password: PASSWORD,
          role: 'specialist',
          caseId: caseA.caseId,
          personId: 'p9',
        }),
      ).rejects.toBeInstanceOf(Invalid);
    });
  });

  describe('cases', () => {
    it('export gives back the imported case, field for field and in the schema order', async () => {
      const input = makeCase(10, { employer: 1 });
      const rec = await createCase(db, A.owner, input);
      const out = await exportCase(db, A.owner, rec.caseId);
      expect(out).toEqual(input);
      expect(JSON.stringify(out)).toBe(JSON.stringify(CaseSchema.parse(input)));
      expect(rec.employerId).toBe(caseA.employerId);
    });

    it('optimistic concurrency: an edit on a stale version is a Conflict, never a lost update', async () => {
      const rec = await createCase(db, A.owner, makeCase(11, { employer: 1 }));
      const edited = makeCase(11, { employer: 1, name: 'RENAMED ONE' });
      const v2 = await updateCase(db, manager, rec.caseId, edited, 1, {
        evaluate: { engine: testEngine(), asOf: AS_OF },
      });
      expect(v2).toMatchObject({ version: 2, principalName: 'RENAMED ONE' });
      expect(v2.stage).not.toBeNull();
      const err = await updateCase(db, manager, rec.caseId, makeCase(11, { employer: 1, name: 'LOST' }), 1).catch(
        (e) => e,
      );
      expect(err).toBeInstanceOf(Conflict);
      expect(err.message).toMatch(/version 2/);
      expect((await getCase(db, A.owner, rec.caseId)).principalName).toBe('RENAMED ONE');
    });

    it("a case's own id is unique in its organization, not across organizations", async () => {
      await createCase(db, A.owner, makeCase(12, { employer: 1 }));
      await expect(createCase(db, A.owner, makeCase(12, { employer: 1 }))).rejects.toBeInstanceOf(Conflict);
      await expect(createCase(db, B.owner, makeCase(12, { employer: 2 }))).resolves.toMatchObject({
        externalId: 'case-12',
      });
    });

    it('imports many cases in one transaction, all or nothing', async () => {
      const before = (await listCases(db, B.owner)).total;
      const made = await createCases(db, B.owner, [
        makeCase(400, { employer: 5 }),
        makeCase(401, { employer: 6 }),
        makeCase(402, { employer: 5 }),
      ]);
      expect(made.map((m) => m.externalId)).toEqual(['case-400', 'case-401', 'case-402']);
      expect(made[0]!.employerId).toBe(made[2]!.employerId);
      expect(made[0]!.employerId).not.toBe(made[1]!.employerId);
      await expect(
        createCases(db, B.owner, [makeCase(403, { employer: 5 }), makeCase(400, { employer: 5 })]),
      ).rejects.toBeInstanceOf(Conflict);
      expect((await listCases(db, B.owner)).total).toBe(before + 3);
      expect(await exportCase(db, B.owner, made[1]!.caseId)).toEqual(makeCase(401, { employer: 6 }));
      expect((await listAudit(db, B.owner, { entityId: made[0]!.caseId })).items.map((a) => a.action)).toEqual([
        'case.create',
      ]);
      await expect(createCases(db, viewer, [makeCase(404)])).rejects.toBeInstanceOf(Forbidden);
      const bad = await createCases(db, B.owner, [makeCase(405), { ...makeCase(406), people: [] }]).catch((e) => e);
      expect(bad).toBeInstanceOf(Invalid);
      expect(bad.problems[0].path).toBe('[1].people');
    });

    it('an invalid case names the field', async () => {
      const bad = { ...makeCase(13), people: [] };
      const err = await createCase(db, A.owner, bad).catch((e) => e);
      expect(err).toBeInstanceOf(Invalid);
      expect(err.problems[0].path).toBe('people');
    });

    it('lists filter by name, employer and status, and paginate', async () => {
      const emp = await createEmployer(db, A.owner, makeCase(0, { employer: 20 }).employer);
      const made = [];
      for (let i = 0; i < 5; i++)
        made.push(await createCase(db, A.owner, makeCase(100 + i, { employer: 20, name: `ZHANG SAN ${i}` })));
      await setCaseStatus(db, A.owner, made[0]!.caseId, 'closed');
      const byEmployer = await listCases(db, A.owner, { employerId: emp.employerId, sort: 'name', limit: 2 });
      expect(byEmployer.total).toBe(5);
      expect(byEmployer.items.map((c) => c.principalName)).toEqual(['ZHANG SAN 0', 'ZHANG SAN 1']);
      const page2 = await listCases(db, A.owner, { employerId: emp.employerId, sort: 'name', limit: 2, offset: 2 });
      expect(page2.items.map((c) => c.principalName)).toEqual(['ZHANG SAN 2', 'ZHANG SAN 3']);
      expect((await listCases(db, A.owner, { q: 'zhang san 4' })).items.map((c) => c.caseId)).toEqual([
        made[4]!.caseId,
      ]);
      expect((await listCases(db, A.owner, { q: 'Чэнь', employerId: emp.employerId })).total).toBe(5);
      expect((await listCases(db, A.owner, { employerId: emp.employerId, status: 'open' })).total).toBe(4);
      await expect(deleteEmployer(db, A.owner, emp.employerId)).rejects.toBeInstanceOf(Conflict);
      await expect(listCases(db, A.owner, { limit: 0 })).rejects.toBeInstanceOf(Invalid);
    });

    it('deleting a case removes its documents and their unshared files', async () => {
      const rec = await createCase(db, A.owner, makeCase(14, { employer: 1 }));
      const bytes = Buffer.concat([PDF, Buffer.from('unique to case 14')]);
      const d = await storeDocument(db, A.owner, { caseId: rec.caseId, personId: 'p1', type: 'diploma', bytes });
      expect(await db.files.has(d.document.sha256)).toBe(true);
      await deleteCase(db, A.owner, rec.caseId);
      await expect(getCase(db, A.owner, rec.caseId)).rejects.toBeInstanceOf(NotFound);
      expect(await db.files.has(d.document.sha256)).toBe(false);
    });
  });

  describe('documents', () => {
    it('stores by content, deduplicates, and reads back the same bytes', async () => {
      const again = await storeDocument(db, A.owner, {
        caseId: caseA.caseId,
        personId: 'p1',
        type: 'passport',
        fileName: 'other-name.pdf',
        bytes: PDF,
      });
      expect(again).toMatchObject({ deduplicated: true, document: { documentId: docA.documentId } });
      expect(docA).toMatchObject({ mediaType: 'application/pdf', size: PDF.length });
      const { bytes } = await readDocument(db, viewer, docA.documentId);
      expect(bytes.equals(PDF)).toBe(true);
      expect(db.files.pathOf(docA.sha256)).toBe(
        `${db.files.root}/${docA.sha256.slice(0, 2)}/${docA.sha256.slice(2, 4)}/${docA.sha256}`,
      );
    });

    it('judges the type by content, not by name', async () => {
      const err = await storeDocument(db, A.owner, {
        caseId: caseA.caseId,
        personId: 'p1',
        type: 'passport',
        fileName: 'scan.pdf',
        bytes: Buffer.from('just text'),
      }).catch((e) => e);
      expect(err).toBeInstanceOf(Invalid);
      expect(err.message).toMatch(/not a PDF, JPEG, PNG, HEIC or TIFF/);
      const png = await storeDocument(db, A.owner, {
        caseId: caseA.caseId,
        personId: 'p1',
        type: 'photo',
        fileName: 'photo.pdf',
        bytes: PNG,
      });
      expect(png.document.mediaType).toBe('image/png');
      await expect(
        storeDocument(db, A.owner, { caseId: caseA.caseId, personId: 'nobody', type: 'photo', bytes: PNG }),
      ).rejects.toBeInstanceOf(Invalid);
      await expect(
        storeDocument(
          db,
          A.owner,
          { caseId: caseA.caseId, personId: 'p1', type: 'photo', bytes: PNG },
          { maxBytes: 8 },
        ),
      ).rejects.toThrow(/at most 8/);
    });
  });

  describe('evaluations and the portfolio', () => {
    it('stores the summary and one row per obligation; evaluateCase returns the full output', async () => {
      const full = testEngine().evaluate(caseA.case, AS_OF);
      const stored = await getEvaluation(db, A.owner, caseA.caseId);
      expect(stored).toMatchObject({ asOf: AS_OF, caseVersion: 1, stage: caseA.stage });
      expect(stored.summary).toEqual(JSON.parse(JSON.stringify(summaryOf(full))));
      expect(Object.keys(stored.summary)).not.toContain('checklist');
      const rows = await listObligations(db, A.owner, { caseId: caseA.caseId, limit: 1000 });
      expect(rows.total).toBe(full.obligations.length);
      for (const o of full.obligations) {
        expect(rows.items.find((r) => r.obligationId === o.id)).toMatchObject({
          kind: o.kind,
          due: o.due,
          status: o.status,
          personId: o.person,
          window: o.window,
        });
      }
      const fresh = await evaluateCase(db, viewer, testEngine(), caseA.caseId, AS_OF);
      expect(fresh.evaluation).toEqual(full);
      expect(fresh.stored.summary).toEqual(stored.summary);
    });

    it('filters obligations by status, kind, due range and employer', async () => {
      const all = (await listObligations(db, A.owner, { caseId: caseA.caseId, limit: 1000 })).items;
      const some = all[Math.floor(all.length / 2)]!;
      const byStatus = await listObligations(db, A.owner, { caseId: caseA.caseId, status: [some.status], limit: 1000 });
      expect(byStatus.items.length).toBe(all.filter((o) => o.status === some.status).length);
      const byKind = await listObligations(db, A.owner, {
        kind: [some.kind],
        employerId: caseA.employerId,
        limit: 1000,
      });
      expect(byKind.items.every((o) => o.kind === some.kind && o.employerId === caseA.employerId)).toBe(true);
      const range = await listObligations(db, A.owner, {
        caseId: caseA.caseId,
        dueFrom: some.due,
        dueTo: some.due,
        limit: 1000,
      });
      expect(range.items.length).toBe(all.filter((o) => o.due === some.due).length);
      await expect(listObligations(db, A.owner, { dueFrom: '2026-02-30' })).rejects.toBeInstanceOf(Invalid);
    });

    it('summarizes the portfolio', async () => {
      const d = await dashboard(db, B.owner, AS_OF);
      expect(d.openCases).toBeGreaterThanOrEqual(1);
      const ev = testEngine().evaluate(caseB.case, AS_OF);
      const overdue = ev.obligations.filter((o) => o.status === 'overdue').length;
      expect(d.overdue).toBeGreaterThanOrEqual(overdue);
      expect(
        d.findingsBySeverity.error + d.findingsBySeverity.warning + d.findingsBySeverity.info,
      ).toBeGreaterThanOrEqual(ev.findings.length);
      expect(Object.values(d.casesByStage).reduce((a, b) => a + b, 0)).toBe(d.openCases);
    });
  });

  describe('people and access', () => {
    it('passwords: scrypt with a salt per user, weak ones refused, timing-safe check', async () => {
      await expect(createUser(db, { email: 'weak@example.com', password: 'short' })).rejects.toThrow(/too short/);
      await expect(createUser(db, { email: 'weak@example.com', password: 'password1234' })).rejects.toThrow(/common/);
      const u1 = await createUser(db, { email: 'Same.Pass1@Example.com', password: PASSWORD });
      const u2 = await createUser(db, { email: 'same.pass2@example.com', password: PASSWORD });
      expect(u1.email).toBe('same.pass1@example.com');
      const hashes = await db.query<{ password_hash: string }>(
        'SELECT password_hash FROM users WHERE user_id IN ($1, $2)',
        [u1.userId, u2.userId],
      );
      expect(hashes[0]!.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
      expect(hashes[0]!.password_hash).not.toBe(hashes[1]!.password_hash);
      expect(await authenticate(db, 'SAME.PASS1@example.com', PASSWORD)).toMatchObject({ userId: u1.userId });
      expect(await authenticate(db, 'same.pass1@example.com', 'wrong password here')).toBeNull();
      expect(await authenticate(db, 'nobody@example.com', PASSWORD)).toBeNull();
      await expect(createUser(db, { email: 'same.pass1@example.com', password: PASSWORD })).rejects.toBeInstanceOf(
        Conflict,
      );
    });

    it('create-owner refuses an organization that exists', async () => {
      const err = await createOwner(db, {
        email: 'new.owner@example.com',
        password: PASSWORD,
        orgName: `  ${A.orgName.toUpperCase()} `,
      }).catch((e) => e);
      expect(err).toBeInstanceOf(Conflict);
      expect(err.message).toMatch(/already exists/);
    });

    it('API tokens: shown once, hashed at rest, act with their role until revoked', async () => {
      const { token, record } = await createApiToken(db, A.owner, { name: 'Integration', role: 'manager' });
      expect(token.startsWith(record.prefix)).toBe(true);
      const stored = await db.query<{ token_hash: string }>('SELECT token_hash FROM api_tokens WHERE token_id = $1', [
        record.tokenId,
      ]);
      expect(stored[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(await db.query('SELECT * FROM api_tokens'))).not.toContain(token);
      const actor = await resolveApiToken(db, token, { ip: '10.0.0.1' });
      expect(actor).toMatchObject({ orgId: A.orgId, role: 'manager', userId: null, label: `token:${record.prefix}` });
      await revokeApiToken(db, A.owner, record.tokenId);
      expect(await resolveApiToken(db, token)).toBeNull();
      expect(await resolveApiToken(db, 'hqs_not-a-token')).toBeNull();
    });

    it('sessions: hashed token, CSRF secret, ended by sign-out and by losing the membership', async () => {
      const { token, session } = await createSession(db, { userId: viewer.userId!, orgId: A.orgId, ip: '127.0.0.1' });
      const found = await resolveSession(db, token);
      expect(found?.actor).toMatchObject({ orgId: A.orgId, role: 'viewer' });
      expect(csrfMatches(found!.session, session.csrfSecret)).toBe(true);
      expect(csrfMatches(found!.session, 'x')).toBe(false);
      await endSession(db, token);
      expect(await resolveSession(db, token)).toBeNull();
      await expect(createSession(db, { userId: viewer.userId!, orgId: B.orgId })).rejects.toBeInstanceOf(NotFound);
    });

    it('login throttling: five free failures per email and address, then a doubling delay; a success resets its own', async () => {
      const email = 'throttled@example.com';
      const fail = async (ip: string) => {
        const a = await beginLoginAttempt(db, { email, ip });
        expect(a.allowed, JSON.stringify(a)).toBe(true);
      };
      for (let i = 0; i < 5; i++) await fail('10.1.1.1');
      const held = await beginLoginAttempt(db, { email, ip: '10.1.1.1' });
      expect(held).toMatchObject({ allowed: false, by: 'pair', retryAfterSeconds: 1 });
      // Another address is not held back by this pair; the email's own counter allows 20.
      await fail('10.2.2.2');
      expect([backoffSeconds(4, 5), backoffSeconds(5, 5), backoffSeconds(8, 5), backoffSeconds(40, 5)]).toEqual([
        0, 1, 8, 900,
      ]);
      // A success elsewhere resets only what it proves: the guessing pair stays held back.
      const ok = await beginLoginAttempt(db, { email, ip: '10.3.3.3' });
      expect(ok.allowed).toBe(true);
      if (ok.allowed) await finishLoginAttempt(db, ok.attemptId, true);
      expect((await beginLoginAttempt(db, { email, ip: '10.1.1.1' })).allowed).toBe(false);
      // The pair's own success resets it (the failures moved out of the window stand for waiting).
      await db.query(`UPDATE login_attempts SET at = at - interval '16 minutes' WHERE email = $1`, [email]);
      expect((await beginLoginAttempt(db, { email, ip: '10.1.1.1' })).allowed).toBe(true);
    });

    it('the audit log records reads and writes of personal data, with who and from where', async () => {
      await getCase(db, manager, caseA.caseId);
      await readDocument(db, manager, docA.documentId);
      const page = await listAudit(db, A.owner, { entityId: caseA.caseId, limit: 1000 });
      const actions = page.items.map((e) => e.action);
      expect(actions).toContain('case.create');
      expect(actions).toContain('case.read');
      const read = page.items.filter((e) => e.action === 'case.read').at(-1)!;
      expect(read).toMatchObject({ actorUserId: manager.userId, actor: 'user:manager@a.example.com' });
      const dl = await listAudit(db, A.owner, { action: 'document.download', newestFirst: true, limit: 1 });
      expect(dl.items[0]).toMatchObject({ entityId: docA.documentId, actorUserId: manager.userId });
      expect(dl.next).toBeDefined();
      const owner = await listAudit(db, A.owner, { actorUserId: A.owner.userId!, limit: 5 });
      expect(owner.items.every((e) => e.ip === null || e.ip === '127.0.0.1')).toBe(true);
    });
  });
});
