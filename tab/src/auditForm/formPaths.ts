import type { AuditTemplate } from '../../../shared/schemas/templates';

/**
 * Dotted form paths (as in SubmissionProblem.field, e.g. `sections.1b.evidence`) tied to the page:
 * each field's element id, and which part of the form shows it.
 */

/** The element id of a field: `sections.1b.evidence` → `field-sections-1b-evidence`. */
export function fieldId(path: string): string {
  return `field-${path.split('.').map((part) => part.replace(/[^A-Za-z0-9_-]/g, '_')).join('-')}`;
}

/** Ids of a field's error and hint text, for aria-describedby. */
export const errorId = (path: string): string => `${fieldId(path)}-error`;
export const hintId = (path: string): string => `${fieldId(path)}-hint`;

/** The path itself, then each shorter prefix: where to look when a problem names a whole group. */
export function pathAndAncestors(path: string): string[] {
  const parts = path.split('.');
  return parts.map((_, i) => parts.slice(0, parts.length - i).join('.'));
}

export type FixedPanel = 'views' | 'goodPractice' | 'theme' | 'grading' | 'actions' | 'participants' | 'history';
export type PanelKey = `section:${string}` | FixedPanel;

export const sectionPanel = (sectionId: string): PanelKey => `section:${sectionId}`;

export function sectionIdOfPanel(panel: PanelKey): string | null {
  return panel.startsWith('section:') ? panel.slice('section:'.length) : null;
}

const fixedByRoot: Record<string, FixedPanel> = {
  views: 'views',
  goodPractice: 'goodPractice',
  theme: 'theme',
  grading: 'grading',
  urgentConcern: 'grading',
  actions: 'actions',
  participants: 'participants',
};

/** The part of the form that shows a path; null if none does. */
export function panelForPath(path: string, template: AuditTemplate, sectionId: string | null = null): PanelKey | null {
  const [root, second] = path.split('.');
  if (root === 'caseProfile') {
    const profile = template.sections.find((s) => s.kind === 'profile');
    return profile ? sectionPanel(profile.id) : null;
  }
  if ((root === 'sections' || root === 'sectionChoices') && second && template.sections.some((s) => s.id === second))
    return sectionPanel(second);
  const fixed = root ? fixedByRoot[root] : undefined;
  if (fixed) return fixed;
  if (sectionId && template.sections.some((s) => s.id === sectionId)) return sectionPanel(sectionId);
  return null;
}
