// The request and response schemas of the API. The routes validate with these and the OpenAPI document
// is generated from them; named ones are listed in `components`.
import { z } from 'zod';
import { LANGS, LETTER_LANGS } from '../core/lang.ts';
import {
  CASE_LIMITS,
  CaseSchema,
  CaseEventSchema,
  EmployerSchema,
  PersonSchema,
  isRealIsoDate,
} from '../case/index.ts';
import { MessageSchema, RenderedEvaluationSchema } from '../engine/index.ts';
import { components } from './openapi.ts';

const named = <T extends z.ZodType>(id: string, s: T, description?: string): T => {
  components.add(s, { id, ...(description ? { description } : {}) });
  return s;
};

named('Case', CaseSchema, 'A case file, format hqs-case/1 (spec/case-format.md)');
named('CaseEvent', CaseEventSchema, 'One dated event of a case');
named('Employer', EmployerSchema, 'The employer object of hqs-case/1');
named('Person', PersonSchema, 'One person of a case (hqs-case/1 `people[]`)');

export const Problem = named(
  'Problem',
  z.object({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    detail: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    errorId: z.string().optional(),
    currentVersion: z.int().optional(),
    organizations: z
      .array(z.object({ orgId: z.string(), orgName: z.string(), role: z.string() }))
      .optional()
      .describe('a sign-in that must choose (409): the organizations to choose from'),
    code: z.string().optional().describe('a machine code for the refusal (passport.duplicate, import.unknownJob…)'),
    params: z.record(z.string(), z.unknown()).optional().describe("the values the code's wording names"),
  }),
  'Problem details (RFC 9457); errors[] names each bad field',
);

// ——— parameters ———

/** A whole number in a query string. */
export const intQ = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, 'expected a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

export const dateQ = z.string().refine((s) => isRealIsoDate(s), 'expected a real date as YYYY-MM-DD');
/** The date to evaluate on: a real date in the years the engine counts (CASE_LIMITS). */
export const asOfQ = dateQ.refine((s) => {
  const y = Number(s.slice(0, 4));
  return y >= CASE_LIMITS.firstYear && y <= CASE_LIMITS.lastYear;
}, `a date from ${CASE_LIMITS.firstYear} to ${CASE_LIMITS.lastYear}`);
export const uuidP = z.string().describe('an id (UUID)');
/** A comma-separated list of values from `values`. */
export const listQ = <T extends string>(values: readonly [T, ...T[]]) =>
  z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(values)).min(1))
    .describe(`comma-separated: ${values.join(', ')}`);

export const PageQuery = z.object({
  limit: intQ(1, 500).optional().describe('page size, 1–500 (default 50)'),
  offset: intQ(0, 1_000_000_000).optional().describe('items to skip (default 0)'),
});

export const IdParams = z.object({ id: uuidP });

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.int(), limit: z.int(), offset: z.int() });

// ——— auth ———

export const Role = z.enum(['owner', 'manager', 'viewer', 'specialist']);

export const LoginBody = z.object({
  email: z.string().min(1).max(254),
  password: z.string().min(1).max(1000),
  orgId: z.string().optional().describe('the organization to act in, when the user belongs to several'),
});

export const SetupBody = z.object({
  email: z.string().min(3).max(254),
  password: z.string().min(1).max(1000),
  orgName: z.string().min(1).max(200),
  name: z.string().max(200).optional(),
});

export const SessionInfo = named(
  'Session',
  z.object({
    user: z.object({
      userId: z.string().nullable(),
      label: z.string(),
      email: z.string().nullable().describe('null for an API token'),
      name: z.string().nullable(),
    }),
    orgId: z.string(),
    orgName: z.string(),
    role: Role,
    caseId: z.string().optional().describe("a specialist's case"),
    personId: z.string().optional().describe("a specialist's own person in that case"),
    csrfToken: z.string().nullable().describe('echo as the X-CSRF-Token header on writes authenticated by the cookie'),
    organizations: z
      .array(z.object({ orgId: z.string(), orgName: z.string(), role: Role }))
      .optional()
      .describe('the organizations the user may sign in to (a suspended membership is left out)'),
  }),
);

export const PasswordBody = z.object({
  currentPassword: z.string().min(1).max(1000),
  newPassword: z.string().min(1).max(1000),
});
export const PasswordResult = z.object({ endedSessions: z.int().describe("the user's other sessions, now ended") });

export const SetupState = z.object({ needed: z.boolean().describe('true until the first owner is created') });
export const SetupResult = z.object({ orgId: z.string(), orgName: z.string(), userId: z.string(), email: z.string() });

