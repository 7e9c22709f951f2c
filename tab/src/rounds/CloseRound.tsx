import { useState } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Spinner,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { AuditRound } from '../../../shared/schemas/rounds';
import type { CloseRoundPreview, CloseRoundResponse } from '../../../shared/api/roundCloseContracts';
import { closeRound, getCloseRoundPreview } from '../api/apiClient';
import { ukDate, ukDateTime } from '../common/dates';
import { plural } from '../common/plural';
import { ErrorAlert } from '../common/ErrorAlert';

const useStyles = makeStyles({
  row: { display: 'flex', gap: tokens.spacingHorizontalM, marginTop: tokens.spacingVerticalL, alignItems: 'center' },
  facts: { margin: `${tokens.spacingVerticalS} 0`, paddingLeft: tokens.spacingHorizontalXL },
  status: { marginTop: tokens.spacingVerticalM, minHeight: '1.5em' },
});

/** The server asks for at least a few words (see closeRoundRequest). */
const MIN_REASON = 5;

/**
 * "Close round" on a published round: a dialog says, in counts, which case records leave the
 * register and which stay, and asks for a reason while the round is not yet due. On a closed round
 * it says when it closed and offers to finish a purge that did not complete.
 */
export function CloseRound({ round, onClosed }: { round: AuditRound; onClosed: (round: CloseRoundResponse['round']) => void }) {
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  const [preview, setPreview] = useState<CloseRoundPreview | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState('');

  const fail = (e: unknown) => setError(e instanceof Error ? e.message : String(e));

  const start = async () => {
    setError(null);
    setMessage('');
    setPreview(null);
    setReason('');
    setOpen(true);
    try {
      setPreview(await getCloseRoundPreview(round.id));
    } catch (e) {
      fail(e);
    }
  };

  const run = async (withReason: string | null) => {
    setBusy(true);
    setError(null);
    try {
      const done = await closeRound(round.id, withReason);
      setOpen(false);
      onClosed(done.round);
      setMessage(`Round closed: ${plural(done.removed, 'case record was', 'case records were')} removed from the register.`);
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  if (round.status === 'draft') return null;

  if (round.status === 'closed') {
    const purge = round.purge;
    return (
      <section aria-label="Round closed">
        <p>
          Closed {round.closedAt ? ukDateTime(round.closedAt) : ''}
          {round.closeReason ? `, before its due date: ${round.closeReason}` : ''}.{' '}
          {purge ? `${plural(purge.registerRowsRemoved, 'case record', 'case records')} removed from the register.` : null}
        </p>
        {purge && purge.completedAt === null ? (
          <>
            <p>Removing case records did not finish.</p>
            <Button disabled={busy} onClick={() => void run(null)}>
              Finish removing case records
            </Button>
          </>
        ) : null}
        <ErrorAlert message={error} />
        <div role="status" className={styles.status}>
          {busy ? <Spinner size="small" label="Removing…" /> : null}
          {message}
        </div>
      </section>
    );
  }

  const needsReason = preview?.reasonRequired === true;
  const reasonOk = !needsReason || reason.trim().length >= MIN_REASON;

  return (
    <>
      <div className={styles.row}>
        <Button onClick={() => void start()}>Close round</Button>
      </div>
      <div role="status" className={styles.status}>
        {message}
      </div>
      <Dialog open={open} onOpenChange={(_, d) => !busy && setOpen(d.open)} modalType="alert">
        <DialogSurface aria-describedby="close-round-what">
          <DialogBody>
            <DialogTitle>Close this round?</DialogTitle>
            <DialogContent>
              <p id="close-round-what">
                Closing keeps the register to what is still needed. A case record is removed unless the case is in a draft or published round or has an
                audit not yet submitted. Submitted audits keep their own copy of the case details; a later register import brings a case back.
              </p>
              {preview === null && error === null ? <Spinner size="small" label="Counting case records…" /> : null}
              {preview !== null ? (
                <ul className={styles.facts}>
                  <li>{plural(preview.purge.removable, 'case record', 'case records')} will be removed from the register</li>
                  <li>{plural(preview.purge.keptInOpenRounds, 'case stays', 'cases stay')}: in a draft or published round</li>
                  <li>{plural(preview.purge.keptWithOpenAudits, 'case stays', 'cases stay')}: an audit is not yet submitted</li>
                  {preview.openAuditsInRound > 0 ? (
                    <li>{plural(preview.openAuditsInRound, 'audit', 'audits')} in this round not yet submitted: still chased, and their cases stay</li>
                  ) : null}
                </ul>
              ) : null}
              {needsReason ? (
                <Field
                  label={`The round is due on ${ukDate(round.dueDate)}. Why close it now?`}
                  required
                  validationState={reason.length > 0 && !reasonOk ? 'error' : 'none'}
                  validationMessage={reason.length > 0 && !reasonOk ? 'Give a reason of at least a few words.' : undefined}
                >
                  <Textarea value={reason} onChange={(_, d) => setReason(d.value)} maxLength={1000} />
                </Field>
              ) : null}
              <ErrorAlert message={error} />
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" disabled={busy || preview === null || !reasonOk} onClick={() => void run(needsReason ? reason.trim() : null)}>
                {busy ? 'Closing…' : 'Yes, close the round'}
              </Button>
              <Button appearance="secondary" disabled={busy} onClick={() => setOpen(false)}>
                Go back
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </>
  );
}
