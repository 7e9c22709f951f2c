import { useId, useState } from 'react';
import { Button, Checkbox, Field, makeStyles, MessageBar, MessageBarBody, Select, Textarea, tokens } from '@fluentui/react-components';
import type { AuditType } from '../../../shared/schemas/audits';
import type { ExemptionView } from '../../../shared/api/exemptionContracts';
import { EXEMPTION_MAX_MONTHS, EXEMPTION_REASON_MAX, isUndecided, monthsFromTo, monthsLabel } from '../../../shared/exemptions/exemptionRules';
import { ApiFailure, askExemption, getMyExemptions, withdrawExemption } from '../api/apiClient';
import { ukDateTime } from '../common/dates';
import { exemptionScopeText, exemptionStatusWords, lineManagerViewText } from '../common/exemptionText';
import { auditTypeNames, monthName, upcomingMonths } from '../rounds/roundText';
import { useListPanel } from '../rounds/useListPanel';
import { ErrorAlert } from '../common/ErrorAlert';

const useStyles = makeStyles({
  h2: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, margin: `${tokens.spacingVerticalXXL} 0 ${tokens.spacingVerticalS}` },
  h3: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: `${tokens.spacingVerticalL} 0 ${tokens.spacingVerticalS}` },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '640px', marginTop: tokens.spacingVerticalM },
  fieldset: { border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, padding: tokens.spacingHorizontalM, margin: 0 },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: `0 ${tokens.spacingHorizontalXS}` },
  months: { display: 'flex', gap: tokens.spacingHorizontalL, flexWrap: 'wrap' },
  hint: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, margin: 0 },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'grid', rowGap: tokens.spacingVerticalM },
  item: { borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}`, paddingLeft: tokens.spacingHorizontalM },
  line: { margin: `${tokens.spacingVerticalXS} 0` },
});

const allTypes = Object.keys(auditTypeNames) as AuditType[];

/** The server's word on one field of the body, if it named it. */
function fieldMessage(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiFailure)) return undefined;
  return error.body.fields?.find((f) => f.field === `body.${field}` || f.field.startsWith(`body.${field}.`))?.message;
}

/**
 * The auditor's own requests to be excused from auditing (capacity, long leave): ask, see where
 * each has got to, withdraw one still waiting. The line manager gives a view, then a QA lead decides.
 */
export function MyExemptions() {
  const styles = useStyles();
  const formId = useId();
  const { items, setItems, error, status, act } = useListPanel(getMyExemptions);
  const [open, setOpen] = useState(false);

  const withdraw = (item: ExemptionView) =>
    act(async () => {
      const updated = await withdrawExemption(item.id, item.etag);
      setItems((current) => current?.map((i) => (i.id === item.id ? updated : i)) ?? null);
      return `Your request for ${monthsLabel(item.months)} was withdrawn.`;
    });

  return (
    <section aria-labelledby="my-exemptions-heading">
      <h2 id="my-exemptions-heading" className={styles.h2}>
        Being excused from auditing
      </h2>
      <p className={styles.hint}>
        If you cannot audit for a while, for example because of your workload or long leave, talk to your line manager and ask here. Your line manager
        gives a view and a quality assurance lead decides.
      </p>
      <p>
        <Button aria-expanded={open} aria-controls={formId} onClick={() => setOpen((o) => !o)}>
          Ask to be excused from auditing
        </Button>
      </p>
      {open ? (
        <AskForm
          id={formId}
          onSent={(made) => {
            setItems((current) => [made, ...(current ?? [])]);
            setOpen(false);
            void act(async () => `Your request for ${monthsLabel(made.months)} was sent to your line manager.`);
          }}
          onCancel={() => setOpen(false)}
        />
      ) : null}

      <h3 className={styles.h3}>Your requests</h3>
      <ErrorAlert message={error} />
      <p role="status">{status}</p>
      {items === null ? null : items.length === 0 ? (
        <p>You have not asked to be excused from auditing.</p>
      ) : (
        <ul className={styles.list} aria-label="Your requests to be excused from auditing">
          {items.map((item) => (
            <li key={item.id} className={styles.item}>
              <strong>{exemptionScopeText(item)}</strong> — {exemptionStatusWords[item.status]}
              <p className={styles.line}>Asked {ukDateTime(item.createdAt)}.</p>
              {item.lineManagerView !== null ? <p className={styles.line}>{lineManagerViewText(item)}</p> : null}
              {item.decision !== null ? (
                <p className={styles.line}>
                  {item.decision.outcome === 'agreed' ? 'Agreed' : 'Refused'} by {item.decision.byName} on {ukDateTime(item.decision.at)}
                  {item.decision.note !== '' ? `: “${item.decision.note}”` : '.'}
                </p>
              ) : null}
              {isUndecided(item.status) ? (
                <Button onClick={() => void withdraw(item)} aria-label={`Withdraw your request for ${monthsLabel(item.months)}`}>
                  Withdraw
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function AskForm({ id, onSent, onCancel }: { id: string; onSent: (made: ExemptionView) => void; onCancel: () => void }) {
  const styles = useStyles();
  const months = upcomingMonths(new Date(), 12);
  const [fromMonth, setFromMonth] = useState(months[0] ?? '');
  const [toMonth, setToMonth] = useState(months[0] ?? '');
  const [types, setTypes] = useState<ReadonlySet<AuditType>>(new Set(allTypes));
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const last = months[months.length - 1] ?? fromMonth;
  // The last month may run to six months on from the first.
  const toOptions = fromMonth ? monthsFromTo(fromMonth, last).slice(0, EXEMPTION_MAX_MONTHS) : [];

  const chooseFrom = (m: string) => {
    setFromMonth(m);
    const allowed = monthsFromTo(m, last).slice(0, EXEMPTION_MAX_MONTHS);
    if (!allowed.includes(toMonth)) setToMonth(m);
  };

  const toggle = (t: AuditType, on: boolean) =>
    setTypes((prev) => {
      const next = new Set(prev);
      if (on) next.add(t);
      else next.delete(t);
      return next;
    });

  const submit = async () => {
    setError(null);
    if (types.size === 0) return setError(new Error('Choose at least one audit type.'));
    if (reason.trim() === '') return setError(new Error('Say why you cannot audit in these months.'));
    setBusy(true);
    try {
      onSent(await askExemption({ fromMonth, toMonth, auditTypes: allTypes.filter((t) => types.has(t)), reason: reason.trim() }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const fieldError = (field: string) => fieldMessage(error, field);

  // noValidate: our own checks give the messages, in our words and announced; the browser's would stop the submit first.
  return (
    <form
      id={id}
      noValidate
      className={styles.form}
      aria-label="Ask to be excused from auditing"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className={styles.months}>
        <Field label="From" validationMessage={fieldError('fromMonth')}>
          <Select value={fromMonth} onChange={(_, d) => chooseFrom(d.value)} disabled={busy}>
            {months.map((m) => (
              <option key={m} value={m}>
                {monthName(m)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="To" hint={`Up to ${EXEMPTION_MAX_MONTHS} months.`} validationMessage={fieldError('toMonth')}>
          <Select value={toMonth} onChange={(_, d) => setToMonth(d.value)} disabled={busy}>
            {toOptions.map((m) => (
              <option key={m} value={m}>
                {monthName(m)}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>Audit types</legend>
        {allTypes.map((t) => (
          <Checkbox key={t} checked={types.has(t)} disabled={busy} onChange={(_, d) => toggle(t, d.checked === true)} label={auditTypeNames[t]} />
        ))}
        {fieldError('auditTypes') ? <p className={styles.hint}>{fieldError('auditTypes')}</p> : null}
      </fieldset>
      <Field
        label="Why you cannot audit"
        required
        hint="Seen by your line manager and the quality assurance leads only; never sent in Teams messages."
        validationMessage={fieldError('reason')}
      >
        <Textarea value={reason} maxLength={EXEMPTION_REASON_MAX} resize="vertical" onChange={(_, d) => setReason(d.value)} disabled={busy} />
      </Field>
      {error !== null ? (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{error instanceof Error ? error.message : String(error)}</MessageBarBody>
        </MessageBar>
      ) : null}
      <div className={styles.months}>
        <Button type="submit" appearance="primary" disabled={busy}>
          Send request
        </Button>
        <Button onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
