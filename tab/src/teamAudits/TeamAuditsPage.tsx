import { useCallback, useEffect, useState } from 'react';
import {
  Button,
  Field,
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
} from '@fluentui/react-components';
import type { Me } from '../../../shared/api/contracts';
import { gradeLabel } from '../../../shared/grading/gradeScales';
import { getManagedTeams, getTeamAudits, type TeamRef } from '../api/apiClient';
import { AppLink } from '../app/AppLink';
import { PageHeading } from '../app/PageHeading';
import { auditPath } from '../app/routes';
import { DueDate, StatusText } from '../common/AuditStatusText';
import { todayInLondon } from '../common/dates';
import { useTableStyles } from '../common/tableStyles';
import { usePagedList } from '../common/usePagedList';

const useStyles = makeStyles({
  picker: { maxWidth: '360px', marginBottom: tokens.spacingVerticalL },
});

export default function TeamAuditsPage({ me }: { me: Me }) {
  const styles = useStyles();
  const tableStyles = useTableStyles();
  const [teams, setTeams] = useState<TeamRef[]>([]);
  const [teamId, setTeamId] = useState<string | undefined>(undefined);
  const today = todayInLondon();

  useEffect(() => {
    getManagedTeams().then(setTeams, () => setTeams([]));
  }, []);

  const fetchPage = useCallback((cursor: string | null) => getTeamAudits(cursor, teamId), [teamId]);
  const { state, loadMore } = usePagedList(fetchPage, `${me.id}:${teamId ?? ''}`);
  const teamName = state.kind === 'ready' ? teams.find((t) => t.id === teamId)?.name : undefined;

  return (
    <>
      <PageHeading title="Team audits" />
      {teams.length > 1 ? (
        <Field label="Team" className={styles.picker}>
          <Select value={teamId ?? teams[0]?.id ?? ''} onChange={(_, d) => setTeamId(d.value)}>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </Select>
        </Field>
      ) : null}
      {state.kind === 'loading' ? <Spinner label="Loading the team's audits…" /> : null}
      {state.kind === 'error' ? (
        <MessageBar intent={state.status === 403 ? 'info' : 'error'}>
          <MessageBarBody>{state.message}</MessageBarBody>
        </MessageBar>
      ) : null}
      {state.kind === 'ready' ? (
        state.items.length === 0 ? (
          <p className={tableStyles.empty}>There are no audits of this team's cases yet.</p>
        ) : (
          <div className={tableStyles.wrap}>
            <Table aria-label={teamName ? `Audits of ${teamName} cases` : "Audits of your team's cases"}>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">Case reference</TableHeaderCell>
                  <TableHeaderCell scope="col">Initials</TableHeaderCell>
                  <TableHeaderCell scope="col">Audit type</TableHeaderCell>
                  <TableHeaderCell scope="col">Auditor</TableHeaderCell>
                  <TableHeaderCell scope="col">Status</TableHeaderCell>
                  <TableHeaderCell scope="col">Due date</TableHeaderCell>
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
                    <TableCell>{a.auditorName}</TableCell>
                    <TableCell>
                      <StatusText status={a.status} />
                    </TableCell>
                    <TableCell>
                      <DueDate dueDate={a.dueDate} status={a.status} today={today} />
                    </TableCell>
                    <TableCell>{a.finalGrade ? gradeLabel(a.finalGrade.scale, a.finalGrade.value) : 'Not graded yet'}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )
      ) : null}
      {state.kind === 'ready' && state.next ? (
        <div className={tableStyles.more}>
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
