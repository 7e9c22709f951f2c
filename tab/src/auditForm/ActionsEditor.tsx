import { useRef } from 'react';
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { Add20Regular, Delete20Regular } from '@fluentui/react-icons';
import type { PersonRef } from '../../../shared/api/contracts';
import type { AuditForm, DraftAction } from '../../../shared/schemas/audits';
import type { TemplateSection } from '../../../shared/schemas/templates';
import type { IsoDate } from '../../../shared/schemas/common';
import { DateField, SelectField, TextAreaField, ErrorText, type Choice } from './FormFields';
import { errorId, fieldId } from './formPaths';
import { useField, useFormContext } from './formContext';
import type { FormUpdate } from './formUpdates';
import { usePanelStyles } from './panelStyles';
import { defaultAccountableManager, managerChoices, personChoices } from './people';
import { sectionHeading } from './SectionPanel';

const useStyles = makeStyles({
  fieldset: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalL,
    margin: `0 0 ${tokens.spacingVerticalL}`,
    minWidth: 0,
  },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: `0 ${tokens.spacingHorizontalXS}` },
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 280px), 1fr))',
    columnGap: tokens.spacingHorizontalL,
    alignItems: 'start',
    '& > *': { minWidth: 0 },
    '& select': { width: '100%' },
  },
});

function newActionId(): string {
  // randomUUID needs a secure context; localhost and Teams both are.
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `act-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/** The day after `today`: actions are due in the future. */
function dayAfter(today: IsoDate): IsoDate {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** Draft actions agreed from the audit; they go live when the audit is submitted. */
export function ActionsEditor(props: {
  form: AuditForm;
  update: FormUpdate;
  people: PersonRef[];
  sections: readonly TemplateSection[];
  activeSectionIds: readonly string[];
  today: IsoDate;
  headingId: string;
  /** Move focus to a field once it has rendered. */
  focusPath: (path: string) => void;
}) {
  const styles = useStyles();
  const panel = usePanelStyles();
  const { readOnly } = useFormContext();
  const { form, update, people } = props;
  const listField = useField('actions');
  const addRef = useRef<HTMLButtonElement>(null);
  const sectionChoices: Choice<string>[] = props.sections
    .filter((s) => s.kind === 'practice' && props.activeSectionIds.includes(s.id))
    .map((s) => ({ value: s.id, label: sectionHeading(s) }));
  const owners = personChoices(people);
  const managers = managerChoices(people);

  const setAction = (index: number, patch: Partial<DraftAction>) =>
    update((f) => ({ ...f, actions: f.actions.map((a, i) => (i === index ? { ...a, ...patch } : a)) }));

  const add = () => {
    const index = form.actions.length;
    update((f) => ({
      ...f,
      actions: [
        ...f.actions,
        { id: newActionId(), what: '', sectionId: null, why: '', ownerId: null, accountableManagerId: defaultAccountableManager(people), dueDate: null },
      ],
    }));
    props.focusPath(`actions.${index}.what`);
  };

  const remove = (index: number) => {
    update((f) => ({ ...f, actions: f.actions.filter((_, i) => i !== index) }));
    addRef.current?.focus();
  };

  return (
    <>
      <h2 id={props.headingId} tabIndex={-1} className={panel.h2}>
        Actions
      </h2>
      <p className={panel.muted}>
        Agree what needs to happen on the child's case, who will do it and by when. Actions go live when the audit is submitted; the case's
        team manager stays accountable for them.
      </p>
      <ErrorText id={errorId('actions')} errors={listField.errors} />
      {form.actions.length === 0 ? <p>No actions yet.</p> : null}
      {form.actions.map((a, i) => {
        const base = `actions.${i}`;
        return (
          <fieldset key={a.id} className={styles.fieldset} id={fieldId(base)}>
            <legend className={styles.legend}>Action {i + 1}</legend>
            <TextAreaField path={`${base}.what`} label="What needs to happen" rows={2} maxLength={1000} value={a.what} onChange={(what) => setAction(i, { what })} />
            <TextAreaField path={`${base}.why`} label="Why it is needed" rows={2} maxLength={1000} value={a.why} onChange={(why) => setAction(i, { why })} />
            <div className={styles.grid}>
              <SelectField
                path={`${base}.sectionId`}
                label="Section it answers (optional)"
                emptyLabel="Not linked to a section"
                options={sectionChoices}
                value={a.sectionId}
                onChange={(sectionId) => setAction(i, { sectionId })}
              />
              <SelectField
                path={`${base}.ownerId`}
                label="Owner"
                emptyLabel="Choose who will do it"
                options={owners}
                value={a.ownerId}
                onChange={(ownerId) => setAction(i, { ownerId })}
              />
              <SelectField
                path={`${base}.accountableManagerId`}
                label="Accountable manager"
                emptyLabel="Choose a manager"
                options={managers}
                value={a.accountableManagerId}
                onChange={(accountableManagerId) => setAction(i, { accountableManagerId })}
              />
              <DateField
                path={`${base}.dueDate`}
                label="Due date"
                min={dayAfter(props.today)}
                value={a.dueDate}
                onChange={(dueDate) => setAction(i, { dueDate })}
              />
            </div>
            {!readOnly ? (
              <Button appearance="secondary" icon={<Delete20Regular />} onClick={() => remove(i)}>
                Remove action {i + 1}
              </Button>
            ) : null}
          </fieldset>
        );
      })}
      {!readOnly ? (
        <Button
          id={listField.id}
          ref={addRef}
          appearance="primary"
          icon={<Add20Regular />}
          onClick={add}
          disabled={form.actions.length >= 50}
          aria-describedby={listField.errors.length > 0 ? errorId('actions') : undefined}
        >
          Add an action
        </Button>
      ) : null}
    </>
  );
}
