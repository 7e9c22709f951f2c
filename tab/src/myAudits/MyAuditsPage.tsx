import { gradeLabel } from '../../../shared/grading/gradeScales';
import {
  Button,
  MessageBar,
  MessageBarBody,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import type { Me } from '../../../shared/api/contracts';
import { getMyAudits } from '../api/apiClient';
import { AppLink } from '../app/AppLink';
import { PageHeading } from '../app/PageHeading';
import { auditPath } from '../app/routes';
import { DueDate, StatusText } from '../common/AuditStatusText';
import { todayInLondon } from '../common/dates';
import { useTableStyles } from '../common/tableStyles';
import { usePagedList } from '../common/usePagedList';

export function MyAuditsPage({ me }: { me: Me }) {
  const styles = useTableStyles();
  const { state, loadMore } = usePagedList(getMyAudits, me.id);
  const today = todayInLondon();

  return (
    <>
      <PageHeading title="My audits" />
      {state.kind === 'loading' ? <Spinner label="Loading your audits…" /> : null}
      {state.kind === 'error' ? (
        <MessageBar intent="error">
          <MessageBarBody>{state.message}</MessageBarBody>
        </MessageBar>
      ) : null}
      {state.kind === 'ready' ? (
        state.items.length === 0 ? (
          <p className={styles.empty}>No audits are allocated to you at the moment.</p>
        ) : (
          <div className={styles.wrap}>
            <Table aria-label="Audits allocated to you" size="medium">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">Case reference</TableHeaderCell>
                  <TableHeaderCell scope="col">Initials</TableHeaderCell>
                  <TableHeaderCell scope="col">Audit type</TableHeaderCell>
                  <TableHeaderCell scope="col">Due date</TableHeaderCell>
                  <TableHeaderCell scope="col">Status</TableHeaderCell>
                  <TableHeaderCell scope="col">Final grade</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {state.items.map((a) => (
                  <TableRow key={a.id}>
                    <TableCell>
                      <AppLink to={auditPath(a.id)}>{a.caseRef}</AppLink>
                    </TableCell>
                    <TableCell>{a.initials}</TableCell>
                    <TableCell>{a.auditTypeLabel}</TableCell>
                    <TableCell>
                      <DueDate dueDate={a.dueDate} status={a.status} today={today} />
                    </TableCell>
                    <TableCell>
                      <StatusText status={a.status} />
                    </TableCell>
                    <TableCell>{a.finalGrade ? gradeLabel(a.finalGrade.scale, a.finalGrade.value) : '—'}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )
      ) : null}
      {state.kind === 'ready' && state.next ? (
        <div className={styles.more}>
          <Button onClick={loadMore} disabled={state.loadingMore}>
            {state.loadingMore ? 'Loading…' : 'Show more audits'}
          </Button>
        </div>
      ) : null}
      {state.kind === 'ready' && state.moreError ? (
        <MessageBar intent="error">
          <MessageBarBody>{state.moreError}</MessageBarBody>
        </MessageBar>
      ) : null}
    </>
  );
}
