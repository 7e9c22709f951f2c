import { z } from 'zod';
import { id, isoDate, isoDateTime, freeText } from './common';
import { ageBand, legalStatus, legalStatusPeriod, livingSituation } from './cases';
import { childSafetyJudgement, gradeValue, outcomesJudgement, fourPointGrade, gradeScaleId } from './grades';
import { roundTheme, rubricDomain } from './templates';

export const auditType = z.enum(['childsJourneyMonthly', 'deepDive', 'managersMonthly']);
export type AuditType = z.infer<typeof auditType>;

export const auditStatus = z.enum([
  'allocated',
  'inProgress',
  'submitted',
  'returnedForDevelopment',
  'inDispute',
  'inMediation',
  'moderated',
  'partBDone',
  'closed',
  'exempted',
  'withdrawn',
]);
export type AuditStatus = z.infer<typeof auditStatus>;

/** The case as it was at allocation: later imports never rewrite an audit's history. */
export const caseSnapshot = z.object({
  caseRef: z.string().min(1).max(32),
  initials: z.string().min(1).max(4),
  teamId: id,
  workerId: id.nullable(),
  legalStatus,
  legalStatusHistory: z.array(legalStatusPeriod),
  livingSituation: livingSituation.nullable(),
  disability: z.boolean(),
  /** Whole years at allocation; null for an unborn baby. */
  ageYears: z.number().int().min(0).max(30).nullable(),
  ageBand,
  mostRecentReferral: isoDate.nullable(),
});
export type CaseSnapshot = z.infer<typeof caseSnapshot>;

const key = z.string().min(1).max(40).regex(/^[a-z0-9-]+$/);

export const promptResponse = z.object({
  /** Prompts are guidance, not a checklist: evidence seen, not applicable, or not seen. */
  state: z.enum(['seen', 'notApplicable', 'notSeen']).nullable().default(null),
  note: freeText(4000).default(''),
});
export type PromptResponse = z.infer<typeof promptResponse>;

export const sectionResponse = z.object({
  prompts: z.record(key, promptResponse).default({}),
  evidence: freeText().default(''),
});
export type SectionResponse = z.infer<typeof sectionResponse>;

/** The auditor's decision to add or remove a proposed section; the guidance says "normally". */
export const sectionChoice = z.object({
  included: z.boolean(),
  reason: z.string().max(1000),
});
export type SectionChoice = z.infer<typeof sectionChoice>;

export const viewsEntry = z.object({
  sought: z.enum(['yes', 'no']).nullable().default(null),
  consent: z.enum(['given', 'refused', 'notRequired']).nullable().default(null),
  /** Their own words, where they were spoken to. */
  ownWords: freeText(4000).default(''),
  /** The worker's reason the views were not sought. */
  reasonNotSought: freeText(2000).default(''),
});
export type ViewsEntry = z.infer<typeof viewsEntry>;

export const draftAction = z.object({
  id,
  what: z.string().max(1000),
  /** The section whose finding the action answers. */
  sectionId: key.nullable(),
  why: z.string().max(1000),
  ownerId: id.nullable(),
  accountableManagerId: id.nullable(),
  dueDate: isoDate.nullable(),
});
export type DraftAction = z.infer<typeof draftAction>;

export const domainGrade = z.object({
  value: gradeValue.nullable().default(null),
  evidence: freeText().default(''),
});

export const auditForm = z.object({
  caseProfile: freeText().default(''),
  sections: z.record(key, sectionResponse).default({}),
  sectionChoices: z.record(key, sectionChoice).default({}),
  participants: z
    .object({
      workerTookPart: z.boolean().nullable().default(null),
      meetingDate: isoDate.nullable().default(null),
      staffIds: z.array(id).max(20).default([]),
      /** Roles of anyone else present (e.g. "IRO"), never names of family members. */
      others: z.string().max(300).default(''),
    })
    .default(() => ({ workerTookPart: null, meetingDate: null, staffIds: [], others: '' })),
  views: z
    .object({ child: viewsEntry.default(() => viewsEntry.parse({})), parents: viewsEntry.default(() => viewsEntry.parse({})) })
    // Defaults are functions so each parsed form gets its own nested objects, never a shared one.
    .default(() => ({ child: viewsEntry.parse({}), parents: viewsEntry.parse({}) })),
  goodPractice: z
    .object({ kind: z.enum(['example', 'noneSeen']).nullable().default(null), text: freeText(4000).default('') })
    .default({ kind: null, text: '' }),
  theme: z.record(key, freeText(4000)).default({}),
  grading: z
    .object({
      domains: z.partialRecord(rubricDomain, domainGrade).default({}),
      overall: gradeValue.nullable().default(null),
      /** Required when the overall grade departs from the suggestion. */
      departureReason: freeText(2000).default(''),
      outcomes: outcomesJudgement.nullable().default(null),
      childSafe: childSafetyJudgement.nullable().default(null),
      summary: z
        .object({ judgement: freeText().default(''), evidence: freeText().default(''), impact: freeText().default('') })
        .default({ judgement: '', evidence: '', impact: '' }),
    })
    .default(() => ({
      domains: {},
      overall: null,
      departureReason: '',
      outcomes: null,
      childSafe: null,
      summary: { judgement: '', evidence: '', impact: '' },
    })),
  actions: z.array(draftAction).max(50).default([]),
  /** An urgent child-protection concern raised directly with the case's manager during the audit. */
  urgentConcern: z
    .object({
      raised: z.boolean().default(false),
      raisedWithId: id.nullable().default(null),
      raisedAt: isoDateTime.nullable().default(null),
      /** Raised out of hours with the out-of-hours duty service (then `raisedWithId` may be empty). Absent on older records: no. */
      outOfHoursService: z.boolean().optional(),
    })
    .default({ raised: false, raisedWithId: null, raisedAt: null }),
});
export type AuditForm = z.infer<typeof auditForm>;

export const emptyAuditForm = (): AuditForm => auditForm.parse({});

export const lookBackPeriod = z.object({
  from: isoDate,
  to: isoDate,
  /** How it was worked out, in words. */
  rule: z.string().max(200),
});
export type LookBackPeriod = z.infer<typeof lookBackPeriod>;

export const finalGrade = z.object({
  scale: gradeScaleId,
  value: gradeValue,
  fourPoint: fourPointGrade,
});
export type FinalGrade = z.infer<typeof finalGrade>;

export const audit = z.object({
  id,
  auditType,
  templateId: key,
  templateVersion: z.number().int().min(1),
  roundId: id.nullable(),
  /** Core audits count in reports; learning audits are for auditors joining the core group. */
  purpose: z.enum(['core', 'learning']),
  caseId: id,
  caseSnapshot,
  auditorId: id,
  status: auditStatus,
  dueDate: isoDate,
  lookBack: lookBackPeriod,
  theme: roundTheme.nullable(),
  form: auditForm,
  finalGrade: finalGrade.nullable(),
  allocatedAt: isoDateTime,
  startedAt: isoDateTime.nullable(),
  submittedAt: isoDateTime.nullable(),
  updatedAt: isoDateTime,
});
export type Audit = z.infer<typeof audit>;
