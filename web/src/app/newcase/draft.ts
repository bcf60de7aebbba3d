// The new-case form's draft, kept in this browser's localStorage per organization and user, so a reload,
// Back or a visit elsewhere in the app does not lose what was typed. Only the form's own shape is read
// back (a draft from an older version of the form is fitted to the current one; anything else is thrown
// away). The draft goes when the case is created, when the user discards it, and at sign-out (every
// draft of that user). Pure apart from the Storage given (draft.test.ts).
import { emptyFamilyMember, emptyForm, STEPS, type CaseForm, type StepId } from './build.ts';

export { clearUserDrafts, draftKey } from './draft-keys.ts';

export interface Draft {
  form: CaseForm;
  step: StepId;
  /** When it was last written (ISO). */
  savedAt: string;
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * `stored` fitted to the shape of `def`: the keys of `def` only, each value of the same kind as the default
 * (else the default). Arrays are taken as stored, each item fitted to `item` when given.
 */
function fit(def: unknown, stored: unknown, item?: (x: unknown) => unknown): unknown {
  if (def === null) return isObject(stored) ? stored : null;
  if (Array.isArray(def)) {
    if (!Array.isArray(stored)) return def;
    return item ? stored.map(item) : stored.filter((x) => typeof x === typeof (def[0] ?? x));
  }
  if (isObject(def)) {
    if (!isObject(stored)) return def;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(def)) out[k] = fit(v, stored[k], k === 'passports' ? fitPassport : undefined);
    return out;
  }
  return typeof stored === typeof def ? stored : def;
}

const fitPassport = (x: unknown) => fit({ number: '', country: '', issued: '', expires: '' }, x);

/** A stored form as the current form's shape (the family's members each fitted to a member). */
export function fitForm(stored: unknown): CaseForm {
  const base = emptyForm();
  const f = fit({ ...base, family: [] }, stored) as CaseForm;
  const family = isObject(stored) && Array.isArray(stored.family) ? stored.family : [];
  return { ...f, family: family.map((m) => fit(emptyFamilyMember(), m) as CaseForm['family'][number]) };
}

export function readDraft(storage: Storage, key: string): Draft | null {
  let raw: unknown;
  try {
    const text = storage.getItem(key);
    if (text === null) return null;
    raw = JSON.parse(text);
  } catch {
    storage.removeItem(key);
    return null;
  }
  if (!isObject(raw) || raw.v !== 1 || !isObject(raw.form)) {
    storage.removeItem(key);
    return null;
  }
  const step = STEPS.includes(raw.step as StepId) ? (raw.step as StepId) : 'employer';
  return { form: fitForm(raw.form), step, savedAt: typeof raw.savedAt === 'string' ? raw.savedAt : '' };
}

/** Writes the draft; false when the browser refuses (storage full or off) — the form goes on without it. */
export function writeDraft(storage: Storage, key: string, form: CaseForm, step: StepId, now = new Date()): boolean {
  try {
    storage.setItem(key, JSON.stringify({ v: 1, savedAt: now.toISOString(), step, form }));
    return true;
  } catch {
    return false;
  }
}

export function clearDraft(storage: Storage, key: string): void {
  storage.removeItem(key);
}

/** Whether the form holds anything typed (differs from where it started). */
export const formChanged = (form: CaseForm, start: CaseForm): boolean => JSON.stringify(form) !== JSON.stringify(start);
