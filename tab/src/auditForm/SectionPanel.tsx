import { Button } from '@fluentui/react-components';
import type { SectionProposal } from '../../../shared/api/contracts';
import type { AuditForm } from '../../../shared/schemas/audits';
import type { TemplateSection } from '../../../shared/schemas/templates';
import { TextAreaField } from './FormFields';
import { useFormContext } from './formContext';
import { emptySection, withPrompt, withSection, withSectionIncluded, type FormUpdate } from './formUpdates';
import { PromptList } from './PromptList';
import { usePanelStyles } from './panelStyles';

export function sectionHeading(section: TemplateSection): string {
  return section.number ? `${section.number} ${section.title}` : section.title;
}

/** One template section: guidance, whether it is proposed and why, inclusion, prompts and evidence. */
export function SectionPanel(props: {
  section: TemplateSection;
  proposal: SectionProposal | undefined;
  included: boolean;
  form: AuditForm;
  update: FormUpdate;
  headingId: string;
}) {
  const styles = usePanelStyles();
  const { readOnly } = useFormContext();
  const { section, proposal, included, form, update } = props;
  // No proposal means the server proposes it whenever its condition is "always".
  const proposed = proposal?.proposed ?? section.condition.kind === 'always';
  const choice = form.sectionChoices[section.id];
  const departs = choice !== undefined && choice.included !== proposed;
  const response = form.sections[section.id] ?? emptySection();

  return (
    <>
      <h2 id={props.headingId} tabIndex={-1} className={styles.h2}>
        {sectionHeading(section)}
      </h2>
      {section.guidance ? (
        <div className={styles.guidance}>
          <p className={styles.flush}>{section.guidance}</p>
        </div>
      ) : null}

      {section.kind === 'profile' ? null : (
      <div className={styles.block}>
        <p>
          <strong>{proposed ? 'Proposed for this case.' : 'Not proposed for this case.'}</strong>{' '}
          {proposal?.reason ?? section.conditionLabel ?? ''}
        </p>
        <p className={styles.muted}>
          {included ? 'This section is included in the audit.' : 'This section is not included in the audit.'}
        </p>
        {!readOnly ? (
          <Button appearance="secondary" onClick={() => update((f) => withSectionIncluded(f, section.id, !included, proposed))}>
            {included ? 'Remove this section' : 'Include this section'}
          </Button>
        ) : null}
      </div>
      )}
      {departs ? (
        <TextAreaField
          path={`sectionChoices.${section.id}.reason`}
          label={included ? 'Why include this section when it was not proposed?' : 'Why remove this section when it was proposed?'}
          rows={2}
          maxLength={1000}
          value={choice.reason}
          onChange={(reason) => update((f) => ({ ...f, sectionChoices: { ...f.sectionChoices, [section.id]: { included: choice.included, reason } } }))}
        />
      ) : null}

      {section.kind === 'profile' ? (
        <TextAreaField
          path="caseProfile"
          label="Case profile"
          hint="A brief story of the case: who the child is, why the service is involved and what has happened in the look-back."
          rows={10}
          value={form.caseProfile}
          onChange={(caseProfile) => update((f) => ({ ...f, caseProfile }))}
        />
      ) : null}

      {included && section.kind === 'practice' ? (
        <>
          {section.prompts.length > 0 ? (
            <>
              <h3 className={styles.h3}>What to look for</h3>
              <p className={styles.muted}>
                Prompts guide the audit; they are not a checklist. Mark each as seen, not applicable or not seen on the child's file.
              </p>
              <PromptList
                sectionId={section.id}
                prompts={section.prompts}
                response={response}
                onChange={(promptId, next) => update((f) => withPrompt(f, section.id, promptId, () => next))}
              />
            </>
          ) : null}
          <h3 className={styles.h3}>Evidence</h3>
          <TextAreaField
            path={`sections.${section.id}.evidence`}
            label="Evidence"
            hint="What you found on the child's file for this section, and its effect on the child."
            rows={6}
            value={response.evidence}
            onChange={(evidence) => update((f) => withSection(f, section.id, (s) => ({ ...s, evidence })))}
          />
        </>
      ) : null}
    </>
  );
}
