import { z } from 'zod';
import { id, isoDate, isoDateTime, etag } from '../schemas/common';
import { jobRole } from '../schemas/staff';
import { audit, auditForm, auditStatus, auditType, finalGrade } from '../schemas/audits';
import { auditAction } from '../schemas/actions';
import { auditTemplate } from '../schemas/templates';
import { auditTypeSettings } from '../settings/auditTypeSettings';
import { trailEntry } from '../schemas/trail';

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
