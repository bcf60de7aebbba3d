// Spreadsheet import over HTTP: an upload becomes an import job. The file is streamed to a temporary file
// (never held in memory, refused past the size limit), then read and checked in the background
// (src/sheets previewImport + planImport: nothing is written) with progress; the user may change the
// mapping (the job reads the file again), then commit (src/sheets commitImport: one transaction per case,
// rows with errors skipped), or cancel at any point (reading stops between two rows, writing between two
// cases; what is written stays written, whole).
//
// Jobs live in the memory of the server process that received the upload, keyed by organization and id,
// and expire 30 minutes after their last use (their temporary file with them). With several app
// processes on one database, the calls of one import must reach the same process (sticky sessions); a
// job another process holds, or one that expired, is a 404 with code `import.unknownJob`, and nothing is
// written by it. The commit itself re-plans against the database, so a case written meanwhile by someone
// else is updated (or refused when changed since), never duplicated.
import { randomUUID } from 'node:crypto';
import { closeSync, createReadStream, createWriteStream, mkdirSync, openSync, readSync, rmSync } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { IsoDate } from '../calendar/date.ts';
import type { Engine } from '../engine/index.ts';
import type { CountryTable, RegionTable } from '../law/countries.ts';
import {
  commitImport,
  FIELDS,
  fieldHeader,
  MappingError,
  parseMapping,
  planImport,
  previewImport,
  SheetReadError,
  type CellValue,
  type CommitResult,
  type ImportMapping,
  type ImportPlan,
  type ImportPreview,
  type ImportProblem,
  type PlannedAction,
  type SheetLang,
} from '../sheets/index.ts';
import { catalog, message, type MessageKey } from '../sheets/words.ts';
import * as store from '../store/index.ts';
import type { Actor } from '../store/actor.ts';

export type JobState = 'reading' | 'ready' | 'committing' | 'done' | 'failed' | 'cancelled';
export type JobPhase = 'read' | 'plan' | 'commit';

/** Why a job call is refused: a status, a code a client words, and an English sentence. */
export class ImportJobError extends Error {
  override name = 'ImportJobError';
  constructor(
    readonly status: 404 | 409 | 413 | 422 | 429,
    readonly code: string,
    message: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
  }
}

export interface ImportJobDeps {
  db: store.Db;
  law: { countries: CountryTable; regions: RegionTable };
  engine: Engine;
  today: () => IsoDate;
  log: (message: string, error?: unknown) => void;
}

export interface ImportJobOptions {
  /** Where uploads are kept while their job lives (default: a directory of the OS's temporary one). */
  dir?: string;
  /** A job unused this long is dropped (default 30 minutes). */
  ttlMs?: number;
  /** The largest upload (default 20 MB). */
  maxBytes?: number;
  /** Jobs one organization may hold at once (default 10). */
  perOrg?: number;
}

interface Job {
  id: string;
  orgId: string;
  userId: string | null;
  actor: Actor;
  fileName: string;
  path: string;
  bytes: number;
  lang: SheetLang;
  state: JobState;
  phase: JobPhase;
  progress: { done: number; total: number | null; rows: number };
  mapping: ImportMapping | undefined;
  /** The saved mapping applied at upload, if any. */
  mappingName: string | null;
  /** A saved mapping applied on its own: its headers missing from the file are not worth a warning. */
  implicitMapping: boolean;
  preview?: ImportPreview;
  plan?: ImportPlan;
  cells?: Map<number, string[]>;
  rowOrder?: number[];
  result?: CommitResult;
  error?: { code: string; message: string };
  abort?: AbortController;
  /** The run under way (a re-read supersedes it). */
  run: number;
  createdAt: number;
  touchedAt: number;
}

export interface ProblemView {
  row: number;
  column: string | null;
  letter?: string;
  field?: string;
  severity: 'error' | 'warning';
  code: string;
  params: Record<string, string | number>;
  message: string;
}

