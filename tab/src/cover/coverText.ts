import type { DeputyCandidate, SetCoverResponse } from '../../../shared/api/coverContracts';
import { jobRoleLabels } from '../../../shared/schemas/jobRoleLabels';

/** What the person is told once a change is saved (read out by the header's status region). */
export function coverSavedMessage(result: Pick<SetCoverResponse, 'away' | 'deputy' | 'changed' | 'warnings'>): string {
  const deputy = result.deputy?.displayName ?? null;
  let text: string;
  if (!result.changed) text = 'Nothing needed changing: your away status and cover were already saved like this.';
  else if (result.away) text = deputy ? `Saved: you are marked away. Your alerts go to ${deputy} until you mark yourself back.` : 'Saved: you are marked away, with nobody named to cover you.';
  else text = deputy ? `Saved: you are marked as at work. Your alerts come to you; ${deputy} will cover you when you are next away.` : 'Saved: you are marked as at work. Your alerts come to you.';
  return [text, ...result.warnings.map((w) => w.message)].join(' ');
}

/** One option in the deputy list: name, jobs and team, and whether they are away now. */
export function deputyOptionText(c: Pick<DeputyCandidate, 'displayName' | 'jobRoles' | 'teamName' | 'away'>): string {
  const jobs = c.jobRoles.map((r) => jobRoleLabels[r]).join(', ');
  return `${c.displayName} (${jobs}${c.teamName ? `, ${c.teamName}` : ''})${c.away ? ' – away' : ''}`;
}
