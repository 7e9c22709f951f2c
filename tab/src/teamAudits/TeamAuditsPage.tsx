import { useCallback, useEffect, useState } from 'react';
import { Field, makeStyles, Select, tokens } from '@fluentui/react-components';
import type { Me } from '../../../shared/api/contracts';
import { getManagedTeams, getTeamAudits, type TeamRef } from '../api/apiClient';
import { PageHeading } from '../app/PageHeading';
import { AuditTable } from '../common/AuditTable';
import { usePagedList } from '../common/usePagedList';

const useStyles = makeStyles({
  picker: { maxWidth: '360px', marginBottom: tokens.spacingVerticalL },
});

export default function TeamAuditsPage({ me }: { me: Me }) {
  const styles = useStyles();
  const [teams, setTeams] = useState<TeamRef[]>([]);
  const [teamId, setTeamId] = useState<string | undefined>(undefined);

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
      <AuditTable
        state={state}
        loadMore={loadMore}
        columns={['caseRef', 'initials', 'auditType', 'auditor', 'status', 'dueDate', 'finalGrade']}
        label={teamName ? `Audits of ${teamName} cases` : "Audits of your team's cases"}
        loadingLabel="Loading the team's audits…"
        emptyText="There are no audits of this team's cases yet."
        notGradedText="Not graded yet"
        forbiddenAsInfo
      />
    </>
  );
}
