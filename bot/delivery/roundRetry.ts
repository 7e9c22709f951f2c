import type { Store } from '../store/storeInterface';
import type { StaffMember } from '../../shared/schemas/staff';
import type { RoundDeliveryResponse } from '../../shared/api/contracts';
import type { RoundService } from '../rounds/roundService';
import { roundAuditId } from '../../shared/rounds/roundRules';
import { allocationNoticeId } from './allocationNotice';
import { OutboxStateError } from './outboxStore';

/**
 * The QA lead's "Try again" for a round: puts its failed and undeliverable allocation notices back
 * in the queue. Undeliverable ones go back too, 'notInstalled' included: the person may have added
 * the app since. Returns the round's delivery counts after the requeue.
 */
export async function retryRoundDelivery(store: Store, rounds: RoundService, user: StaffMember, roundId: string): Promise<RoundDeliveryResponse> {
  rounds.assertCanRunRounds(user);
  // delivery() checks access and that the round exists before anything is touched.
  await rounds.delivery(user, roundId);
  const round = await store.rounds.get(roundId);
  for (const a of round?.allocations ?? []) {
    const n = await store.outbox.get(allocationNoticeId(roundAuditId(roundId, a.caseId)));
    if (!n || (n.status !== 'failed' && n.status !== 'undeliverable')) continue;
    try {
      await store.outbox.requeue(n.id);
    } catch (err) {
      // A retry running alongside got there first; the notice is queued either way.
      if (!(err instanceof OutboxStateError)) throw err;
    }
  }
  return rounds.delivery(user, roundId);
}
