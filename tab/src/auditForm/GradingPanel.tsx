import { useMemo, useState } from 'react';
import { Badge, Button, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, tokens } from '@fluentui/react-components';
import type { PersonRef } from '../../../shared/api/contracts';
import type { AuditForm } from '../../../shared/schemas/audits';
import type { ChildSafetyJudgement, FourPointGrade, GradeValue, OutcomesJudgement } from '../../../shared/schemas/grades';
import type { RubricDomain } from '../../../shared/schemas/templates';
import type { AuditTypeSettings } from '../../../shared/settings/auditTypeSettings';
import { adviseOverallGrade, checkOverallGrade } from '../../../shared/grading/gradingRules';
import { fourPointLabels, fourPointRank, gradeLabel, toFourPoint } from '../../../shared/grading/gradeScales';
import { consistencyRubric, domainLabels, outcomesRubric } from '../../../shared/grading/rubric';
import { fourPointGrade } from '../../../shared/schemas/grades';
import { isoToLondonLocal, londonLocalToIso, ukDateTime } from '../common/dates';
import { CheckboxField, DateTimeField, RadioField, SelectField, TextAreaField, type Choice } from './FormFields';
import { useFormContext } from './formContext';
import type { FormUpdate } from './formUpdates';
import { GradePicker } from './GradePicker';
import { SuggestedGrade } from './SuggestedGrade';
import { usePanelStyles } from './panelStyles';
import { personChoices } from './people';

type Grading = AuditForm['grading'];

const useStyles = makeStyles({
  domain: {
    display: 'grid',
    gridTemplateColumns: 'minmax(260px, 1fr) minmax(260px, 1.3fr)',
    gap: tokens.spacingHorizontalXL,
    '@media (max-width: 900px)': { gridTemplateColumns: '1fr' },
  },
  rubric: { margin: 0, fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200 },
  rubricTitle: { fontWeight: tokens.fontWeightSemibold, margin: `0 0 ${tokens.spacingVerticalXS}` },
  rubricTerm: { fontWeight: tokens.fontWeightSemibold, marginTop: tokens.spacingVerticalS },
  rubricDef: { marginLeft: 0 },
  domainHeading: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  urgent: { marginBottom: tokens.spacingVerticalL },
  urgentFields: { marginTop: tokens.spacingVerticalM },
  details: { marginBottom: tokens.spacingVerticalL },
  summary: { cursor: 'pointer', minHeight: '24px' },
});

const safety: readonly Choice<ChildSafetyJudgement>[] = [
  { value: 'safe', label: 'Safe' },
  { value: 'notSafe', label: 'Not safe' },
];

const outcomes: readonly Choice<OutcomesJudgement>[] = [
  { value: 'met', label: 'Met' },
  { value: 'onTheWay', label: 'On the way' },
  { value: 'notMet', label: 'Not met' },
];

