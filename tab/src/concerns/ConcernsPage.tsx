import type { Me } from '../../../shared/api/contracts';
import { PageHeading } from '../app/PageHeading';
import { CaseOfConcernRegister } from './CaseOfConcernRegister';
import { UrgentConcerns } from './UrgentConcerns';

/**
 * Concerns: urgent concerns awaiting acknowledgement (for the managers they went to) and the
 * cases of concern register. What each person sees and may do is decided by the server.
 */
export default function ConcernsPage({ me }: { me: Me }) {
  return (
    <>
      <PageHeading title="Cases of concern" />
      <UrgentConcerns key={`urgent-${me.id}`} />
      <CaseOfConcernRegister key={`register-${me.id}`} />
    </>
  );
}
