import { z } from 'zod';
import type { AuditType } from '../schemas/audits';
import { resolveAuditTypeSettings, SettingsError, type AuditTypeSettings } from './auditTypeSettings';
import { resolveConcernSettings, type ConcernSettings } from './concernSettings';
import { resolveActionSettings, type ActionSettings } from './actionSettings';

/**
 * A council's settings file (SETTINGS_FILE): one block per concern, each optional and checked by
 * its own module. A file holding only `auditTypes` (the original format) reads as before.
 */
const councilSettingsBlocks = z.strictObject({
  auditTypes: z.unknown().optional(),
  concerns: z.unknown().optional(),
  actions: z.unknown().optional(),
});

export interface CouncilSettings {
  auditTypes: Record<AuditType, AuditTypeSettings>;
  concerns: ConcernSettings;
  actions: ActionSettings;
}

/** Every block resolved over its defaults; all problems in the file reported at once, each naming its field. */
export function resolveCouncilSettings(file: unknown): CouncilSettings {
  const parsed = councilSettingsBlocks.safeParse(file ?? {});
  if (!parsed.success)
    throw new SettingsError(`Settings are not valid:\n${parsed.error.issues.map((i) => `  ${i.path.join('.') || '(file)'}: ${i.message}`).join('\n')}`);
  const blocks = parsed.data;
  const problems: string[] = [];
  const attempt = <T>(resolve: () => T): T | null => {
    try {
      return resolve();
    } catch (e) {
      if (!(e instanceof SettingsError)) throw e;
      problems.push(e.message);
      return null;
    }
  };
  const auditTypes = attempt(() => resolveAuditTypeSettings(blocks.auditTypes === undefined ? {} : { auditTypes: blocks.auditTypes }));
  const concerns = attempt(() => resolveConcernSettings(blocks.concerns));
  const actions = attempt(() => resolveActionSettings(blocks.actions));
  if (!auditTypes || !concerns || !actions) throw new SettingsError(problems.join('\n'));
  return { auditTypes, concerns, actions };
}
