import { z } from 'zod';
import { auditType, type AuditType } from '../schemas/audits';
import { gradeScaleId } from '../schemas/grades';
import { legalStatus } from '../schemas/cases';
import { rubricDomain } from '../schemas/templates';

/**
 * How an audit type works at a council. Each value is a setting with the source document's
 * practice as its default; none is a rule fixed in code. (One rule is not a setting: a child
 * judged not safe is graded Inadequate — children's safety comes before any setting.)
 */
export const lookBackRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('months'), months: z.number().int().min(1).max(60) }),
  /** The shorter of `months` and "since the most recent referral". */
  z.object({ kind: z.literal('monthsOrSinceReferral'), months: z.number().int().min(1).max(60) }),
]);
export type LookBackRule = z.infer<typeof lookBackRule>;

export const submissionSettings = z.object({
  /** Every graded item (domain or overall) has evidence written beside it. */
  evidenceForEveryGrade: z.boolean(),
  /** The child's and parents' views in their own words, or the worker's reason they were not sought. */
  viewsRequired: z.boolean(),
  /** Legal statuses for which a parent's consent is needed before speaking to the child. */
  consentRequiredFor: z.array(legalStatus),
  /** A good-practice example ("none seen" allowed). */
  goodPracticeExample: z.boolean(),
  /** At least one action when the overall grade is below Good. */
  actionWhenBelowGood: z.boolean(),
  /** A summary of judgement, evidence and impact. */
  summaryRequired: z.boolean(),
});
export type SubmissionSettings = z.infer<typeof submissionSettings>;

/**
 * When rounds of an audit type may run. A month outside `months`, or one in which a round of a
 * type named in `notInMonthsOf` may run, is refused unless the QA lead overrides it with a reason.
 */
export const roundCalendar = z.object({
  /** Months (1 = January) in which a round may run. */
  months: z.array(z.number().int().min(1).max(12)).max(12),
  /** No round in a month when these audit types run (e.g. the monthly audit gives way to a deep dive). */
  notInMonthsOf: z.array(auditType),
});
export type RoundCalendar = z.infer<typeof roundCalendar>;

/**
 * Chasing non-completion: when the auditor is reminded. Counted in working days (see
 * shared/calendar/workingDays); shared/chasing/reminders applies them.
 */
/**
 * Repeated non-completion: an auditor who missed the due date in at least `misses` of their last
 * `ofLastRounds` rounds of the audit type is proposed for the next tier of line management.
 */
export const repeatMissSettings = z.object({
  misses: z.number().int().min(1).max(12).default(2),
  ofLastRounds: z.number().int().min(1).max(24).default(3),
});
export type RepeatMissSettings = z.infer<typeof repeatMissSettings>;

/**
 * The line-manager notice sent by the daily job, without waiting for the QA lead, once an audit is
 * this many working days overdue. Off unless a council turns it on.
 */
export const autoEscalateSettings = z.object({
  enabled: z.boolean().default(false),
  afterWorkingDaysOverdue: z.number().int().min(1).max(20).default(2),
});
export type AutoEscalateSettings = z.infer<typeof autoEscalateSettings>;

export const chasingSettings = z.object({
  /** A "due soon" reminder this many working days before the due date (0: on the due date itself). */
  reminderWorkingDaysBefore: z.number().int().min(0).max(20),
  /** Once overdue: a reminder on the first working day after the due date, then every this many working days. */
  overdueReminderEveryWorkingDays: z.number().int().min(1).max(20),
  /** Absent: `defaultRepeatMissSettings`. */
  repeatMisses: repeatMissSettings.optional(),
  /** Absent: `defaultAutoEscalateSettings` (off). */
  autoEscalate: autoEscalateSettings.optional(),
});
export type ChasingSettings = z.infer<typeof chasingSettings>;

export const defaultChasingSettings: ChasingSettings = { reminderWorkingDaysBefore: 3, overdueReminderEveryWorkingDays: 2 };
export const defaultRepeatMissSettings: RepeatMissSettings = { misses: 2, ofLastRounds: 3 };
export const defaultAutoEscalateSettings: AutoEscalateSettings = { enabled: false, afterWorkingDaysOverdue: 2 };

/** The chasing settings in force for an audit type (the defaults when its settings name none). */
export function chasingOf(settings: Pick<AuditTypeSettings, 'chasing'>): ChasingSettings {
  return settings.chasing ?? defaultChasingSettings;
}

export function repeatMissesOf(settings: Pick<AuditTypeSettings, 'chasing'>): RepeatMissSettings {
  return settings.chasing?.repeatMisses ?? defaultRepeatMissSettings;
}

export function autoEscalateOf(settings: Pick<AuditTypeSettings, 'chasing'>): AutoEscalateSettings {
  return settings.chasing?.autoEscalate ?? defaultAutoEscalateSettings;
}

const everyMonth = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

export const auditTypeSettings = z.object({
  auditType,
  label: z.string().min(1).max(80),
  templateId: z.string().min(1).max(40),
  /** Done together with the allocated worker. */
  collaborative: z.boolean(),
  lookBack: lookBackRule,
  gradeScale: gradeScaleId,
  gradingMode: z.enum(['overallOnly', 'perDomain']),
  /** Domains graded when grading per domain. */
  gradedDomains: z.array(rubricDomain),
  /** An Inadequate grade in any of these makes the overall Inadequate. */
  keyAreas: z.array(rubricDomain),
  /** No Good or Outstanding unless the child's outcomes are met or on the way. */
  outcomesRequiredForGood: z.boolean(),
  submission: submissionSettings,
  /** When rounds may run; defaults per type below. */
  calendar: roundCalendar,
  /** Reminders to the auditor; absent means `defaultChasingSettings`. */
  chasing: chasingSettings.optional(),
});
export type AuditTypeSettings = z.infer<typeof auditTypeSettings>;

