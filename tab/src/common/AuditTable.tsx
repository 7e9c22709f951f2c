import type { ReactNode } from 'react';
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
import type { AuditSummary } from '../../../shared/api/contracts';
import type { IsoDate } from '../../../shared/schemas/common';
import { gradeLabel } from '../../../shared/grading/gradeScales';
import { AppLink } from '../app/AppLink';
import { auditPath } from '../app/routes';
import { DueDate, StatusText } from './AuditStatusText';
import { todayInLondon } from './dates';
import { useTableStyles } from './tableStyles';
import type { PagedState } from './usePagedList';

export type AuditColumn = 'caseRef' | 'initials' | 'auditType' | 'auditor' | 'status' | 'dueDate' | 'finalGrade';

interface CellContext {
  today: IsoDate;
  notGradedText: string;
}

const columns: Record<AuditColumn, { header: string; cell: (a: AuditSummary, ctx: CellContext) => ReactNode }> = {
  caseRef: { header: 'Case reference', cell: (a) => <AppLink to={auditPath(a.id)}>{a.caseRef}</AppLink> },
  initials: { header: 'Initials', cell: (a) => a.initials },
  auditType: { header: 'Audit type', cell: (a) => a.auditTypeLabel },
  auditor: { header: 'Auditor', cell: (a) => a.auditorName },
  status: { header: 'Status', cell: (a) => <StatusText status={a.status} /> },
  dueDate: { header: 'Due date', cell: (a, ctx) => <DueDate dueDate={a.dueDate} status={a.status} today={ctx.today} /> },
  finalGrade: {
    header: 'Final grade',
    cell: (a, ctx) => (a.finalGrade ? gradeLabel(a.finalGrade.scale, a.finalGrade.value) : ctx.notGradedText),
  },
};

/**
 * A cursor-paged list of audits as a table: loading, failure, empty and "Show more" included.
 * Each page chooses its columns (in order) and its words.
 */
export function AuditTable(props: {
  state: PagedState<AuditSummary>;
  loadMore: () => void;
  columns: readonly AuditColumn[];
  /** The table's accessible name. */
  label: string;
  loadingLabel: string;
  emptyText: string;
  notGradedText: string;
  /** A 403 is information (e.g. no team to show), not a failure. */
  forbiddenAsInfo?: boolean;
}) {
  const styles = useTableStyles();
  const { state, loadMore } = props;
  const ctx: CellContext = { today: todayInLondon(), notGradedText: props.notGradedText };

  return (
    <>
      {state.kind === 'loading' ? <Spinner label={props.loadingLabel} /> : null}
      {state.kind === 'error' ? (
        <MessageBar intent={props.forbiddenAsInfo && state.status === 403 ? 'info' : 'error'}>
          <MessageBarBody>{state.message}</MessageBarBody>
        </MessageBar>
      ) : null}
      {state.kind === 'ready' ? (
        state.items.length === 0 ? (
          <p className={styles.empty}>{props.emptyText}</p>
        ) : (
          <div className={styles.wrap}>
            <Table aria-label={props.label} size="medium">
              <TableHeader>
                <TableRow>
                  {props.columns.map((c) => (
                    <TableHeaderCell key={c} scope="col">
                      {columns[c].header}
                    </TableHeaderCell>
                  ))}
                </TableRow>
              </TableHeader>
              <TableBody>
                {state.items.map((a) => (
                  <TableRow key={a.id}>
                    {props.columns.map((c) => (
                      <TableCell key={c}>{columns[c].cell(a, ctx)}</TableCell>
                    ))}
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
