import { useEffect, useRef, useState } from 'react';
import {
  Button,
  Checkbox,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
  useRestoreFocusTarget,
} from '@fluentui/react-components';
import type { PublishResponse, RoundPreview } from '../../../shared/api/contracts';
import { publishRound, removeFromRound } from '../api/apiClient';
import { useTableStyles } from '../common/tableStyles';
import { ukDate } from '../common/dates';
import { RoundDelivery } from './RoundDelivery';
import { CloseRound } from './CloseRound';
import { SwapCaseDialog } from './SwapCaseDialog';
import { auditTypeNames, conflictWords, monthName } from './roundText';
import { plural } from '../common/plural';
import { ErrorAlert } from '../common/ErrorAlert';

const useStyles = makeStyles({
  h2: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, margin: `${tokens.spacingVerticalL} 0 ${tokens.spacingVerticalS}`, ':focus': { outline: 'none' } },
  facts: { margin: `0 0 ${tokens.spacingVerticalM}`, paddingLeft: tokens.spacingHorizontalXL },
  section: { marginBottom: tokens.spacingVerticalL },
  flag: { fontWeight: tokens.fontWeightSemibold, color: tokens.colorPaletteRedForeground1 },
  actions: { display: 'flex', gap: tokens.spacingHorizontalM, marginTop: tokens.spacingVerticalL, alignItems: 'center' },
  rowActions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  status: { marginTop: tokens.spacingVerticalM, minHeight: '1.5em', ':focus': { outline: 'none' } },
  confirm: {
    marginTop: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalL,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    ':focus-within': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
});

