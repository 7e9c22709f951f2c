import { useState } from 'react';
import { Button, Field, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Textarea, tokens } from '@fluentui/react-components';
import type { ExemptedAudit, ExemptionView } from '../../../shared/api/exemptionContracts';
import { decisionNoteProblem, EXEMPTION_NOTE_MAX, monthsLabel, type ExemptionOutcome } from '../../../shared/exemptions/exemptionRules';
import { ukDate } from '../../../shared/calendar/londonTime';
import { decideExemption, getRecentExemptionDecisions, getUndecidedExemptions } from '../api/apiClient';
import { AppLink } from '../app/AppLink';
import { auditPath } from '../app/routes';
import { ukDateTime } from '../common/dates';
import { exemptionScopeText, lineManagerViewText } from '../common/exemptionText';
import { auditTypeNames } from './roundText';
import { plural } from '../common/plural';
import { useListPanel } from './useListPanel';

const useStyles = makeStyles({
  h2: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, margin: `${tokens.spacingVerticalXL} 0 ${tokens.spacingVerticalS}` },
  h3: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: `${tokens.spacingVerticalL} 0 ${tokens.spacingVerticalS}` },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'grid', rowGap: tokens.spacingVerticalL },
  item: { borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}`, paddingLeft: tokens.spacingHorizontalM },
  line: { margin: `${tokens.spacingVerticalXS} 0`, whiteSpace: 'pre-wrap' },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, maxWidth: '640px' },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalM },
  reassign: { marginBottom: tokens.spacingVerticalM },
});

interface ToReassign {
  auditorName: string;
  months: string[];
  audits: ExemptedAudit[];
}

/**
 * Auditors' requests to be excused from auditing, with their line manager's view, for a QA lead
 * or the PSW to agree or refuse; then the decisions of the last 30 days. An agreement changes no
 * audit: those already allocated in the months it covers are listed for the lead to reassign.
 */
export function ExemptionRequests({ meId }: { meId: string }) {
  const styles = useStyles();
  const undecided = useListPanel(getUndecidedExemptions);
  const recent = useListPanel(getRecentExemptionDecisions);
  const [toReassign, setToReassign] = useState<ToReassign[]>([]);

  const decide = (item: ExemptionView, outcome: ExemptionOutcome, note: string) =>
    undecided.act(async () => {
      const r = await decideExemption(item.id, { etag: item.etag, outcome, note });
      undecided.setItems((current) => current?.filter((i) => i.id !== item.id) ?? null);
      recent.setItems((current) => [r.exemption, ...(current ?? [])]);
      if (r.auditsToReassign.length > 0) setToReassign((current) => [{ auditorName: item.auditorName, months: item.months, audits: r.auditsToReassign }, ...current]);
      const what = `${item.auditorName}'s request for ${monthsLabel(item.months)} ${outcome === 'agreed' ? 'agreed' : 'refused'}.`;
      return r.auditsToReassign.length > 0 ? `${what} ${plural(r.auditsToReassign.length, 'audit', 'audits')} already allocated to them need reassigning.` : what;
    });

  return (
    <section aria-labelledby="exemption-requests-heading">
      <h2 id="exemption-requests-heading" className={styles.h2}>
        Requests to be excused from auditing
      </h2>
      {undecided.error !== null ? (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{undecided.error}</MessageBarBody>
        </MessageBar>
      ) : null}
      <p role="status">{undecided.status}</p>
      {toReassign.map((r) => (
        <MessageBar key={`${r.auditorName}-${r.months[0] ?? ''}`} intent="warning" className={styles.reassign} layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Audits to reassign</MessageBarTitle>
            These audits were allocated to {r.auditorName} for {monthsLabel(r.months)} before the exemption was agreed and have not been started. They
            have not been changed: reassign them to another auditor.
            <ul>
              {r.audits.map((a) => (
                <li key={a.auditId}>
                  <AppLink to={auditPath(a.auditId)}>{a.caseRef}</AppLink> ({a.initials}), {auditTypeNames[a.auditType]}, due {ukDate(a.dueDate)}
                </li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      ))}
      {undecided.items === null ? null : undecided.items.length === 0 ? (
        <p>No requests are waiting for a decision.</p>
      ) : (
        <ul className={styles.list} aria-label="Requests waiting for a decision">
          {undecided.items.map((item) => (
            <li key={item.id} className={styles.item}>
              <strong>{item.auditorName}</strong>: {exemptionScopeText(item)}. Asked {ukDateTime(item.createdAt)}.
              <p className={styles.line}>Reason: {item.reason}</p>
              <p className={styles.line}>{lineManagerViewText(item)}</p>
              {item.auditorId === meId ? (
                <p className={styles.line}>This is your own request: another lead or the principal social worker decides it.</p>
              ) : (
                <DecisionForm item={item} onDecide={decide} />
              )}
            </li>
          ))}
        </ul>
      )}

      <h3 className={styles.h3}>Decided in the last 30 days</h3>
      {recent.error !== null ? (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{recent.error}</MessageBarBody>
        </MessageBar>
      ) : null}
      {recent.items === null ? null : recent.items.length === 0 ? (
        <p>No requests have been decided in the last 30 days.</p>
      ) : (
        <ul className={styles.list} aria-label="Requests decided in the last 30 days">
          {recent.items.map((item) => (
            <li key={item.id} className={styles.item}>
              <strong>{item.auditorName}</strong>: {exemptionScopeText(item)}.{' '}
              {item.decision ? (
                <>
                  {item.decision.outcome === 'agreed' ? 'Agreed' : 'Refused'} by {item.decision.byName} on {ukDateTime(item.decision.at)}
                  {item.decision.lineManagerConsulted ? '' : ', without the line manager’s view'}
                  {item.decision.note !== '' ? `: “${item.decision.note}”` : '.'}
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function DecisionForm({ item, onDecide }: { item: ExemptionView; onDecide: (item: ExemptionView, outcome: ExemptionOutcome, note: string) => Promise<void> }) {
  const styles = useStyles();
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const consulted = item.lineManagerView !== null;
  const about = `${item.auditorName}'s request for ${monthsLabel(item.months)}`;

  const decide = async (outcome: ExemptionOutcome) => {
    // The same rule the server applies, so the lead hears it before anything is sent.
    const missing = decisionNoteProblem(outcome, consulted, note);
    if (missing !== null) return setProblem(`A note ${missing}.`);
    setProblem(null);
    setBusy(true);
    try {
      await onDecide(item, outcome, note.trim());
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className={styles.form} aria-label={`Decide ${about}`} onSubmit={(e) => e.preventDefault()}>
      <Field
        label="Note"
        hint={consulted ? 'Needed to refuse; optional to agree.' : "The line manager has not been consulted: to decide now, say why."}
        validationMessage={problem ?? undefined}
      >
        <Textarea value={note} maxLength={EXEMPTION_NOTE_MAX} resize="vertical" onChange={(_, d) => setNote(d.value)} disabled={busy} />
      </Field>
      <div className={styles.buttons}>
        <Button appearance="primary" disabled={busy} onClick={() => void decide('agreed')} aria-label={`Agree ${about}`}>
          Agree
        </Button>
        <Button disabled={busy} onClick={() => void decide('refused')} aria-label={`Refuse ${about}`}>
          Refuse
        </Button>
      </div>
    </form>
  );
}
