import type { AuditForm, PromptResponse, SectionChoice, SectionResponse } from '../../../shared/schemas/audits';

/** Small immutable updates of the form, shared by the panels. */
export type FormUpdate = (fn: (form: AuditForm) => AuditForm) => void;

export const emptySection = (): SectionResponse => ({ prompts: {}, evidence: '' });
export const emptyPrompt = (): PromptResponse => ({ state: null, note: '' });

export function withSection(form: AuditForm, sectionId: string, fn: (s: SectionResponse) => SectionResponse): AuditForm {
  return { ...form, sections: { ...form.sections, [sectionId]: fn(form.sections[sectionId] ?? emptySection()) } };
}

export function withPrompt(form: AuditForm, sectionId: string, promptId: string, fn: (p: PromptResponse) => PromptResponse): AuditForm {
  return withSection(form, sectionId, (s) => ({ ...s, prompts: { ...s.prompts, [promptId]: fn(s.prompts[promptId] ?? emptyPrompt()) } }));
}

/**
 * Include or leave out a section. Matching the proposal needs no recorded choice; departing from
 * it keeps a choice with a reason (an earlier reason is kept if the auditor toggles back and forth).
 */
export function withSectionIncluded(form: AuditForm, sectionId: string, included: boolean, proposed: boolean): AuditForm {
  const choices: Record<string, SectionChoice> = { ...form.sectionChoices };
  if (included === proposed) delete choices[sectionId];
  else choices[sectionId] = { included, reason: form.sectionChoices[sectionId]?.reason ?? '' };
  return { ...form, sectionChoices: choices };
}
