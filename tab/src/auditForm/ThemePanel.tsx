import type { AuditForm } from '../../../shared/schemas/audits';
import type { RoundTheme } from '../../../shared/schemas/templates';
import { TextAreaField } from './FormFields';
import type { FormUpdate } from './formUpdates';
import { usePanelStyles } from './panelStyles';

/** The round's theme questions (e.g. Assessment or Planning this month). */
export function ThemePanel(props: { theme: RoundTheme; form: AuditForm; update: FormUpdate; headingId: string }) {
  const styles = usePanelStyles();
  const { theme, form, update } = props;
  return (
    <>
      <h2 id={props.headingId} tabIndex={-1} className={styles.h2}>
        Theme: {theme.title}
      </h2>
      <p className={styles.muted}>This round looks closely at one theme. Answer each question from the child's file.</p>
      {theme.questions.map((q, i) => (
        <TextAreaField
          key={q.id}
          path={`theme.${q.id}`}
          label={`${i + 1}. ${q.text}`}
          rows={4}
          maxLength={4000}
          value={form.theme[q.id] ?? ''}
          onChange={(text) => update((f) => ({ ...f, theme: { ...f.theme, [q.id]: text } }))}
        />
      ))}
    </>
  );
}
