// The import jobs' lifetime: a job unused past its time is a 404 with code import.unknownJob (nothing of
// it can be committed), the sweep removes it with its temporary file, and close() removes the directory.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IsoDate } from '../calendar/date.ts';
import { loadLaw } from '../law/node.ts';
import { startBackend, type TestBackend } from '../../test/store/backends.ts';
import { makeOrg, testEngine, type Org } from '../../test/store/fixtures.ts';
import { ImportJobError, ImportJobs } from './imports.ts';

const CSV = 'ФИО (лат.);Гражданство;Паспорт №;Регион работы\nIVAN PETROV;Китай;E1;Москва\n';

describe('import jobs', () => {
  let backend: TestBackend;
  let org: Org;
  let dir: string;

  beforeAll(async () => {
    backend = await startBackend('pglite');
    org = await makeOrg(await backend.fresh(), 'jobs');
    dir = mkdtempSync(join(tmpdir(), 'hqs-jobs-'));
  }, 60_000);
  afterAll(async () => {
    await backend?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('expire: an unused job is a 404 import.unknownJob, and the sweep removes its file', async () => {
    const db = await backend.fresh();
    const o = await makeOrg(db, 'expire');
    const jobs = new ImportJobs(
      { db, law: loadLaw(), engine: testEngine(), today: () => '2026-12-01' as IsoDate, log: () => {} },
      { dir: join(dir, 'a'), ttlMs: 300 },
    );
    const body = new Blob([CSV]).stream();
    const started = await jobs.start(o.owner, body, { fileName: 'list.csv', lang: 'ru' });
    let view = jobs.get(o.owner, started.jobId);
    while (view.state === 'reading') {
      await new Promise((r) => setTimeout(r, 20));
      view = jobs.get(o.owner, started.jobId);
    }
    expect(view.state).toBe('ready');
    expect(view.preview?.rows).toBe(1);
    expect(readdirSync(join(dir, 'a'))).toHaveLength(1);
    // Another organization does not see it.
    expect(() => jobs.get(org.owner, started.jobId)).toThrow(ImportJobError);
    await new Promise((r) => setTimeout(r, 350));
    const err = (() => {
      try {
        jobs.commit(o.owner, started.jobId);
      } catch (e) {
        return e as ImportJobError;
      }
    })();
    expect(err).toBeInstanceOf(ImportJobError);
    expect(err).toMatchObject({ status: 404, code: 'import.unknownJob' });
    jobs.sweep();
    await new Promise((r) => setTimeout(r, 50));
    expect(readdirSync(join(dir, 'a'))).toEqual([]);
    jobs.close();
    expect(existsSync(join(dir, 'a'))).toBe(false);
  });
});
