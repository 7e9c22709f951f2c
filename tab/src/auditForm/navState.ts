import type { SubmissionProblem } from '../../../shared/api/contracts';
import type { AuditTemplate, RoundTheme } from '../../../shared/schemas/templates';
import type { AuditTypeSettings } from '../../../shared/settings/auditTypeSettings';
import { panelForPath, sectionPanel, type PanelKey } from './formPaths';

/** The form's parts in order, each with how far it has got, for the section navigation. */
export type CompletionState = 'complete' | 'incomplete' | 'notIncluded' | 'optional' | null;

export interface NavEntry {
  panel: PanelKey;
  /** The section's title (its number shown apart). */
  title: string;
  number: string | null;
  state: CompletionState;
}

export const completionLabels: Record<Exclude<CompletionState, null>, string> = {
  complete: 'Complete',
  incomplete: 'Incomplete',
  notIncluded: 'Not included',
  optional: 'Optional',
};

export function navEntries(args: {
  template: AuditTemplate;
  settings: AuditTypeSettings;
  theme: RoundTheme | null;
  activeSectionIds: readonly string[];
  problems: readonly SubmissionProblem[];
  hasHistory: boolean;
}): NavEntry[] {
  const { template, settings, theme, problems } = args;
  const active = new Set(args.activeSectionIds);
  const withProblems = new Set<PanelKey>();
  for (const p of problems) {
    const panel = panelForPath(p.field, template, p.sectionId);
    if (panel) withProblems.add(panel);
  }
  const state = (panel: PanelKey, required = true): CompletionState => {
    if (withProblems.has(panel)) return 'incomplete';
    return required ? 'complete' : 'optional';
  };

  const entries: NavEntry[] = template.sections.map((s) => {
    const panel = sectionPanel(s.id);
    return {
      panel,
      title: s.title,
      number: s.number ?? null,
      // A left-out section can still have a problem: the reason for leaving it out.
      state: active.has(s.id) ? state(panel) : withProblems.has(panel) ? 'incomplete' : 'notIncluded',
    };
  });
  entries.push({ panel: 'views', title: 'Views of the child and parents', number: null, state: state('views', settings.submission.viewsRequired) });
  entries.push({ panel: 'goodPractice', title: 'Good practice', number: null, state: state('goodPractice', settings.submission.goodPracticeExample) });
  if (theme) entries.push({ panel: 'theme', title: `Theme: ${theme.title}`, number: null, state: state('theme') });
  entries.push({ panel: 'grading', title: 'Grading', number: null, state: state('grading') });
  entries.push({ panel: 'actions', title: 'Actions', number: null, state: state('actions') });
  entries.push({ panel: 'participants', title: 'Participants', number: null, state: state('participants', settings.collaborative) });
  if (args.hasHistory) entries.push({ panel: 'history', title: 'Earlier audits and open actions', number: null, state: null });
  return entries;
}
