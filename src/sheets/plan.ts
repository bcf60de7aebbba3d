// The import's store steps. planImport: which case each draft is — new (create), a stored one the sheet
// changes (update, with each change and the cell it comes from), a stored one it leaves as it is
// (unchanged: re-importing the same file writes nothing), or one it cannot be (a passport that belongs to
// another case). commitImport: writes each case in its own transaction (created or updated whole, or not
// at all), with an audit entry naming the file and rows; progress after each case, cancellable between cases.
import type { Case } from '../case/index.ts';
import type { IsoDate } from '../calendar/date.ts';
import type { Actor } from '../store/actor.ts';
import {
  canonicalCase,
  createCase,
  createCases,
  editCase,
  refuseFutureEvents,
  type EvaluateWith,
} from '../store/cases.ts';
import { storeEvaluations } from '../store/evaluations.ts';
import { inTenant, type Db } from '../store/db.ts';
import { isStoreError } from '../store/errors.ts';
import { findCasesForImport, type ImportMatch } from '../store/imports.ts';
import { checkComposed, composeMerged, originOf } from './compose.ts';
import type { CaseDraft, ImportPreview } from './preview.ts';
import type { ImportProblem } from './rows.ts';

export type PlannedAction = 'create' | 'update' | 'unchanged' | 'invalid';

/** One value the import changes in a stored case, and the cell it comes from. */
export interface Change {
  path: string;
  before: unknown;
  after: unknown;
  row?: number;
  column?: string | null;
}

export interface PlannedCase {
  key: string;
  externalId?: string;
  rows: number[];
  principalRow: number;
  action: PlannedAction;
  /** The stored case (update, unchanged). */
  caseId?: string;
  /** Its version when planned: the commit refuses to write over a later one. */
  version?: number;
  /** The case to write (create, update). */
  case?: Case;
  changes: Change[];
  errors: ImportProblem[];
  warnings: ImportProblem[];
}

export interface ImportPlan {
  file: string;
  items: PlannedCase[];
  counts: Record<PlannedAction, number>;
  /** Every problem of the preview and the plan, in row order. */
  errors: ImportProblem[];
  warnings: ImportProblem[];
}

/** Leaves of a JSON value by path (`people[1].name.latin`). */
function leaves(v: unknown, path: string, out: Map<string, unknown>): void {
  if (Array.isArray(v)) {
    if (v.length === 0) out.set(path, []);
    v.forEach((x, i) => leaves(x, `${path}[${i}]`, out));
  } else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) leaves(x, path ? `${path}.${k}` : k, out);
  } else out.set(path, v);
}

/** What differs between the stored case and the one to write. */
export function diffCases(before: Case, after: Case): { path: string; before: unknown; after: unknown }[] {
  const a = new Map<string, unknown>();
  const b = new Map<string, unknown>();
  leaves(before, '', a);
  leaves(after, '', b);
  const out: { path: string; before: unknown; after: unknown }[] = [];
  for (const [p, v] of b)
    if (!a.has(p) || JSON.stringify(a.get(p)) !== JSON.stringify(v)) out.push({ path: p, before: a.get(p), after: v });
  for (const [p, v] of a) if (!b.has(p)) out.push({ path: p, before: v, after: undefined });
  return out;
}

function passportKeysOf(d: CaseDraft): string[] {
  return (d.patch?.people ?? []).flatMap((p) => (p.passportKey ? [p.passportKey] : []));
}

