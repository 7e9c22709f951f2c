import { useEffect, useRef } from 'react';
import { makeStyles, tokens } from '@fluentui/react-components';
import type { SubmissionProblem } from '../../../shared/api/contracts';
import { fieldId } from './formPaths';

const useStyles = makeStyles({
  box: {
    border: `4px solid ${tokens.colorPaletteRedBorder2}`,
    backgroundColor: tokens.colorNeutralBackground1,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    marginBottom: tokens.spacingVerticalL,
    ':focus': { outline: `3px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' },
  },
  h2: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, margin: `0 0 ${tokens.spacingVerticalS}` },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  item: { marginBottom: tokens.spacingVerticalXS },
  link: {
    color: tokens.colorPaletteRedForeground1,
    fontWeight: tokens.fontWeightSemibold,
    textDecorationLine: 'underline',
    display: 'inline-block',
    minHeight: '24px',
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' },
  },
});

/**
 * "There is a problem": every reason the audit cannot be submitted, each a link to its field.
 * Takes focus when shown (and again on each new attempt) so keyboard and screen-reader users land on it.
 */
export function ValidationSummary(props: {
  problems: readonly SubmissionProblem[];
  intro?: string;
  /** Changes on every submit attempt: the summary takes focus again. */
  attempt: number;
  onGoTo: (problem: SubmissionProblem) => void;
}) {
  const styles = useStyles();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
    ref.current?.scrollIntoView?.({ block: 'start' });
  }, [props.attempt]);

  return (
    <div ref={ref} role="alert" tabIndex={-1} aria-labelledby="validation-summary-heading" className={styles.box}>
      <h2 id="validation-summary-heading" className={styles.h2}>
        There is a problem
      </h2>
      {props.intro ? <p>{props.intro}</p> : null}
      <ul className={styles.list}>
        {props.problems.map((p, i) => (
          <li key={`${p.field}-${i}`} className={styles.item}>
            <a
              className={styles.link}
              href={`#${fieldId(p.field)}`}
              onClick={(e) => {
                e.preventDefault();
                props.onGoTo(p);
              }}
            >
              {p.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
