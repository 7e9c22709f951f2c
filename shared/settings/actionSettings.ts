import { z } from 'zod';
import { SettingsError } from './auditTypeSettings';

/**
 * Action tracking: how the daily nudges summarise, and when an overdue action counts as drift.
 * Counted in working days after the due date (shared/calendar/workingDays).
 */
export const actionSettings = z
  .strictObject({
    /** Actions listed by name in a digest before "and N more". */
    digestMaxShown: z.number().int().min(1).max(20),
    /** The accountable manager gets a drift notice once an action is this many working days overdue. */
    driftAfterWorkingDays: z.number().int().min(1).max(60),
    /** The Head of Service is told ("drift escalated") once it is this many working days overdue. */
    driftEscalationAfterWorkingDays: z.number().int().min(2).max(120),
    /** The manager is nudged about an action awaiting approval this many working days after it was marked done… */
    approvalNudgeAfterWorkingDays: z.number().int().min(1).max(20),
    /** …and again every this many working days while it waits. */
    approvalNudgeEveryWorkingDays: z.number().int().min(1).max(20),
  })
  .refine((s) => s.driftEscalationAfterWorkingDays > s.driftAfterWorkingDays, {
    message: 'drift must reach the manager before the Head of Service',
    path: ['driftEscalationAfterWorkingDays'],
  });
export type ActionSettings = z.infer<typeof actionSettings>;

export const defaultActionSettings = (): ActionSettings => ({
  digestMaxShown: 10,
  // A working week late: the manager looks at it; a further week: the Head of Service does.
  driftAfterWorkingDays: 5,
  driftEscalationAfterWorkingDays: 10,
  approvalNudgeAfterWorkingDays: 2,
  approvalNudgeEveryWorkingDays: 2,
});

/** A council's settings: any field, merged over the defaults (ranges are checked after merging). */
export const actionSettingsFile = z.strictObject({
  digestMaxShown: z.number().optional(),
  driftAfterWorkingDays: z.number().optional(),
  driftEscalationAfterWorkingDays: z.number().optional(),
  approvalNudgeAfterWorkingDays: z.number().optional(),
  approvalNudgeEveryWorkingDays: z.number().optional(),
});

/** The settings in force: defaults with a council's file over them; malformed or contradictory values throw naming the field. */
export function resolveActionSettings(file: unknown): ActionSettings {
  const parsed = actionSettingsFile.safeParse(file ?? {});
  const merged = parsed.success
    ? actionSettings.safeParse({ ...defaultActionSettings(), ...Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)) })
    : parsed;
  if (!merged.success)
    throw new SettingsError(`Action settings are not valid:\n${merged.error.issues.map((i) => `  actions.${i.path.join('.')}: ${i.message}`).join('\n')}`);
  return merged.data;
}
