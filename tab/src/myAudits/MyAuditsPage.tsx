import { lazy, Suspense } from 'react';
import type { Me } from '../../../shared/api/contracts';
import { getMyAudits } from '../api/apiClient';
import { PageHeading } from '../app/PageHeading';
import { AuditTable } from '../common/AuditTable';
import { usePagedList } from '../common/usePagedList';

// Requests to be excused from auditing load after the audits, in their own chunk.
const ExemptionPanels = lazy(() => import('./ExemptionPanels'));

export function MyAuditsPage({ me }: { me: Me }) {
  const { state, loadMore } = usePagedList(getMyAudits, me.id);

  return (
    <>
      <PageHeading title="My audits" />
      <AuditTable
        state={state}
        loadMore={loadMore}
        columns={['caseRef', 'initials', 'auditType', 'dueDate', 'status', 'finalGrade']}
        label="Audits allocated to you"
        loadingLabel="Loading your audits…"
        emptyText="No audits are allocated to you at the moment."
        notGradedText="—"
      />
      <Suspense fallback={null}>
        <ExemptionPanels key={me.id} />
      </Suspense>
    </>
  );
}
