import type { GradeScaleId, GradeValue } from '../../../shared/schemas/grades';
import { gradeScales } from '../../../shared/grading/gradeScales';
import { RadioField, yesNo } from './FormFields';

/**
 * A grade on the audit type's scale. On the three-level scale, "Doesn't yet meet Good" also asks
 * whether practice on the case is inadequate.
 */
export function GradePicker(props: {
  path: string;
  legend: string;
  scale: GradeScaleId;
  value: GradeValue | null;
  onChange: (value: GradeValue) => void;
  showDescriptors: boolean;
  hint?: string;
}) {
  const options = gradeScales[props.scale].options;
  const selected = options.find((o) => o.id === props.value?.grade);
  return (
    <>
      <RadioField
        path={props.path}
        label={props.legend}
        hint={props.hint}
        layout="column"
        options={options.map((o) => ({ value: o.id, label: o.label, description: props.showDescriptors ? o.descriptor : undefined }))}
        value={props.value?.grade ?? null}
        onChange={(grade) => {
          const option = options.find((o) => o.id === grade);
          const keep = option?.fourPoint === 'askInadequate' && props.value?.grade === grade ? props.value.inadequate : null;
          props.onChange({ grade, inadequate: keep });
        }}
      />
      {selected?.fourPoint === 'askInadequate' && props.value ? (
        <RadioField
          path={`${props.path}.inadequate`}
          label="Is practice on this case inadequate?"
          hint="Inadequate: serious failures leave the child harmed or at risk of harm."
          options={yesNo}
          value={props.value.inadequate === null ? null : props.value.inadequate ? 'yes' : 'no'}
          onChange={(answer) => props.value && props.onChange({ grade: props.value.grade, inadequate: answer === 'yes' })}
        />
      ) : null}
    </>
  );
}
