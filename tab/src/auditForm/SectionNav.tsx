import { Button, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { CheckmarkCircle16Filled, Circle16Regular, SubtractCircle16Regular } from '@fluentui/react-icons';
import type { PanelKey } from './formPaths';
import { completionLabels, type CompletionState, type NavEntry } from './navState';

const useStyles = makeStyles({
  nav: { minWidth: 0 },
  heading: { fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, margin: `0 0 ${tokens.spacingVerticalS}` },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  item: {
    display: 'flex',
    flexDirection: 'column',
    borderLeft: `4px solid transparent`,
    paddingLeft: tokens.spacingHorizontalXS,
  },
  current: { borderLeft: `4px solid ${tokens.colorBrandStroke1}`, backgroundColor: tokens.colorNeutralBackground1 },
  button: {
    justifyContent: 'flex-start',
    textAlign: 'left',
    minHeight: '32px',
    fontWeight: tokens.fontWeightRegular,
    width: '100%',
  },
  currentButton: { fontWeight: tokens.fontWeightSemibold },
  number: { display: 'inline-block', minWidth: '2.2em' },
  state: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground2,
    paddingLeft: tokens.spacingHorizontalS,
    paddingBottom: tokens.spacingVerticalXS,
  },
  complete: { color: tokens.colorPaletteGreenForeground1 },
});

function StateIcon({ state }: { state: CompletionState }) {
  const styles = useStyles();
  if (state === 'complete') return <CheckmarkCircle16Filled aria-hidden="true" className={styles.complete} />;
  if (state === 'notIncluded') return <SubtractCircle16Regular aria-hidden="true" />;
  return <Circle16Regular aria-hidden="true" />;
}

/** The form's parts: one button each, named by its title, its completion state described beside it. */
export function SectionNav({ entries, current, onSelect }: { entries: NavEntry[]; current: PanelKey; onSelect: (panel: PanelKey) => void }) {
  const styles = useStyles();
  return (
    <nav aria-labelledby="audit-nav-heading" className={styles.nav}>
      <h2 id="audit-nav-heading" className={styles.heading}>
        Parts of the audit
      </h2>
      <ul className={styles.list}>
        {entries.map((e) => {
          const isCurrent = e.panel === current;
          const stateId = `nav-state-${e.panel.replace(/[^A-Za-z0-9_-]/g, '-')}`;
          return (
            <li key={e.panel} className={mergeClasses(styles.item, isCurrent && styles.current)}>
              <Button
                appearance="subtle"
                className={mergeClasses(styles.button, isCurrent && styles.currentButton)}
                aria-current={isCurrent ? 'step' : undefined}
                aria-describedby={e.state ? stateId : undefined}
                onClick={() => onSelect(e.panel)}
              >
                {e.number ? <span className={styles.number}>{e.number}</span> : null}
                {e.number ? ' ' : null}
                {e.title}
              </Button>
              {e.state ? (
                <span id={stateId} className={styles.state}>
                  <StateIcon state={e.state} />
                  {completionLabels[e.state]}
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