/** Decides, for every case of the preview, what the commit would do. Reads the store; writes nothing. */
export async function planImport(db: Db, actor: Actor, preview: ImportPreview): Promise<ImportPlan> {
  const reader = preview.rowReader;
  const valid = preview.drafts.filter((d) => d.case && d.patch);
  const matches = await findCasesForImport(db, actor, {
    externalIds: [...new Set(valid.flatMap((d) => (d.externalId ? [d.externalId] : [])))],
    passportKeys: [...new Set(valid.flatMap(passportKeysOf))],
  });
  const byExternal = new Map<string, ImportMatch>();
  const byPassport = new Map<string, ImportMatch>();
  for (const m of matches) {
    if (m.externalId) byExternal.set(m.externalId, m);
    for (const k of m.passportKeys) if (!byPassport.has(k)) byPassport.set(k, m);
  }
  const claimed = new Map<string, string>();
  const items: PlannedCase[] = [];
  for (const d of preview.drafts) {
    const base = {
      key: d.key,
      ...(d.externalId ? { externalId: d.externalId } : {}),
      rows: d.rows,
      principalRow: d.principalRow,
      changes: [] as Change[],
      warnings: [...d.warnings],
    };
    if (!d.case || !d.patch) {
      items.push({ ...base, action: 'invalid', errors: d.errors });
      continue;
    }
    const patch = d.patch;
    const errors: ImportProblem[] = [];
    const principal = patch.people[0]!;
    const byId = d.externalId ? byExternal.get(d.externalId) : undefined;
    const byPp = principal.passportKey ? byPassport.get(principal.passportKey) : undefined;
    let target = byId ?? byPp;
    const ref = (m: ImportMatch) => m.externalId ?? m.caseId;
    if (byId && byPp && byId.caseId !== byPp.caseId)
      errors.push(
        reader.problem(principal.row, 'passport.number', 'store.passportElsewhere', {
          passport: principal.passport?.number ?? '',
          caseRef: ref(byPp),
        }),
      );
    if (!byId && byPp && d.externalId && byPp.externalId && byPp.externalId !== d.externalId) {
      errors.push(
        reader.problem(principal.row, 'case.id', 'store.idMismatch', { caseRef: ref(byPp), id: d.externalId }),
      );
      target = undefined;
    }
    for (const p of patch.people.slice(1)) {
      const m = p.passportKey ? byPassport.get(p.passportKey) : undefined;
      if (m && m.caseId !== target?.caseId)
        errors.push(
          reader.problem(p.row, 'passport.number', 'store.passportElsewhere', {
            passport: p.passport?.number ?? '',
            caseRef: ref(m),
          }),
        );
    }
    if (target) {
      const other = claimed.get(target.caseId);
      if (other !== undefined)
        errors.push(
          reader.problem(d.principalRow, 'case.id', 'store.passportElsewhere', {
            passport: principal.passport?.number ?? d.key,
            caseRef: `${ref(target)}, ${other}`,
          }),
        );
      claimed.set(target.caseId, d.key);
    }
    if (errors.length) {
      items.push({ ...base, action: 'invalid', errors });
      continue;
    }
    if (!target) {
      items.push({ ...base, action: 'create', case: d.case, errors: [] });
      continue;
    }
    const composed = composeMerged(target.case, patch, reader);
    const checked = checkComposed(composed, preview.lookup, reader, d.principalRow, new Set());
    const merged = checked.case;
    const problems = checked.problems.filter((p) => p.severity === 'error');
    const warnings = [
      ...d.warnings.filter((w) => w.code !== 'passport.issueMissing'),
      ...checked.problems.filter((p) => p.severity === 'warning'),
    ];
    if (!merged || problems.length) {
      items.push({ ...base, warnings, action: 'invalid', errors: problems });
      continue;
    }
    const stored = canonicalCase(target.case);
    const next = canonicalCase(merged);
    const changes: Change[] = diffCases(stored, next).map((c) => {
      const o = originOf(composed.origins, c.path);
      const col = o?.field ? reader.column(o.field) : undefined;
      return { ...c, ...(o ? { row: o.row, column: col?.header ?? null } : {}) };
    });
    items.push({
      ...base,
      warnings,
      action: changes.length ? 'update' : 'unchanged',
      caseId: target.caseId,
      version: target.version,
      ...(changes.length ? { case: next } : {}),
      changes,
      errors: [],
    });
  }
  const counts: Record<PlannedAction, number> = { create: 0, update: 0, unchanged: 0, invalid: 0 };
  for (const i of items) counts[i.action]++;
  const byRow = (a: ImportProblem, b: ImportProblem) => a.row - b.row;
  const caseRows = new Set(preview.drafts.flatMap((d) => d.rows));
  const fileLevel = (ps: ImportProblem[]) => ps.filter((p) => !caseRows.has(p.row));
  return {
    file: preview.file.name,
    items,
    counts,
    errors: [...fileLevel(preview.errors), ...items.flatMap((i) => i.errors)].sort(byRow),
    warnings: [...fileLevel(preview.warnings), ...items.flatMap((i) => i.warnings)].sort(byRow),
  };
}

export interface CommitProgress {
  done: number;
  total: number;
  created: number;
  updated: number;
  failed: number;
}

export interface CommitOptions {
  /** Evaluate each case as it is written (its obligations show in the portfolio at once). */
  evaluate?: EvaluateWith;
  /** Today in Moscow: events after tomorrow are refused. */
  today?: IsoDate;
  signal?: AbortSignal;
  onProgress?: (p: CommitProgress) => void;
}

export interface CommitResult {
  created: number;
  updated: number;
  unchanged: number;
  /** Cases not written because of their errors. */
  skipped: number;
  /** Cases the store refused (changed meanwhile, a duplicate id written meanwhile…), with why. */
  failed: { key: string; rows: number[]; message: string }[];
  /** Stopped by the signal: the cases written until then stay written (each whole). */
  aborted: boolean;
  cases: { key: string; caseId: string; action: 'create' | 'update' | 'unchanged' }[];
}