function RubricList({ descriptors, label }: { descriptors: Record<FourPointGrade, string>; label: string }) {
  const styles = useStyles();
  return (
    <div>
      <p className={styles.rubricTitle}>{label}</p>
      <dl className={styles.rubric}>
        {fourPointGrade.options.map((g) => (
          <div key={g}>
            <dt className={styles.rubricTerm}>{fourPointLabels[g]}</dt>
            <dd className={styles.rubricDef}>{descriptors[g]}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

export function GradingPanel(props: { form: AuditForm; update: FormUpdate; settings: AuditTypeSettings; people: PersonRef[]; headingId: string }) {
  const styles = useStyles();
  const panel = usePanelStyles();
  const { readOnly } = useFormContext();
  const { form, update, settings } = props;
  const g = form.grading;
  const scale = settings.gradeScale;
  const perDomain = settings.gradingMode === 'perDomain';
  const advice = useMemo(() => adviseOverallGrade(settings, g), [settings, g]);
  const check = useMemo(() => checkOverallGrade(settings, g), [settings, g]);
  const overallFourPoint = toFourPoint(scale, g.overall);
  const aboveCeiling = overallFourPoint !== null && fourPointRank(overallFourPoint) < fourPointRank(advice.ceiling);

  const setGrading = (patch: Partial<Grading>) => update((f) => ({ ...f, grading: { ...f.grading, ...patch } }));
  const setDomain = (d: RubricDomain, patch: { value?: GradeValue; evidence?: string }) =>
    update((f) => {
      const current = f.grading.domains[d] ?? { value: null, evidence: '' };
      return { ...f, grading: { ...f.grading, domains: { ...f.grading.domains, [d]: { ...current, ...patch } } } };
    });
  const setSummary = (patch: Partial<Grading['summary']>) => setGrading({ summary: { ...g.summary, ...patch } });
  const setUrgent = (patch: Partial<AuditForm['urgentConcern']>) => update((f) => ({ ...f, urgentConcern: { ...f.urgentConcern, ...patch } }));
  // An urgent concern can be raised at any point, not only with the child judged not safe.
  const [offerUrgent, setOfferUrgent] = useState(false);
  const showUrgent = g.childSafe === 'notSafe' || form.urgentConcern.raised || offerUrgent;

  return (
    <>
      <h2 id={props.headingId} tabIndex={-1} className={panel.h2}>
        Grading
      </h2>
      <p className={panel.muted}>Grades describe practice on the child's case. The rules below suggest an overall grade; you may depart from the suggestion with a reason.</p>

      {perDomain ? (
        <>
          <h3 className={panel.h3}>Grades for each practice area</h3>
          {[...new Set(settings.gradedDomains)].map((d) => {
            const entry = g.domains[d] ?? { value: null, evidence: '' };
            const isKey = settings.keyAreas.includes(d);
            return (
              <section key={d} className={panel.card} aria-labelledby={`domain-${d}-heading`}>
                <div className={styles.domainHeading}>
                  <h4 id={`domain-${d}-heading`} className={panel.h4}>
                    {domainLabels[d]}
                  </h4>
                  {isKey ? (
                    <Badge appearance="tint" color="important">
                      Key area
                    </Badge>
                  ) : null}
                </div>
                <div className={styles.domain}>
                  <div>
                    <GradePicker
                      path={`grading.domains.${d}.value`}
                      legend={`Grade for ${domainLabels[d].toLowerCase()}`}
                      hint={isKey ? 'A key area: Inadequate here makes the overall grade Inadequate.' : undefined}
                      scale={scale}
                      value={entry.value}
                      showDescriptors={false}
                      onChange={(value) => setDomain(d, { value })}
                    />
                    <TextAreaField
                      path={`grading.domains.${d}.evidence`}
                      label={`Evidence for the ${domainLabels[d].toLowerCase()} grade`}
                      rows={4}
                      value={entry.evidence}
                      onChange={(evidence) => setDomain(d, { evidence })}
                    />
                  </div>
                  <RubricList descriptors={consistencyRubric[d]} label="What each grade looks like" />
                </div>
              </section>
            );
          })}
        </>
      ) : null}

      <h3 className={panel.h3}>The child's safety and outcomes</h3>
      <RadioField
        path="grading.childSafe"
        label="Is the child safe?"
        options={safety}
        value={g.childSafe}
        onChange={(childSafe) => setGrading({ childSafe })}
      />
      {!showUrgent && !readOnly ? (
        <p>
          <Button appearance="secondary" onClick={() => setOfferUrgent(true)}>
            Raise an urgent child-protection concern
          </Button>
        </p>
      ) : null}
      {showUrgent ? (
        <div className={styles.urgent}>
          <MessageBar intent={g.childSafe === 'notSafe' ? 'error' : 'warning'} layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>Raise this concern now</MessageBarTitle>
              Do not wait for the audit to be submitted. Speak directly to the case's team manager now; out of hours, contact the
              out-of-hours duty service. Then record below who you raised it with and when: the team manager and the worker then get
              it in writing too.{g.childSafe === 'notSafe' ? ' A child who is not safe makes the overall grade Inadequate.' : ''}
            </MessageBarBody>
          </MessageBar>
          <div className={styles.urgentFields}>
            <CheckboxField
              path="urgentConcern.raised"
              label="I have raised this concern directly"
              checked={form.urgentConcern.raised}
              onChange={(raised) => setUrgent({ raised })}
            />
            <SelectField
              path="urgentConcern.raisedWithId"
              label="Raised with"
              emptyLabel="Choose a person"
              options={personChoices(props.people)}
              value={form.urgentConcern.raisedWithId}
              onChange={(raisedWithId) => setUrgent({ raisedWithId })}
            />
            <CheckboxField
              path="urgentConcern.outOfHoursService"
              label="Raised out of hours with the out-of-hours duty service"
              checked={form.urgentConcern.outOfHoursService === true}
              onChange={(outOfHoursService) => setUrgent({ outOfHoursService })}
            />
            <DateTimeField
              path="urgentConcern.raisedAt"
              label="When it was raised (UK time)"
              value={isoToLondonLocal(form.urgentConcern.raisedAt)}
              onChange={(local) => setUrgent({ raisedAt: londonLocalToIso(local) })}
            />
            {!readOnly ? (
              <Button appearance="secondary" onClick={() => setUrgent({ raisedAt: new Date().toISOString() })}>
                Use the time now
              </Button>
            ) : null}
            {form.urgentConcern.raisedAt ? <p className={panel.muted}>Recorded as raised at {ukDateTime(form.urgentConcern.raisedAt)}.</p> : null}
          </div>
        </div>
      ) : null}
      <RadioField
        path="grading.outcomes"
        label="The child's outcomes"
        hint={settings.outcomesRequiredForGood ? 'Good or Outstanding needs the outcomes met or on the way.' : undefined}
        options={outcomes}
        value={g.outcomes}
        onChange={(o) => setGrading({ outcomes: o })}
      />

      <h3 className={panel.h3}>Overall grade</h3>
      <SuggestedGrade advice={advice} scale={scale} perDomain={perDomain} />
      <GradePicker
        path="grading.overall"
        legend="Overall grade for practice on this case"
        scale={scale}
        value={g.overall}
        showDescriptors
        onChange={(overall) => setGrading({ overall })}
      />
      {aboveCeiling ? (
        <MessageBar intent="warning" className={styles.urgent}>
          <MessageBarBody>
            {gradeLabel(scale, g.overall)} is above what the rules allow: the highest overall grade is {fourPointLabels[advice.ceiling]}.
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {perDomain ? (
        <details className={styles.details}>
          <summary className={styles.summary}>How the overall grade relates to the practice areas</summary>
          <RubricList descriptors={outcomesRubric} label="What each overall grade looks like" />
        </details>
      ) : null}
      {/* Above the ceiling no reason can make the grade acceptable (only a lower grade can), so none is asked for. */}
      {!aboveCeiling && (check.departsFromSuggestion || g.departureReason !== '') ? (
        <TextAreaField
          path="grading.departureReason"
          label="Why does the overall grade differ from the suggested grade?"
          rows={3}
          maxLength={2000}
          value={g.departureReason}
          onChange={(departureReason) => setGrading({ departureReason })}
        />
      ) : null}

      <h3 className={panel.h3}>Summary</h3>
      <TextAreaField
        path="grading.summary.judgement"
        label="Judgement"
        hint="Your overall view of practice on the child's case."
        rows={4}
        value={g.summary.judgement}
        onChange={(judgement) => setSummary({ judgement })}
      />
      <TextAreaField
        path="grading.summary.evidence"
        label="Evidence for the overall grade"
        rows={4}
        value={g.summary.evidence}
        onChange={(evidence) => setSummary({ evidence })}
      />
      <TextAreaField
        path="grading.summary.impact"
        label="Impact on the child"
        hint="What difference the practice has made to the child's life."
        rows={4}
        value={g.summary.impact}
        onChange={(impact) => setSummary({ impact })}
      />
    </>
  );
}