export const TokenBody = z.object({
  name: z.string().min(1).max(100),
  role: z.enum(['manager', 'viewer']),
  expiresAt: z.string().optional(),
});
export const ApiToken = named(
  'ApiToken',
  z.object({
    tokenId: z.string(),
    orgId: z.string(),
    name: z.string(),
    role: z.enum(['manager', 'viewer']),
    prefix: z.string(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    expiresAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  }),
);
export const NewToken = z.object({ token: z.string().describe('shown once'), record: ApiToken });

// ——— members ———

export const Member = named(
  'Member',
  z.object({
    orgId: z.string(),
    userId: z.string(),
    email: z.string(),
    name: z.string().nullable(),
    role: Role,
    caseId: z.string().nullable(),
    personId: z.string().nullable(),
    disabled: z.boolean().describe('suspended in this organization'),
    lastLoginAt: z.string().nullable().describe('the last sign-in to this organization'),
    employerScope: z
      .array(z.string())
      .nullable()
      .describe('the employers (ids) a manager or viewer is limited to; null: all (the default)'),
    createdAt: z.string(),
  }),
);
export const MemberBody = z.object({
  email: z.string().min(3).max(254),
  role: Role,
  caseId: z.string().optional(),
  personId: z.string().optional(),
  password: z
    .string()
    .max(1000)
    .optional()
    .describe('no longer taken (422): the person chooses their own password when accepting the invitation'),
  name: z.string().max(200).optional().describe('no longer taken (422): the person gives their name when accepting'),
});
export const MemberPatch = z
  .object({
    role: Role.optional(),
    caseId: z.string().optional(),
    personId: z.string().optional(),
    disabled: z.boolean().optional().describe('suspend (true) or restore (false) the member in this organization'),
    employerScope: z
      .array(z.string().max(100))
      .max(1000)
      .nullable()
      .optional()
      .describe(
        'limit a manager or viewer to these employers (ids): they see and change only those cases; null lifts the limit',
      ),
  })
  .refine((b) => b.role !== undefined || b.disabled !== undefined || b.employerScope !== undefined, {
    message: 'give role, disabled and/or employerScope',
    path: ['role'],
  });

// ——— the organization ———

export const OrganizationRecord = named(
  'Organization',
  z.object({
    orgId: z.string(),
    name: z.string(),
    createdAt: z.string(),
    members: z.int().describe('members, suspended ones included'),
    activeMembers: z.int(),
    cases: z.int(),
    openCases: z.int(),
  }),
);
export const OrganizationPatch = z.object({ name: z.string().min(1).max(200) });

// ——— invitations ———

export const Invitation = named(
  'Invitation',
  z.object({
    invitationId: z.string(),
    orgId: z.string(),
    email: z.string(),
    role: Role,
    caseId: z.string().nullable(),
    personId: z.string().nullable(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    expiresAt: z.string(),
    acceptedAt: z.string().nullable(),
  }),
);
export const InvitationBody = z.object({
  email: z.string().min(3).max(254),
  role: Role,
  caseId: z.string().optional().describe("a specialist's case (required for a specialist)"),
  personId: z.string().optional().describe("a specialist's person in that case (required for a specialist)"),
});
export const NewInvitation = z.object({
  invitationId: z.string(),
  token: z.string().describe('shown once'),
  url: z
    .string()
    .describe(
      'the link to pass on: <PUBLIC_URL>/invite#<token>, or /invite#<token> (relative to the workspace) when PUBLIC_URL is not set',
    ),
  expiresAt: z.string(),
  invitation: Invitation,
});
export const TokenBodyOnly = z.object({ token: z.string().min(1).max(200) });
export const InvitationPreview = z.object({
  orgName: z.string(),
  email: z.string(),
  role: Role,
  expiresAt: z.string(),
  existingUser: z.boolean().describe('the email has an account: accepting takes its password'),
});
export const AcceptBody = z.object({
  token: z.string().min(1).max(200),
  password: z.string().min(1).max(1000).describe("a new user's first password, or an existing user's own"),
  name: z.string().max(200).optional(),
});
export const UserParams = z.object({ userId: uuidP });

// ——— employers ———

export const EmployerRecord = named(
  'EmployerRecord',
  z.object({
    employerId: z.string(),
    orgId: z.string(),
    name: z.string(),
    inn: z.string(),
    kind: z.string(),
    employer: EmployerSchema,
    createdAt: z.string(),
    updatedAt: z.string(),
    cases: z.int().optional(),
  }),
);
export const EmployerQuery = PageQuery.extend({
  q: z.string().max(200).optional(),
  kind: z.string().max(50).optional(),
});

// ——— cases ———

const caseSummaryShape = {
  caseId: z.string(),
  orgId: z.string(),
  employerId: z.string(),
  employerName: z.string(),
  externalId: z.string().nullable(),
  principalName: z.string(),
  principalNameCyrillic: z.string().nullable(),
  principalCitizenship: z.string().nullable(),
  contractStart: z.string().nullable(),
  contractEnd: z.string().nullable(),
  status: z.enum(['open', 'closed']),
  stage: z.string().nullable(),
  version: z.int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  assignee: z
    .object({ userId: z.string(), email: z.string(), name: z.string().nullable() })
    .nullable()
    .describe('the member who works the case, or null'),
};
export const CaseSummary = named('CaseSummary', z.object(caseSummaryShape));
export const CaseListItem = named(
  'CaseListItem',
  z.object({
    ...caseSummaryShape,
    nextDeadline: z
      .string()
      .nullable()
      .describe(
        'the earliest due date of its obligations not yet met (overdue ones included), from the stored evaluation',
      ),
    overdue: z.int().describe('obligations overdue as of today'),
    eligibility: z.enum(['eligible', 'ineligible', 'review']).nullable().describe('null until evaluated'),
  }),
);
export const CaseRecord = named('CaseRecord', z.object({ ...caseSummaryShape, case: CaseSchema }));
/** A comma-separated list of free codes (checked by the store). */
const codesQ = (what: string) =>
  z
    .string()
    .max(2000)
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .describe(`comma-separated ${what}`);
export const CaseQuery = PageQuery.extend({
  status: z.enum(['open', 'closed']).optional().describe('open or closed'),
  employer: uuidP.optional().describe('employer id'),
  stage: z
    .string()
    .max(100)
    .optional()
    .describe("the principal's next plan step (or complete); not-evaluated: cases without a stored evaluation"),
  q: z
    .string()
    .max(200)
    .optional()
    .describe("part of a person's name (Latin or Cyrillic), an email, or the case's own id"),
  assignee: z
    .union([z.enum(['me', 'none']), z.guid()])
    .optional()
    .describe("me (the signed-in user), none (unassigned) or a member's user id"),
  eligibility: listQ(['eligible', 'ineligible', 'review'] as const)
    .optional()
    .describe('the stored evaluation says: comma-separated eligible, ineligible, review'),
  citizenship: codesQ("ISO 3166-1 alpha-2 codes: any of the principal's citizenships").optional(),
  finding: codesQ('finding codes: cases whose stored evaluation has one of them').optional(),
  due: z
    .union([z.literal('overdue'), intQ(0, 3660)])
    .optional()
    .describe('overdue: an obligation is overdue; N: the next deadline is within N days (or already passed)'),
  sort: z
    .enum(['updated', 'name', 'next-deadline', 'overdue'])
    .optional()
    .describe('updated (default, newest first), name, next-deadline (soonest first), overdue (most first)'),
});
export const AssigneeBody = z.object({
  assignee: z
    .guid()
    .nullable()
    .describe("a member's user id (an active owner or manager who may see the case), or null to clear"),
});
const caseIdItem = z.guid().describe('a case id');
export const BulkBody = z.object({
  caseIds: z
    .array(caseIdItem)
    .min(1)
    .max(500)
    .describe('the selection: 1 to 500 case ids (a repeated one counts once)'),
  action: z
    .discriminatedUnion('type', [
      z
        .object({
          type: z.literal('salary-notification-filed'),
          period: z
            .string()
            .regex(/^\d{4}-Q[1-4]$/, 'expected a quarter as YYYY-Qn (2026-Q1)')
            .describe('the quarter the notification reports (2026-Q1)'),
          on: dateQ.describe('the day it was filed (YYYY-MM-DD)'),
        })
        .describe("records { type: notification-filed, kind: salary, period } in each case's events"),
      z.object({ type: z.literal('close') }).describe('closes each case'),
      z
        .object({
          type: z.literal('assign'),
          assignee: z.guid().nullable().describe("a member's user id, or null to clear"),
        })
        .describe('sets (or clears) the assignee of each case'),
    ])
    .describe('what to do to each case'),
});
const BulkProblemSchema = z.object({
  status: z.int().describe('the status a single request for this case would have answered (403, 404, 409, 422)'),
  detail: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export const BulkResult = named(
  'BulkResult',
  z.object({
    action: z.enum(['salary-notification-filed', 'close', 'assign']),
    ok: z.int().describe('cases done (changed or already so)'),
    failed: z.int().describe('cases refused'),
    results: z.array(
      z.union([
        z.object({
          caseId: z.string(),
          ok: z.literal(true),
          changed: z.boolean().describe('false: it was so already'),
          version: z.int(),
        }),
        z.object({ caseId: z.string(), ok: z.literal(false), problem: BulkProblemSchema }),
      ]),
    ),
  }),
  'Per case of the selection: ok, or the problem (nothing is skipped silently)',
);
export const CreateCaseQuery = z.object({
  employer: uuidP.optional().describe('link to this employer instead of the one with the case INN'),
  allowDuplicatePassport: z
    .enum(['true', 'false'])
    .optional()
    .describe(
      "true: create it even when a person's passport is already in another open case (else 409 passport.duplicate)",
    ),
});
export const VersionQuery = z.object({
  version: intQ(1, 1_000_000_000).optional().describe('the version read (or send If-Match: "N")'),
});
export const CasePatch = z.object({ status: z.enum(['open', 'closed']), version: z.int().min(1).optional() });
export const EventBody = z.object({
  version: z.int().min(1).describe('the case version read'),
  event: z.unknown().describe('an hqs-case/1 event'),
});
export const EventParams = z.object({
  id: uuidP,
  index: z
    .string()
    .regex(/^\d{1,6}$/, 'expected the index of the event in case.events (0, 1, …)')
    .transform(Number)
    .describe('the index of the event in case.events, from 0'),
});
export const PersonParams = z.object({
  id: uuidP,
  personId: z.string().max(100).describe('the person id in the case (e.g. "p2")'),
});
export const PersonBody = z.object({
  version: z.int().min(1).describe('the case version read'),
  person: z.unknown().describe('an hqs-case/1 person'),
});
export const CasePeople = z.object({ caseId: z.string(), version: z.int(), people: z.array(PersonSchema) });

// ——— evaluations ———

named('Message', MessageSchema, 'One thing the engine says: a code (src/engine/messages.ts) and typed params');
export const Evaluation = named(
  'Evaluation',
  RenderedEvaluationSchema,
  "The engine's output (hqs-evaluation/1): codes and params, worded in the asked language (message, why, note)",
);
export const EvaluateQuery = z.object({
  asOf: asOfQ.optional().describe("the date to evaluate on (default: the case's asOf, else today in Moscow)"),
  lang: z
    .enum(LANGS)
    .optional()
    .describe(
      'the language of `message`, `why` and `note` (default: Accept-Language, else en; zh words in English where it has no text yet)',
    ),
  include: z
    .enum(['documents'])
    .optional()
    .describe('documents: also the checklist, the residence grounds and the findings on the documents'),
  explain: z
    .enum(['true', 'false'])
    .optional()
    .describe('true: add the trace (rules, parameter values, calendar steps)'),
});
export const CaseEvaluation = z.object({
  evaluation: Evaluation,
  stored: z.boolean().describe('whether this became the stored evaluation of the case'),
});

export const DocLangQuery = z.object({ asOf: asOfQ.optional(), lang: z.enum(LETTER_LANGS).optional() });
export const ChecklistQuery = z.object({ asOf: asOfQ.optional(), lang: z.enum(LANGS).optional() });
export const LetterParams = z.object({
  id: uuidP,
  file: z.string().describe('employer-support.docx, employer-support.pdf, cover.docx or cover.pdf'),
});

// ——— documents ———

export const DocumentRecord = named(
  'Document',
  z.object({
    documentId: z.string(),
    caseId: z.string(),
    personId: z.string(),
    type: z.string(),
    fileName: z.string().nullable(),
    sha256: z.string(),
    size: z.int(),
    mediaType: z.string(),
    uploadedBy: z.string().nullable(),
    uploadedAt: z.string(),
    shared: z
      .boolean()
      .describe("seen by every specialist of the case (else by its own person only, and a child's by the parents)"),
  }),
);
export const DocumentPatch = z.object({ shared: z.boolean().describe('share with every specialist of the case') });
export const UploadQuery = z.object({
  type: z.string().max(100).optional().describe('document type (raw-body uploads)'),
  personId: z.string().max(100).optional().describe('the person in the case (raw-body uploads)'),
  fileName: z.string().max(255).optional(),
  shared: z.enum(['true', 'false']).optional().describe('share with every specialist of the case (default false)'),
});
export const UploadResult = z.object({ document: DocumentRecord, deduplicated: z.boolean() });

// ——— portfolio ———

const OBLIGATION_STATUSES = ['upcoming', 'due', 'overdue', 'done', 'not-applicable'] as const;
export const ObligationRecord = named(
  'Obligation',
  z.object({
    caseId: z.string(),
    obligationId: z.string(),
    employerId: z.string(),
    employerName: z.string(),
    principalName: z.string(),
    kind: z.string(),
    personId: z.string(),
    personName: z.string().nullable(),
    personNameCyrillic: z.string().nullable(),
    due: z.string(),
    window: z.object({ from: z.string(), to: z.string() }),
    status: z.string(),
    doneOn: z.string().nullable(),
    late: z.boolean(),
    measure: z.object({ used: z.number(), limit: z.number(), unit: z.literal('days') }).nullable(),
    asOf: z.string(),
  }),
);
export const ObligationQuery = z.object({
  status: listQ(OBLIGATION_STATUSES).optional(),
  kind: z.string().max(500).optional().describe('comma-separated obligation kinds'),
  employer: uuidP.optional(),
  case: uuidP.optional(),
  dueFrom: dateQ.optional(),
  dueTo: dateQ.optional(),
  limit: intQ(1, 1000).optional().describe('page size, 1–1000 (default 100)'),
  offset: intQ(0, 1_000_000_000).optional(),
});
const SEVERITY = ['error', 'warning', 'info'] as const;
export const FindingItem = named(
  'PortfolioFinding',
  z.object({
    caseId: z.string(),
    externalId: z.string().nullable(),
    employerId: z.string(),
    employerName: z.string(),
    principalName: z.string(),
    principalNameCyrillic: z.string().nullable(),
    asOf: z.string().describe('the date of the stored evaluation'),
    severity: z.enum(SEVERITY),
    code: z.string(),
    message: z.string().describe('the finding in words, in the asked language'),
    people: z.array(z.string()),
  }),
);
export const FindingQuery = z.object({
  severity: listQ(SEVERITY).optional(),
  code: codesQ('finding codes').optional(),
  employer: uuidP.optional(),
  case: uuidP.optional(),
  lang: z.enum(LANGS).optional().describe('the language of `message` (default: Accept-Language, else en)'),
  limit: intQ(1, 1000).optional().describe('page size, 1–1000 (default 100)'),
  offset: intQ(0, 1_000_000_000).optional(),
});
export const Dashboard = named(
  'Dashboard',
  z.object({
    today: z.string(),
    openCases: z.int(),
    notEvaluated: z.int(),
    overdue: z.int(),
    dueThisWeek: z.int(),
    casesByStage: z.record(z.string(), z.int()),
    findingsBySeverity: z.object({ error: z.int(), warning: z.int(), info: z.int() }),
    eligibility: z.record(z.string(), z.int()),
  }),
);

// ——— audit ———

export const AuditEntry = named(
  'AuditEntry',
  z.object({
    seq: z.int(),
    orgId: z.string(),
    at: z.string(),
    actorUserId: z.string().nullable(),
    actor: z.string(),
    action: z.string(),
    entity: z.string(),
    entityId: z.string().nullable(),
    ip: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
  }),
);
export const AuditQuery = z.object({
  entity: z.string().max(50).optional(),
  entityId: z.string().max(100).optional(),
  action: z.string().max(100).optional(),
  actor: uuidP.optional().describe('user id'),
  since: z.iso.datetime({ offset: true }).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
  cursor: intQ(0, Number.MAX_SAFE_INTEGER).optional().describe('the `next` of the previous page'),
  order: z.enum(['asc', 'desc']).optional().describe('oldest first (default) or newest first'),
  limit: intQ(1, 500).optional(),
});
export const AuditPage = z.object({ items: z.array(AuditEntry), next: z.int().optional() });

export const Health = z.object({ status: z.literal('ok'), backend: z.string(), version: z.string() });

// ——— exports (spreadsheets) ———

const exportFormat = {
  format: z
    .enum(['xlsx', 'csv'])
    .optional()
    .describe('xlsx (default) or csv (one table; `;` and dd.mm.yyyy in Russian)'),
  lang: z
    .enum(['en', 'ru'])
    .optional()
    .describe('headers, enumerated values and findings in this language (default: Accept-Language, else en)'),
};
export const CaseExportQuery = CaseQuery.omit({ limit: true, offset: true }).extend(exportFormat);
export const DeadlineExportQuery = ObligationQuery.omit({ limit: true, offset: true }).extend(exportFormat);
export const FindingExportQuery = FindingQuery.omit({ limit: true, offset: true, lang: true }).extend(exportFormat);
export const AuditExportQuery = AuditQuery.omit({ cursor: true, limit: true }).extend(exportFormat);
export const PortfolioExportQuery = z.object({
  kinds: listQ(['cases', 'deadlines', 'findings', 'audit'] as const)
    .optional()
    .describe('the sheets, comma-separated (default cases,deadlines,findings; audit: owners)'),
  lang: exportFormat.lang,
});