export interface JobView {
  jobId: string;
  fileName: string;
  bytes: number;
  state: JobState;
  phase: JobPhase;
  progress: { done: number; total: number | null; rows: number };
  mappingName: string | null;
  error?: { code: string; message: string };
  fields: { field: string; label: string }[];
  preview?: {
    headerRow: number;
    columns: {
      index: number;
      letter: string;
      header: string;
      field: string | null;
      source: 'mapping' | 'auto' | 'none';
    }[];
    mapping: ImportMapping;
    rows: number;
    cases: number;
    counts: Record<PlannedAction, number>;
    errors: number;
    warnings: number;
    /** Problems of the file or the mapping (at the header row, or rows that are no case's). */
    fileProblems: ProblemView[];
  };
  result?: {
    created: number;
    updated: number;
    unchanged: number;
    skipped: number;
    failed: { rows: number[]; message: string }[];
    aborted: boolean;
  };
}

export interface RowView {
  row: number;
  action: PlannedAction | 'none';
  principal: boolean;
  caseKey: string | null;
  caseId: string | null;
  cells: Record<string, string>;
  changes: { letter: string | null; column: string | null; path: string; before: unknown; after: unknown }[];
  problems: ProblemView[];
}

/** How much of a too-large upload is read and dropped before the connection is cut. */
const DRAIN_BYTES = 64 * 1024 * 1024;
const ALLOWED_EXT = new Set(['.xlsx', '.xlsm', '.csv', '.txt', '.tsv', '']);
const CELL_MAX = 300;

function cellText(v: CellValue): string {
  if (v === null) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  const s = String(v);
  return s.length > CELL_MAX ? `${s.slice(0, CELL_MAX)}…` : s;
}

/** The format by the extension, else by the first bytes (a zip is an .xlsx). */
function formatOf(path: string): 'xlsx' | 'csv' {
  const ext = extname(path).toLowerCase();
  if (ext === '.xlsx' || ext === '.xlsm') return 'xlsx';
  if (ext === '.csv' || ext === '.txt' || ext === '.tsv') return 'csv';
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(4);
    const n = readSync(fd, head, 0, 4, 0);
    return n === 4 && head.readUInt32LE(0) === 0x04034b50 ? 'xlsx' : 'csv';
  } finally {
    closeSync(fd);
  }
}

function isMessageKey(code: string): code is MessageKey {
  return Object.hasOwn(catalog('en').messages, code);
}

/** A problem in `lang`: worded again from its code and values (the case format's own checks stay as said). */
export function problemView(p: ImportProblem, lang: SheetLang): ProblemView {
  const params = p.params ?? {};
  return {
    row: p.row,
    column: p.column,
    ...(p.letter ? { letter: p.letter } : {}),
    ...(p.field ? { field: p.field } : {}),
    severity: p.severity,
    code: p.code,
    params,
    message: isMessageKey(p.code) ? message(lang, p.code, params) : p.message,
  };
}

/** The temporary directories of this process's job registries, removed when the process exits. */
const liveDirs = new Set<string>();
let exitHook = false;
function removeOnExit(dir: string): void {
  liveDirs.add(dir);
  if (exitHook) return;
  exitHook = true;
  process.once('exit', () => {
    for (const d of liveDirs) rmSync(d, { recursive: true, force: true });
  });
}

