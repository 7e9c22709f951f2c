import { z } from 'zod';
import { isoDate } from '../schemas/common';
import { DEFAULT_WORKING_HOURS, workingHoursSetting } from '../calendar/workingHours';
import { SettingsError } from './auditTypeSettings';

/**
 * Urgent concerns: the service's working hours (the acknowledgement clock runs only within them)
 * and how long a notice may go unacknowledged before it escalates. Working days are Monday to
 * Friday without England and Wales bank holidays and without the council's own closure days.
 */
export const concernSettings = z.strictObject({
  /** London wall-clock window, end exclusive. */
  workingHours: workingHoursSetting,
  /** The council's own closure days (e.g. a newly announced one-off holiday). */
  extraClosureDays: z.array(isoDate).max(366),
  /** Unacknowledged this many working hours after raising: escalate to the Head of Service. */
  acknowledgeWithinWorkingHours: z.number().min(0.5).max(40),
  /**
   * On the three-level scale "Doesn't yet meet Good" covers Requires improvement and Inadequate.
   * `whenJudgedInadequate` (default) alerts when the auditor answers that practice is inadequate
   * (or leaves it unanswered); `always` alerts on every "Doesn't yet meet Good". A council can
   * widen the alert, never turn it off: Inadequate always alerts.
   */
  notYetGoodAlerts: z.enum(['whenJudgedInadequate', 'always']),
});
export type ConcernSettings = z.infer<typeof concernSettings>;

export const defaultConcernSettings = (): ConcernSettings => ({
  workingHours: { ...DEFAULT_WORKING_HOURS },
  extraClosureDays: [],
  // Half a working day: the auditor has already told the manager in person; this is the written follow-up.
  acknowledgeWithinWorkingHours: 4,
  notYetGoodAlerts: 'whenJudgedInadequate',
});

/** A council's settings: any field, merged over the defaults. */
export const concernSettingsFile = z.strictObject({
  workingHours: workingHoursSetting.optional(),
  extraClosureDays: concernSettings.shape.extraClosureDays.optional(),
  acknowledgeWithinWorkingHours: concernSettings.shape.acknowledgeWithinWorkingHours.optional(),
  notYetGoodAlerts: concernSettings.shape.notYetGoodAlerts.optional(),
});

/** The settings in force: the defaults with a council's file (if any) over them; a malformed file throws naming the field. */
export function resolveConcernSettings(file: unknown): ConcernSettings {
  const parsed = concernSettingsFile.safeParse(file ?? {});
  if (!parsed.success)
    throw new SettingsError(`Concern settings are not valid:\n${parsed.error.issues.map((i) => `  concerns.${i.path.join('.')}: ${i.message}`).join('\n')}`);
  const defined = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined));
  return concernSettings.parse({ ...defaultConcernSettings(), ...defined });
}
