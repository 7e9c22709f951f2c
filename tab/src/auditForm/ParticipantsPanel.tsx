import { Checkbox, makeStyles } from '@fluentui/react-components';
import type { PersonRef } from '../../../shared/api/contracts';
import type { AuditForm } from '../../../shared/schemas/audits';
import type { IsoDate } from '../../../shared/schemas/common';
import { DateField, RadioField, TextField, useFieldStyles, yesNo } from './FormFields';
import { useField } from './formContext';
import type { FormUpdate } from './formUpdates';
import { usePanelStyles } from './panelStyles';
import { rolesText } from '../common/roles';

const useStyles = makeStyles({
  people: { display: 'flex', flexDirection: 'column' },
  narrow: { maxWidth: '420px' },
});

/** Who took part: the collaborative audits are done with the allocated worker. */
export function ParticipantsPanel(props: {
  form: AuditForm;
  update: FormUpdate;
  people: PersonRef[];
  collaborative: boolean;
  today: IsoDate;
  headingId: string;
}) {
  const styles = useStyles();
  const fieldStyles = useFieldStyles();
  const panel = usePanelStyles();
  const { form, update } = props;
  const p = form.participants;
  const staff = useField('participants.staffIds');
  const set = (patch: Partial<AuditForm['participants']>) => update((f) => ({ ...f, participants: { ...f.participants, ...patch } }));

  return (
    <>
      <h2 id={props.headingId} tabIndex={-1} className={panel.h2}>
        Participants
      </h2>
      <p className={panel.muted}>
        {props.collaborative
          ? 'This audit type is done together with the allocated worker.'
          : 'This audit type is done without the allocated worker; record anyone who took part.'}
      </p>
      <RadioField
        path="participants.workerTookPart"
        label="Did the allocated worker take part in the audit?"
        options={yesNo}
        value={p.workerTookPart === null ? null : p.workerTookPart ? 'yes' : 'no'}
        onChange={(v) => set({ workerTookPart: v === 'yes' })}
      />
      <DateField
        className={styles.narrow}
        path="participants.meetingDate"
        label="Date of the audit meeting"
        max={props.today}
        value={p.meetingDate}
        onChange={(meetingDate) => set({ meetingDate })}
      />
      {props.people.length > 0 ? (
        <fieldset id={staff.id} className={fieldStyles.fieldset}>
          <legend className={fieldStyles.legend}>Staff present (optional)</legend>
          <div className={styles.people}>
            {props.people.map((person) => (
              <Checkbox
                key={person.id}
                label={`${person.displayName} (${rolesText(person.jobRoles)})`}
                checked={p.staffIds.includes(person.id)}
                disabled={staff.readOnly}
                onChange={(_, d) =>
                  set({ staffIds: d.checked === true ? [...p.staffIds, person.id].slice(0, 20) : p.staffIds.filter((id) => id !== person.id) })
                }
              />
            ))}
          </div>
        </fieldset>
      ) : null}
      <TextField
        path="participants.others"
        label="Other roles present (optional)"
        hint="Roles only, for example IRO or health visitor. Do not write the names of family members."
        maxLength={300}
        value={p.others}
        onChange={(others) => set({ others })}
      />
    </>
  );
}