export class ImportJobs {
  private readonly jobs = new Map<string, Job>();
  private readonly dir: string;
  private readonly ttlMs: number;
  readonly maxBytes: number;
  private readonly perOrg: number;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly deps: ImportJobDeps,
    opts: ImportJobOptions = {},
  ) {
    this.dir = opts.dir ?? join(tmpdir(), `hqs-imports-${process.pid}-${randomUUID().slice(0, 8)}`);
    this.ttlMs = opts.ttlMs ?? 30 * 60 * 1000;
    this.maxBytes = opts.maxBytes ?? 20 * 1024 * 1024;
    this.perOrg = opts.perOrg ?? 10;
    removeOnExit(this.dir);
    this.timer = setInterval(() => this.sweep(), 60_000);
    this.timer.unref();
  }

  /** Drops the jobs unused for longer than the limit (never one that is writing). */
  sweep(now = Date.now()): void {
    for (const [k, j] of this.jobs)
      if (j.state !== 'committing' && now - j.touchedAt > this.ttlMs) {
        j.abort?.abort();
        this.jobs.delete(k);
        void this.removeFile(j);
      }
  }

  /** Stops every job and removes the temporary files. */
  close(): void {
    clearInterval(this.timer);
    for (const j of this.jobs.values()) j.abort?.abort();
    this.jobs.clear();
    rmSync(this.dir, { recursive: true, force: true });
    liveDirs.delete(this.dir);
  }

  private key(orgId: string, id: string): string {
    return `${orgId}:${id}`;
  }

  private find(actor: Actor, id: string): Job {
    const j = this.jobs.get(this.key(actor.orgId, id));
    if (!j || Date.now() - j.touchedAt > this.ttlMs)
      throw new ImportJobError(
        404,
        'import.unknownJob',
        `no import ${id} in this server process: it expired (30 minutes unused), was discarded, or was started on another server process — upload the file again`,
        { id },
      );
    j.touchedAt = Date.now();
    return j;
  }

  private async removeFile(j: Job): Promise<void> {
    await unlink(j.path).catch(() => {});
  }

  /**
   * Takes an upload: streams it to a temporary file (refused past the size limit), then starts reading it.
   * `mapping`: a saved mapping to apply (by id or name); without one, the organization's mapping named
   * "default" is applied when there is one.
   */
  async start(
    actor: Actor,
    body: ReadableStream<Uint8Array> | null,
    opts: { fileName: string; lang: SheetLang; mapping?: string },
  ): Promise<JobView> {
    store.requireWrite(actor, 'importing cases');
    const ext = extname(opts.fileName).toLowerCase();
    if (ext === '.xls')
      throw new ImportJobError(
        422,
        'import.oldExcel',
        `${opts.fileName}: the old Excel format (.xls) is not read; save it as .xlsx`,
      );
    if (!ALLOWED_EXT.has(ext))
      throw new ImportJobError(422, 'import.notSheet', `${opts.fileName}: expected an .xlsx or .csv file`, {
        name: opts.fileName,
      });
    const held = [...this.jobs.values()].filter((j) => j.orgId === actor.orgId).length;
    if (held >= this.perOrg) {
      this.sweep();
      if ([...this.jobs.values()].filter((j) => j.orgId === actor.orgId).length >= this.perOrg)
        throw new ImportJobError(
          429,
          'import.tooMany',
          `the organization has ${this.perOrg} imports open: finish or discard one first`,
          { max: this.perOrg },
        );
    }
    let mapping: ImportMapping | undefined;
    let mappingName: string | null = null;
    let implicit = false;
    const wanted = opts.mapping ?? 'default';
    try {
      const saved = await store.getImportMapping(this.deps.db, actor, wanted);
      mapping = parseMapping(saved.mapping);
      mappingName = saved.name;
      implicit = opts.mapping === undefined;
    } catch (e) {
      if (!(store.isStoreError(e) && (e as { kind?: string }).kind === 'not-found' && opts.mapping === undefined))
        throw e;
    }
    if (!body) throw new ImportJobError(422, 'import.empty', 'the upload has no body: send the file as it is');
    mkdirSync(this.dir, { recursive: true });
    const id = randomUUID();
    const path = join(this.dir, `${id}${ext}`);
    let bytes = 0;
    const max = this.maxBytes;
    const tooLarge = () =>
      new ImportJobError(413, 'import.tooLarge', `the file is larger than ${max / 1024 / 1024} MB`, { max });
    // Past the limit the rest is read and dropped (up to 64 MB more), so the client, still sending, gets
    // the 413 rather than a reset connection; beyond that the connection is cut.
    const counter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        if (bytes <= max) done(null, chunk);
        else if (bytes > max + DRAIN_BYTES) done(tooLarge());
        else done();
      },
    });
    try {
      await pipeline(Readable.fromWeb(body as never), counter, createWriteStream(path));
    } catch (e) {
      await unlink(path).catch(() => {});
      if (e instanceof ImportJobError) throw e;
      if ((e as Error).name === 'BodyLimitError') throw e;
      throw new ImportJobError(422, 'import.uploadFailed', `the upload did not arrive whole: ${(e as Error).message}`);
    }
    if (bytes > max) {
      await unlink(path).catch(() => {});
      throw tooLarge();
    }
    if (bytes === 0) {
      await unlink(path).catch(() => {});
      throw new ImportJobError(422, 'import.empty', `${opts.fileName} is empty`, { name: opts.fileName });
    }
    const now = Date.now();
    const job: Job = {
      id,
      orgId: actor.orgId,
      userId: actor.userId,
      actor,
      fileName: opts.fileName,
      path,
      bytes,
      lang: opts.lang,
      state: 'reading',
      phase: 'read',
      progress: { done: 0, total: bytes, rows: 0 },
      mapping,
      mappingName,
      implicitMapping: implicit,
      run: 0,
      createdAt: now,
      touchedAt: now,
    };
    this.jobs.set(this.key(actor.orgId, id), job);
    this.read(job);
    return this.view(job, opts.lang);
  }

  /** Reads and checks the file in the background (a later call supersedes an earlier one). */
  private read(job: Job): void {
    job.abort?.abort();
    const ac = new AbortController();
    const run = ++job.run;
    job.abort = ac;
    job.state = 'reading';
    job.phase = 'read';
    job.progress = { done: 0, total: job.bytes, rows: 0 };
    delete job.preview;
    delete job.plan;
    delete job.cells;
    delete job.rowOrder;
    delete job.error;
    const cells = new Map<number, string[]>();
    const current = () => job.run === run && !ac.signal.aborted;
    void (async () => {
      try {
        const preview = await previewImport(
          {
            stream: createReadStream(job.path, { highWaterMark: 256 * 1024 }),
            name: job.fileName,
            size: job.bytes,
            format: formatOf(job.path),
          },
          {
            law: this.deps.law,
            lang: job.lang,
            today: this.deps.today(),
            ...(job.mapping ? { mapping: job.mapping } : {}),
            signal: ac.signal,
            onProgress: (p) => {
              if (current()) job.progress = { done: p.bytes, total: p.totalBytes ?? job.bytes, rows: p.rows };
            },
            onRow: (r) => {
              if (r.cells.some((c) => c !== null)) cells.set(r.number, r.cells.map(cellText));
            },
          },
        );
        if (!current()) return;
        if (job.implicitMapping) {
          const drop = (ps: ImportProblem[]) => ps.filter((p) => p.code !== 'mapping.unknownColumn');
          preview.warnings = drop(preview.warnings);
        }
        job.phase = 'plan';
        const plan = await planImport(this.deps.db, job.actor, preview);
        if (!current()) return;
        if (job.implicitMapping) plan.warnings = plan.warnings.filter((p) => p.code !== 'mapping.unknownColumn');
        job.preview = preview;
        job.plan = plan;
        job.cells = cells;
        const order = new Set<number>();
        for (const d of preview.drafts) for (const r of d.rows) order.add(r);
        for (const p of [...plan.errors, ...plan.warnings]) if (p.row !== preview.headerRow) order.add(p.row);
        job.rowOrder = [...order].sort((a, b) => a - b);
        job.progress = { done: job.bytes, total: job.bytes, rows: preview.rows };
        job.state = 'ready';
      } catch (e) {
        if (!current()) return;
        job.state = 'failed';
        if (e instanceof SheetReadError || e instanceof MappingError)
          job.error = { code: 'import.unreadable', message: e.message };
        else if (store.isStoreError(e)) job.error = { code: 'import.refused', message: (e as Error).message };
        else {
          this.deps.log(`import ${job.id}: reading ${job.fileName} failed`, e);
          job.error = { code: 'import.failed', message: 'the file could not be read (the error is logged)' };
        }
      }
    })();
  }

  get(actor: Actor, id: string, lang?: SheetLang): JobView {
    const j = this.find(actor, id);
    return this.view(j, lang ?? j.lang);
  }

  /** Applies another mapping (columns by header, defaults) and reads the file again. */
  remap(actor: Actor, id: string, input: unknown, lang?: SheetLang): JobView {
    store.requireWrite(actor, 'importing cases');
    const j = this.find(actor, id);
    if (j.state === 'committing' || j.state === 'done')
      throw new ImportJobError(
        409,
        'import.notEditable',
        `import ${id} is ${j.state}: its mapping can no longer change`,
        {
          state: j.state,
        },
      );
    const mapping = parseMapping(input); // a MappingError names each bad column
    j.mapping = mapping;
    j.implicitMapping = false;
    if (lang) j.lang = lang;
    this.read(j);
    return this.view(j, j.lang);
  }

  /** Writes the cases: re-planned against the database first, then committed in the background. */
  commit(actor: Actor, id: string): JobView {
    store.requireWrite(actor, 'importing cases');
    const j = this.find(actor, id);
    if (j.state !== 'ready' || !j.preview)
      throw new ImportJobError(
        409,
        'import.notReady',
        `import ${id} is ${j.state}: it can be imported once its preview is ready`,
        { state: j.state },
      );
    const preview = j.preview;
    const ac = new AbortController();
    j.abort = ac;
    j.state = 'committing';
    j.phase = 'commit';
    j.progress = { done: 0, total: j.plan ? j.plan.counts.create + j.plan.counts.update : null, rows: preview.rows };
    const today = this.deps.today();
    void (async () => {
      try {
        const plan = await planImport(this.deps.db, actor, preview);
        j.plan = plan;
        const result = await commitImport(this.deps.db, actor, plan, {
          today,
          evaluate: { engine: this.deps.engine, asOf: today },
          signal: ac.signal,
          onProgress: (p) => {
            j.progress = { done: p.done, total: p.total, rows: preview.rows };
          },
        });
        j.result = result;
        j.state = result.aborted ? 'cancelled' : 'done';
      } catch (e) {
        j.state = 'failed';
        if (store.isStoreError(e)) j.error = { code: 'import.refused', message: (e as Error).message };
        else {
          this.deps.log(`import ${j.id}: writing failed`, e);
          j.error = { code: 'import.failed', message: 'the import stopped on an unexpected error (it is logged)' };
        }
      } finally {
        await this.removeFile(j);
      }
    })();
    return this.view(j, j.lang);
  }

  /** Stops the reading or the writing (cases written stay written, each whole). */
  cancel(actor: Actor, id: string): JobView {
    const j = this.find(actor, id);
    if (j.state === 'reading' || j.state === 'ready') {
      j.abort?.abort();
      j.run++;
      j.state = 'cancelled';
      void this.removeFile(j);
    } else if (j.state === 'committing') j.abort?.abort(); // the commit stops between cases and says so
    return this.view(j, j.lang);
  }

  /** Cancels and forgets the job. */
  discard(actor: Actor, id: string): void {
    const j = this.find(actor, id);
    j.abort?.abort();
    j.run++;
    if (j.state !== 'committing') void this.removeFile(j);
    this.jobs.delete(this.key(j.orgId, j.id));
  }

  private view(j: Job, lang: SheetLang): JobView {
    const p = j.preview;
    const plan = j.plan;
    const fileRows = new Set(j.rowOrder ?? []);
    return {
      jobId: j.id,
      fileName: j.fileName,
      bytes: j.bytes,
      state: j.state,
      phase: j.phase,
      progress: { ...j.progress },
      mappingName: j.mappingName,
      ...(j.error ? { error: j.error } : {}),
      fields: FIELDS.map((f) => ({ field: f, label: fieldHeader(f, lang) })),
      ...(p && plan
        ? {
            preview: {
              headerRow: p.headerRow,
              columns: p.columns.map((c) => ({
                index: c.index,
                letter: c.letter,
                header: c.header,
                field: c.field,
                source: c.source,
              })),
              mapping: p.mapping,
              rows: p.rows,
              cases: p.cases,
              counts: { ...plan.counts },
              errors: plan.errors.length,
              warnings: plan.warnings.length,
              fileProblems: [...plan.errors, ...plan.warnings]
                .filter((x) => !fileRows.has(x.row))
                .map((x) => problemView(x, lang)),
            },
          }
        : {}),
      ...(j.result
        ? {
            result: {
              created: j.result.created,
              updated: j.result.updated,
              unchanged: j.result.unchanged,
              skipped: j.result.skipped,
              failed: j.result.failed.map((f) => ({ rows: f.rows, message: f.message })),
              aborted: j.result.aborted,
            },
          }
        : {}),
    };
  }

  /** The preview row by row: each row's cells, what happens to its case, the changes and problems on it. */
  rows(
    actor: Actor,
    id: string,
    q: { offset: number; limit: number; only?: 'problems' | 'errors'; lang?: SheetLang },
  ): { items: RowView[]; total: number; limit: number; offset: number } {
    const j = this.find(actor, id);
    const lang = q.lang ?? j.lang;
    const p = j.preview;
    const plan = j.plan;
    if (!p || !plan || !j.rowOrder || !j.cells)
      throw new ImportJobError(
        409,
        'import.notReady',
        `import ${id} is ${j.state}: its rows are shown once it is read`,
        {
          state: j.state,
        },
      );
    const problemsOf = new Map<number, ImportProblem[]>();
    for (const x of [...plan.errors, ...plan.warnings]) {
      const l = problemsOf.get(x.row) ?? [];
      l.push(x);
      problemsOf.set(x.row, l);
    }
    const itemOf = new Map<number, ImportPlan['items'][number]>();
    for (const it of plan.items) for (const r of it.rows) itemOf.set(r, it);
    const written = new Map((j.result?.cases ?? []).map((c) => [c.key, c.caseId]));
    let rows = j.rowOrder;
    if (q.only === 'problems') rows = rows.filter((r) => problemsOf.has(r));
    else if (q.only === 'errors') rows = rows.filter((r) => problemsOf.get(r)?.some((x) => x.severity === 'error'));
    const mapped = p.columns.filter((c) => c.header.trim() !== '' || c.field);
    const items = rows.slice(q.offset, q.offset + q.limit).map((row): RowView => {
      const it = itemOf.get(row);
      const raw = j.cells!.get(row) ?? [];
      const cells: Record<string, string> = {};
      for (const c of mapped) if (raw[c.index]) cells[c.letter] = raw[c.index]!;
      return {
        row,
        action: it?.action ?? 'none',
        principal: it ? it.principalRow === row : false,
        caseKey: it?.key ?? null,
        caseId: (it && (written.get(it.key) ?? it.caseId)) ?? null,
        cells,
        changes: (it?.changes ?? [])
          .filter((c) => c.row === row)
          .map((c) => ({
            letter: (c.column && p.columns.find((x) => x.header === c.column)?.letter) ?? null,
            column: c.column ?? null,
            path: c.path,
            before: c.before ?? null,
            after: c.after ?? null,
          })),
        problems: (problemsOf.get(row) ?? []).map((x) => problemView(x, lang)),
      };
    });
    return { items, total: rows.length, limit: q.limit, offset: q.offset };
  }
}
