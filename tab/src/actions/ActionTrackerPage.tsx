import type { Me } from '../../../shared/api/contracts';
import { PageHeading } from '../app/PageHeading';
import { ActionList } from './ActionList';

/** The service-wide action tracker (QA leads, senior managers; Heads of Service for their services). */
export default function ActionTrackerPage({ me }: { me: Me }) {
  return (
    <>
      <PageHeading title="Action tracker" />
      <p>Every action agreed from audits across the teams you oversee, with who owns it, who is accountable and whether it is on time.</p>
      <ActionList
        key={me.id}
        scope="tracker"
        label="Actions across the service"
        columns={['owner', 'team']}
        filterBy={['team', 'dueBefore']}
        emptyText="There are no actions matching these filters."
      />
    </>
  );
}
