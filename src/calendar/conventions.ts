// The counting conventions of law/calendar/conventions.yaml: which rule each kind of deadline follows
// (working or calendar days, presidential non-working days, the Civil Code art. 193 shift), each with its
// legal basis. Parsing is strict: an unknown key, a missing citation or a dangling reference fails loudly.
import { parse } from 'yaml';
import { z } from 'zod';
import { isRealIsoDate, type IsoDate } from './date.ts';
import { CONFIDENCES } from '../core/confidence.ts';

const IsoDateString = z
  .string()
  .refine(isRealIsoDate, { message: 'expected a real date as YYYY-MM-DD' })
  .transform((s) => s as IsoDate);
const Confidence = z.enum(CONFIDENCES);
const Text = z.strictObject({ en: z.string().min(1), ru: z.string().min(1), zh: z.string().min(1).optional() });

/**
 * A citation as src/law writes it (a module of its own: src/calendar imports nothing of ours): `url` is the
 * act's official or reference text, `evidence` a page the research relied on; at least one of the two.
 */
const Citation = z
  .strictObject({
    source: z.string().min(1),
    article: z.string().min(1).optional(),
    part: z.string().min(1).optional(),
    paragraph: z.string().min(1).optional(),
    subparagraph: z.string().min(1).optional(),
    amendedBy: z.string().min(1).optional(),
    url: z.url().optional(),
    evidence: z.url().optional(),
    note: z.string().min(1).optional(),
  })
  .refine((c) => c.url !== undefined || c.evidence !== undefined, {
    message: 'give url (the official text) or evidence (the page the research relied on)',
  });
const Basis = z.array(Citation).min(1, { message: 'a citation is required (basis must not be empty)' });

const Convention = z.strictObject({
  summary: Text,
  basis: Basis,
  law: z.enum(['shift', 'no-shift']).optional(),
  engine: z.string().min(1),
  verified: IsoDateString,
  confidence: Confidence,
  confidenceNote: z.string().min(1).optional(),
  status: z.enum(['in-force', 'proposed']),
});

export const TermUnitSchema = z.enum(['days', 'weeks', 'months', 'years', 'workingDays']);
export type TermUnit = z.infer<typeof TermUnitSchema>;

/** `shift`: rely on Civil Code art. 193; `no-shift`: keep the last day as counted; `not-applicable`: always a working day. */
export const ShiftPolicySchema = z.enum(['shift', 'no-shift', 'not-applicable']);
export type ShiftPolicy = z.infer<typeof ShiftPolicySchema>;

const DeadlineKind = z.strictObject({
  appliesTo: Text,
  units: z.array(TermUnitSchema),
  presidentialDaysOff: z.boolean(),
  /** What the law says about a last day on a non-working day. */
  law: ShiftPolicySchema,
  /** What the engine does. */
  engine: ShiftPolicySchema,
  why: Text.optional(),
  conventions: z.array(z.string().min(1)).min(1),
  basis: Basis,
  verified: IsoDateString,
  confidence: Confidence,
  status: z.enum(['in-force', 'proposed']),
});

const Coverage = z.strictObject({
  years: z.tuple([z.number().int(), z.number().int()]),
  confidence: Confidence,
  note: z.string().min(1),
});

const ConventionsSchema = z.strictObject({
  format: z.literal('hqs-calendar-conventions/1'),
  verified: IsoDateString,
  calendar: z.strictObject({
    file: z.string().min(1),
    firstYear: z.number().int(),
    lastYear: z.number().int(),
    outsideRange: z.literal('error'),
    coverage: z.array(Coverage).min(1),
    basis: Basis,
    status: z.enum(['in-force', 'proposed']),
  }),
  conventions: z.record(z.string().regex(/^[a-z0-9-]+$/), Convention),
  deadlineKinds: z.record(z.string().regex(/^[a-z0-9-]+$/), DeadlineKind),
});

export type CalendarConventions = z.infer<typeof ConventionsSchema>;
export type CalendarConvention = z.infer<typeof Convention>;
export type DeadlineKindConvention = z.infer<typeof DeadlineKind>;
export type CalendarCitation = z.infer<typeof Citation>;

/** A conventions file that does not parse or does not hold together; the message names the file and path. */
export class ConventionsError extends Error {
  override readonly name = 'ConventionsError';
}

/** Parses and checks conventions.yaml text. `origin` (e.g. the file path) prefixes every error. */
export function parseConventions(text: string, origin = 'conventions.yaml'): CalendarConventions {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (e) {
    throw new ConventionsError(`${origin}: not valid YAML: ${(e as Error).message}`);
  }
  const parsed = ConventionsSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`);
    throw new ConventionsError(`${origin}: ${lines.join('; ')}`);
  }
  const c = parsed.data;
  const problems: string[] = [];
  for (const [id, kind] of Object.entries(c.deadlineKinds)) {
    kind.conventions.forEach((ref, k) => {
      if (!(ref in c.conventions))
        problems.push(`deadlineKinds.${id}.conventions[${k}]: no convention named ${JSON.stringify(ref)}`);
    });
    if ((kind.law === 'not-applicable') !== (kind.engine === 'not-applicable')) {
      problems.push(
        `deadlineKinds.${id}: law is ${kind.law} but engine is ${kind.engine}; both or neither must be not-applicable`,
      );
    }
  }
  const { firstYear, lastYear, coverage } = c.calendar;
  if (firstYear > lastYear) problems.push(`calendar: firstYear ${firstYear} is after lastYear ${lastYear}`);
  let next = firstYear;
  coverage.forEach(({ years: [a, b] }, k) => {
    if (a !== next || b < a)
      problems.push(`calendar.coverage[${k}]: expected a range starting at ${next}, got ${a}–${b}`);
    next = b + 1;
  });
  if (next !== lastYear + 1) problems.push(`calendar.coverage: ranges end at ${next - 1}, expected ${lastYear}`);
  if (problems.length > 0) throw new ConventionsError(`${origin}: ${problems.join('; ')}`);
  return c;
}
