import { useState } from 'react';
import {
  Badge,
  Button,
  Checkbox,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Select,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
  useRestoreFocusTarget,
} from '@fluentui/react-components';
import type { ActionView } from '../../../shared/api/actionContracts';
import type { ActionStatus } from '../../../shared/schemas/actions';
import { ApiFailure, approveAction, type ActionScope } from '../api/apiClient';
import { AppLink } from '../app/AppLink';
import { auditPath } from '../app/routes';
import { ukDate, ukDateTime } from '../common/dates';
import { useTableStyles } from '../common/tableStyles';
import { actionName, actionStatusText, filtersFromQuery, type ListFilters } from './actionText';
import { ActionStepDialog, type StepKind } from './ActionStepDialog';
import { useActionList } from './useActionList';

const useStyles = makeStyles({
  filters: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    marginBottom: tokens.spacingVerticalL,
  },
  field: { minWidth: '12rem' },
  count: { margin: `0 0 ${tokens.spacingVerticalS}` },
  what: { display: 'block', marginTop: tokens.spacingVerticalXS },
  detail: { display: 'block', color: tokens.colorNeutralForeground2, marginTop: tokens.spacingVerticalXS },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  announce: { minHeight: '1.5em', marginBottom: tokens.spacingVerticalS },
});

type Column = 'owner' | 'team';

interface Props {
  scope: ActionScope;
  /** The table's accessible name. */
  label: string;
  columns: readonly Column[];
  /** Which filters this list offers (status and overdue always). */
  filterBy: readonly ('team' | 'owner' | 'dueBefore')[];
  emptyText: string;
}

const statusOptions: { value: '' | ActionStatus; text: string }[] = [
  { value: '', text: 'Any status' },
  { value: 'open', text: 'Open' },
  { value: 'done', text: 'Done, awaiting approval' },
  { value: 'approved', text: 'Approved' },
];

/**
 * An action list with its filters: My actions, Team actions or the tracker. Each row says which
 * case and section the action is about, what it asks, its due date and state, and offers what the
 * signed-in person may do with it now (the server decides again): Mark done with a note for the
 * owner; Approve, or Return with a reason, for the accountable manager or their deputy.
 */
