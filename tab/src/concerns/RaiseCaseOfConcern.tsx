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
  tokens,
} from '@fluentui/react-components';
import type { CaseOfConcernView } from '../../../shared/api/concernContracts';
import { CONCERN_TEXT_MAX } from '../../../shared/schemas/concerns';
import { raiseCaseOfConcern } from '../api/apiClient';
import { AppLink } from '../app/AppLink';
import { routePath } from '../app/routes';
import { ErrorAlert } from '../common/ErrorAlert';

const useStyles = makeStyles({
  area: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM, margin: `${tokens.spacingVerticalM} 0` },
  surface: { maxWidth: '40rem', width: '100%' },
});

/**
 * "Raise a case of concern" on a submitted audit, for its auditor and QA leads, whether or not the
 * audit proposed one: a reason, then the same API as the register (the server decides who may).
 */
export function RaiseCaseOfConcern({ auditId, caseRef, initials }: { auditId: string; caseRef: string; initials: string }) {
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [raised, setRaised] = useState<CaseOfConcernView | null>(null);

  const submit = async () => {
    if (reason.trim() === '') return setProblem('Give the reason for raising it.');
    setProblem(null);
    setError(null);
    setBusy(true);
    try {
      setRaised(await raiseCaseOfConcern({ auditId, reason: reason.trim() }));
      setOpen(false);
      setReason('');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={styles.area}>
      <Dialog open={open} onOpenChange={(_, d) => setOpen(d.open)}>
        <DialogTrigger disableButtonEnhancement>
          <Button>Raise a case of concern</Button>
        </DialogTrigger>
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
                Raise a case of concern about {caseRef} ({initials})
              </DialogTitle>
              <DialogContent>
                <p>The team manager and the Head of Service are told at once, by Teams and e-mail.</p>
                <ErrorAlert message={error} />
                <Field label="Reason for raising" hint="What about practice on the case worries you; the audit holds the detail." required validationMessage={problem ?? undefined}>
                  <Textarea value={reason} maxLength={CONCERN_TEXT_MAX} resize="vertical" onChange={(_, d) => setReason(d.value)} disabled={busy} />
                </Field>
              </DialogContent>
              <DialogActions>
                <Button type="submit" appearance="primary" disabled={busy}>
                  Raise case of concern
                </Button>
                <DialogTrigger disableButtonEnhancement>
                  <Button disabled={busy}>Cancel</Button>
                </DialogTrigger>
              </DialogActions>
            </DialogBody>
          </form>
        </DialogSurface>
      </Dialog>
      <p role="status">
        {raised ? (
          <>
            Case of concern raised for {raised.caseRef} ({raised.initials}). <AppLink to={routePath({ name: 'concerns' })}>Open the register</AppLink>
          </>
        ) : null}
      </p>
    </div>
  );
}
