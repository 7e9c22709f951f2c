import { useEffect, useRef, useState } from 'react';
import { Button, makeStyles, tokens, useRestoreFocusTarget } from '@fluentui/react-components';
import type { ReassignmentListItem } from '../../../shared/api/contracts';
import { getOpenReassignmentRequests, resolveReassignmentRequest } from '../api/apiClient';
import { ukDateTime } from '../common/dates';
import { useListPanel } from './useListPanel';
import { ReassignDialog } from './ReassignDialog';
import { ErrorAlert } from '../common/ErrorAlert';

const useStyles = makeStyles({
  h2: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, margin: `${tokens.spacingVerticalXL} 0 ${tokens.spacingVerticalS}` },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'grid', rowGap: tokens.spacingVerticalM },
  item: { borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}`, paddingLeft: tokens.spacingHorizontalM },
  reason: { margin: `${tokens.spacingVerticalXS} 0`, whiteSpace: 'pre-wrap' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  status: { ':focus': { outline: 'none' } },
});

/** Auditors' "can't do this" requests waiting for the QA lead to reassign the audit. */
export function ReassignmentRequests() {
  const styles = useStyles();
  const { items, setItems, error, status, act } = useListPanel(getOpenReassignmentRequests);
  const statusRef = useRef<HTMLParagraphElement>(null);
  const [reassigning, setReassigning] = useState<ReassignmentListItem | null>(null);
  const restoreFocus = useRestoreFocusTarget();
  // The request's buttons go with it: focus moves to the outcome instead.
  useEffect(() => {
    if (status !== '') statusRef.current?.focus();
  }, [status]);

  const resolve = (item: ReassignmentListItem) =>
    act(async () => {
      await resolveReassignmentRequest(item.id);
      setItems((current) => current?.filter((i) => i.id !== item.id) ?? null);
      return `Request for ${item.caseRef} marked as dealt with.`;
    });

  const reassigned = (item: ReassignmentListItem, auditorName: string) =>
    act(async () => {
      setReassigning(null);
      setItems((current) => current?.filter((i) => i.id !== item.id) ?? null);
      return `The audit of ${item.caseRef} was passed to ${auditorName}.`;
    });

  return (
    <section aria-labelledby="reassignment-requests-heading">
      <h2 id="reassignment-requests-heading" className={styles.h2}>
        Requests to reassign
      </h2>
      <ErrorAlert message={error} />
      <p role="status" ref={statusRef} tabIndex={-1} className={styles.status}>
        {status}
      </p>
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
              <div className={styles.actions}>
                <Button appearance="primary" {...restoreFocus} onClick={() => setReassigning(item)} aria-label={`Reassign: request for ${item.caseRef}`}>
                  Reassign
                </Button>
                <Button onClick={() => void resolve(item)} aria-label={`Mark as dealt with: request for ${item.caseRef}`}>
                  Mark as dealt with
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <ReassignDialog item={reassigning} onClose={() => setReassigning(null)} onReassigned={(item, name) => void reassigned(item, name)} />
    </section>
  );
}
