import { z } from 'zod';
import { legalStatus, livingSituation } from './cases';

/** The rubric's practice domains; "outcomes" is the overall judgement, not a domain. */
export const rubricDomain = z.enum([
  'contactReferral',
  'recording',
  'assessment',
  'planning',
  'reviews',
  'managementOversight',
]);
export type RubricDomain = z.infer<typeof rubricDomain>;

const sectionKey = z.string().min(1).max(40).regex(/^[a-z0-9-]+$/, 'must be lower-case letters, digits or -');

export type SectionCondition =
  | { kind: 'always' }
  /** Any period of one of these legal statuses overlapping the look-back. */
  | { kind: 'statusInLookBack'; statuses: z.infer<typeof legalStatus>[] }
  /** Aged at least `years` at allocation (an unborn baby never is). */
  | { kind: 'ageAtLeast'; years: number }
  | { kind: 'livingSituationIn'; situations: z.infer<typeof livingSituation>[] }
  | { kind: 'all'; of: SectionCondition[] }
  | { kind: 'any'; of: SectionCondition[] };

export const sectionCondition: z.ZodType<SectionCondition> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('always') }),
    z.object({ kind: z.literal('statusInLookBack'), statuses: z.array(legalStatus).min(1) }),
    z.object({ kind: z.literal('ageAtLeast'), years: z.number().int().min(0).max(25) }),
    z.object({ kind: z.literal('livingSituationIn'), situations: z.array(livingSituation).min(1) }),
    z.object({ kind: z.literal('all'), of: z.array(sectionCondition).min(1) }),
    z.object({ kind: z.literal('any'), of: z.array(sectionCondition).min(1) }),
  ]),
);

export const prompt = z.strictObject({
  id: sectionKey,
  text: z.string().min(1).max(600),
  help: z.string().max(1200).optional(),
});
export type Prompt = z.infer<typeof prompt>;

export const templateSection = z.strictObject({
  id: sectionKey,
  /** Shown before the title, e.g. "1a". */
  number: z.string().max(6).optional(),
  title: z.string().min(1).max(120),
  /** When to complete it, and what to look for: our own words. */
  guidance: z.string().max(2000),
  /** `profile` is the case story box; `practice` sections have prompts and evidence. */
  kind: z.enum(['profile', 'practice']),
  condition: sectionCondition,
  /** Why the section is proposed or not, in words for the auditor. */
  conditionLabel: z.string().max(300).optional(),
  prompts: z.array(prompt),
});
export type TemplateSection = z.infer<typeof templateSection>;

export const auditTemplate = z
  .strictObject({
    id: sectionKey,
    version: z.number().int().min(1),
    title: z.string().min(1).max(120),
    summary: z.string().max(1000),
    sections: z.array(templateSection).min(1),
  })
  .superRefine((t, ctx) => {
    const seen = new Set<string>();
    t.sections.forEach((s, i) => {
      if (seen.has(s.id)) ctx.addIssue({ code: 'custom', message: `duplicate section id "${s.id}"`, path: ['sections', i, 'id'] });
      seen.add(s.id);
      const prompts = new Set<string>();
      s.prompts.forEach((p, j) => {
        if (prompts.has(p.id))
          ctx.addIssue({ code: 'custom', message: `duplicate prompt id "${p.id}"`, path: ['sections', i, 'prompts', j, 'id'] });
        prompts.add(p.id);
      });
    });
  });
export type AuditTemplate = z.infer<typeof auditTemplate>;

/** A round's theme (e.g. Assessment, Planning) and its questions, shown in the form. */
export const roundTheme = z.object({
  id: sectionKey,
  title: z.string().min(1).max(120),
  questions: z.array(z.object({ id: sectionKey, text: z.string().min(1).max(600) })).min(1).max(20),
});
export type RoundTheme = z.infer<typeof roundTheme>;
