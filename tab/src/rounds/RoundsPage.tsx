import { useEffect, useState } from 'react';
import { MessageBar, MessageBarBody, Spinner } from '@fluentui/react-components';
import type { Me, RoundPreview } from '../../../shared/api/contracts';
import { mayRunRounds } from '../../../shared/access/roundAccess';
import { getRound } from '../api/apiClient';
import { PageHeading } from '../app/PageHeading';
import { AppLink } from '../app/AppLink';
import { navigate } from '../app/navigation';
import { routePath } from '../app/routes';
import { RoundForm } from './RoundForm';
import { RoundPreviewView } from './RoundPreviewView';
import { ReassignmentRequests } from './ReassignmentRequests';
import { ExemptionRequests } from './ExemptionRequests';
import { OverdueAudits } from './OverdueAudits';
import { ErrorAlert } from '../common/ErrorAlert';

/** Audit rounds for QA leads and the principal social worker: draft, preview, adjust, publish. */
export default function RoundsPage({ me, roundId }: { me: Me; roundId: string | null }) {
  const [loaded, setLoaded] = useState<RoundPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const allowed = mayRunRounds(me);

  useEffect(() => {
    if (!allowed || roundId === null || loaded?.round.id === roundId) return;
    let live = true;
    setError(null);
    getRound(roundId).then(
      (p) => live && setLoaded(p),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [allowed, roundId, loaded?.round.id]);

  if (!allowed) {
    return (
      <>
        <PageHeading title="Audit rounds" />
        <MessageBar intent="info">
          <MessageBarBody>Audit rounds are run by quality assurance leads and the principal social worker.</MessageBarBody>
        </MessageBar>
      </>
    );
  }

  if (roundId === null) {
    return (
      <>
        <PageHeading title="Audit rounds" />
        <RoundForm
          onCreated={(p) => {
            setLoaded(p);
            navigate(routePath({ name: 'round', id: p.round.id }));
          }}
        />
        <ReassignmentRequests />
        <ExemptionRequests meId={me.id} />
        <OverdueAudits />
      </>
    );
  }

  return (
    <>
      <PageHeading title="Audit round" />
      <p>
        <AppLink to={routePath({ name: 'rounds' })}>Start another round</AppLink>
      </p>
      <ErrorAlert message={error} />
      {loaded?.round.id === roundId ? <RoundPreviewView preview={loaded} onChanged={setLoaded} /> : error === null ? <Spinner label="Loading the round…" /> : null}
    </>
  );
}
