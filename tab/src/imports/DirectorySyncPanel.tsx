import { useEffect, useRef, useState } from 'react';
import { Button, makeStyles, MessageBar, MessageBarBody, Spinner, tokens } from '@fluentui/react-components';
import type { DirectorySyncRunDto, DirectorySyncStatus } from '../../../shared/api/directoryContracts';
import type { Me } from '../../../shared/api/contracts';
import { getDirectorySync, startDirectorySync } from '../api/apiClient';
import { ukDateTime } from '../common/dates';
import { plural } from '../common/plural';

const useStyles = makeStyles({
  panel: { maxWidth: '640px', marginBottom: tokens.spacingVerticalXL },
  h2: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, margin: `${tokens.spacingVerticalL} 0 ${tokens.spacingVerticalS}` },
  hint: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, margin: `0 0 ${tokens.spacingVerticalM}` },
  counts: { margin: `0 0 ${tokens.spacingVerticalM}`, paddingLeft: tokens.spacingHorizontalXL },
  actions: { display: 'flex', gap: tokens.spacingHorizontalM, flexWrap: 'wrap', marginTop: tokens.spacingVerticalM },
  status: { marginTop: tokens.spacingVerticalM, minHeight: '1.5em' },
});

/** How often to ask whether a run has finished. */
const POLL_MS = 2_000;


function RunSummary({ run }: { run: DirectorySyncRunDto }) {
  const styles = useStyles();
  const when = `${run.trigger === 'nightly' ? 'Nightly run' : 'Run on request'}, ${ukDateTime(run.at)}`;
  if (run.outcome === 'failed') {
    return (
      <MessageBar intent="error">
        <MessageBarBody>
          {when}: not finished. {run.message}
        </MessageBarBody>
      </MessageBar>
    );
  }
  const s = run.summary;
  // The one run-wide problem (leavers held back) has its own warning below.
  const people = s.problems.filter((p) => p.entraObjectId !== '');
  return (
    <>
      <p className={styles.hint}>{when}</p>
      <ul className={styles.counts}>
        <li>{plural(s.membersFound, 'person', 'people')} in the groups</li>
        <li>
          {s.created} added, {s.updated} updated, {s.unchanged} already up to date
        </li>
        <li>{plural(s.markedInactive, 'person', 'people')} marked as having left</li>
      </ul>
      {people.length > 0 && (
        <MessageBar intent="warning">
          <MessageBarBody>
            <strong>Not brought in or not up to date ({people.length}):</strong>
            <ul>
              {people.slice(0, 50).map((p, i) => (
                <li key={`${p.entraObjectId}-${i}`}>
                  {p.email ?? p.entraObjectId}: {p.reason}
                </li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}

/**
 * Tenant mode with Entra groups set up: who works here comes from Entra, nightly at 07:00 or now on
 * request. Shows nothing when staff come from the file import instead.
 */
export function DirectorySyncPanel({ me, onStatus }: { me: Me; onStatus: (status: DirectorySyncStatus) => void }) {
  const styles = useStyles();
  const statusRef = useRef<HTMLDivElement>(null);
  const [status, setStatus] = useState<DirectorySyncStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [announce, setAnnounce] = useState('');

  useEffect(() => {
    let live = true;
    getDirectorySync()
      .then((s) => {
        if (!live) return;
        setStatus(s);
        onStatus(s);
      })
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [onStatus]);

  if (!status?.configured) return error ? <MessageBar intent="error"><MessageBarBody>{error}</MessageBarBody></MessageBar> : null;

  const sync = async (confirmLeavers?: number) => {
    setBusy(true);
    setError(null);
    setAnnounce('');
    try {
      // The server starts the run and answers at once; its outcome is asked for until it is in.
      let now = await startDirectorySync(confirmLeavers);
      while (now.running) {
        await new Promise((r) => setTimeout(r, POLL_MS));
        now = await getDirectorySync();
      }
      setStatus(now);
      setAnnounce(now.lastRun?.outcome === 'done' ? 'Staff directory brought up to date from Entra.' : 'The sync did not finish: see the message above.');
      statusRef.current?.focus();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const last = status.lastRun;
  const heldBack = last?.outcome === 'done' ? last.summary.leaversHeldBack : 0;
  const isAdministrator = me.jobRoles.includes('administrator');

  return (
    <section className={styles.panel} aria-labelledby="directory-sync-heading">
      <h2 id="directory-sync-heading" className={styles.h2}>
        Staff directory from Microsoft Entra
      </h2>
      <p className={styles.hint}>
        Who works here, their roles, teams and line managers come from the council&apos;s Entra groups, brought in every working day at 07:00. To change someone&apos;s team or role, change their groups, then sync.
      </p>
      {last ? <RunSummary run={last} /> : <p className={styles.hint}>Not run since the service last started.</p>}
      {heldBack > 0 && (
        <MessageBar intent="warning">
          <MessageBarBody>
            {plural(heldBack, 'person is', 'people are')} in none of the groups any more: too many to mark as having left without a check. If the groups are right,{' '}
            {isAdministrator ? 'confirm below.' : 'ask an administrator to confirm.'}
          </MessageBarBody>
        </MessageBar>
      )}
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.actions}>
        <Button appearance="primary" disabled={busy} onClick={() => void sync()}>
          Sync now
        </Button>
        {heldBack > 0 && isAdministrator && (
          <Button disabled={busy} onClick={() => void sync(heldBack)}>
            Sync and mark {plural(heldBack, 'person', 'people')} as having left
          </Button>
        )}
        {busy && <Spinner size="tiny" label="Reading the Entra groups…" />}
      </div>
      <div className={styles.status} role="status" tabIndex={-1} ref={statusRef}>
        {announce}
      </div>
    </section>
  );
}
