// What every part of the case page reads: the case as stored (with its version), its evaluation, its
// scans, who may write, and `save`, which runs one write with the version read and takes the answer as
// the new state (a 409 with the current version reloads the case and is passed on to the form).
import { createContext, useContext } from 'react';
import { ApiError, type CaseRecord, type DocumentRecord, type Evaluation } from '../../api.ts';
import type { Case } from '../../../../src/case/schema.ts';
import type { Lang, T } from '../../i18n.ts';

export interface CaseContext {
  t: T;
  lang: Lang;
  id: string;
  record: CaseRecord;
  kase: Case;
  evaluation: Evaluation | undefined;
  documents: DocumentRecord[];
  canWrite: boolean;
  today: string;
  /** Person id → the name shown. */
  names: ReadonlyMap<string, string>;
  /** Runs a write with the version read; its answer (the case as changed) becomes the page's state. */
  save(run: (version: number) => Promise<CaseRecord>, done: string): Promise<void>;
  /** Says something in the page's status line (and moves the focus there). */
  announce(message: string): void;
  setDocuments(docs: DocumentRecord[]): void;
}

export const CaseCtx = createContext<CaseContext | null>(null);

export function useCase(): CaseContext {
  const c = useContext(CaseCtx);
  if (!c) throw new Error('useCase() outside the case page');
  return c;
}

/** Someone else changed the case since it was read (the server answered 409 with its current version). */
export const isStale = (e: unknown): boolean =>
  e instanceof ApiError && e.status === 409 && e.currentVersion !== undefined;
