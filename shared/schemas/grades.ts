import { z } from 'zod';

export const gradeScaleId = z.enum(['ofsted4', 'local3']);
export type GradeScaleId = z.infer<typeof gradeScaleId>;

/** Ofsted's four judgements: every grade on any scale maps to one of these for alerts and reports. */
export const fourPointGrade = z.enum(['outstanding', 'good', 'requiresImprovement', 'inadequate']);
export type FourPointGrade = z.infer<typeof fourPointGrade>;

/** A grade on the audit type's scale. On the three-level scale "Doesn't yet meet Good" also
 *  asks whether practice is inadequate (`inadequate`); elsewhere it stays null. */
export const gradeValue = z.object({
  grade: z.string().min(1).max(40),
  inadequate: z.boolean().nullable().default(null),
});
export type GradeValue = z.infer<typeof gradeValue>;

export const outcomesJudgement = z.enum(['met', 'onTheWay', 'notMet']);
export type OutcomesJudgement = z.infer<typeof outcomesJudgement>;

export const childSafetyJudgement = z.enum(['safe', 'notSafe']);
export type ChildSafetyJudgement = z.infer<typeof childSafetyJudgement>;
