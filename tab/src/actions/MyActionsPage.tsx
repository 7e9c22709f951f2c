import type { Me } from '../../../shared/api/contracts';
import { PageHeading } from '../app/PageHeading';
import { ActionList } from './ActionList';

/** The actions I own: mark each done with a note of the evidence; my manager approves it. */
export default function MyActionsPage({ me }: { me: Me }) {
  return (
    <>
      <PageHeading title="My actions" />
      <p>Actions agreed from audits that you own. When one is done, mark it done with a short note of where the evidence is; your team manager then approves it or returns it to you.</p>
      <ActionList key={me.id} scope="mine" label="My actions" columns={[]} filterBy={[]} emptyText="You have no actions matching these filters." />
    </>
  );
}
