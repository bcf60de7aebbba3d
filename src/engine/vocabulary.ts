// The vocabularies of hqs-evaluation/1 (spec/case-format.md): step ids, obligation kinds, statuses. A module
// that imports only src/core, so that the web app can take these lists without any of the engine.
export const PLAN_STEP_IDS = [
  'employer-registration',
  'contract',
  'work-permit-filing',
  'work-permit-decision',
  'invitation',
  'visa',
  'entry',
  'work-permit-collection',
  'migration-registration',
  'contract-notification',
  'rp-filing',
  'rp-decision',
  'rp-registration',
  'work-permit-extension',
  'indefinite-rp',
  'citizenship',
] as const;

export const OBLIGATION_KINDS = [
  'contract-notification',
  'termination-notification',
  'salary-notification',
  'migration-registration',
  'work-permit-collection',
  'work-permit-extension',
  'rp-registration',
  'rp-annual-notification',
  'rp-absence-limit',
  'leave-or-new-contract',
  'passport-validity',
  'rp-book-replacement',
] as const;

export const ELIGIBILITY_STATUSES = ['eligible', 'ineligible', 'review'] as const;
export const STEP_STATUSES = ['done', 'due', 'upcoming', 'overdue', 'blocked', 'not-applicable'] as const;
export const OBLIGATION_STATUSES = ['done', 'upcoming', 'due', 'overdue', 'not-applicable'] as const;
export const SEVERITIES = ['error', 'warning', 'info'] as const;
export { CONFIDENCES } from '../core/confidence.ts';
/** A date in the plan is a legal deadline, the earliest day the law allows, an estimate, or the day it happened. */
export const DATE_KINDS = ['deadline', 'earliest', 'estimate', 'event'] as const;
export const LEGALIZATIONS = [
  'apostille',
  'consular-legalization',
  'none-minsk',
  'none-domestic',
  'not-applicable',
] as const;
export const CHECKLIST_STATUSES = ['collected', 'missing', 'expired', 'expiring'] as const;
export const GROUND_STATUSES = ['applies', 'possible', 'not-applicable'] as const;
