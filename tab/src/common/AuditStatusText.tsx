import { Badge } from '@fluentui/react-components';
import type { AuditStatus } from '../../../shared/schemas/audits';
import type { IsoDate } from '../../../shared/schemas/common';
import { statusLabels } from '../../../shared/lifecycle/auditLifecycle';
import { ukDate } from './dates';
import { isOverdue } from './overdue';

export function StatusText({ status }: { status: AuditStatus }) {
  return <span>{statusLabels[status]}</span>;
}

/** The due date, and an "Overdue" badge in words (not colour alone). */
export function DueDate({ dueDate, status, today }: { dueDate: IsoDate; status: AuditStatus; today: IsoDate }) {
  return (
    <span>
      {ukDate(dueDate)}
      {isOverdue(dueDate, status, today) ? (
        <>
          {' '}
          <Badge appearance="filled" color="danger" shape="rounded">
            Overdue
          </Badge>
        </>
      ) : null}
    </span>
  );
}
