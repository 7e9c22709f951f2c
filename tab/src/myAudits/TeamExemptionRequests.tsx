import { useState } from 'react';
import { Button, Field, makeStyles, Radio, RadioGroup, Textarea, tokens } from '@fluentui/react-components';
import type { ExemptionView } from '../../../shared/api/exemptionContracts';
import { EXEMPTION_NOTE_MAX, monthsLabel } from '../../../shared/exemptions/exemptionRules';
import { getExemptionsAwaitingMyView, giveExemptionView } from '../api/apiClient';
import { ukDateTime } from '../common/dates';
import { exemptionScopeText } from '../common/exemptionText';
import { useListPanel } from '../rounds/useListPanel';
import { ErrorAlert } from '../common/ErrorAlert';

const useStyles = makeStyles({
  h2: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, margin: `${tokens.spacingVerticalXXL} 0 ${tokens.spacingVerticalS}` },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'grid', rowGap: tokens.spacingVerticalL },
  item: { borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}`, paddingLeft: tokens.spacingHorizontalM },
  reason: { margin: `${tokens.spacingVerticalXS} 0`, whiteSpace: 'pre-wrap' },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, maxWidth: '640px' },
});

/**
 * For line managers (and their deputies): requests from the people they manage to be excused from
 * auditing, each waiting for their view before a QA lead decides. Shown only when there are some.
 */
export function TeamExemptionRequests() {
  const styles = useStyles();
  const { items, setItems, error, status, act } = useListPanel(getExemptionsAwaitingMyView);

  // Nothing to show to people who manage nobody with a request, apart from a message once they have acted.
  if (items === null || (items.length === 0 && status === '' && error === null)) return null;

  const send = (item: ExemptionView, supports: boolean, comment: string) =>
    act(async () => {
      await giveExemptionView(item.id, item.etag, supports, comment);
      setItems((current) => current?.filter((i) => i.id !== item.id) ?? null);
      return `Your view on ${item.auditorName}'s request was sent to the quality assurance leads.`;
    });

  return (
    <section aria-labelledby="team-exemptions-heading">
      <h2 id="team-exemptions-heading" className={styles.h2}>
        Requests from your team
      </h2>
      <ErrorAlert message={error} />
      <p role="status">{status}</p>
      {items.length === 0 ? (
        <p>No requests are waiting for your view.</p>
      ) : (
        <ul className={styles.list} aria-label="Requests to be excused from auditing, waiting for your view">
          {items.map((item) => (
            <li key={item.id} className={styles.item}>
              <strong>{item.auditorName}</strong> asks to be excused: {exemptionScopeText(item)}. Asked {ukDateTime(item.createdAt)}.
              <p className={styles.reason}>Reason: {item.reason}</p>
              <ViewForm item={item} onSend={send} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ViewForm({ item, onSend }: { item: ExemptionView; onSend: (item: ExemptionView, supports: boolean, comment: string) => Promise<void> }) {
  const styles = useStyles();
  const [supports, setSupports] = useState<'yes' | 'no' | ''>('');
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<{ field: 'supports' | 'comment'; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const who = item.auditorName;

  const submit = async () => {
    if (supports === '') return setProblem({ field: 'supports', message: 'Choose whether you support the request.' });
    if (comment.trim() === '') return setProblem({ field: 'comment', message: 'Add a short comment for the quality assurance lead.' });
    setProblem(null);
    setBusy(true);
    // A refusal from the server shows as the panel's error (see useListPanel).
    try {
      await onSend(item, supports === 'yes', comment.trim());
    } finally {
      setBusy(false);
    }
  };

  // noValidate: our own checks give the messages, in our words and announced; the browser's would stop the submit first.
  return (
    <form
      noValidate
      className={styles.form}
      aria-label={`Your view on ${who}'s request for ${monthsLabel(item.months)}`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Field label="Your view" required validationMessage={problem?.field === 'supports' ? problem.message : undefined}>
        <RadioGroup value={supports} onChange={(_, d) => setSupports(d.value === 'yes' ? 'yes' : 'no')} layout="horizontal" disabled={busy}>
          <Radio value="yes" label="Supports" />
          <Radio value="no" label="Does not support" />
        </RadioGroup>
      </Field>
      <Field label="Comment" required validationMessage={problem?.field === 'comment' ? problem.message : undefined}>
        <Textarea value={comment} maxLength={EXEMPTION_NOTE_MAX} resize="vertical" onChange={(_, d) => setComment(d.value)} disabled={busy} />
      </Field>
      <div>
        <Button type="submit" appearance="primary" disabled={busy}>
          Send your view on {who}&apos;s request
        </Button>
      </div>
    </form>
  );
}
