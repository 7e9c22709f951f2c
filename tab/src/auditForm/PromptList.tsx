import { makeStyles, tokens } from '@fluentui/react-components';
import type { Prompt } from '../../../shared/schemas/templates';
import type { PromptResponse, SectionResponse } from '../../../shared/schemas/audits';
import { RadioField, TextAreaField, type Choice } from './FormFields';
import { emptyPrompt } from './formUpdates';
import { VisuallyHidden } from '../common/VisuallyHidden';

const stateChoices: readonly Choice<NonNullable<PromptResponse['state']>>[] = [
  { value: 'seen', label: 'Seen' },
  { value: 'notApplicable', label: 'Not applicable' },
  { value: 'notSeen', label: 'Not seen' },
];

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0 },
  item: {
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    paddingTop: tokens.spacingVerticalM,
  },
  legend: { fontWeight: tokens.fontWeightRegular, maxWidth: '80ch' },
  note: { maxWidth: '80ch' },
});

/** The section's prompts: guidance on what to look for, each marked seen, not applicable or not seen. */
export function PromptList(props: {
  sectionId: string;
  prompts: readonly Prompt[];
  response: SectionResponse;
  onChange: (promptId: string, next: PromptResponse) => void;
}) {
  const styles = useStyles();
  return (
    <ol className={styles.list} aria-label="Prompts">
      {props.prompts.map((p) => {
        const value = props.response.prompts[p.id] ?? emptyPrompt();
        const base = `sections.${props.sectionId}.prompts.${p.id}`;
        return (
          <li key={p.id} className={styles.item}>
            <RadioField
              path={`${base}.state`}
              label={p.text}
              legendClassName={styles.legend}
              hint={p.help}
              options={stateChoices}
              value={value.state}
              onChange={(state) => props.onChange(p.id, { ...value, state })}
            />
            <TextAreaField
              className={styles.note}
              path={`${base}.note`}
              label={
                <>
                  Note (optional)<VisuallyHidden> on: {p.text}</VisuallyHidden>
                </>
              }
              rows={2}
              maxLength={4000}
              value={value.note}
              onChange={(note) => props.onChange(p.id, { ...value, note })}
            />
          </li>
        );
      })}
    </ol>
  );
}
