import type { AuditForm, CaseSnapshot, ViewsEntry } from '../../../shared/schemas/audits';
import { legalStatusLabels } from '../../../shared/schemas/cases';
import type { AuditTypeSettings } from '../../../shared/settings/auditTypeSettings';
import { RadioField, TextAreaField, yesNo, type Choice } from './FormFields';
import type { FormUpdate } from './formUpdates';
import { usePanelStyles } from './panelStyles';

type Who = 'child' | 'parents';

const consentChoices: readonly Choice<NonNullable<ViewsEntry['consent']>>[] = [
  { value: 'given', label: 'Given' },
  { value: 'refused', label: 'Refused' },
  { value: 'notRequired', label: 'Not required' },
];

const words: Record<Who, { heading: string; sought: string; ownWords: string; reason: string }> = {
  child: {
    heading: 'The child',
    sought: "Were the child's views sought for this audit?",
    ownWords: "The child's views, in their own words",
    reason: "Why were the child's views not sought?",
  },
  parents: {
    heading: 'Parents or carers',
    sought: "Were the parents' or carers' views sought for this audit?",
    ownWords: "The parents' or carers' views, in their own words",
    reason: "Why were the parents' or carers' views not sought?",
  },
};

/** The child's and parents' views in their own words, or why they were not sought. */
export function ViewsPanel(props: { form: AuditForm; update: FormUpdate; settings: AuditTypeSettings; snapshot: CaseSnapshot; headingId: string }) {
  const styles = usePanelStyles();
  const { form, update, settings, snapshot } = props;
  const consentNeeded = settings.submission.consentRequiredFor.includes(snapshot.legalStatus);
  const set = (who: Who, patch: Partial<ViewsEntry>) =>
    update((f) => ({ ...f, views: { ...f.views, [who]: { ...f.views[who], ...patch } } }));

  const entry = (who: Who) => {
    const v = form.views[who];
    const w = words[who];
    const base = `views.${who}`;
    return (
      <section aria-labelledby={`views-${who}-heading`} className={styles.card}>
        <h3 id={`views-${who}-heading`} className={styles.h4}>
          {w.heading}
        </h3>
        <RadioField path={`${base}.sought`} label={w.sought} options={yesNo} value={v.sought} onChange={(sought) => set(who, { sought })} />
        {who === 'child' && v.sought === 'yes' ? (
          <RadioField
            path={`${base}.consent`}
            label="A parent's consent to speak with the child"
            hint={
              consentNeeded
                ? `Needed before speaking to a child whose case is ${legalStatusLabels[snapshot.legalStatus].toLowerCase()}.`
                : `Not normally needed for a case that is ${legalStatusLabels[snapshot.legalStatus].toLowerCase()}.`
            }
            options={consentChoices}
            value={v.consent}
            onChange={(consent) => set(who, { consent })}
          />
        ) : null}
        {v.sought === 'yes' ? (
          <TextAreaField
            path={`${base}.ownWords`}
            label={w.ownWords}
            hint="Write what they said as they said it."
            rows={5}
            maxLength={4000}
            value={v.ownWords}
            onChange={(ownWords) => set(who, { ownWords })}
          />
        ) : null}
        {v.sought === 'no' ? (
          <TextAreaField
            path={`${base}.reasonNotSought`}
            label={w.reason}
            rows={3}
            maxLength={2000}
            value={v.reasonNotSought}
            onChange={(reasonNotSought) => set(who, { reasonNotSought })}
          />
        ) : null}
      </section>
    );
  };

  return (
    <>
      <h2 id={props.headingId} tabIndex={-1} className={styles.h2}>
        Views of the child and parents
      </h2>
      <p className={styles.muted}>
        {settings.submission.viewsRequired
          ? 'Required for this audit type: record their views in their own words, or why they were not sought.'
          : 'Optional for this audit type.'}
      </p>
      {entry('child')}
      {entry('parents')}
    </>
  );
}
