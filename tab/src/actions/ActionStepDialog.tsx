import { useState } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Field,
  makeStyles,
  Textarea,
} from '@fluentui/react-components';
import type { ActionView } from '../../../shared/api/actionContracts';
import { ApiFailure, markActionDone, returnAction } from '../api/apiClient';
import { actionName } from './actionText';
import { ErrorAlert } from '../common/ErrorAlert';

const useStyles = makeStyles({ surface: { maxWidth: '36rem', width: '100%' } });

export type StepKind = 'done' | 'return';

const words: Record<StepKind, { title: string; label: string; hint: string; max: number; submit: string; busy: string; missing: string }> = {
  done: {
    title: 'Mark done',
    label: 'Note of the evidence',
    hint: 'Where the evidence is, for your manager: for example, the plan updated on 2 December.',
    max: 2000,
    submit: 'Mark done',
    busy: 'Saving…',
    missing: 'Add a short note of the evidence.',
  },
  return: {
    title: 'Return to the owner',
    label: 'Reason for returning',
    hint: 'What is still needed. The owner sees this in My actions.',
    max: 500,
    submit: 'Return to the owner',
    busy: 'Returning…',
    missing: 'Give the owner a reason.',
  },
};

interface Props {
  /** The action and what to do with it; null while closed. */
  step: { kind: StepKind; action: ActionView } | null;
  onClose: () => void;
  /** The step was taken (the action as it now is), or someone else got there first (`current`, with the reason in words). */
  onDone: (view: ActionView, message: string, changed: boolean) => void;
}

/**
 * Mark done with a note, or return with a reason: one dialog for the list, opened from a row's
 * button. Both texts are required; the server checks the version the row was shown with, so a
 * change made elsewhere meanwhile is reported rather than overwritten.
 */
export function ActionStepDialog({ step, onClose, onDone }: Props) {
  const styles = useStyles();
  const [text, setText] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Shown while the dialog closes, after `step` is already null.
  const [last, setLast] = useState(step);
  if (step !== null && step !== last) {
    setLast(step);
    setText('');
    setTouched(false);
    setError(null);
  }
  const current = step ?? last;
  if (!current) return null;
  const w = words[current.kind];
  const missing = text.trim().length === 0;

  const submit = async () => {
    setTouched(true);
    if (!step || missing || text.length > w.max) return;
    setBusy(true);
    setError(null);
    try {
      const view =
        step.kind === 'done' ? await markActionDone(step.action.id, step.action.version, text) : await returnAction(step.action.id, step.action.version, text);
      onDone(view, step.kind === 'done' ? `Marked done: ${actionName(view)}. Your manager has been asked to approve it.` : `Returned to ${view.ownerName}: ${actionName(view)}.`, true);
    } catch (e) {
      const current = e instanceof ApiFailure && e.status === 409 ? (e.raw as { current?: ActionView } | null)?.current : undefined;
      if (current) onDone(current, e instanceof Error ? e.message : String(e), false);
      else setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={step !== null} onOpenChange={(_, d) => (d.open ? undefined : onClose())}>
      <DialogSurface className={styles.surface}>
        {/* Our own required-field message, not the browser's bubble: it is announced and styled like the rest. */}
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <DialogBody>
            <DialogTitle>
              {w.title}: {actionName(current.action)}
            </DialogTitle>
            <DialogContent>
              <Field
                label={w.label}
                hint={w.hint}
                required
                validationState={touched && missing ? 'error' : 'none'}
                validationMessage={touched && missing ? w.missing : undefined}
              >
                <Textarea value={text} onChange={(_, d) => setText(d.value)} maxLength={w.max} resize="vertical" rows={4} />
              </Field>
              <ErrorAlert message={error} />
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" type="submit" disabled={busy}>
                {busy ? w.busy : w.submit}
              </Button>
              <DialogTrigger disableButtonEnhancement>
                <Button appearance="secondary">Cancel</Button>
              </DialogTrigger>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
