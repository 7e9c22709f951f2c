import { Button, makeStyles, tokens } from '@fluentui/react-components';
import type { AutosaveState } from './autosaveQueue';

const useStyles = makeStyles({
  wrap: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  text: { color: tokens.colorNeutralForeground2 },
  problem: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
});

/** What autosave is doing, in words, for everyone (role="status" is announced politely). */
export function saveStatusText(state: AutosaveState): string {
  switch (state.kind) {
    case 'idle':
    case 'saved':
      return 'All changes saved';
    case 'pending':
    case 'saving':
      return 'Saving…';
    case 'retrying':
      return 'Save failed — retrying';
    case 'conflict':
      return state.error.error === 'notEditable' ? 'No longer editable — reload' : 'Changed elsewhere — reload';
    case 'refused':
      return `Not saved — ${state.error.message}`;
  }
}

export function SaveStatus({ state }: { state: AutosaveState }) {
  const styles = useStyles();
  const trouble = state.kind === 'retrying' || state.kind === 'conflict' || state.kind === 'refused';
  return (
    <div className={styles.wrap}>
      <div role="status" className={trouble ? styles.problem : styles.text}>
        {saveStatusText(state)}
      </div>
      {state.kind === 'conflict' ? (
        <Button appearance="secondary" onClick={() => window.location.reload()}>
          Reload the audit
        </Button>
      ) : null}
    </div>
  );
}