const allDomains = rubricDomain.options;

type SharedDefaults = Omit<AuditTypeSettings, 'auditType' | 'label' | 'templateId' | 'collaborative' | 'lookBack' | 'calendar'>;

/** What the three audit types share by default (fresh objects each call); each type says only where it differs. */
const common = (submission: Partial<SubmissionSettings> = {}): SharedDefaults => ({
  chasing: { ...defaultChasingSettings },
  gradeScale: 'ofsted4',
  gradingMode: 'overallOnly',
  gradedDomains: [...allDomains],
  keyAreas: ['assessment', 'planning', 'managementOversight'],
  outcomesRequiredForGood: true,
  submission: {
    evidenceForEveryGrade: true,
    viewsRequired: false,
    consentRequiredFor: ['childInNeed', 'childProtection'],
    goodPracticeExample: false,
    actionWhenBelowGood: true,
    summaryRequired: true,
    ...submission,
  },
});

export const defaultAuditTypeSettings: Record<AuditType, AuditTypeSettings> = {
  // Child's Journey monthly: with the worker, the last year.
  childsJourneyMonthly: {
    ...common(),
    auditType: 'childsJourneyMonthly',
    label: "Child's Journey monthly audit",
    templateId: 'childs-journey',
    collaborative: true,
    lookBack: { kind: 'months', months: 12 },
    // None in August or December, nor in a deep-dive month.
    calendar: { months: everyMonth.filter((m) => m !== 8 && m !== 12), notInMonthsOf: ['deepDive'] },
  },
  // Deep dive: the same tool, without the worker, two years back, graded domain by domain.
  deepDive: {
    ...common(),
    auditType: 'deepDive',
    label: 'Deep dive audit',
    templateId: 'childs-journey',
    collaborative: false,
    lookBack: { kind: 'months', months: 24 },
    gradingMode: 'perDomain',
    // Three times a year. The source names no months: March, July and November is our default.
    calendar: { months: [3, 7, 11], notInMonthsOf: [] },
  },
  // Managers' monthly: with the worker, six months or since the latest referral; views and a good-practice example.
  managersMonthly: {
    ...common({ viewsRequired: true, goodPracticeExample: true }),
    auditType: 'managersMonthly',
    label: "Managers' monthly audit",
    templateId: 'managers-monthly',
    collaborative: true,
    lookBack: { kind: 'monthsOrSinceReferral', months: 6 },
    calendar: { months: [...everyMonth], notInMonthsOf: [] },
  },
};

/** A council's settings file: any audit type, any field (submission rules one by one), merged over the defaults. */
export const councilSettingsFile = z.strictObject({
  auditTypes: z
    .partialRecord(
      auditType,
      auditTypeSettings
        .omit({ auditType: true, submission: true, chasing: true })
        .partial()
        .extend({ submission: submissionSettings.partial().optional(), chasing: chasingSettings.partial().optional() })
        .strict(),
    )
    .default({}),
});

export class SettingsError extends Error {
  override name = 'SettingsError';
}

/** Rules between fields that the schema alone cannot say. */
function crossCheck(type: AuditType, s: AuditTypeSettings): string[] {
  const problems: string[] = [];
  if (s.gradingMode === 'perDomain' && s.gradedDomains.length === 0)
    problems.push(`auditTypes.${type}.gradedDomains: grading per domain needs at least one graded domain`);
  for (const k of s.keyAreas)
    if (!s.gradedDomains.includes(k)) problems.push(`auditTypes.${type}.keyAreas: "${k}" is not a graded domain, so its rule could never apply`);
  const repeat = repeatMissesOf(s);
  if (repeat.misses > repeat.ofLastRounds)
    problems.push(`auditTypes.${type}.chasing.repeatMisses: ${repeat.misses} misses can never happen in the last ${repeat.ofLastRounds} rounds`);
  if (s.calendar.notInMonthsOf.includes(type))
    problems.push(`auditTypes.${type}.calendar.notInMonthsOf: an audit type cannot give way to itself`);
  return problems;
}

export function resolveAuditTypeSettings(file: unknown): Record<AuditType, AuditTypeSettings> {
  const parsed = councilSettingsFile.safeParse(file ?? {});
  if (!parsed.success)
    throw new SettingsError(`Audit-type settings are not valid:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  const out = { ...defaultAuditTypeSettings };
  const problems: string[] = [];
  for (const type of auditType.options) {
    const { submission, chasing, ...override } = parsed.data.auditTypes[type] ?? {};
    const base = defaultAuditTypeSettings[type];
    out[type] = auditTypeSettings.parse({
      ...base,
      ...override,
      submission: { ...base.submission, ...submission },
      chasing: { ...chasingOf(base), ...chasing },
      auditType: type,
    });
    problems.push(...crossCheck(type, out[type]));
  }
  if (problems.length) throw new SettingsError(`Audit-type settings are not valid:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  return out;
}
