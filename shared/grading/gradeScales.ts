import type { FourPointGrade, GradeScaleId, GradeValue } from '../schemas/grades';

/**
 * The grade scales an audit type can use. Every grade maps to one of Ofsted's four judgements so
 * alerts and reports compare like with like. On the three-level local scale "Doesn't yet meet Good"
 * covers both Requires improvement and Inadequate; the auditor says which with `inadequate`.
 */
export interface GradeOption {
  id: string;
  label: string;
  /** What practice on the child's case looks like at this grade. */
  descriptor: string;
  /** 'askInadequate': the four-point grade depends on the `inadequate` answer. */
  fourPoint: FourPointGrade | 'askInadequate';
}

export interface GradeScale {
  id: GradeScaleId;
  label: string;
  /** Best first. */
  options: readonly GradeOption[];
}

export const fourPointLabels: Record<FourPointGrade, string> = {
  outstanding: 'Outstanding',
  good: 'Good',
  requiresImprovement: 'Requires improvement',
  inadequate: 'Inadequate',
};

const fourPointOrder: readonly FourPointGrade[] = ['outstanding', 'good', 'requiresImprovement', 'inadequate'];

/** 0 for Outstanding up to 3 for Inadequate: a higher rank is a lower grade. */
export function fourPointRank(grade: FourPointGrade): number {
  return fourPointOrder.indexOf(grade);
}

const descriptors = {
  outstanding:
    "Practice is consistently good or better and goes beyond what is expected. Strong direction and oversight have brought lasting improvement to the child's life, and it looks set to last.",
  good:
    "Practice is mostly as expected. The few gaps are known and are being put right. The child's circumstances are improving and the progress looks likely to hold.",
  requiresImprovement:
    'The child is not left harmed or at risk of harm, but practice is not yet good enough. Weaknesses are recognised and partly planned for.',
  inadequate:
    'Serious or widespread failures leave the child harmed or at risk of harm, or delay has left their welfare unprotected. If the child is not safe, the case is inadequate.',
  notYetGood:
    'Practice on the case is not yet good overall, though it may have good features. Say whether it is inadequate: serious failures leave the child harmed or at risk of harm.',
} as const;

export const gradeScales: Record<GradeScaleId, GradeScale> = {
  ofsted4: {
    id: 'ofsted4',
    label: 'Ofsted four-point scale',
    options: [
      { id: 'outstanding', label: 'Outstanding', descriptor: descriptors.outstanding, fourPoint: 'outstanding' },
      { id: 'good', label: 'Good', descriptor: descriptors.good, fourPoint: 'good' },
      {
        id: 'requiresImprovement',
        label: 'Requires improvement',
        descriptor: descriptors.requiresImprovement,
        fourPoint: 'requiresImprovement',
      },
      { id: 'inadequate', label: 'Inadequate', descriptor: descriptors.inadequate, fourPoint: 'inadequate' },
    ],
  },
  local3: {
    id: 'local3',
    label: 'Three-level local scale',
    options: [
      { id: 'outstanding', label: 'Outstanding', descriptor: descriptors.outstanding, fourPoint: 'outstanding' },
      { id: 'good', label: 'Good', descriptor: descriptors.good, fourPoint: 'good' },
      { id: 'notYetGood', label: "Doesn't yet meet Good", descriptor: descriptors.notYetGood, fourPoint: 'askInadequate' },
    ],
  },
};

function optionOf(scale: GradeScaleId, gradeId: string): GradeOption | undefined {
  return gradeScales[scale].options.find((o) => o.id === gradeId);
}

/** The four-point equivalent; null when missing, not on the scale, or the inadequate question is unanswered. */
export function toFourPoint(scale: GradeScaleId, value: GradeValue | null): FourPointGrade | null {
  if (!value) return null;
  const option = optionOf(scale, value.grade);
  if (!option) return null;
  if (option.fourPoint !== 'askInadequate') return option.fourPoint;
  if (value.inadequate === null) return null;
  return value.inadequate ? 'inadequate' : 'requiresImprovement';
}

/** The value on `scale` that stands for a four-point grade. */
export function fromFourPoint(scale: GradeScaleId, grade: FourPointGrade): GradeValue {
  const options = gradeScales[scale].options;
  const direct = options.find((o) => o.fourPoint === grade);
  if (direct) return { grade: direct.id, inadequate: null };
  const asks = options.find((o) => o.fourPoint === 'askInadequate');
  if (!asks) throw new Error(`Grade scale ${scale} has no grade for ${grade}`);
  return { grade: asks.id, inadequate: grade === 'inadequate' };
}

export function isCompleteGrade(scale: GradeScaleId, value: GradeValue | null): boolean {
  return toFourPoint(scale, value) !== null;
}

/** The grade in words, e.g. "Doesn't yet meet Good (inadequate practice)". */
export function gradeLabel(scale: GradeScaleId, value: GradeValue | null): string {
  if (!value) return 'Not graded';
  const option = optionOf(scale, value.grade);
  if (!option) return 'Not a grade on this scale';
  if (option.fourPoint !== 'askInadequate') return option.label;
  if (value.inadequate === null) return `${option.label} (inadequate or not: not yet answered)`;
  return `${option.label} (${value.inadequate ? 'inadequate practice' : 'requires improvement'})`;
}
