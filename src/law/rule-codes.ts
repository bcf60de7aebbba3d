// The rules a `unit: code` parameter may name. A code in the law data is not decoration: each names a rule
// the engine implements (src/engine/rules.ts has one implementation per code, checked by the compiler), and
// the loader refuses a parameter of unit `code` that is not listed here or a value that names a code its
// parameter does not know — an unknown code is a load error, never a silent default.
export const RULE_CODES = {
  /** When the quarterly salary notification is due (115-FZ art. 13.2 p. 13). */
  'employer.salary-notification-due': ['last-working-day-of-month-after-quarter'],
  /** The term of an HQS residence permit (115-FZ art. 13.2 p. 21). */
  'rp.hqs-term': ['same-as-work-permit'],
  /** The activities the HQS route does not cover (115-FZ art. 13.2 p. 1). */
  'hqs.excluded-activities': ['religious-activity'],
  /** The routes the eligibility names where HQS does not fit: each parameter names its route. */
  'route.eaeu-work': ['eaeu-work'],
  'route.ordinary-work-permit': ['ordinary-work-permit'],
  'route.patent': ['patent'],
} as const satisfies Record<string, readonly string[]>;

export type RuleCodeParameter = keyof typeof RULE_CODES;
/** The codes a parameter of unit `code` may hold. */
export type RuleCodeOf<P extends RuleCodeParameter> = (typeof RULE_CODES)[P][number];

/** Why a parameter of unit `code` (or one of its values) is not one the engine implements; undefined if it is. */
export function ruleCodeProblem(parameter: string, code: unknown): string | undefined {
  const known = (RULE_CODES as Record<string, readonly string[]>)[parameter];
  if (known === undefined)
    return `no rule codes are known for ${parameter}: a parameter of unit code names a rule the engine implements (src/law/rule-codes.ts)`;
  if (code === null || known.includes(code as string)) return undefined;
  return `unknown rule code ${JSON.stringify(code)} for ${parameter} (known: ${known.join(', ')}; src/law/rule-codes.ts)`;
}
