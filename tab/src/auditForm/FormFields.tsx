import { useId, type ReactElement } from 'react';
import { Checkbox, Field, Input, makeStyles, mergeClasses, Radio, Select, Textarea, tokens } from '@fluentui/react-components';
import { ErrorCircle16Filled } from '@fluentui/react-icons';
import { errorId, hintId } from './formPaths';
import { ukDate } from '../common/dates';
import { useField } from './formContext';

/**
 * The form's controls. Each takes the dotted path of its value: its element id comes from the path
 * (so problem links can find it), and its problems are shown beside it with aria-describedby.
 */
export const useFieldStyles = makeStyles({
  field: { marginBottom: tokens.spacingVerticalL },
  fieldset: {
    border: 'none',
    margin: `0 0 ${tokens.spacingVerticalL}`,
    padding: 0,
    minWidth: 0,
  },
  legend: {
    fontWeight: tokens.fontWeightSemibold,
    padding: 0,
    marginBottom: tokens.spacingVerticalXS,
  },
  hint: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, marginBottom: tokens.spacingVerticalXS },
  error: {
    color: tokens.colorPaletteRedForeground1,
    fontWeight: tokens.fontWeightSemibold,
    display: 'flex',
    gap: tokens.spacingHorizontalXS,
    alignItems: 'flex-start',
    margin: `${tokens.spacingVerticalXS} 0`,
  },
  invalidGroup: {
    borderLeft: `4px solid ${tokens.colorPaletteRedBorder2}`,
    paddingLeft: tokens.spacingHorizontalM,
  },
  row: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalL },
  column: { display: 'flex', flexDirection: 'column' },
  optionWithDescription: { marginBottom: tokens.spacingVerticalS },
  optionDescription: {
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    paddingLeft: '36px',
    maxWidth: '70ch',
  },
  radio: { minHeight: '32px' },
  // A select is as wide as its longest option: keep it within narrow screens (reflow at 320px).
  select: { width: '100%', maxWidth: '32em' },
  selectInner: { minWidth: 0, width: '100%', textOverflow: 'ellipsis' },
  readValue: { whiteSpace: 'pre-wrap', maxWidth: '80ch' },
  optionDescriptionReadOnly: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, marginTop: tokens.spacingVerticalXXS },
});

function errorMessage(errors: string[]): { children: string; role?: undefined } | undefined {
  // Not role="alert": the summary announces problems; inline text is read with the field.
  return errors.length > 0 ? { children: errors.join(' '), role: undefined } : undefined;
}

export function ErrorText({ id, errors }: { id: string; errors: string[] }) {
  const styles = useFieldStyles();
  if (errors.length === 0) return null;
  return (
    <div id={id} className={styles.error}>
      <ErrorCircle16Filled aria-hidden="true" />
      <span>
        <span>Error: </span>
        {errors.join(' ')}
      </span>
    </div>
  );
}

/** A value shown as text when the form is read-only: easier to read than a greyed-out control. */
function ReadOnlyValue(props: { id: string; label: string | ReactElement; value: string; description?: string; className?: string }) {
  const styles = useFieldStyles();
  return (
    <div className={mergeClasses(styles.field, props.className)}>
      <div id={`${props.id}-label`} className={styles.legend}>
        {props.label}
      </div>
      <div id={props.id} className={styles.readValue} aria-labelledby={`${props.id}-label`} role="group">
        {props.value}
        {props.description ? <div className={styles.optionDescriptionReadOnly}>{props.description}</div> : null}
      </div>
    </div>
  );
}

interface BaseProps {
  path: string;
  label: string | ReactElement;
  hint?: string;
  className?: string;
}

/** The wrapper every labelled control shares: its label tied to the control's id, its hint and its problems. */
function LabelledField({ field, id, errors, children }: { field: BaseProps; id: string; errors: string[]; children: ReactElement }) {
  const styles = useFieldStyles();
  return (
    <Field
      className={mergeClasses(styles.field, field.className)}
      label={{ children: field.label, htmlFor: id }}
      hint={field.hint}
      validationMessage={errorMessage(errors)}
    >
      {children}
    </Field>
  );
}

export function TextAreaField(props: BaseProps & { value: string; onChange: (value: string) => void; rows?: number; maxLength?: number }) {
  const { id, errors, readOnly } = useField(props.path);
  return (
    <LabelledField field={props} id={id} errors={errors}>
      <Textarea
        id={id}
        value={props.value}
        readOnly={readOnly}
        resize="vertical"
        rows={props.rows ?? 4}
        maxLength={props.maxLength}
        onChange={(_, d) => props.onChange(d.value)}
      />
    </LabelledField>
  );
}

export function TextField(props: BaseProps & { value: string; onChange: (value: string) => void; maxLength?: number }) {
  const { id, errors, readOnly } = useField(props.path);
  return (
    <LabelledField field={props} id={id} errors={errors}>
      <Input id={id} value={props.value} readOnly={readOnly} maxLength={props.maxLength} onChange={(_, d) => props.onChange(d.value)} />
    </LabelledField>
  );
}

