import { z } from 'zod';
import { etag, id, isoDate, isoDateTime } from '../schemas/common';
import { auditType } from '../schemas/audits';
import { yearMonth } from '../schemas/rounds';
import { exemptionStatus } from '../schemas/exemptions';
import { EXEMPTION_NOTE_MAX, EXEMPTION_REASON_MAX } from '../exemptions/exemptionRules';

/** Requests to be excused from auditing: what the tab sends and gets back. */

export const askExemptionRequest = z
  .object({
    fromMonth: yearMonth,
    /** The last month excused; the first month when absent. */
    toMonth: yearMonth.optional(),
    /** All audit types when absent. */
    auditTypes: z
      .array(auditType)
      .min(1, 'choose at least one audit type')
      .max(auditType.options.length)
      .refine((types) => new Set(types).size === types.length, 'lists an audit type twice')
      .default([...auditType.options]),
    reason: z.string().trim().min(1, 'say why you cannot audit').max(EXEMPTION_REASON_MAX),
  })
  .strict();
export type AskExemptionRequest = z.input<typeof askExemptionRequest>;

export const lineManagerViewRequest = z
  .object({
    etag,
    supports: z.boolean(),
    comment: z.string().trim().min(1, 'add a short comment').max(EXEMPTION_NOTE_MAX),
  })
  .strict();

export const decideExemptionRequest = z
  .object({
    etag,
    outcome: z.enum(['agreed', 'refused']),
    note: z.string().trim().max(EXEMPTION_NOTE_MAX).default(''),
  })
  .strict();
export type DecideExemptionRequest = z.input<typeof decideExemptionRequest>;

export const withdrawExemptionRequest = z.object({ etag }).strict();

/** One request as the tab shows it: names resolved, the reason included (only its auditor, their line manager and QA leads see it). */
export const exemptionView = z.object({
  id,
  etag,
  auditorId: id,
  auditorName: z.string(),
  months: z.array(yearMonth),
  auditTypes: z.array(auditType),
  reason: z.string(),
  status: exemptionStatus,
  lineManagerView: z
    .object({ supports: z.boolean(), comment: z.string(), byId: id, byName: z.string(), at: isoDateTime })
    .nullable(),
  decision: z
    .object({ outcome: z.enum(['agreed', 'refused']), note: z.string(), byId: id, byName: z.string(), at: isoDateTime, lineManagerConsulted: z.boolean() })
    .nullable(),
  createdAt: isoDateTime,
  withdrawnAt: isoDateTime.nullable(),
});
export type ExemptionView = z.infer<typeof exemptionView>;

export const exemptionListResponse = z.object({ items: z.array(exemptionView) });
export type ExemptionListResponse = z.infer<typeof exemptionListResponse>;

/** A published audit, not yet started, that an agreed exemption now covers: for the lead to reassign. */
export const exemptedAudit = z.object({
  auditId: id,
  roundId: id,
  caseRef: z.string(),
  initials: z.string(),
  auditType,
  dueDate: isoDate,
});
export type ExemptedAudit = z.infer<typeof exemptedAudit>;

export const exemptionDecisionResponse = z.object({
  exemption: exemptionView,
  /** Audits are never changed by a decision: these are listed so the lead can reassign them. Empty unless agreed. */
  auditsToReassign: z.array(exemptedAudit),
});
export type ExemptionDecisionResponse = z.infer<typeof exemptionDecisionResponse>;
