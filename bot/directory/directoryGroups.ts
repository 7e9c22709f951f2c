import { z } from 'zod';
import { id as recordId } from '../../shared/schemas/common';
import { jobRole } from '../../shared/schemas/staff';

/**
 * Which Entra groups give which job roles and team: the setting the directory sync reads
 * (proposed name `ENTRA_DIRECTORY_GROUPS`, a JSON text):
 *
 * ```json
 * { "groups": [
 *     { "id": "0f6c2a1e-…", "name": "CP North social workers", "jobRoles": ["worker"], "teamId": "team-cp-north" },
 *     { "id": "7b1d9e40-…", "jobRoles": ["teamManager"], "teamId": "team-cp-north" },
 *     { "id": "c3aa5f12-…", "jobRoles": ["headOfService"] }
 * ] }
 * ```
 *
 * - `id`: the group's Entra object id (a GUID). Members are read transitively, so a nested group's
 *   members count too. Each group at most once.
 * - `name`: optional, only to help people reading the setting.
 * - `jobRoles`: job role ids (worker, deputyTeamManager, teamManager, headOfService,
 *   principalSocialWorker, qaLead, seniorManager, administrator). Someone in several groups holds
 *   every role those groups give.
 * - `teamId`: the id of a team already set up in the app. A person belongs to one team: if their
 *   groups give two different teams, the first group in this list wins and the sync reports it.
 * - A group gives job roles, a team, or both; a person must end up with at least one job role.
 */
const guid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be the group\'s Entra object id (a GUID)');

const directoryGroup = z
  .object({
    id: guid.transform((v) => v.toLowerCase()),
    name: z.string().max(256).optional(),
    jobRoles: z.array(jobRole).default([]),
    teamId: recordId.optional(),
  })
  .strict()
  .refine((g) => g.jobRoles.length > 0 || g.teamId !== undefined, { message: 'gives neither job roles nor a team: add "jobRoles", "teamId" or both' });

const directoryGroups = z
  .object({ groups: z.array(directoryGroup).min(1, 'lists no groups') })
  .strict()
  .superRefine((s, ctx) => {
    const seen = new Map<string, number>();
    s.groups.forEach((g, i) => {
      const first = seen.get(g.id);
      if (first !== undefined) ctx.addIssue({ code: 'custom', path: ['groups', i, 'id'], message: `is the same group as groups[${first}]` });
      else seen.set(g.id, i);
    });
  });

export type DirectoryGroups = z.infer<typeof directoryGroups>;
export type DirectoryGroup = DirectoryGroups['groups'][number];

export const DIRECTORY_GROUPS_SETTING = 'ENTRA_DIRECTORY_GROUPS';

/** The setting is missing, not JSON, or not the shape above; the message names the field. */
export class DirectorySettingError extends Error {
  override readonly name = 'DirectorySettingError';
}

/** Reads the setting (its JSON text, or the value already parsed), or throws naming each bad field. */
export function parseDirectoryGroups(raw: unknown, settingName = DIRECTORY_GROUPS_SETTING): DirectoryGroups {
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      throw new DirectorySettingError(`${settingName} is not valid JSON: expected {"groups": [{"id": "<group GUID>", "jobRoles": [...], "teamId": "..."}]}`);
    }
  }
  const parsed = directoryGroups.safeParse(value);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${fieldPath(issue.path)}: ${issue.message}`);
  throw new DirectorySettingError(`${settingName} is not right: ${problems.join('; ')}`);
}

/** `groups[2].jobRoles[0]`, the way the setting's reader would point at it. */
function fieldPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(the whole setting)';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
}
