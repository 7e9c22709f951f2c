import type { AuditForm } from '../../../shared/schemas/audits';
import { RadioField, TextAreaField, type Choice } from './FormFields';
import type { FormUpdate } from './formUpdates';
import { usePanelStyles } from './panelStyles';

const kinds: readonly Choice<'example' | 'noneSeen'>[] = [
  { value: 'example', label: 'Yes, an example' },
  { value: 'noneSeen', label: 'None seen' },
];

export function GoodPracticePanel(props: { form: AuditForm; update: FormUpdate; required: boolean; headingId: string }) {
  const styles = usePanelStyles();
  const { form, update } = props;
  const gp = form.goodPractice;
  return (
    <>
      <h2 id={props.headingId} tabIndex={-1} className={styles.h2}>
        Good practice
      </h2>
      <p className={styles.muted}>
        {props.required ? 'Required for this audit type: give an example, or say none was seen.' : 'Optional for this audit type.'}
      </p>
      <RadioField
        path="goodPractice.kind"
        label="Did you see good practice on this case?"
        options={kinds}
        value={gp.kind}
        onChange={(kind) => update((f) => ({ ...f, goodPractice: { ...f.goodPractice, kind } }))}
      />
      {gp.kind === 'example' ? (
        <TextAreaField
          path="goodPractice.text"
          label="Describe the good practice"
          hint="What was done well on the child's case, and the difference it made."
          rows={5}
          maxLength={4000}
          value={gp.text}
          onChange={(text) => update((f) => ({ ...f, goodPractice: { ...f.goodPractice, text } }))}
        />
      ) : null}
    </>
  );
}
