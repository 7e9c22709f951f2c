import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@fluentui/react-components';
import type { AuditSummary, PersonRef } from '../../../shared/api/contracts';
import type { AuditAction } from '../../../shared/schemas/actions';
import { gradeLabel } from '../../../shared/grading/gradeScales';
import { statusLabels } from '../../../shared/lifecycle/auditLifecycle';
import { ukDate, ukDateTime } from '../common/dates';
import { usePanelStyles } from './panelStyles';
import { personName } from './people';

const actionStatusLabels: Record<AuditAction['status'], string> = { open: 'Open', done: 'Done, awaiting approval', approved: 'Approved' };

/** Earlier audits of the same case and the case's open actions: read-only context. */
export function HistoryPanel(props: { earlierAudits: AuditSummary[]; openActions: AuditAction[]; people: PersonRef[]; headingId: string }) {
  const panel = usePanelStyles();
  return (
    <>
      <h2 id={props.headingId} tabIndex={-1} className={panel.h2}>
        Earlier audits and open actions
      </h2>
      <h3 className={panel.h3}>Earlier audits of this case</h3>
      {props.earlierAudits.length === 0 ? (
        <p>This case has not been audited before.</p>
      ) : (
        <Table aria-label="Earlier audits of this case" size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Audit type</TableHeaderCell>
              <TableHeaderCell scope="col">Submitted</TableHeaderCell>
              <TableHeaderCell scope="col">Auditor</TableHeaderCell>
              <TableHeaderCell scope="col">Status</TableHeaderCell>
              <TableHeaderCell scope="col">Final grade</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {props.earlierAudits.map((a) => (
              <TableRow key={a.id}>
                <TableCell>{a.auditTypeLabel}</TableCell>
                <TableCell>{a.submittedAt ? ukDateTime(a.submittedAt) : 'Not submitted'}</TableCell>
                <TableCell>{a.auditorName}</TableCell>
                <TableCell>{statusLabels[a.status]}</TableCell>
                <TableCell>{a.finalGrade ? gradeLabel(a.finalGrade.scale, a.finalGrade.value) : 'Not graded'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <h3 className={panel.h3}>Open actions on this case</h3>
      {props.openActions.length === 0 ? (
        <p>There are no open actions on this case.</p>
      ) : (
        <Table aria-label="Open actions on this case" size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">What</TableHeaderCell>
              <TableHeaderCell scope="col">Owner</TableHeaderCell>
              <TableHeaderCell scope="col">Due date</TableHeaderCell>
              <TableHeaderCell scope="col">Status</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {props.openActions.map((a) => (
              <TableRow key={a.id}>
                <TableCell>{a.what}</TableCell>
                <TableCell>{personName(props.people, a.ownerId)}</TableCell>
                <TableCell>{ukDate(a.dueDate)}</TableCell>
                <TableCell>{actionStatusLabels[a.status]}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}
