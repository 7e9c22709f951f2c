import { actionIdFor } from './actionIds';

/**
 * How cards name an action without its wording (staff type the wording, and it may be about the
 * child): the title of the template section it answers, or its place in the audit's list of
 * actions. Both come from the template and the form's structure, never from typed text.
 */

export interface LabelledSection {
  id: string;
  /** Shown before the title, e.g. "1a". */
  number?: string | undefined;
  title: string;
}

/** "1a Planning", or "Action 3 of the audit" when the action answers no section. */
export function actionLabel(section: LabelledSection | null, position: number): string {
  if (section) return section.number ? `${section.number} ${section.title}` : section.title;
  return `Action ${position} of the audit`;
}

/**
 * The label of each live action of an audit, by action id, from the audit's draft actions (their
 * order gives the positions) and the template's sections.
 */
export function actionLabelsOf(
  auditId: string,
  drafts: readonly { id: string; sectionId: string | null }[],
  sections: readonly LabelledSection[],
): Map<string, string> {
  const byId = new Map(sections.map((s) => [s.id, s]));
  const out = new Map<string, string>();
  drafts.forEach((d, i) => out.set(actionIdFor(auditId, d.id), actionLabel(d.sectionId ? (byId.get(d.sectionId) ?? null) : null, i + 1)));
  return out;
}
