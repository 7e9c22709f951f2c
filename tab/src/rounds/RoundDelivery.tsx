import { useEffect, useState } from 'react';
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import type { RoundDeliveryResponse } from '../../../shared/api/contracts';
import { getRoundDelivery, retryRoundDelivery } from '../api/apiClient';
import { plural } from '../common/plural';

const useStyles = makeStyles({
  h3: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: `${tokens.spacingVerticalL} 0 ${tokens.spacingVerticalS}` },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
});

type Reason = RoundDeliveryResponse['undeliverable'][number]['reason'];
const reasonWords: Record<Reason, string> = {
  blocked: 'has blocked the app in Teams',
  uninstalled: 'has removed the app from Teams',
  notFound: 'their Teams chat could not be found',
  disabled: 'their account is disabled',
  notInstalled: 'has not added the app in Teams yet',
};

/** Checks again while messages are still on their way; stops after a few minutes (the list can be reloaded). */
const POLL_MS = 3000;
const MAX_POLLS = 60;

/** Progress of a published round's Teams messages. Shows nothing if the server does not report delivery. */
export function RoundDelivery({ roundId }: { roundId: string }) {
  const styles = useStyles();
  const [delivery, setDelivery] = useState<RoundDeliveryResponse | null>(null);
  /** Bumped after a retry so polling starts again. */
  const [retries, setRetries] = useState(0);
  const [retrying, setRetrying] = useState(false);
  const [retryResult, setRetryResult] = useState('');

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async (poll: number) => {
      try {
        const d = await getRoundDelivery(roundId);
        if (!live) return;
        setDelivery(d);
        if (d.counts.queued + d.counts.sending > 0 && poll < MAX_POLLS) timer = setTimeout(() => void load(poll + 1), POLL_MS);
      } catch {
        // Delivery is reported separately from the publish itself: its absence does not undo the round.
      }
    };
    void load(0);
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
    };
  }, [roundId, retries]);

  const retry = async () => {
    setRetrying(true);
    setRetryResult('');
    try {
      const d = await retryRoundDelivery(roundId);
      setDelivery(d);
      const waiting = d.counts.queued + d.counts.sending;
      setRetryResult(`Trying again: ${plural(waiting, 'message', 'messages')} waiting to be sent.`);
      setRetries((n) => n + 1);
    } catch {
      setRetryResult('Could not try again just now. Reload the page and try once more.');
    } finally {
      setRetrying(false);
    }
  };

  if (!delivery) return null;
  const c = delivery.counts;
  const pending = c.queued + c.sending;
  return (
    <section aria-labelledby="round-delivery-heading">
      <h3 id="round-delivery-heading" className={styles.h3}>
        Teams messages to auditors
      </h3>
      <p aria-live="polite">
        {plural(c.sent, 'sent', 'sent')}, {plural(pending, 'waiting', 'waiting')}, {plural(c.failed, 'failed', 'failed')}, {plural(c.undeliverable, 'cannot be delivered', 'cannot be delivered')}.
      </p>
      {delivery.undeliverable.length > 0 ? (
        <>
          <p>These people cannot be reached in Teams; tell them another way:</p>
          <ul className={styles.list}>
            {delivery.undeliverable.map((u) => (
              <li key={u.recipientId}>
                {u.displayName ?? 'Someone no longer in the directory'}: {u.detail ?? reasonWords[u.reason]}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {c.failed + c.undeliverable > 0 ? (
        <Button onClick={() => void retry()} disabled={retrying} aria-describedby="round-delivery-heading">
          Try again
        </Button>
      ) : null}
      <p role="status">{retryResult}</p>
    </section>
  );
}