export function RoundPreviewView({ preview, onChanged }: { preview: RoundPreview; onChanged: (p: RoundPreview) => void }) {
  const styles = useStyles();
  const table = useTableStyles();
  const { round, allocations } = preview;
  const draft = round.status === 'draft';
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [ticked, setTicked] = useState(false);
  const [published, setPublished] = useState<PublishResponse | null>(null);
  const [swapping, setSwapping] = useState<RoundPreview['allocations'][number] | null>(null);
  const restoreFocus = useRestoreFocusTarget();
  const statusRef = useRef<HTMLDivElement>(null);
  const confirmHeading = useRef<HTMLHeadingElement>(null);
  const flagged = allocations.filter((a) => a.conflicts.length > 0);
  const auditorCount = new Set(allocations.map((a) => a.auditorId)).size;

  // The buttons that had focus go away after publishing or removing: focus moves to the outcome.
  useEffect(() => {
    if (message !== '') statusRef.current?.focus();
  }, [message]);
  useEffect(() => {
    if (confirming) confirmHeading.current?.focus();
  }, [confirming]);

  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const remove = (caseId: string, caseRef: string) =>
    act(async () => {
      const next = await removeFromRound(round.id, caseId);
      setConfirming(false);
      setTicked(false);
      onChanged(next);
      setMessage(`Case ${caseRef} was taken out of the round.`);
    });

  const swapped = (next: RoundPreview, oldRef: string, newRef: string) => {
    setSwapping(null);
    setError(null);
    setConfirming(false);
    setTicked(false);
    onChanged(next);
    setMessage(`Case ${oldRef} was swapped for ${newRef}.`);
  };

  const publish = () =>
    act(async () => {
      const done = await publishRound(round.id, preview.needsConfirmation && ticked);
      setConfirming(false);
      setPublished(done);
      onChanged({ ...preview, round: done.round });
      setMessage(
        `Round published: ${plural(done.created, 'audit was', 'audits were')} created` +
          (done.skipped.length > 0 ? `, ${plural(done.skipped.length, 'case was', 'cases were')} left out.` : '.') +
          ' Each auditor finds their cases under My audits.',
      );
    });

  return (
    <section aria-labelledby="round-preview-heading">
      <h2 id="round-preview-heading" className={styles.h2}>
        {auditTypeNames[round.auditType]}, {monthName(round.month)} ({round.status})
      </h2>
      <ul className={styles.facts}>
        <li>
          {plural(allocations.length, 'case', 'cases')} for {plural(auditorCount, 'auditor', 'auditors')}
        </li>
        <li>Due {ukDate(round.dueDate)}</li>
        {round.theme ? <li>Theme: {round.theme.title}</li> : null}
        <li>History checked for conflicts of interest: {round.historyChecked || 'not recorded'}</li>
        {preview.calendarRefusal ? (
          <li>
            Outside the calendar ({preview.calendarRefusal}); reason given: {round.calendarOverrideReason}
          </li>
        ) : null}
      </ul>
      {round.problems.length > 0 ? (
        <MessageBar intent="warning" className={styles.section}>
          <MessageBarBody>
            The round cannot run in full:
            <ul>
              {round.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      ) : null}

      <div className={`${table.wrap} ${styles.section}`}>
        <Table size="small">
          <caption className={table.caption}>Allocations, with why each case went to its auditor</caption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Case</TableHeaderCell>
              <TableHeaderCell scope="col">Team</TableHeaderCell>
              <TableHeaderCell scope="col">Auditor</TableHeaderCell>
              <TableHeaderCell scope="col">Why</TableHeaderCell>
              <TableHeaderCell scope="col">Conflict of interest</TableHeaderCell>
              {draft ? <TableHeaderCell scope="col">Change</TableHeaderCell> : null}
            </TableRow>
          </TableHeader>
          <TableBody>
            {allocations.map((a) => (
              <TableRow key={a.caseId}>
                <TableCell>{a.caseRef}</TableCell>
                <TableCell>{a.teamName}</TableCell>
                <TableCell>{a.auditorName}</TableCell>
                <TableCell>{a.reason}</TableCell>
                <TableCell>
                  {a.conflicts.length === 0 ? (
                    'None'
                  ) : (
                    <span className={styles.flag}>Flagged: {a.conflicts.map((c) => conflictWords[c]).join('; ')}</span>
                  )}
                </TableCell>
                {draft ? (
                  <TableCell>
                    <div className={styles.rowActions}>
                      <Button size="small" appearance="secondary" disabled={busy} {...restoreFocus} aria-label={`Swap case ${a.caseRef}`} onClick={() => setSwapping(a)}>
                        Swap case
                      </Button>
                      <Button size="small" appearance="secondary" disabled={busy} aria-label={`Remove case ${a.caseRef}`} onClick={() => void remove(a.caseId, a.caseRef)}>
                        Remove
                      </Button>
                    </div>
                  </TableCell>
                ) : null}
              </TableRow>
            ))}
          </TableBody>
        </Table>
        {allocations.length === 0 ? <p className={table.empty}>No cases are allocated.</p> : null}
      </div>

      <ErrorAlert message={error} />
      <div role="status" ref={statusRef} tabIndex={-1} className={styles.status}>
        {busy ? <Spinner size="small" label="Saving…" /> : null}
        {message}
      </div>
      {published ? (
        <ul className={styles.facts}>
          <li>{plural(published.created, 'audit', 'audits')} created by this publish</li>
          {published.skipped.map((s) => (
            <li key={s.caseId}>
              Left out: {allocations.find((a) => a.caseId === s.caseId)?.caseRef ?? s.caseId}, {s.reason}
            </li>
          ))}
        </ul>
      ) : null}

      {draft ? <SwapCaseDialog roundId={round.id} allocation={swapping} onClose={() => setSwapping(null)} onSwapped={swapped} /> : <RoundDelivery roundId={round.id} />}
      {draft ? null : <CloseRound round={round} onClosed={(closed) => onChanged({ ...preview, round: closed })} />}

      {draft && confirming ? (
        <div role="group" aria-labelledby="round-confirm-heading" className={styles.confirm}>
          <h3 id="round-confirm-heading" ref={confirmHeading} tabIndex={-1} className={styles.h2}>
            Publish this round?
          </h3>
          <p>
            Each auditor is given their cases. {plural(allocations.length, 'audit', 'audits')} will be created, due {ukDate(round.dueDate)}.
          </p>
          {flagged.length > 0 ? (
            <>
              <p>No other choice was left for these allocations, which link the auditor and the case:</p>
              <ul>
                {flagged.map((a) => (
                  <li key={a.caseId}>
                    {a.caseRef} to {a.auditorName}: {a.conflicts.map((c) => conflictWords[c]).join('; ')}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {preview.needsConfirmation ? <Checkbox checked={ticked} onChange={(_, d) => setTicked(d.checked === true)} label="I confirm these allocations" /> : null}
          <div className={styles.actions}>
            <Button appearance="primary" disabled={busy || (preview.needsConfirmation && !ticked)} onClick={() => void publish()}>
              Yes, publish
            </Button>
            <Button appearance="secondary" disabled={busy} onClick={() => setConfirming(false)}>
              Go back
            </Button>
          </div>
        </div>
      ) : null}
      {draft && !confirming ? (
        <div className={styles.actions}>
          <Button appearance="primary" disabled={busy || allocations.length === 0} onClick={() => setConfirming(true)}>
            Publish round
          </Button>
        </div>
      ) : null}
    </section>
  );
}
