import { Button, makeStyles, tokens } from '@fluentui/react-components';
import type { OverdueAuditor } from '../../../shared/api/chasingContracts';
import { escalateNextTier, escalateOverdue, getOverdueAudits } from '../api/apiClient';
import { ukDate } from '../../../shared/calendar/londonTime';
import { plural } from '../common/plural';
import { useListPanel } from './useListPanel';
import { ErrorAlert } from '../common/ErrorAlert';

const useStyles = makeStyles({
  h2: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, margin: `${tokens.spacingVerticalXL} 0 ${tokens.spacingVerticalS}` },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'grid', rowGap: tokens.spacingVerticalM },
  item: { borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}`, paddingLeft: tokens.spacingHorizontalM },
  notice: { margin: `${tokens.spacingVerticalXS} 0`, fontStyle: 'italic' },
  nextTier: { marginTop: tokens.spacingVerticalS },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

/** Overdue audits by auditor; sending the prepared notice to the line manager (and, when misses repeat, to the next manager up) is the QA lead's decision. */
export function OverdueAudits() {
  const styles = useStyles();
  const { items, error, status, act } = useListPanel(getOverdueAudits);

  const send = (item: OverdueAuditor) =>
    act(async () => {
      const r = await escalateOverdue(item.auditorId);
      return r.enqueued ? `Notice about ${item.auditorName} sent to ${item.lineManagerName ?? 'their line manager'}.` : `The notice about ${item.auditorName} was already sent today.`;
    });

  const sendNextTier = (item: OverdueAuditor) =>
    act(async () => {
      const r = await escalateNextTier(item.auditorId);
      const to = item.nextTier?.managerName ?? 'the next manager up';
      return r.enqueued ? `Notice about ${item.auditorName} sent to ${to}.` : `The notice to ${to} about ${item.auditorName} was already sent today.`;
    });

  return (
    <section aria-labelledby="overdue-audits-heading">
      <h2 id="overdue-audits-heading" className={styles.h2}>
        Overdue audits
      </h2>
      <ErrorAlert message={error} />
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
              {item.nextTier !== null ? (
                <div className={styles.nextTier}>
                  <strong>Proposed for the next tier:</strong> missed the due date in {item.nextTier.missed} of their last{' '}
                  {plural(item.nextTier.ofRounds, 'round', 'rounds')}.{' '}
                  {item.nextTier.managerName !== null ? `Next manager up: ${item.nextTier.managerName}.` : null}
                  {item.nextTier.notice !== null ? <p className={styles.notice}>{item.nextTier.notice}</p> : <p>{item.nextTier.noRecipient}</p>}
                  {item.nextTier.managerId !== null ? (
                    <div className={styles.actions}>
                      <Button onClick={() => void sendNextTier(item)}>
                        Send notice to {item.nextTier.managerName} about {item.auditorName}
                      </Button>
                    </div>
                  ) : null}
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
