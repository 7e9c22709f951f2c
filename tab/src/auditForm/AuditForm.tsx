import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Button, makeStyles, mergeClasses, MessageBar, MessageBarBody, MessageBarTitle, Spinner, tokens } from '@fluentui/react-components';
import type { AuditDetail, Me, SaveFormResponse, SubmissionProblem } from '../../../shared/api/contracts';
import { auditForm as auditFormSchema, type AuditForm as AuditFormValue } from '../../../shared/schemas/audits';
import { checkSubmission } from '../../../shared/submission/submissionRules';
import { activeSectionIds } from '../../../shared/templates/sectionProposals';
import { gradeLabel } from '../../../shared/grading/gradeScales';
import { submitAudit } from '../api/apiClient';
import { todayInLondon, ukDateTime } from '../common/dates';
import { ActionsEditor } from './ActionsEditor';
import { AuditHeader } from './AuditHeader';
import { draftStore, type DraftStore } from './draftStore';
import { focusField } from './focusField';
import { FormContext, type FormContextValue } from './formContext';
import { panelForPath, sectionIdOfPanel, type PanelKey } from './formPaths';
import type { FormUpdate } from './formUpdates';
import { GoodPracticePanel } from './GoodPracticePanel';
import { GradingPanel } from './GradingPanel';
import { HistoryPanel } from './HistoryPanel';
import { navEntries } from './navState';
import { ParticipantsPanel } from './ParticipantsPanel';
import { MeetingProposals } from './MeetingProposals';
import { SaveStatus } from './SaveStatus';
import { SectionNav } from './SectionNav';
import { SectionPanel } from './SectionPanel';
import { ThemePanel } from './ThemePanel';
import { useAutosave } from './useAutosave';
import { ValidationSummary } from './ValidationSummary';
import { ViewsPanel } from './ViewsPanel';
import { RaiseCaseOfConcern } from '../concerns/RaiseCaseOfConcern';
import { usePanelStyles } from './panelStyles';

const useStyles = makeStyles({
  // Not sticky: a bar pinned over the page could hide the focused field (WCAG 2.4.11).
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalL,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    marginBottom: tokens.spacingVerticalL,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    boxShadow: tokens.shadow4,
  },
  submitArea: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  submitHint: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, maxWidth: '46ch' },
  layout: {
    display: 'grid',
    gridTemplateColumns: 'minmax(220px, 290px) minmax(0, 1fr)',
    gap: tokens.spacingHorizontalXL,
    alignItems: 'start',
    '@media (max-width: 820px)': { gridTemplateColumns: 'minmax(0, 1fr)' },
  },
  message: { marginBottom: tokens.spacingVerticalL },
  focusable: { ':focus': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' } },
});

const headingId = 'panel-heading';

/** A draft left on this device for the server's current etag: changes that never reached the server. */
function restoreDraft(detail: AuditDetail, drafts: DraftStore<unknown>): { form: AuditFormValue; restored: boolean } {
  const serverForm = detail.audit.form;
  if (!detail.canEdit) {
    drafts.clear();
    return { form: serverForm, restored: false };
  }
  const raw = drafts.read(detail.audit.etag);
  const parsed = raw === null ? null : auditFormSchema.safeParse(raw);
  if (!parsed?.success || JSON.stringify(parsed.data) === JSON.stringify(serverForm)) {
    // Nothing for this etag: anything else stored is stale (saved already, or overtaken elsewhere).
    drafts.clear();
    return { form: serverForm, restored: false };
  }
  return { form: parsed.data, restored: true };
}

type Focus = { kind: 'path'; path: string } | { kind: 'heading' } | { kind: 'element'; id: string };

interface Summary {
  problems: SubmissionProblem[];
  intro?: string;
  attempt: number;
}