/** A calendar date as `YYYY-MM-DD` (the browser's date picker; shown in the user's locale). */
export function DateField(props: BaseProps & { value: string | null; onChange: (value: string | null) => void; min?: string; max?: string }) {
  const { id, errors, readOnly } = useField(props.path);
  if (readOnly) return <ReadOnlyValue id={id} label={props.label} value={props.value ? ukDate(props.value) : 'Not given'} className={props.className} />;
  return (
    <LabelledField field={props} id={id} errors={errors}>
      <Input
        id={id}
        type="date"
        value={props.value ?? ''}
        min={props.min}
        max={props.max}
        readOnly={readOnly}
        onChange={(_, d) => props.onChange(d.value === '' ? null : d.value)}
      />
    </LabelledField>
  );
}

export function DateTimeField(props: BaseProps & { value: string; onChange: (value: string) => void; max?: string }) {
  const { id, errors, readOnly } = useField(props.path);
  if (readOnly) return <ReadOnlyValue id={id} label={props.label} value={props.value ? props.value.replace(/^(\d{4})-(\d{2})-(\d{2})T/, '$3/$2/$1, ') : 'Not given'} className={props.className} />;
  return (
    <LabelledField field={props} id={id} errors={errors}>
      <Input id={id} type="datetime-local" value={props.value} max={props.max} readOnly={readOnly} onChange={(_, d) => props.onChange(d.value)} />
    </LabelledField>
  );
}

export interface Choice<V extends string> {
  value: V;
  label: string;
  description?: string;
}

export function SelectField<V extends string>(
  props: BaseProps & { value: V | null; options: readonly Choice<V>[]; onChange: (value: V | null) => void; emptyLabel: string },
) {
  const styles = useFieldStyles();
  const { id, errors, readOnly } = useField(props.path);
  if (readOnly) {
    const chosen = props.options.find((o) => o.value === props.value);
    return <ReadOnlyValue id={id} label={props.label} value={chosen?.label ?? props.emptyLabel} className={props.className} />;
  }
  return (
    <LabelledField field={props} id={id} errors={errors}>
      <Select
        className={styles.select}
        select={{ className: styles.selectInner }}
        id={id}
        value={props.value ?? ''}
        disabled={readOnly}
        onChange={(_, d) => props.onChange(d.value === '' ? null : (props.options.find((o) => o.value === d.value)?.value ?? null))}
      >
        <option value="">{props.emptyLabel}</option>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </Select>
    </LabelledField>
  );
}

export function CheckboxField(props: BaseProps & { checked: boolean; onChange: (checked: boolean) => void }) {
  const styles = useFieldStyles();
  const { id, errors, readOnly } = useField(props.path);
  return (
    <Field className={mergeClasses(styles.field, props.className)} hint={props.hint} validationMessage={errorMessage(errors)}>
      <Checkbox id={id} checked={props.checked} disabled={readOnly} label={props.label} onChange={(_, d) => props.onChange(d.checked === true)} />
    </Field>
  );
}

/**
 * A radio group as a fieldset with a legend (its accessible name), native radios sharing one name
 * (arrow keys move between them), and its hint and problems described on the group.
 */
export function RadioField<V extends string>(
  props: BaseProps & {
    value: V | null;
    options: readonly Choice<V>[];
    onChange: (value: V) => void;
    layout?: 'row' | 'column';
    legendClassName?: string;
  },
) {
  const styles = useFieldStyles();
  const { id, errors, readOnly } = useField(props.path);
  const name = useId();
  const describedBy = [props.hint ? hintId(props.path) : null, errors.length > 0 ? errorId(props.path) : null].filter(Boolean).join(' ');
  if (readOnly) {
    const chosen = props.options.find((o) => o.value === props.value);
    return (
      <ReadOnlyValue id={id} label={props.label} value={chosen?.label ?? 'Not answered'} description={chosen?.description} className={props.className} />
    );
  }
  return (
    <fieldset
      id={id}
      className={mergeClasses(styles.fieldset, errors.length > 0 && styles.invalidGroup, props.className)}
      aria-describedby={describedBy || undefined}
    >
      <legend className={mergeClasses(styles.legend, props.legendClassName)}>{props.label}</legend>
      {props.hint ? (
        <div id={hintId(props.path)} className={styles.hint}>
          {props.hint}
        </div>
      ) : null}
      <ErrorText id={errorId(props.path)} errors={errors} />
      <div className={props.layout === 'column' ? styles.column : styles.row}>
        {props.options.map((o) => {
          const descId = o.description ? `${id}-${o.value}-description` : undefined;
          return (
            <div key={o.value} className={o.description ? styles.optionWithDescription : undefined}>
              <Radio
                className={styles.radio}
                name={name}
                value={o.value}
                checked={props.value === o.value}
                  aria-describedby={descId}
                label={o.label}
                onChange={() => props.onChange(o.value)}
              />
              {o.description ? (
                <div id={descId} className={styles.optionDescription}>
                  {o.description}
                </div>
              ) : null}
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

export const yesNo: readonly Choice<'yes' | 'no'>[] = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
];
