import type { Me } from '../../../shared/api/contracts';
import { PageHeading } from '../app/PageHeading';
import { ActionList } from './ActionList';

/** Actions in the teams I manage (or cover as deputy): approve what is done, or return it with a reason. */
export default function TeamActionsPage({ me }: { me: Me }) {
  return (
    <>
      <PageHeading title="Team actions" />
      <p>Actions from audits of your teams’ cases. You stay accountable for each one: approve it when the evidence is there, or return it to its owner with a reason.</p>
      <ActionList
        key={me.id}
        scope="team"
        label="Team actions"
        columns={['owner']}
        filterBy={['team', 'owner']}
        emptyText="There are no actions matching these filters in your teams."
      />
    </>
  );
}