/** New cases written per transaction; a batch that fails is retried case by case. */
const CREATE_BATCH = 200;

/**
 * Writes the plan's creates and updates. Every case is written whole or not at all: new cases go in
 * batches of up to 200 per transaction (a transaction per case costs 10–70 ms on the embedded database,
 * minutes for a 10,000-row file), and a batch the store refuses is retried one case per transaction, so
 * one bad case never holds the others back; each update is its own transaction, checked against the
 * version read when planning. Cases are evaluated as they are written (obligations show at once).
 */
export async function commitImport(
  db: Db,
  actor: Actor,
  plan: ImportPlan,
  opts: CommitOptions = {},
): Promise<CommitResult> {
  const creates = plan.items.filter((i) => i.action === 'create');
  const updates = plan.items.filter((i) => i.action === 'update');
  const total = creates.length + updates.length;
  const r: CommitResult = {
    created: 0,
    updated: 0,
    unchanged: plan.counts.unchanged,
    skipped: plan.counts.invalid,
    failed: [],
    aborted: false,
    cases: plan.items.flatMap((i) =>
      i.action === 'unchanged' ? [{ key: i.key, caseId: i.caseId!, action: i.action }] : [],
    ),
  };
  let done = 0;
  const progress = () =>
    opts.onProgress?.({ done, total, created: r.created, updated: r.updated, failed: r.failed.length });
  const fail = (item: PlannedCase, e: unknown) => {
    if (!isStoreError(e)) throw e;
    r.failed.push({ key: item.key, rows: item.rows, message: e.message });
  };
  if (opts.today) {
    // Events after tomorrow are refused by the store too; here they fail their case alone, before any batch.
    for (const item of creates)
      try {
        refuseFutureEvents(item.case!, opts.today);
      } catch (e) {
        fail(item, e);
      }
  }
  const ready = creates.filter((i) => !r.failed.some((f) => f.key === i.key));
  for (let at = 0; at < ready.length && !r.aborted; at += CREATE_BATCH) {
    if (opts.signal?.aborted) {
      r.aborted = true;
      break;
    }
    const batch = ready.slice(at, at + CREATE_BATCH);
    let written: { item: PlannedCase; caseId: string; employerId: string; version: number }[] = [];
    try {
      const out = await createCases(
        db,
        actor,
        batch.map((i) => i.case!),
      );
      written = out.map((s, k) => ({
        item: batch[k]!,
        caseId: s.caseId,
        employerId: s.employerId,
        version: s.version,
      }));
    } catch (e) {
      if (!isStoreError(e)) throw e;
      for (const item of batch) {
        if (opts.signal?.aborted) {
          r.aborted = true;
          break;
        }
        try {
          const rec = await createCase(db, actor, item.case!, { auditDetails: { import: plan.file, rows: item.rows } });
          written.push({ item, caseId: rec.caseId, employerId: rec.employerId, version: rec.version });
        } catch (e2) {
          fail(item, e2);
          done++;
        }
      }
    }
    if (opts.evaluate && written.length) {
      const w = opts.evaluate;
      await inTenant(db, actor, (tx) =>
        storeEvaluations(
          tx,
          actor.orgId,
          written.map((x) => ({
            caseId: x.caseId,
            employerId: x.employerId,
            caseVersion: x.version,
            case: x.item.case!,
            evaluation: w.engine.evaluate(x.item.case!, w.asOf),
          })),
        ),
      );
    }
    for (const x of written) r.cases.push({ key: x.item.key, caseId: x.caseId, action: 'create' });
    r.created += written.length;
    done += written.length;
    progress();
    await turn();
  }
  for (const item of updates) {
    if (r.aborted || opts.signal?.aborted) {
      r.aborted = true;
      break;
    }
    try {
      await editCase(
        db,
        actor,
        item.caseId!,
        item.version!,
        () => ({
          case: item.case!,
          audit: {
            action: 'case.import.update',
            details: { import: plan.file, rows: item.rows, changed: item.changes.map((c) => c.path) },
          },
        }),
        opts.evaluate ? { evaluate: opts.evaluate } : {},
      );
      r.updated++;
      r.cases.push({ key: item.key, caseId: item.caseId!, action: 'update' });
    } catch (e) {
      fail(item, e);
    }
    done++;
    progress();
    if (done % 50 === 0) await turn();
  }
  return r;
}

/**
 * Lets the event loop run a few milliseconds between batches: an embedded database answers without I/O,
 * and a server writing a big import would otherwise answer nobody (not even the cancel) until it is done.
 */
const turn = () => new Promise<void>((resolve) => setTimeout(resolve, 5));
