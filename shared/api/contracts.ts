import { z } from 'zod';
import { id, isoDate, isoDateTime, etag } from '../schemas/common';
import { jobRole } from '../schemas/staff';
import { audit, auditForm, auditStatus, auditType, finalGrade } from '../schemas/audits';
import { auditAction } from '../schemas/actions';
import { auditTemplate } from '../schemas/templates';
import { auditTypeSettings } from '../settings/auditTypeSettings';
import { trailEntry } from '../schemas/trail';
import { auditRound, conflictKind, roundStatus, yearMonth } from '../schemas/rounds';
import { roundTheme } from '../schemas/templates';

/** Request and response bodies of the tab's REST API: the server validates with these, the tab types with them. */

export const apiError = z.object({
  error: z.string(),
  message: z.string(),
  /** For validation errors: each field (dotted path) and why it was refused. */
  fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});
export type ApiError = z.infer<typeof apiError>;

export const me = z.object({
  id,
  displayName: z.string(),
  jobRoles: z.array(jobRole),
  teamId: id.nullable(),
  mode: z.enum(['local', 'tenant']),
});
export type Me = z.infer<typeof me>;

export const demoUser = z.object({ id, displayName: z.string(), jobRoles: z.array(jobRole), teamName: z.string().nullable() });
export const demoSignInRequest = z.object({ staffId: id });

export const auditSummary = z.object({
  id,
  caseRef: z.string(),
  initials: z.string(),
  auditType,
  auditTypeLabel: z.string(),
  status: auditStatus,
  dueDate: isoDate,
  teamId: id,
  teamName: z.string(),
  auditorId: id,
  auditorName: z.string(),
  finalGrade: finalGrade.nullable(),
  submittedAt: isoDateTime.nullable(),
});
export type AuditSummary = z.infer<typeof auditSummary>;

export const page = <T extends z.ZodTypeAny>(item: T) => z.object({ items: z.array(item), next: z.string().nullable() });
export const auditSummaryPage = page(auditSummary);
export type AuditSummaryPage = z.infer<typeof auditSummaryPage>;

export const sectionProposal = z.object({
  sectionId: z.string(),
  proposed: z.boolean(),
  /** Why it was proposed or not, from the case's history within the look-back. */
  reason: z.string(),
});
export type SectionProposal = z.infer<typeof sectionProposal>;

export const personRef = z.object({ id, displayName: z.string(), jobRoles: z.array(jobRole) });
export type PersonRef = z.infer<typeof personRef>;

export const auditDetail = z.object({
  audit: audit.extend({ etag }),
  settings: auditTypeSettings,
  template: auditTemplate,
  proposals: z.array(sectionProposal),
  teamName: z.string(),
  auditorName: z.string(),
  workerName: z.string().nullable(),
  /** People who may own or be accountable for actions: the case's team and its manager. */
  people: z.array(personRef),
  earlierAudits: z.array(auditSummary),
  openActions: z.array(auditAction),
  canEdit: z.boolean(),
});
export type AuditDetail = z.infer<typeof auditDetail>;

export const saveFormRequest = z.object({ etag, form: auditForm });
export const saveFormResponse = z.object({ etag, updatedAt: isoDateTime, status: auditStatus });
export type SaveFormResponse = z.infer<typeof saveFormResponse>;
/**
 * HTTP 202 to an autosave: not saved yet because the app's SharePoint budget is spent for now (never a 429
 * to a user). Nothing was written; the tab keeps its draft and sends its newest form after `retryAfterMs`.
 */
export const saveFormDeferred = z.object({ saved: z.literal(false), retryAfterMs: z.number().int().min(0) });
export type SaveFormDeferred = z.infer<typeof saveFormDeferred>;

export const submitRequest = z.object({ etag });

export const submissionProblem = z.object({
  /** Dotted path into the form, e.g. `grading.domains.assessment.evidence`; the tab links it to its field. */
  field: z.string(),
  message: z.string(),
  sectionId: z.string().nullable(),
});
export type SubmissionProblem = z.infer<typeof submissionProblem>;
export const submitRefused = z.object({ error: z.literal('submissionIncomplete'), message: z.string(), problems: z.array(submissionProblem) });

