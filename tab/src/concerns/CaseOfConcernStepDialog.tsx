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
  Select,
  Textarea,
} from '@fluentui/react-components';
import type { CaseOfConcernRegisterResponse, CaseOfConcernView } from '../../../shared/api/concernContracts';
import { CONCERN_TEXT_MAX } from '../../../shared/schemas/concerns';
import { caseOfConcernStep } from '../api/apiClient';
import { roleWord } from './concernText';
import { ErrorAlert } from '../common/ErrorAlert';

export type RegisterStep = 'respond' | 'follow-ups' | 'escalate' | 'close';

const useStyles = makeStyles({ surface: { maxWidth: '40rem', width: '100%' } });

const titles: Record<RegisterStep, string> = { respond: 'Respond to', 'follow-ups': 'Add a follow-up to', escalate: 'Escalate', close: 'Close' };
const labels: Record<Exclude<RegisterStep, 'escalate'>, string> = { respond: 'Response', 'follow-ups': 'Follow-up', close: 'Closing note (optional)' };
const buttons: Record<RegisterStep, string> = { respond: 'Send response', 'follow-ups': 'Add follow-up', escalate: 'Escalate', close: 'Close the case of concern' };

/**
 * One step on an entry of the register (respond, follow up, escalate, close), in a dialog opened
 * from the entry's row. The server checks who may take it and that the entry has not changed since.
 */
export function CaseOfConcernStepDialog(props: {
  open: { entry: CaseOfConcernView; step: RegisterStep } | null;
  escalateTo: CaseOfConcernRegisterResponse['escalateTo'];
  onClose: () => void;
  onDone: (entry: CaseOfConcernView, step: RegisterStep) => void;
}) {
  const styles = useStyles();
  const [text, setText] = useState('');
  const [toId, setToId] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [last, setLast] = useState(props.open);
  if (props.open !== null && props.open !== last) {
    setLast(props.open);
    setText('');
    setToId('');
    setProblem(null);
    setError(null);
  }
  const current = props.open ?? last;
  if (!current) return null;
  const { entry, step } = current;
  const targets = props.escalateTo.filter((p) => !entry.escalations.some((e) => e.to.id === p.id));

  const submit = async () => {
    if (step === 'escalate' && !toId) return setProblem('Choose who to escalate to.');
    if ((step === 'respond' || step === 'follow-ups') && text.trim() === '') return setProblem(step === 'respond' ? 'Write the response.' : 'Write the follow-up.');
    setProblem(null);
    setError(null);
    setBusy(true);
    try {
      const body = step === 'escalate' ? { etag: entry.etag, toId } : step === 'close' ? { etag: entry.etag, note: text.trim() } : { etag: entry.etag, text: text.trim() };
      props.onDone(await caseOfConcernStep(entry.id, step, body), step);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={props.open !== null}
      onOpenChange={(_, d) => {
        if (!d.open) props.onClose();
      }}
    >
      <DialogSurface className={styles.surface}>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <DialogBody>
            <DialogTitle>
              {titles[step]} the case of concern about {entry.caseRef} ({entry.initials})
            </DialogTitle>
            <DialogContent>
              <ErrorAlert message={error} />
              {step === 'escalate' ? (
                <Field label="Escalate to" required validationMessage={problem ?? undefined}>
                  <Select value={toId} onChange={(_, d) => setToId(d.value)} disabled={busy}>
                    <option value="">Choose a person</option>
                    {targets.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.name} ({roleWord(p.role)})
                      </option>
                    ))}
                  </Select>
                </Field>
              ) : (
                <Field label={labels[step]} required={step !== 'close'} validationMessage={problem ?? undefined}>
                  <Textarea value={text} maxLength={CONCERN_TEXT_MAX} resize="vertical" onChange={(_, d) => setText(d.value)} disabled={busy} />
                </Field>
              )}
            </DialogContent>
            <DialogActions>
              <Button type="submit" appearance="primary" disabled={busy}>
                {buttons[step]}
              </Button>
              <DialogTrigger disableButtonEnhancement>
                <Button disabled={busy}>Cancel</Button>
              </DialogTrigger>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
