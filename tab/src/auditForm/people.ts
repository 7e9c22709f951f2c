import type { PersonRef } from '../../../shared/api/contracts';
import type { JobRole } from '../../../shared/schemas/staff';
import { rolesText } from '../common/roles';
import type { Choice } from './FormFields';

const managerRoles: readonly JobRole[] = ['teamManager', 'deputyTeamManager', 'headOfService'];

export const isManager = (p: PersonRef): boolean => p.jobRoles.some((r) => managerRoles.includes(r));

/** People as select options: "Name (Team manager)". */
export function personChoices(people: readonly PersonRef[]): Choice<string>[] {
  return people.map((p) => ({ value: p.id, label: `${p.displayName} (${rolesText(p.jobRoles)})` }));
}

/** Who may be accountable for an action: the managers among the people, or everyone if none is listed. */
export function managerChoices(people: readonly PersonRef[]): Choice<string>[] {
  const managers = people.filter(isManager);
  return personChoices(managers.length > 0 ? managers : people);
}

/** The case team's manager stays accountable for actions by default. */
export function defaultAccountableManager(people: readonly PersonRef[]): string | null {
  return people.find((p) => p.jobRoles.includes('teamManager'))?.id ?? people.find(isManager)?.id ?? null;
}

export function personName(people: readonly PersonRef[], id: string | null): string {
  if (!id) return 'Not set';
  return people.find((p) => p.id === id)?.displayName ?? 'Someone outside the case team';
}
