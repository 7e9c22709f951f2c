import { useCallback, useEffect, useId, useState } from 'react';
import { Button, Field, Spinner, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import type { MeetingListResponse, MeetingProposalView } from '../../../shared/api/meetingContracts';
import { dayOfWeek } from '../../../shared/calendar/calendarDays';
import { MEETING_NOTE_MAX, type MeetingProposerRole } from '../../../shared/schemas/meetingProposals';
import { ApiFailure, getMeetings, respondToMeeting } from '../api/apiClient';
import { ukDate, ukDateTime } from '../common/dates';
import { usePanelStyles } from './panelStyles';
import { ErrorAlert } from '../common/ErrorAlert';

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'grid', rowGap: tokens.spacingVerticalM },
  item: { borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}`, paddingLeft: tokens.spacingHorizontalM },
  line: { margin: `0 0 ${tokens.spacingVerticalXS}` },
  note: { margin: `0 0 ${tokens.spacingVerticalXS}`, whiteSpace: 'pre-wrap', maxWidth: '80ch' },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, marginTop: tokens.spacingVerticalXS },
  noteField: { maxWidth: '480px', marginTop: tokens.spacingVerticalXS },
});

const dayNames = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const roleLabels: Record<MeetingProposerRole, string> = { worker: 'case worker', teamManager: 'team manager', deputy: 'deputy team manager' };

/** "Wednesday 04/11/2026 at 10:00", or the day alone when no time was given. */
const when = (p: Pick<MeetingProposalView, 'meetingDate' | 'meetingTime'>): string =>
  `${dayNames[dayOfWeek(p.meetingDate)]} ${ukDate(p.meetingDate)}${p.meetingTime ? ` at ${p.meetingTime}` : ''}`;

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * Meeting times the case's worker or team manager proposed from Teams. The auditor accepts or
 * declines each (with an optional note); whoever proposed hears the answer in Teams.
 */
export function MeetingProposals({ auditId }: { auditId: string }) {
  const styles = useStyles();
  const panel = usePanelStyles();
  const headingId = useId();
  const [data, setData] = useState<MeetingListResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [declining, setDeclining] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  // After an answer the buttons go: focus moves to the proposal's new state, not to the page's start.
  const [focusId, setFocusId] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setData(await getMeetings(auditId));
    } catch (e: unknown) {
      setError(message(e));
    }
  }, [auditId]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    if (focusId === null) return;
    document.getElementById(focusId)?.focus();
    setFocusId(null);
  }, [focusId]);

  const answer = async (p: MeetingProposalView, decision: 'accept' | 'decline') => {
    setBusy(true);
    setError(null);
    try {
      const trimmed = note.trim();
      const updated = await respondToMeeting(auditId, p.id, { etag: p.etag, decision, ...(decision === 'decline' && trimmed ? { note: trimmed } : {}) });
      setData((d) => (d ? { ...d, items: d.items.map((i) => (i.id === updated.id ? updated : i)) } : d));
      setDeclining(null);
      setNote('');
      setFocusId(`${headingId}-${p.id}-outcome`);
      setStatus(`${decision === 'accept' ? 'Accepted' : 'Declined'} the meeting on ${when(p)}. ${p.proposerName} will be told in Teams.`);
    } catch (e: unknown) {
      setError(message(e));
      // Answered or changed elsewhere: show what the server holds now.
      if (e instanceof ApiFailure && e.status === 409) await load();
    } finally {
      setBusy(false);
    }
  };

  const outcome = (p: MeetingProposalView): string => {
    if (!p.response) return data?.canRespond ? 'Waiting for your answer.' : "Waiting for the auditor's answer.";
    return `${p.status === 'accepted' ? 'Accepted' : 'Declined'} by ${p.response.byName} on ${ukDateTime(p.response.at)}.`;
  };

  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId} className={panel.h3}>
        Meeting proposals
      </h3>
      <ErrorAlert message={error} />
      <p role="status" className={styles.line}>
        {status}
      </p>
      {data === null ? (
        error === null ? <Spinner size="tiny" label="Loading meeting proposals" /> : null
      ) : data.items.length === 0 ? (
        <p className={panel.muted}>No meeting times have been proposed. The case's worker and team manager can propose one from the card they get in Teams.</p>
      ) : (
        <ul className={styles.list}>
          {data.items.map((p) => (
            <li key={p.id} className={styles.item}>
              <p className={styles.line}>
                <strong>{when(p)}</strong> — proposed by {p.proposerName} ({roleLabels[p.proposerRole]}) on {ukDateTime(p.createdAt)}
              </p>
              <p id={`${headingId}-${p.id}-outcome`} tabIndex={-1} className={styles.line}>
                {outcome(p)}
              </p>
              {p.response?.note ? <p className={styles.note}>Note: {p.response.note}</p> : null}
              {data.canRespond && p.status === 'proposed' ? (
                declining === p.id ? (
                  <>
                    <Field className={styles.noteField} label={`Note for ${p.proposerName} (optional)`} hint="Shown in the audit, not in Teams. Do not write about the child.">
                      <Textarea value={note} maxLength={MEETING_NOTE_MAX} onChange={(_, d) => setNote(d.value)} autoFocus />
                    </Field>
                    <div className={styles.buttons}>
                      <Button appearance="primary" disabled={busy} onClick={() => void answer(p, 'decline')}>
                        Decline meeting
                      </Button>
                      <Button
                        disabled={busy}
                        onClick={() => {
                          setDeclining(null);
                          setNote('');
                        }}
                      >
                        Cancel
                      </Button>
                    </div>
                  </>
                ) : (
                  <div className={styles.buttons}>
                    <Button appearance="primary" disabled={busy} onClick={() => void answer(p, 'accept')} aria-label={`Accept the meeting on ${when(p)}`}>
                      Accept
                    </Button>
                    <Button disabled={busy} onClick={() => setDeclining(p.id)} aria-label={`Decline the meeting on ${when(p)}`}>
                      Decline
                    </Button>
                  </div>
                )
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
