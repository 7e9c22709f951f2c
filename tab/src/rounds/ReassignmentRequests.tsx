import { Button, MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import type { ReassignmentListItem } from '../../../shared/api/contracts';
import { getOpenReassignmentRequests, resolveReassignmentRequest } from '../api/apiClient';
import { ukDateTime } from '../common/dates';
import { useListPanel } from './useListPanel';

const useStyles = makeStyles({
  h2: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, margin: `${tokens.spacingVerticalXL} 0 ${tokens.spacingVerticalS}` },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'grid', rowGap: tokens.spacingVerticalM },
  item: { borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}`, paddingLeft: tokens.spacingHorizontalM },
  reason: { margin: `${tokens.spacingVerticalXS} 0`, whiteSpace: 'pre-wrap' },
});

/** Auditors' "can't do this" requests waiting for the QA lead to reassign the audit. */
export function ReassignmentRequests() {
  const styles = useStyles();
  const { items, setItems, error, status, act } = useListPanel(getOpenReassignmentRequests);

  const resolve = (item: ReassignmentListItem) =>
    act(async () => {
      await resolveReassignmentRequest(item.id);
      setItems((current) => current?.filter((i) => i.id !== item.id) ?? null);
      return `Request for ${item.caseRef} marked as dealt with.`;
    });

  return (
    <section aria-labelledby="reassignment-requests-heading">
      <h2 id="reassignment-requests-heading" className={styles.h2}>
        Requests to reassign
      </h2>
      {error !== null ? (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      ) : null}
      <p role="status">{status}</p>
      {items === null ? null : items.length === 0 ? (
        <p>No auditor has asked for an audit to be reassigned.</p>
      ) : (
        <ul className={styles.list}>
          {items.map((item) => (
            <li key={item.id} className={styles.item}>
              <strong>
                {item.caseRef} ({item.initials})
              </strong>{' '}
              — {item.auditorName}, asked {ukDateTime(item.createdAt)}
              <p className={styles.reason}>Reason: {item.reason}</p>
              <Button onClick={() => void resolve(item)} aria-label={`Mark as dealt with: request for ${item.caseRef}`}>
                Mark as dealt with
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
