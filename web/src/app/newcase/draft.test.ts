import { describe, expect, it } from 'vitest';
import { emptyFamilyMember, emptyForm } from './build.ts';
import { clearDraft, clearUserDrafts, draftKey, fitForm, formChanged, readDraft, writeDraft } from './draft.ts';

/** A Storage in memory, as the browser's localStorage behaves. */
class MemoryStorage implements Storage {
  private m = new Map<string, string>();
  get length() {
    return this.m.size;
  }
  clear() {
    this.m.clear();
  }
  getItem(k: string) {
    return this.m.get(k) ?? null;
  }
  key(i: number) {
    return [...this.m.keys()][i] ?? null;
  }
  removeItem(k: string) {
    this.m.delete(k);
  }
  setItem(k: string, v: string) {
    this.m.set(k, String(v));
  }
}

const ORG = 'org-1';
const U1 = 'user-1';
const U2 = 'user-2';

describe('the new-case draft in the browser', () => {
  it('round-trips the form and the step, per organization and user', () => {
    const s = new MemoryStorage();
    const form = emptyForm();
    form.principal.latin = 'CHEN WEI';
    form.family.push({ ...emptyFamilyMember('spouse'), latin: 'LI NA' });
    expect(writeDraft(s, draftKey(ORG, U1), form, 'family', new Date('2026-12-03T10:00:00Z'))).toBe(true);
    expect(readDraft(s, draftKey(ORG, U1))).toEqual({ form, step: 'family', savedAt: '2026-12-03T10:00:00.000Z' });
    expect(readDraft(s, draftKey(ORG, U2))).toBeNull();
    expect(readDraft(s, draftKey('org-2', U1))).toBeNull();
  });

  it('fits a draft of an older form to the current one and throws away what is not a draft', () => {
    const s = new MemoryStorage();
    const key = draftKey(ORG, U1);
    s.setItem(
      key,
      JSON.stringify({
        v: 1,
        step: 'nowhere',
        form: { principal: { latin: 'OLD', stray: 1 }, family: [{ latin: 'X' }] },
      }),
    );
    const d = readDraft(s, key)!;
    expect(d.step).toBe('employer');
    expect(d.form.principal.latin).toBe('OLD');
    expect(d.form.principal).not.toHaveProperty('stray');
    expect(d.form.contract).toEqual(emptyForm().contract);
    expect(d.form.family).toEqual([{ ...emptyFamilyMember(), latin: 'X' }]);
    s.setItem(key, '{not json');
    expect(readDraft(s, key)).toBeNull();
    expect(s.getItem(key)).toBeNull();
    s.setItem(key, JSON.stringify({ v: 2, form: {} }));
    expect(readDraft(s, key)).toBeNull();
    expect(fitForm(null)).toEqual(emptyForm());
  });

  it('clears one draft, and every draft of a user at sign-out — not another user’s', () => {
    const s = new MemoryStorage();
    writeDraft(s, draftKey(ORG, U1), emptyForm(), 'employer');
    writeDraft(s, draftKey('org-2', U1), emptyForm(), 'employer');
    writeDraft(s, draftKey(ORG, U2), emptyForm(), 'employer');
    s.setItem('hqs.selfcheck.lang', 'ru');
    clearUserDrafts(s, U1);
    expect(readDraft(s, draftKey(ORG, U1))).toBeNull();
    expect(readDraft(s, draftKey('org-2', U1))).toBeNull();
    expect(readDraft(s, draftKey(ORG, U2))).not.toBeNull();
    expect(s.getItem('hqs.selfcheck.lang')).toBe('ru');
    clearDraft(s, draftKey(ORG, U2));
    expect(s.length).toBe(1);
  });

  it('says whether anything was typed', () => {
    const start = emptyForm();
    expect(formChanged(emptyForm(), start)).toBe(false);
    const f = emptyForm();
    f.contract.position = 'Engineer';
    expect(formChanged(f, start)).toBe(true);
  });

  it('goes on without a draft when the browser refuses to store it', () => {
    const s = new MemoryStorage();
    s.setItem = () => {
      throw new Error('QuotaExceededError');
    };
    expect(writeDraft(s, draftKey(ORG, U1), emptyForm(), 'employer')).toBe(false);
  });
});
