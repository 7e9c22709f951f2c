import { DuplicateError } from '../store/storeInterface';
import type { NewNotification, OutboxStore } from './outboxStore';

/**
 * Queues a notice unless one with its id is already in the outbox; true when this call queued it.
 * Notice ids name what the notice is about and for whom (and the day, for daily notices), so a
 * replayed command, a retried job or two instances at once queue each notice once. `build` runs
 * only when the notice is new: a card rebuilt later may differ in content, which the outbox would
 * refuse under the same id.
 */
export async function enqueueOnce(outbox: Pick<OutboxStore, 'get' | 'enqueue'>, id: string, build: () => NewNotification): Promise<boolean> {
  if (await outbox.get(id)) return false;
  try {
    await outbox.enqueue(build());
    return true;
  } catch (err) {
    // Queued by a call running alongside, a moment ago.
    if (err instanceof DuplicateError) return false;
    throw err;
  }
}