export const trailResponse = z.object({ items: z.array(trailEntry), next: z.string().nullable() });

/**
 * Imports of the staff directory and the open-case register. The file travels in JSON: a CSV as
 * text (`csv`), an Excel workbook as base64 (`xlsx`) — exactly one of the two.
 */
export const IMPORT_CSV_MAX_CHARS = 5 * 1024 * 1024;
export const IMPORT_XLSX_MAX_BYTES = 3 * 1024 * 1024;
export const importRegister = z.enum(['staff', 'cases']);
export type ImportRegister = z.infer<typeof importRegister>;
const importCsv = z.string().min(1, 'the file is empty').max(IMPORT_CSV_MAX_CHARS, 'the file is larger than 5 MB');
const importXlsx = z
  .string()
  .min(1, 'the file is empty')
  .max(Math.ceil(IMPORT_XLSX_MAX_BYTES / 3) * 4, 'the workbook is larger than 3 MB; export it as CSV instead')
  .pipe(z.base64('must be the workbook encoded as base64'));
const importFile = {
  csv: importCsv.optional(),
  xlsx: importXlsx.optional(),
};
const oneFile = (v: { csv?: string | undefined; xlsx?: string | undefined }, ctx: z.RefinementCtx) => {
  if ((v.csv === undefined) === (v.xlsx === undefined)) {
    ctx.addIssue({ code: 'custom', path: ['csv'], message: 'give the file once: as CSV text (csv) or as an Excel workbook (xlsx)' });
  }
};
export const importPreviewRequest = z.object(importFile).superRefine(oneFile);
export const importCommitRequest = z
  .object({
    ...importFile,
    /** The accepted-row count the lead saw in the preview and confirmed; a different count means the file changed. */
    acceptedCount: z.number().int().min(0),
  })
  .superRefine(oneFile);
export type ImportFileBody = z.infer<typeof importPreviewRequest>;
export const importIssue = z.object({ line: z.number().int(), field: z.string(), reason: z.string() });
export type ImportIssueDto = z.infer<typeof importIssue>;
export const importPreviewResponse = z.object({
  register: importRegister,
  rowCount: z.number().int(),
  acceptedCount: z.number().int(),
  /** Rows refused (each may have several issues in `rejected`). */
  rejectedRowCount: z.number().int(),
  fileErrors: z.array(z.object({ line: z.number().int().nullable(), reason: z.string() })),
  rejected: z.array(importIssue),
  warnings: z.array(importIssue),
  notes: z.array(z.string()),
});
export type ImportPreviewResponse = z.infer<typeof importPreviewResponse>;
export const importCommitResponse = z.object({
  register: importRegister,
  acceptedCount: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  /** Rows whose record already held exactly these values: nothing written. */
  unchanged: z.number().int(),
});
export type ImportCommitResponse = z.infer<typeof importCommitResponse>;

/** Audit rounds (QA leads and principal social workers). */
export const createRoundRequest = z.object({
  month: yearMonth,
  auditType,
  theme: roundTheme.nullable().default(null),
  auditorIds: z.array(id).min(1, 'choose at least one auditor').max(200),
  casesPerAuditor: z.number().int().min(1).max(20),
  /** Defaults to the last working day of the month. */
  dueDate: isoDate.optional(),
  /** Defaults to a fresh random seed; give one to repeat an allocation. */
  seed: z.number().int().min(0).max(2 ** 32 - 1).optional(),
  /** Needed only when the audit type's calendar refuses the month. */
  calendarOverrideReason: z.string().trim().min(5, 'give a reason of at least a few words').max(1000).nullable().default(null),
});
export type CreateRoundRequest = z.infer<typeof createRoundRequest>;
export const swapRequest = z.object({
  caseId: id,
  newCaseId: id,
  /** The lead's confirmation when the case swapped in links the auditor to it (no conflict-free case left). */
  confirmConflicts: z.boolean().default(false),
});
export const removeRequest = z.object({ caseId: id });
export const publishRequest = z.object({ confirmConflicts: z.boolean() });
export const roundAllocationView = z.object({
  caseId: id,
  caseRef: z.string(),
  teamName: z.string(),
  auditorId: id,
  auditorName: z.string(),
  conflicts: z.array(conflictKind),
  reason: z.string(),
});
export const roundPreview = z.object({
  round: auditRound.extend({ etag }),
  allocations: z.array(roundAllocationView),
  /** Any allocation links auditor and case: publishing needs `confirmConflicts`. */
  needsConfirmation: z.boolean(),
  /** Set when the month is outside the audit type's calendar (the round was overridden). */
  calendarRefusal: z.string().nullable(),
});
export type RoundPreview = z.infer<typeof roundPreview>;
export const publishResponse = z.object({
  round: auditRound.extend({ etag }),
  /** Audits this call created; 0 when an earlier publish already made them all. */
  created: z.number().int(),
  auditIds: z.array(id),
  /** Allocations left out because the case is no longer open or on the register. */
  skipped: z.array(z.object({ caseId: id, reason: z.string() })),
});
export type PublishResponse = z.infer<typeof publishResponse>;

