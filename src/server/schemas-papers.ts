// The schemas of the papers routes (issue 14): ticking checklist documents, the next-filing pack and the
// shareable self-check code. Apart from schemas.ts so that the resources stay in their own files.
import { z } from 'zod';
import { LANGS } from '../core/lang.ts';
import { CaseSchema } from '../case/index.ts';
import { components } from './openapi.ts';
import { asOfQ, uuidP } from './schemas.ts';

const named = <T extends z.ZodType>(id: string, s: T, description?: string): T => {
  components.add(s, { id, ...(description ? { description } : {}) });
  return s;
};

const REVIEW_STATUSES = ['received', 'accepted', 'rejected'] as const;
const docId = z
  .string()
  .max(100)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a document id in kebab-case (e.g. "passport")')
  .describe("the document's id in the checklist (passport, diploma …)");

export const ChecklistReview = named(
  'ChecklistReview',
  z.object({
    caseId: z.string(),
    personId: z.string(),
    document: z.string(),
    status: z.enum(REVIEW_STATUSES),
    comment: z.string().nullable(),
    version: z.int().describe('send it back as `version` to change the status'),
    by: z.string().describe('who set it (user:…, token:…; the uploader when a scan marked it received)'),
    byUserId: z.string().nullable(),
    at: z.string().describe('when (ISO timestamp)'),
  }),
  'A document of a person marked received, accepted or rejected; one per case, person and document (it counts for every procedure that asks for it)',
);

const Counts = z.object({
  total: z.int(),
  received: z.int(),
  accepted: z.int(),
  rejected: z.int(),
});

export const CaseChecklist = named(
  'CaseChecklist',
  z.object({
    caseId: z.string(),
    asOf: z.string(),
    items: z.array(
      z.object({
        person: z.string(),
        procedure: z.string(),
        document: z.string(),
        order: z.int().describe("the document's number in the procedure's index (as its scan is named)"),
        status: z
          .string()
          .describe("the engine's status from what the case records (collected, missing, expired, expiring)"),
        review: ChecklistReview.nullable().describe('how the document was ticked, if at all'),
        alsoFor: z.array(z.string()).describe("the person's other procedures that ask for the same document"),
        scans: z.int().describe('scans uploaded for this person and document'),
      }),
    ),
    procedures: z.array(Counts.extend({ person: z.string(), procedure: z.string() })),
    next: z
      .object({ procedure: z.string(), people: z.array(z.string()) })
      .nullable()
      .describe('the next procedure to file (the first of the plan with documents to prepare), and for whom'),
  }),
  "The case's checklist with each document's review status and counts per person and procedure",
);

export const ReviewListQuery = z.object({
  asOf: asOfQ.optional(),
});
export const ReviewParams = z.object({
  id: uuidP,
  personId: z.string().max(100).describe('the person id in the case (e.g. "p2")'),
  document: docId,
});
export const ReviewBody = z.object({
  status: z.enum(REVIEW_STATUSES),
  comment: z.string().max(2000).nullable().optional().describe('why (required for a rejection)'),
  version: z.int().min(0).describe('the version read (0 when the document has no status yet)'),
});

export const NextFilingQuery = z.object({
  asOf: asOfQ.optional(),
  person: z.string().max(100).optional().describe("one person's documents only (a person id of the case)"),
  lang: z.enum(LANGS).optional(),
});

// ——— the shareable self-check ———

export const SelfCheckShareQuery = z.object({
  lang: z.enum(LANGS).optional().describe('the language the self-check was answered in'),
});
export const SelfCheckShared = z.object({
  code: z.string().describe('the one-time code, e.g. 7KQ-M4P-2XW (shown once)'),
  expiresAt: z.string(),
});
export const SelfCheckCodeBody = z.object({
  code: z.string().max(40).describe('the code as the specialist gave it (dashes and case do not matter)'),
});
export const SelfCheckRedeemBody = SelfCheckCodeBody.extend({
  employerId: z.string().optional().describe('an employer of the organization to file the case under'),
});
export const SelfCheckAnswers = named(
  'SelfCheckAnswers',
  z.object({
    answers: CaseSchema.describe('the hqs-case/1 document the self-check built from the answers'),
    lang: z.enum(LANGS),
    createdAt: z.string(),
    expiresAt: z.string(),
  }),
  "A specialist's shared self-check answers, behind a one-time code",
);