export function ActionList({ scope, label, columns, filterBy, emptyText }: Props) {
  const styles = useStyles();
  const table = useTableStyles();
  const [filters, setFilters] = useState<ListFilters>(() => filtersFromQuery(window.location.search));
  const { state, loadMore, replace } = useActionList(scope, filters);
  const [step, setStep] = useState<{ kind: StepKind; action: ActionView } | null>(null);
  const [announcement, setAnnouncement] = useState<{ text: string; intent: 'success' | 'warning' } | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const restoreFocus = useRestoreFocusTarget();

  const set = (patch: Partial<ListFilters>) => setFilters((f) => Object.fromEntries(Object.entries({ ...f, ...patch }).filter(([, v]) => v !== undefined && v !== '')) as ListFilters);

  const approve = async (a: ActionView) => {
    setBusyId(a.id);
    setAnnouncement(null);
    try {
      const view = await approveAction(a.id, a.version);
      replace(view);
      setAnnouncement({ text: `Approved: ${actionName(view)}.`, intent: 'success' });
    } catch (e) {
      const current = e instanceof ApiFailure && e.status === 409 ? (e.raw as { current?: ActionView } | null)?.current : undefined;
      if (current) replace(current);
      setAnnouncement({ text: e instanceof Error ? e.message : String(e), intent: 'warning' });
    } finally {
      setBusyId(null);
    }
  };

  const ready = state.kind === 'ready' ? state : null;
  const teams = ready?.teams ?? [];
  const owners = ready?.owners ?? [];

  return (
    <>
      <div className={styles.filters} role="group" aria-label="Filter the actions">
        <Field label="Status" className={styles.field}>
          <Select value={filters.status ?? ''} onChange={(_, d) => set({ status: (d.value || undefined) as ActionStatus | undefined })}>
            {statusOptions.map((o) => (
              <option key={o.value} value={o.value}>
                {o.text}
              </option>
            ))}
          </Select>
        </Field>
        <Checkbox label="Overdue only" checked={filters.overdue === true} onChange={(_, d) => set({ overdue: d.checked === true ? true : undefined })} />
        {filterBy.includes('team') && teams.length > 1 ? (
          <Field label="Team" className={styles.field}>
            <Select value={filters.teamId ?? ''} onChange={(_, d) => set({ teamId: d.value || undefined })}>
              <option value="">All teams</option>
              {teams.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </Select>
          </Field>
        ) : null}
        {filterBy.includes('owner') && owners.length > 0 ? (
          <Field label="Owner" className={styles.field}>
            <Select value={filters.ownerId ?? ''} onChange={(_, d) => set({ ownerId: d.value || undefined })}>
              <option value="">Anyone</option>
              {owners.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </Select>
          </Field>
        ) : null}
        {filterBy.includes('dueBefore') ? (
          <Field label="Due on or before" className={styles.field}>
            <Input type="date" value={filters.dueBefore ?? ''} onChange={(_, d) => set({ dueBefore: /^\d{4}-\d{2}-\d{2}$/.test(d.value) ? d.value : undefined })} />
          </Field>
        ) : null}
      </div>

      <div role="status" className={styles.announce}>
        {announcement ? (
          <MessageBar intent={announcement.intent}>
            <MessageBarBody>{announcement.text}</MessageBarBody>
          </MessageBar>
        ) : null}
      </div>

      {state.kind === 'loading' ? <Spinner label="Loading the actions…" /> : null}
      {state.kind === 'error' ? (
        <MessageBar intent={state.status === 403 ? 'info' : 'error'}>
          <MessageBarBody>{state.message}</MessageBarBody>
        </MessageBar>
      ) : null}
      {ready ? (
        ready.items.length === 0 ? (
          <p className={table.empty}>{emptyText}</p>
        ) : (
          <>
            <p className={styles.count}>
              {ready.total === 1 ? '1 action' : `${ready.total} actions`}
              {ready.items.length < ready.total ? `, ${ready.items.length} shown` : ''}
            </p>
            <div className={table.wrap}>
              <Table aria-label={label} size="medium">
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">Case</TableHeaderCell>
                    <TableHeaderCell scope="col">Action</TableHeaderCell>
                    {columns.includes('owner') ? <TableHeaderCell scope="col">Owner</TableHeaderCell> : null}
                    {columns.includes('team') ? <TableHeaderCell scope="col">Team</TableHeaderCell> : null}
                    <TableHeaderCell scope="col">Due</TableHeaderCell>
                    <TableHeaderCell scope="col">Status</TableHeaderCell>
                    <TableHeaderCell scope="col">What you can do</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {ready.items.map((a) => (
                    <TableRow key={a.id}>
                      <TableCell>
                        <AppLink to={auditPath(a.auditId)}>{`${a.caseRef} (${a.initials})`}</AppLink>
                      </TableCell>
                      <TableCell>
                        <strong>{a.label}</strong>
                        <span className={styles.what}>{a.what}</span>
                        {a.status === 'open' && a.returned ? (
                          <span className={styles.detail}>
                            Returned by {a.returned.byName} on {ukDateTime(a.returned.at)}: {a.returned.reason}
                          </span>
                        ) : null}
                        {a.status !== 'open' && a.doneNote ? (
                          <span className={styles.detail}>
                            Evidence{a.doneAt ? ` (${ukDateTime(a.doneAt)}${a.doneByName ? `, ${a.doneByName}` : ''})` : ''}: {a.doneNote}
                          </span>
                        ) : null}
                      </TableCell>
                      {columns.includes('owner') ? (
                        <TableCell>
                          {a.ownerName}
                          <span className={styles.detail}>Accountable: {a.accountableManagerName}</span>
                        </TableCell>
                      ) : null}
                      {columns.includes('team') ? <TableCell>{a.teamName}</TableCell> : null}
                      <TableCell>
                        {ukDate(a.dueDate)}
                        {a.overdue ? (
                          <>
                            {' '}
                            <Badge appearance="filled" color="danger" shape="rounded">
                              Overdue
                            </Badge>
                          </>
                        ) : null}
                      </TableCell>
                      <TableCell>
                        {actionStatusText(a)}
                        {a.status === 'approved' && a.approvedByName && a.approvedAt ? (
                          <span className={styles.detail}>
                            by {a.approvedByName} on {ukDateTime(a.approvedAt)}
                          </span>
                        ) : null}
                      </TableCell>
                      <TableCell>
                        <div className={styles.buttons}>
                          {a.canMarkDone ? (
                            <Button {...restoreFocus} aria-label={`Mark done: ${actionName(a)}`} onClick={() => setStep({ kind: 'done', action: a })}>
                              Mark done
                            </Button>
                          ) : null}
                          {a.canApprove ? (
                            <Button appearance="primary" aria-label={`Approve: ${actionName(a)}`} disabled={busyId === a.id} onClick={() => void approve(a)}>
                              {busyId === a.id ? 'Approving…' : 'Approve'}
                            </Button>
                          ) : null}
                          {a.canReturn ? (
                            <Button {...restoreFocus} aria-label={`Return: ${actionName(a)}`} onClick={() => setStep({ kind: 'return', action: a })}>
                              Return
                            </Button>
                          ) : null}
                          {!a.canMarkDone && !a.canApprove && !a.canReturn ? <span className={styles.detail}>Nothing for you to do</span> : null}
                        </div>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          </>
        )
      ) : null}
      {ready?.next ? (
        <div className={table.more}>
          <Button onClick={loadMore} disabled={ready.loadingMore}>
            {ready.loadingMore ? 'Loading…' : 'Show more actions'}
          </Button>
        </div>
      ) : null}
      {ready?.moreError ? (
        <MessageBar intent="error">
          <MessageBarBody>{ready.moreError}</MessageBarBody>
        </MessageBar>
      ) : null}

      <ActionStepDialog
        step={step}
        onClose={() => setStep(null)}
        onDone={(view, text, changed) => {
          replace(view);
          setStep(null);
          setAnnouncement({ text, intent: changed ? 'success' : 'warning' });
        }}
      />
    </>
  );
}
