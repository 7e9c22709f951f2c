import { Button, MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import type { OverdueAuditor } from '../../../shared/api/chasingContracts';
import { escalateOverdue, getOverdueAudits } from '../api/apiClient';
import { ukDate } from '../../../shared/calendar/londonTime';
import { plural } from './roundText';
import { useListPanel } from './useListPanel';

const useStyles = makeStyles({
  h2: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, margin: `${tokens.spacingVerticalXL} 0 ${tokens.spacingVerticalS}` },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'grid', rowGap: tokens.spacingVerticalM },
  item: { borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}`, paddingLeft: tokens.spacingHorizontalM },
  notice: { margin: `${tokens.spacingVerticalXS} 0`, fontStyle: 'italic' },
});

/** Overdue audits by auditor; sending the prepared notice to the line manager is the QA lead's decision. */
export function OverdueAudits() {
  const styles = useStyles();
  const { items, error, status, act } = useListPanel(getOverdueAudits);

  const send = (item: OverdueAuditor) =>
    act(async () => {
      const r = await escalateOverdue(item.auditorId);
      return r.enqueued ? `Notice about ${item.auditorName} sent to ${item.lineManagerName ?? 'their line manager'}.` : `The notice about ${item.auditorName} was already sent today.`;
    });

  return (
    <section aria-labelledby="overdue-audits-heading">
      <h2 id="overdue-audits-heading" className={styles.h2}>
        Overdue audits
      </h2>
      {error !== null ? (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      ) : null}
      <p role="status">{status}</p>
      {items === null ? null : items.length === 0 ? (
        <p>No audits are past their due date.</p>
      ) : (
        <ul className={styles.list}>
          {items.map((item) => (
            <li key={item.auditorId} className={styles.item}>
              <strong>{item.auditorName}</strong>: {plural(item.overdueCount, 'audit', 'audits')} overdue, the earliest due {ukDate(item.earliestDueDate)} (
              {plural(item.daysOverdue, 'day', 'days')} ago). Line manager: {item.lineManagerName ?? 'none recorded'}.
              <p className={styles.notice}>{item.notice}</p>
              {item.lineManagerId !== null ? (
                <Button onClick={() => void send(item)}>Send notice to line manager about {item.auditorName}</Button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
