import { z } from 'zod';
import { id, isoDateTime } from './common';
import { auditType } from './audits';
import { yearMonth } from './rounds';
import { EXEMPTION_MAX_MONTHS, EXEMPTION_NOTE_MAX, EXEMPTION_REASON_MAX, isConsecutiveRun } from '../exemptions/exemptionRules';

export const exemptionStatus = z.enum(['requested', 'lineManagerConsulted', 'agreed', 'refused', 'withdrawn']);

/** What the auditor's line manager (or their deputy) thinks of the request. */
const exemptionLineManagerView = z.object({
  supports: z.boolean(),
  comment: z.string().trim().min(1).max(EXEMPTION_NOTE_MAX),
  byId: id,
  at: isoDateTime,
});

const exemptionDecision = z.object({
  outcome: z.enum(['agreed', 'refused']),
  /** Empty only when agreeing after the line manager was consulted (see `decisionNoteProblem`). */
  note: z.string().trim().max(EXEMPTION_NOTE_MAX),
  byId: id,
  at: isoDateTime,
  /** False when the lead decided without the line manager's view; the note says why. */
  lineManagerConsulted: z.boolean(),
});

/**
 * An auditor's request to be excused from auditing for a run of months (capacity, long leave):
 * the line manager is consulted, then a QA lead or the principal social worker agrees or refuses.
 * The reason is the auditor's own words: shown in the tab to those who deal with it, never put in
 * a card, never logged.
 */
export const exemptionRequest = z
  .object({
    id,
    auditorId: id,
    /** Consecutive months, in order. */
    months: z.array(yearMonth).min(1).max(EXEMPTION_MAX_MONTHS),
    auditTypes: z.array(auditType).min(1).max(auditType.options.length),
    reason: z.string().trim().min(1).max(EXEMPTION_REASON_MAX),
    status: exemptionStatus,
    lineManagerView: exemptionLineManagerView.nullable(),
    decision: exemptionDecision.nullable(),
    createdAt: isoDateTime,
    withdrawnAt: isoDateTime.nullable(),
  })
  .superRefine((r, ctx) => {
    if (!isConsecutiveRun(r.months)) ctx.addIssue({ code: 'custom', path: ['months'], message: 'must be consecutive months, in order' });
    if (new Set(r.auditTypes).size !== r.auditTypes.length) ctx.addIssue({ code: 'custom', path: ['auditTypes'], message: 'lists an audit type twice' });
    const decided = r.status === 'agreed' || r.status === 'refused';
    if (decided !== (r.decision !== null) || (r.decision !== null && r.decision.outcome !== r.status))
      ctx.addIssue({ code: 'custom', path: ['decision'], message: 'must be present, with the same outcome, exactly when the request is agreed or refused' });
    if (r.status === 'lineManagerConsulted' && r.lineManagerView === null)
      ctx.addIssue({ code: 'custom', path: ['lineManagerView'], message: 'is needed once the line manager has been consulted' });
    if (r.status === 'requested' && r.lineManagerView !== null)
      ctx.addIssue({ code: 'custom', path: ['lineManagerView'], message: 'means the status is lineManagerConsulted' });
    if (r.decision !== null && r.decision.lineManagerConsulted !== (r.lineManagerView !== null))
      ctx.addIssue({ code: 'custom', path: ['decision', 'lineManagerConsulted'], message: "must say whether the line manager's view was there" });
    if ((r.status === 'withdrawn') !== (r.withdrawnAt !== null))
      ctx.addIssue({ code: 'custom', path: ['withdrawnAt'], message: 'is set exactly when the request is withdrawn' });
  });
export type ExemptionRequest = z.infer<typeof exemptionRequest>;
