import { makeStyles, tokens } from '@fluentui/react-components';
import type { GradeScaleId } from '../../../shared/schemas/grades';
import type { GradingAdvice } from '../../../shared/grading/gradingRules';
import { suggestionLabel } from '../../../shared/grading/gradingRules';

const useStyles = makeStyles({
  box: {
    border: `1px solid ${tokens.colorBrandStroke2}`,
    backgroundColor: tokens.colorBrandBackground2,
    color: tokens.colorNeutralForeground1,
    borderRadius: tokens.borderRadiusMedium,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    marginBottom: tokens.spacingVerticalL,
  },
  h3: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: `0 0 ${tokens.spacingVerticalS}` },
  grade: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, margin: `0 0 ${tokens.spacingVerticalS}` },
  none: { margin: `0 0 ${tokens.spacingVerticalS}` },
  plain: { margin: 0 },
  why: { margin: `0 0 ${tokens.spacingVerticalXS}` },
  rules: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
});

/** The grade the rules point to, and each rule that fired, in words. */
export function SuggestedGrade({ advice, scale, perDomain }: { advice: GradingAdvice; scale: GradeScaleId; perDomain: boolean }) {
  const styles = useStyles();
  const label = suggestionLabel(scale, advice.suggestion);
  return (
    <section className={styles.box} aria-labelledby="suggested-grade-heading">
      <h3 id="suggested-grade-heading" className={styles.h3}>
        Suggested overall grade
      </h3>
      {label ? (
        <p className={styles.grade}>{label}</p>
      ) : (
        <p className={styles.none}>
          {perDomain ? 'No suggestion yet: grade the practice areas first.' : 'No suggestion: the rules do not point to a grade.'}
        </p>
      )}
      {advice.rules.length > 0 ? (
        <>
          <p className={styles.why}>Why:</p>
          <ul className={styles.rules}>
            {advice.rules.map((r) => (
              <li key={r.id}>{r.explanation}</li>
            ))}
          </ul>
        </>
      ) : (
        <p className={styles.plain}>No grading rule limits the overall grade at the moment.</p>
      )}
    </section>
  );
}
