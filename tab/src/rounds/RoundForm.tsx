import { useEffect, useId, useState } from 'react';
import { Button, Checkbox, Field, Input, makeStyles, MessageBar, MessageBarBody, Select, Spinner, Textarea, tokens } from '@fluentui/react-components';
import type { AuditorCandidate, RoundPreview } from '../../../shared/api/contracts';
import type { AuditType } from '../../../shared/schemas/audits';
import { ApiFailure, createRound, getAuditorCandidates } from '../api/apiClient';
import { auditTypeNames, groupAuditors, monthName, themeId, upcomingMonths } from './roundText';
import { plural } from '../common/plural';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '720px', marginBottom: tokens.spacingVerticalXL },
  fieldset: { border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, padding: tokens.spacingHorizontalL, margin: 0 },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: `0 ${tokens.spacingHorizontalXS}` },
  group: { border: 'none', margin: `${tokens.spacingVerticalS} 0 0`, padding: 0 },
  groupLegend: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase200, padding: 0 },
  list: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(260px, 1fr))' },
  hint: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, margin: 0 },
  questions: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

const MAX_QUESTIONS = 5;
const auditTypes = Object.keys(auditTypeNames) as AuditType[];

/** The server's answer about one field, in words (its `fields` name the body path). */
function fieldMessage(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiFailure)) return undefined;
  return error.body.fields?.find((f) => f.field === `body.${field}` || f.field.startsWith(`body.${field}.`))?.message;
}