/** Where a round's allocation cards have got to (QA leads, PSW). Names and ids only: no child data. */
export const roundDeliveryResponse = z.object({
  roundId: id,
  counts: z.object({
    queued: z.number().int().min(0),
    sending: z.number().int().min(0),
    sent: z.number().int().min(0),
    failed: z.number().int().min(0),
    undeliverable: z.number().int().min(0),
  }),
  /** People the cards cannot reach, once each, and why (e.g. notInstalled: they have not added the app in Teams). */
  undeliverable: z.array(
    z.object({
      recipientId: id,
      displayName: z.string().nullable(),
      reason: z.enum(['blocked', 'uninstalled', 'notFound', 'disabled', 'notInstalled']),
      /** Why, in words, when the service knows more (tenant mode: why Teams could not add the app for them). */
      detail: z.string().max(500).nullable().optional(),
      notificationIds: z.array(id),
    }),
  ),
});
export type RoundDeliveryResponse = z.infer<typeof roundDeliveryResponse>;

/** Staff who can audit, offered when a QA lead chooses a round's auditor pool. */
export const auditorCandidate = z.object({
  id,
  displayName: z.string(),
  jobRoles: z.array(jobRole),
  /** Null for people outside any team (for example a senior manager). */
  teamName: z.string().nullable(),
});
export type AuditorCandidate = z.infer<typeof auditorCandidate>;
export const auditorCandidatesResponse = z.object({ items: z.array(auditorCandidate) });
export type AuditorCandidatesResponse = z.infer<typeof auditorCandidatesResponse>;
export const roundListQuery = z.object({ month: yearMonth });
/** A round in a month's list: enough to find it again, no case details. */
export const roundSummary = z.object({
  id,
  month: yearMonth,
  auditType,
  themeTitle: z.string().nullable(),
  status: roundStatus,
  auditorCount: z.number().int(),
  allocationCount: z.number().int(),
  dueDate: isoDate,
  createdAt: isoDateTime,
  publishedAt: isoDateTime.nullable(),
});
export type RoundSummary = z.infer<typeof roundSummary>;
export const roundListResponse = z.object({ items: z.array(roundSummary) });
export type RoundListResponse = z.infer<typeof roundListResponse>;

/** Requests to reassign an audit ("Can't do this" on the allocation card), for the QA lead. */
export const reassignmentListQuery = z.object({ status: z.literal('open').default('open') });
export const reassignmentListItem = z.object({
  id: z.string().min(1).max(80),
  auditId: id,
  caseRef: z.string().max(32),
  initials: z.string().max(4),
  auditorName: z.string().max(200),
  reason: z.string().max(500),
  createdAt: isoDateTime,
});
export type ReassignmentListItem = z.infer<typeof reassignmentListItem>;
export const reassignmentListResponse = z.object({ items: z.array(reassignmentListItem), next: z.string().nullable() });
export type ReassignmentListResponse = z.infer<typeof reassignmentListResponse>;
export const reassignmentResolveResponse = z.object({ id: z.string().min(1).max(80), status: z.enum(['open', 'resolved']), resolvedAt: isoDateTime.nullable() });
export type ReassignmentResolveResponse = z.infer<typeof reassignmentResolveResponse>;
