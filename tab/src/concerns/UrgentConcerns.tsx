import { useEffect, useState } from 'react';
import { Button, Field, makeStyles, Textarea, tokens } from '@fluentui/react-components';
import type { UrgentConcernView } from '../../../shared/api/concernContracts';
import { CONCERN_TEXT_MAX } from '../../../shared/schemas/concerns';
import { acknowledgeUrgentConcern, ApiFailure, getUrgentConcerns } from '../api/apiClient';
import { AppLink } from '../app/AppLink';
import { auditPath } from '../app/routes';
import { ukDateTime } from '../common/dates';
import { noticeLine } from './concernText';
import { VisuallyHidden } from '../common/VisuallyHidden';
import { ErrorAlert } from '../common/ErrorAlert';

const useStyles = makeStyles({
  h2: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, margin: `${tokens.spacingVerticalL} 0 ${tokens.spacingVerticalS}` },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'grid', rowGap: tokens.spacingVerticalL },
  item: { borderLeft: `${tokens.strokeWidthThicker} solid ${tokens.colorPaletteRedBorder2}`, paddingLeft: tokens.spacingHorizontalM },
  line: { margin: `${tokens.spacingVerticalXS} 0` },
  warning: { margin: `${tokens.spacingVerticalXS} 0`, fontWeight: tokens.fontWeightSemibold },
  notices: { margin: `${tokens.spacingVerticalXS} 0`, paddingLeft: tokens.spacingHorizontalXL },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, maxWidth: '640px', marginTop: tokens.spacingVerticalS },
  button: { alignSelf: 'flex-start' },
});

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** The concern a 409 answer carries (already acknowledged by someone else): shown as it is now. */
function currentFrom(e: unknown): UrgentConcernView | null {
  if (!(e instanceof ApiFailure) || e.status !== 409) return null;
  const raw = e.raw as { concern?: UrgentConcernView | null } | null;
  return raw?.concern ?? null;
}

/**
 * Urgent concerns awaiting acknowledgement: for the managers they went to, with the form that
 * records the immediate action being taken (the same service path as the card's Acknowledge).
 * Quality assurance and Heads of Service see them too, without the form.
 */
export function UrgentConcerns() {
  const styles = useStyles();
  const [items, setItems] = useState<UrgentConcernView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');

  useEffect(() => {
    let live = true;
    getUrgentConcerns().then(
      (r) => live && setItems(r.items),
      (e: unknown) => live && setError(message(e)),
    );
    return () => {
      live = false;
    };
  }, []);

  const replace = (next: UrgentConcernView) => setItems((current) => current?.map((i) => (i.id === next.id ? next : i)) ?? null);

  const acknowledge = async (item: UrgentConcernView, actionTaken: string) => {
    setError(null);
    try {
      const next = await acknowledgeUrgentConcern(item.id, { version: item.version, actionTaken });
      replace(next);
      setStatus(`Concern about ${item.caseRef} (${item.initials}) acknowledged. Everyone it went to now sees that on their card.`);
    } catch (e) {
      const current = currentFrom(e);
      if (current) replace(current);
      setError(message(e));
    }
  };

  return (
    <section aria-labelledby="urgent-concerns-heading">
      <h2 id="urgent-concerns-heading" className={styles.h2}>
        Urgent concerns awaiting acknowledgement
      </h2>
      <ErrorAlert message={error} />
      <p role="status">{status}</p>
      {items === null ? null : items.length === 0 ? (
        <p>No urgent concerns are waiting for acknowledgement.</p>
      ) : (
        <ul className={styles.list} aria-label="Urgent concerns">
          {items.map((item) => (
            <li key={item.id} className={styles.item}>
              <strong>
                {item.caseRef} ({item.initials})
              </strong>
              , {item.teamName}, {item.auditTypeLabel}
              <p className={styles.line}>
                {item.judgement}. Raised by {item.raisedBy.name}, {ukDateTime(item.raisedAt)}.
                {item.acknowledgement ? null : ` To be acknowledged by ${ukDateTime(item.acknowledgeBy)}.`}
              </p>
              {item.escalation && !item.acknowledgement ? (
                <p className={styles.warning}>
                  Not acknowledged in time: escalated to {item.escalation.to.name}
                  {item.escalation.coveringFor ? ` (covering for ${item.escalation.coveringFor.name}, who is away)` : ''}, {ukDateTime(item.escalation.at)}.
                </p>
              ) : null}
              <ul className={styles.notices} aria-label={`Written notice about ${item.caseRef}`}>
                {item.recipients.map((r) => (
                  <li key={r.id}>{noticeLine(r)}</li>
                ))}
                {item.escalation ? <li>{noticeLine({ ...item.escalation.to, role: item.escalation.coveringFor ? 'headOfServiceCover' : 'headOfService', email: item.escalation.email })}</li> : null}
              </ul>
              {item.acknowledgement ? (
                <p className={styles.line}>
                  Acknowledged by {item.acknowledgement.by.name}, {ukDateTime(item.acknowledgement.at)}. Immediate action: {item.acknowledgement.actionTaken}
                </p>
              ) : null}
              <AppLink to={auditPath(item.auditId)}>
                Open audit<VisuallyHidden> of {item.caseRef}</VisuallyHidden>
              </AppLink>
              {item.canAcknowledge && !item.acknowledgement ? <AcknowledgeForm item={item} onAcknowledge={acknowledge} /> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function AcknowledgeForm({ item, onAcknowledge }: { item: UrgentConcernView; onAcknowledge: (item: UrgentConcernView, actionTaken: string) => Promise<void> }) {
  const styles = useStyles();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (text.trim() === '') return setProblem('Say what immediate action is being taken.');
    setProblem(null);
    setBusy(true);
    try {
      await onAcknowledge(item, text.trim());
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      noValidate
      className={styles.form}
      aria-label={`Acknowledge the concern about ${item.caseRef}`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Field label="Immediate action being taken" hint="Keep to what is being done; the audit holds the detail." required validationMessage={problem ?? undefined}>
        <Textarea value={text} maxLength={CONCERN_TEXT_MAX} resize="vertical" onChange={(_, d) => setText(d.value)} disabled={busy} />
      </Field>
      <Button type="submit" appearance="primary" className={styles.button} disabled={busy}>
        Acknowledge
      </Button>
    </form>
  );
}