export function RoundForm({ onCreated }: { onCreated: (preview: RoundPreview) => void }) {
  const styles = useStyles();
  const countId = useId();
  const months = upcomingMonths(new Date());
  const [month, setMonth] = useState(months[0] ?? '');
  const [auditType, setAuditType] = useState<AuditType>('managersMonthly');
  const [themeTitle, setThemeTitle] = useState('');
  const [questions, setQuestions] = useState<string[]>(['']);
  const [candidates, setCandidates] = useState<AuditorCandidate[] | null>(null);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [casesPerAuditor, setCasesPerAuditor] = useState('2');
  const [dueDate, setDueDate] = useState('');
  const [overrideReason, setOverrideReason] = useState('');
  const [needsOverride, setNeedsOverride] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    getAuditorCandidates().then(
      (r) => live && setCandidates(r.items),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, []);

  const toggle = (id: string, on: boolean) =>
    setChosen((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const submit = async () => {
    setError(null);
    const title = themeTitle.trim();
    const asked = questions.map((q) => q.trim()).filter((q) => q !== '');
    if (chosen.size === 0) return setError(new Error('Choose at least one auditor.'));
    if (title !== '' && asked.length === 0) return setError(new Error('Add at least one theme question, or leave the theme title empty.'));
    if (title === '' && asked.length > 0) return setError(new Error('Give the theme a title, or remove its questions.'));
    setBusy(true);
    try {
      const preview = await createRound({
        month,
        auditType,
        auditorIds: [...chosen],
        casesPerAuditor: Number(casesPerAuditor),
        theme: title === '' ? null : { id: themeId(title), title, questions: asked.map((text, i) => ({ id: `q${i + 1}`, text })) },
        ...(dueDate !== '' ? { dueDate } : {}),
        calendarOverrideReason: needsOverride && overrideReason.trim() !== '' ? overrideReason.trim() : null,
      });
      onCreated(preview);
    } catch (e) {
      // The audit type's calendar refuses the month: the lead may still run it, with a reason.
      if (fieldMessage(e, 'calendarOverrideReason') !== undefined) setNeedsOverride(true);
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const groups = candidates ? groupAuditors(candidates) : [];
  const fieldError = (field: string) => fieldMessage(error, field);

  return (
    <form
      className={styles.form}
      aria-labelledby="round-form-heading"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2 id="round-form-heading" className={styles.legend}>
        New round
      </h2>
      <Field label="Month" validationMessage={fieldError('month')}>
        <Select value={month} onChange={(_, d) => setMonth(d.value)} disabled={busy}>
          {months.map((m) => (
            <option key={m} value={m}>
              {monthName(m)}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Audit type" validationMessage={fieldError('auditType')}>
        <Select value={auditType} onChange={(_, d) => setAuditType(d.value as AuditType)} disabled={busy}>
          {auditTypes.map((t) => (
            <option key={t} value={t}>
              {auditTypeNames[t]}
            </option>
          ))}
        </Select>
      </Field>

      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>Theme (optional)</legend>
        <p className={styles.hint}>A theme adds its questions to every audit in the round, for example on assessment or planning.</p>
        <div className={styles.questions}>
          <Field label="Theme title" validationMessage={fieldError('theme')}>
            <Input value={themeTitle} maxLength={120} onChange={(_, d) => setThemeTitle(d.value)} disabled={busy} />
          </Field>
          {questions.map((q, i) => (
            <Field key={i} label={`Theme question ${i + 1}`}>
              <Textarea
                value={q}
                maxLength={600}
                resize="vertical"
                disabled={busy}
                onChange={(_, d) => setQuestions((prev) => prev.map((x, j) => (j === i ? d.value : x)))}
              />
            </Field>
          ))}
          {questions.length < MAX_QUESTIONS ? (
            <div>
              <Button appearance="secondary" disabled={busy} onClick={() => setQuestions((prev) => [...prev, ''])}>
                Add a question
              </Button>
            </div>
          ) : (
            <p className={styles.hint}>A theme has at most {MAX_QUESTIONS} questions.</p>
          )}
        </div>
      </fieldset>

      <fieldset className={styles.fieldset} aria-describedby={countId}>
        <legend className={styles.legend}>Auditors</legend>
        <p id={countId} className={styles.hint} aria-live="polite">
          {plural(chosen.size, 'auditor', 'auditors')} chosen
        </p>
        {fieldError('auditorIds') ? <p className={styles.hint}>{fieldError('auditorIds')}</p> : null}
        {candidates === null ? <Spinner size="small" label="Loading staff who can audit…" /> : null}
        {candidates !== null && groups.length === 0 ? <p>No active staff can audit. Import the staff directory first.</p> : null}
        {groups.map((g) => (
          <fieldset key={g.role} className={styles.group}>
            <legend className={styles.groupLegend}>
              {g.label} ({g.people.length})
            </legend>
            <div className={styles.list}>
              {g.people.map((p) => (
                <Checkbox
                  key={p.id}
                  checked={chosen.has(p.id)}
                  disabled={busy}
                  onChange={(_, d) => toggle(p.id, d.checked === true)}
                  label={p.teamName ? `${p.displayName}, ${p.teamName}` : p.displayName}
                />
              ))}
            </div>
          </fieldset>
        ))}
      </fieldset>

      <Field label="Cases per auditor" hint="From 1 to 20. Loads differ by at most one case." validationMessage={fieldError('casesPerAuditor')}>
        <Input type="number" min={1} max={20} value={casesPerAuditor} onChange={(_, d) => setCasesPerAuditor(d.value)} disabled={busy} />
      </Field>
      <Field label="Due date (optional)" hint="Leave empty for the last working day of the month." validationMessage={fieldError('dueDate')}>
        <Input type="date" value={dueDate} onChange={(_, d) => setDueDate(d.value)} disabled={busy} />
      </Field>
      {needsOverride ? (
        <Field
          label="Reason for running this round outside its calendar"
          required
          hint="This audit type does not normally run in this month. Say why it should; the reason is recorded with the round."
          validationMessage={fieldError('calendarOverrideReason')}
        >
          <Textarea value={overrideReason} maxLength={1000} onChange={(_, d) => setOverrideReason(d.value)} disabled={busy} />
        </Field>
      ) : null}

      {error !== null ? (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{error instanceof Error ? error.message : String(error)}</MessageBarBody>
        </MessageBar>
      ) : null}
      <div>
        <Button type="submit" appearance="primary" disabled={busy || candidates === null}>
          Allocate cases
        </Button>
        {busy ? <Spinner size="small" label="Allocating…" /> : null}
      </div>
    </form>
  );
}
