import { MyExemptions } from './MyExemptions';
import { TeamExemptionRequests } from './TeamExemptionRequests';

/** Requests to be excused from auditing on My audits: a separate chunk, so the first page stays small. */
export default function ExemptionPanels() {
  return (
    <>
      <TeamExemptionRequests />
      <MyExemptions />
    </>
  );
}
