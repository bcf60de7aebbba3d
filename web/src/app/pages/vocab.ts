// The vocabularies the workspace pages show in words. The engine's lists are imported from its types
// module (plain constants), the case format's from src/core (plain lists, no zod); vocab.test.ts checks
// every value has English and Russian words.

/** Obligation kinds, from the engine's types module (plain data; it imports nothing at run time). Words: obligations.kind.<kind>. */
export { OBLIGATION_KINDS, PLAN_STEP_IDS } from '../../../../src/engine/types.ts';
import { PLAN_STEP_IDS } from '../../../../src/engine/types.ts';
export type { ObligationKind } from '../../../../src/engine/types.ts';

/** Obligation statuses (the API's filter values); words: common.status.<status> (one name per status in every view). */
export const OBLIGATION_STATUSES = ['overdue', 'due', 'upcoming', 'done', 'not-applicable'] as const;
export type ObligationStatus = (typeof OBLIGATION_STATUSES)[number];

/** The statuses of an obligation still to be met. */
export const OPEN_STATUSES: readonly ObligationStatus[] = ['overdue', 'due', 'upcoming'];

/**
 * A case's stage: the principal's first plan step not yet done (src/engine/types.ts PLAN_STEP_IDS), or
 * `complete`; the dashboard counts cases without an evaluation as `not-evaluated`. Words: cases.stage.<id>.
 */
export const STAGES = [...PLAN_STEP_IDS, 'complete'] as const;
export const STAGE_WORDS = [...STAGES, 'not-evaluated'] as const;

/** Employer kinds (words: employers.kind.<kind>) and types of special economic zone (employers.sez.<type>). */
export { EMPLOYER_KINDS, SEZ_TYPES } from '../../../../src/core/vocabulary.ts';
export type { EmployerKind, SezType } from '../../../../src/core/vocabulary.ts';

/** Eligibility statuses (src/engine/types.ts); words: dashboard.eligibility.<status>. */
export const ELIGIBILITY_STATUSES = ['eligible', 'review', 'ineligible'] as const;

/** Finding severities; words: dashboard.severity.<severity>. */
export const SEVERITIES = ['error', 'warning', 'info'] as const;

/**
 * The actions the store and the server write to the audit log (grep `action: '` in src/store and
 * src/server); words: audit.action.<action>. An action not listed is shown by its code.
 */
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.password',
  'case.create',
  'case.read',
  'case.list',
  'case.update',
  'case.close',
  'case.reopen',
  'case.delete',
  'case.export',
  'case.evaluate',
  'case.event.add',
  'case.event.update',
  'case.event.remove',
  'case.person.add',
  'case.person.update',
  'case.person.remove',
  'evaluation.read',
  'obligation.list',
  'document.upload',
  'document.download',
  'document.delete',
  'document.share',
  'document.unshare',
  'employer.create',
  'employer.update',
  'employer.delete',
  'member.add',
  'member.role',
  'member.remove',
  'member.suspend',
  'member.restore',
  'invitation.create',
  'invitation.revoke',
  'invitation.accept',
  'token.create',
  'token.revoke',
  'organization.create',
  'organization.rename',
  'sweep',
  ...(['case.assign', 'member.scope', 'finding.list', 'portfolio.export'] as const),
  ...(['checklist.review', 'selfcheck.read', 'selfcheck.redeem'] as const),
] as const;

/** The kinds of record the audit log names; words: audit.entity.<entity>. */
export const AUDIT_ENTITIES = [
  'case',
  'document',
  'employer',
  'member',
  'invitation',
  'token',
  'organization',
  'user',
  'selfcheck',
] as const;

export const isOneOf = <T extends string>(list: readonly T[], v: string | null | undefined): v is T =>
  v != null && (list as readonly string[]).includes(v);

/**
 * The kinds of finding (the engine's FINDING_CODES, src/engine/messages.ts, which the bundle does not
 * import: vocab.test.ts checks the copy); words: portfolio.finding.<code>.
 */
export const FINDING_KINDS = [
  'collection-before-arrival',
  'document-expiring-near-filing',
  'document-legalization-missing',
  'document-translation-missing',
  'document-unusable-at-filing',
  'events-after-as-of',
  'history-deported',
  'history-entry-ban',
  'history-overstay',
  'history-prior-refusal',
  'name-mismatch',
  'not-a-family-member',
  'obligation-done-late',
  'obligation-overdue',
  'passport-expired',
  'passport-expires-before-filing',
  'passport-expires-before-permit',
  'passport-missing',
  'passport-number-mismatch',
  'permit-absence-nearing-limit',
  'permit-absence-over-limit',
  'rp-absence-nearing-limit',
  'rp-absence-over-limit',
  'salary-below-threshold',
  'steps-not-recorded',
] as const;
