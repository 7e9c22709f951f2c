import { useEffect, useId, useState } from 'react';
import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Field,
  makeStyles,
  Radio,
  RadioGroup,
  SearchBox,
  Spinner,
  tokens,
} from '@fluentui/react-components';
import type { ReassignmentListItem } from '../../../shared/api/contracts';
import type { ReassignCandidate, ReassignCandidatesResponse } from '../../../shared/api/reassignContracts';
import { jobRoleLabels } from '../../../shared/schemas/jobRoleLabels';
import { getReassignCandidates, reassignAudit } from '../api/apiClient';
import { conflictWords } from './roundText';
import { ErrorAlert } from '../common/ErrorAlert';

const useStyles = makeStyles({
  surface: { maxWidth: '44rem', width: '100%' },
  list: { display: 'grid', rowGap: tokens.spacingVerticalS, marginTop: tokens.spacingVerticalM },
  detail: { display: 'block', color: tokens.colorNeutralForeground2 },
  flag: { display: 'block', fontWeight: tokens.fontWeightSemibold, color: tokens.colorPaletteRedForeground1 },
  status: { minHeight: '1.5em', marginTop: tokens.spacingVerticalS },
  confirm: { marginTop: tokens.spacingVerticalM },
});

const matches = (c: ReassignCandidate, q: string) => {
  const needle = q.trim().toLowerCase();
  return needle === '' || c.displayName.toLowerCase().includes(needle) || (c.teamName ?? '').toLowerCase().includes(needle);
};

interface Props {
  /** The request being resolved; null while the dialog is closed. */
  item: ReassignmentListItem | null;
  onClose: () => void;
  onReassigned: (item: ReassignmentListItem, auditorName: string) => void;
}

/**
 * "Reassign" on a request to reassign: pick who takes the audit instead. Each person shows any link
 * to the case under the allocation rules; the case's own worker cannot be chosen, and a linked
 * auditor needs the lead's tick. The server checks all of it again. One dialog for the whole list,
 * so it closes cleanly when the request it was opened for leaves the list; openers carry
 * `useRestoreFocusTarget` so focus goes back to them on cancel.
 */
export function ReassignDialog({ item, onClose, onReassigned }: Props) {
  const styles = useStyles();
  const labelId = useId();
  const [data, setData] = useState<ReassignCandidatesResponse | null>(null);
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState('');
  const [ticked, setTicked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // Shown while the dialog closes, after `item` is already null.
  const [last, setLast] = useState(item);
  if (item !== null && item !== last) setLast(item);
  const current = item ?? last;

  const requestId = item?.id ?? null;
  useEffect(() => {
    if (requestId === null) return;
    setData(null);
    setQuery('');
    setChosen('');
    setTicked(false);
    setError(null);
    let live = true;
    getReassignCandidates(requestId).then(
      (r) => live && setData(r),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [requestId]);

  const shown = data?.items.filter((c) => matches(c, query)) ?? null;
  const choice = data?.items.find((c) => c.id === chosen) ?? null;
  const needsTick = choice !== null && choice.conflicts.length > 0;

  const reassign = async () => {
    if (!choice || !data || !item) return;
    setBusy(true);
    setError(null);
    try {
      await reassignAudit(item.id, { auditorId: choice.id, etag: data.auditEtag, confirmConflicts: needsTick && ticked });
      onReassigned(item, choice.displayName);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={item !== null}
      onOpenChange={(_, d) => {
        if (!d.open) onClose();
      }}
    >
      <DialogSurface className={styles.surface}>
        <DialogBody>
          <DialogTitle>
            Reassign {current?.caseRef} ({current?.initials})
          </DialogTitle>
          <DialogContent>
            <p>
              Choose who audits this case instead of {current?.auditorName}. They get the audit in Teams, and {current?.auditorName} is told it has been passed on.
            </p>
            {data?.started ? <p>The audit has been started: what has been written so far stays with it for the new auditor.</p> : null}
            <Field label="Find someone by name or team">
              <SearchBox value={query} onChange={(_, d) => setQuery(d.value)} />
            </Field>
            <div role="status" className={styles.status}>
              {data === null && error === null ? <Spinner size="tiny" label="Finding auditors…" /> : shown === null ? null : shown.length === 0 ? 'Nobody matches.' : `${shown.length} shown.`}
            </div>
            {shown !== null && shown.length > 0 ? (
              <>
                <span id={labelId} hidden>
                  Auditors who could take the audit
                </span>
                <RadioGroup
                  aria-labelledby={labelId}
                  value={chosen}
                  onChange={(_, d) => {
                    setChosen(d.value);
                    setTicked(false);
                  }}
                  className={styles.list}
                >
                  {shown.map((c) => (
                    <Radio
                      key={c.id}
                      value={c.id}
                      disabled={!c.choosable}
                      label={
                        <>
                          <strong>{c.displayName}</strong>
                          {c.inRoundPool ? ' (in this round)' : ''}
                          <span className={styles.detail}>
                            {c.jobRoles.map((r) => jobRoleLabels[r]).join(', ')}
                            {c.teamName ? `, ${c.teamName}` : ''}
                          </span>
                          {c.conflicts.length > 0 ? <span className={styles.flag}>Conflict of interest: {c.conflicts.map((k) => conflictWords[k]).join('; ')}</span> : null}
                          {!c.choosable ? <span className={styles.detail}>Cannot be chosen: {c.reason}</span> : null}
                        </>
                      }
                    />
                  ))}
                </RadioGroup>
              </>
            ) : null}
            {needsTick ? (
              <Checkbox
                className={styles.confirm}
                checked={ticked}
                onChange={(_, d) => setTicked(d.checked === true)}
                label={`I confirm passing the audit to ${choice.displayName} despite the conflict of interest`}
              />
            ) : null}
            <ErrorAlert message={error} />
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" disabled={busy || choice === null || (needsTick && !ticked)} onClick={() => void reassign()}>
              {busy ? 'Reassigning…' : 'Reassign the audit'}
            </Button>
            <DialogTrigger disableButtonEnhancement>
              <Button appearance="secondary">Cancel</Button>
            </DialogTrigger>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