export function AuditForm({ initial, me }: { initial: AuditDetail; me: Me }) {
  const styles = useStyles();
  const panelStyles = usePanelStyles();
  const [detail, setDetail] = useState(initial);
  const { audit, settings, template, proposals } = detail;
  const readOnly = !detail.canEdit;

  const drafts = useMemo(() => draftStore<unknown>(me.id, initial.audit.id), [me.id, initial.audit.id]);
  const [start] = useState(() => restoreDraft(initial, drafts));
  const [form, setForm] = useState<AuditFormValue>(start.form);
  const [restoredNotice, setRestoredNotice] = useState(start.restored);
  const formRef = useRef(form);

  const onSaved = (r: SaveFormResponse) => {
    setRestoredNotice(false);
    setDetail((d) => ({ ...d, audit: { ...d.audit, etag: r.etag, status: r.status, updatedAt: r.updatedAt } }));
  };
  const autosave = useAutosave({ auditId: initial.audit.id, userId: me.id, etag: initial.audit.etag, onSaved });
  const autosaveRef = useRef(autosave);
  autosaveRef.current = autosave;

  useEffect(() => {
    if (start.restored) autosaveRef.current.change(start.form);
  }, [start]);

  const update: FormUpdate = (fn) => {
    if (readOnly) return;
    const next = fn(formRef.current);
    formRef.current = next;
    setForm(next);
    autosaveRef.current.change(next);
  };

  const today = todayInLondon();
  const active = useMemo(() => activeSectionIds(template, proposals, form.sectionChoices), [template, proposals, form.sectionChoices]);
  const liveProblems = useMemo(
    () =>
      checkSubmission({
        settings,
        template,
        snapshot: audit.caseSnapshot,
        proposals,
        activeSectionIds: active,
        form,
        theme: audit.theme,
        today,
      }),
    [settings, template, audit.caseSnapshot, audit.theme, proposals, active, form, today],
  );

  const [showErrors, setShowErrors] = useState(false);
  const [serverProblems, setServerProblems] = useState<SubmissionProblem[]>([]);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [justSubmitted, setJustSubmitted] = useState(false);

  const formContext = useMemo<FormContextValue>(() => {
    const byPath = new Map<string, string[]>();
    if (showErrors && !readOnly) {
      for (const p of [...liveProblems, ...serverProblems]) {
        const list = byPath.get(p.field) ?? [];
        if (!list.includes(p.message)) list.push(p.message);
        byPath.set(p.field, list);
      }
    }
    return { readOnly, errorsAt: (path) => byPath.get(path) ?? [] };
  }, [showErrors, readOnly, liveProblems, serverProblems]);

  const entries = useMemo(
    () =>
      navEntries({
        template,
        settings,
        theme: audit.theme,
        activeSectionIds: active,
        problems: liveProblems,
        hasHistory: detail.earlierAudits.length > 0 || detail.openActions.length > 0,
      }),
    [template, settings, audit.theme, active, liveProblems, detail.earlierAudits.length, detail.openActions.length],
  );

  const [panel, setPanel] = useState<PanelKey>(() => entries[0]?.panel ?? 'grading');
  const [pendingFocus, setPendingFocus] = useState<{ focus: Focus; n: number } | null>(null);
  const requestFocus = (focus: Focus) => setPendingFocus((p) => ({ focus, n: (p?.n ?? 0) + 1 }));

  useEffect(() => {
    if (!pendingFocus) return;
    const f = pendingFocus.focus;
    const heading = () => document.getElementById(headingId)?.focus();
    if (f.kind === 'heading') heading();
    else if (f.kind === 'element') document.getElementById(f.id)?.focus();
    else if (!focusField(f.path)) heading();
    setPendingFocus(null);
  }, [pendingFocus]);

  const selectPanel = (next: PanelKey) => {
    setPanel(next);
    requestFocus({ kind: 'heading' });
  };

  const goToProblem = (p: SubmissionProblem) => {
    const target = panelForPath(p.field, template, p.sectionId);
    if (target) setPanel(target);
    requestFocus({ kind: 'path', path: p.field });
  };

  const submit = async () => {
    setSubmitError(null);
    setShowErrors(true);
    setServerProblems([]);
    const attempt = (summary?.attempt ?? 0) + 1;
    const problems = checkSubmission({
      settings,
      template,
      snapshot: audit.caseSnapshot,
      proposals,
      activeSectionIds: activeSectionIds(template, proposals, formRef.current.sectionChoices),
      form: formRef.current,
      theme: audit.theme,
      today: todayInLondon(),
    });
    if (problems.length > 0) {
      setSummary({ problems, attempt });
      return;
    }
    setSummary(null);
    setSubmitting(true);
    const settled = await autosaveRef.current.whenSettled();
    if (settled !== 'saved') {
      setSubmitting(false);
      setSubmitError(
        settled === 'conflict'
          ? 'The audit was changed somewhere else, so it was not submitted. Reload the audit to see the latest version.'
          : 'Your latest changes have not been saved yet, so the audit was not submitted. Wait for "All changes saved", then try again.',
      );
      requestFocus({ kind: 'element', id: 'submit-message' });
      return;
    }
    const outcome = await submitAudit(audit.id, autosaveRef.current.etag());
    setSubmitting(false);
    if (outcome.kind === 'submitted') {
      drafts.clear();
      formRef.current = outcome.detail.audit.form;
      setForm(outcome.detail.audit.form);
      setDetail(outcome.detail);
      setShowErrors(false);
      setJustSubmitted(true);
      requestFocus({ kind: 'element', id: 'submit-message' });
      return;
    }
    if (outcome.kind === 'incomplete') {
      setServerProblems(outcome.problems);
      setSummary({ problems: outcome.problems, intro: outcome.message, attempt });
      return;
    }
    setSubmitError(outcome.error.message);
    requestFocus({ kind: 'element', id: 'submit-message' });
  };

  const currentSectionId = sectionIdOfPanel(panel);
  const currentSection = currentSectionId ? template.sections.find((s) => s.id === currentSectionId) : undefined;
  const index = entries.findIndex((e) => e.panel === panel);
  const previous = index > 0 ? entries[index - 1] : undefined;
  const next = index >= 0 ? entries[index + 1] : undefined;
  const entryLabel = (e: { number: string | null; title: string }) => (e.number ? `${e.number} ${e.title}` : e.title);
  const finalGrade = audit.finalGrade;

  let content: ReactNode;
  if (currentSection) {
    content = (
      <SectionPanel
        key={currentSection.id}
        section={currentSection}
        proposal={proposals.find((p) => p.sectionId === currentSection.id)}
        included={active.includes(currentSection.id)}
        form={form}
        update={update}
        headingId={headingId}
      />
    );
  } else if (panel === 'views') {
    content = <ViewsPanel form={form} update={update} settings={settings} snapshot={audit.caseSnapshot} headingId={headingId} />;
  } else if (panel === 'goodPractice') {
    content = <GoodPracticePanel form={form} update={update} required={settings.submission.goodPracticeExample} headingId={headingId} />;
  } else if (panel === 'theme' && audit.theme) {
    content = <ThemePanel theme={audit.theme} form={form} update={update} headingId={headingId} />;
  } else if (panel === 'actions') {
    content = (
      <ActionsEditor
        form={form}
        update={update}
        people={detail.people}
        sections={template.sections}
        activeSectionIds={active}
        today={today}
        headingId={headingId}
        focusPath={(path) => requestFocus({ kind: 'path', path })}
      />
    );
  } else if (panel === 'participants') {
    content = (
      <>
        <ParticipantsPanel form={form} update={update} people={detail.people} collaborative={settings.collaborative} today={today} headingId={headingId} />
        {settings.collaborative ? <MeetingProposals auditId={audit.id} /> : null}
      </>
    );
  } else if (panel === 'history') {
    content = <HistoryPanel earlierAudits={detail.earlierAudits} openActions={detail.openActions} people={detail.people} headingId={headingId} />;
  } else {
    content = <GradingPanel form={form} update={update} settings={settings} people={detail.people} headingId={headingId} />;
  }

  return (
    <FormContext.Provider value={formContext}>
      <AuditHeader detail={detail} />

      {settings.collaborative && !readOnly ? (
        <p className={panelStyles.muted}>Complete this audit together with the allocated worker.</p>
      ) : null}

      {restoredNotice ? (
        <MessageBar intent="info" className={styles.message}>
          <MessageBarBody>Changes made on this device that had not reached the server were restored, and are being saved.</MessageBarBody>
        </MessageBar>
      ) : null}

      {audit.submittedAt || justSubmitted ? (
        <div id="submit-message" tabIndex={-1} className={mergeClasses(styles.message, styles.focusable)}>
          <MessageBar intent="success">
            <MessageBarBody>
              {justSubmitted ? <MessageBarTitle>Audit submitted</MessageBarTitle> : null}
              {audit.submittedAt ? `Submitted on ${ukDateTime(audit.submittedAt)}. ` : null}
              {finalGrade ? `Final grade: ${gradeLabel(finalGrade.scale, finalGrade.value)}.` : null}
            </MessageBarBody>
          </MessageBar>
        </div>
      ) : null}

      {/* Its auditor or a QA lead may raise a case of concern from a submitted audit, proposed or not (the server checks again). */}
      {(audit.submittedAt || justSubmitted) && (me.id === audit.auditorId || me.jobRoles.includes('qaLead')) ? (
        <RaiseCaseOfConcern auditId={audit.id} caseRef={audit.caseSnapshot.caseRef} initials={audit.caseSnapshot.initials} />
      ) : null}

      {!readOnly ? (
        <div className={styles.toolbar}>
          <SaveStatus state={autosave.state} />
          <div className={styles.submitArea}>
            <span id="submit-hint" className={styles.submitHint}>
              Once submitted, the audit goes on for moderation and can no longer be changed.
            </span>
            <Button appearance="primary" onClick={() => void submit()} disabledFocusable={submitting} aria-describedby="submit-hint">
              {submitting ? 'Submitting…' : 'Submit audit'}
            </Button>
            {submitting ? <Spinner size="tiny" aria-label="Submitting the audit" /> : null}
          </div>
        </div>
      ) : null}

      {submitError ? (
        <div id="submit-message" tabIndex={-1} className={mergeClasses(styles.message, styles.focusable)}>
          <MessageBar intent="error" role="alert">
            <MessageBarBody>
              <MessageBarTitle>Not submitted</MessageBarTitle>
              {submitError}
            </MessageBarBody>
          </MessageBar>
        </div>
      ) : null}

      {summary && !readOnly ? <ValidationSummary problems={summary.problems} intro={summary.intro} attempt={summary.attempt} onGoTo={goToProblem} /> : null}

      <div className={styles.layout}>
        <SectionNav entries={entries} current={panel} onSelect={selectPanel} />
        <div className={panelStyles.panel}>
          {content}
          <div className={panelStyles.pager}>
            {previous ? (
              <Button appearance="secondary" onClick={() => selectPanel(previous.panel)}>
                Previous: {entryLabel(previous)}
              </Button>
            ) : (
              <span />
            )}
            {next ? (
              <Button appearance="secondary" onClick={() => selectPanel(next.panel)}>
                Next: {entryLabel(next)}
              </Button>
            ) : null}
          </div>
        </div>
      </div>
    </FormContext.Provider>
  );
}
