// Where the new-case drafts live in localStorage, and clearing a user's drafts at sign-out — apart from
// draft.ts so the signed-in shell takes these few lines, not the form's model.
export const PREFIX = 'hqs.draft.newcase.';

/** The key of a user's draft in an organization (the user first: sign-out clears by user). */
export const draftKey = (orgId: string, userId: string): string => `${PREFIX}${userId}.${orgId}`;

/** Removes every draft of a user (sign-out): nothing they typed stays in the browser. */
export function clearUserDrafts(storage: Storage, userId: string): void {
  const mine = `${PREFIX}${userId}.`;
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const k = storage.key(i);
    if (k?.startsWith(mine)) keys.push(k);
  }
  for (const k of keys) storage.removeItem(k);
}
