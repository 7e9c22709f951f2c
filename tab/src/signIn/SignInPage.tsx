import { useEffect, useState } from 'react';
import { Button, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Spinner, tokens } from '@fluentui/react-components';
import type { Me } from '../../../shared/api/contracts';
import { ApiFailure, demoSignIn, getDemoUsers, type DemoUser } from '../api/apiClient';
import { PageHeading } from '../app/PageHeading';
import { roleLabel, rolesText } from '../common/roles';
import { groupDemoUsers } from './demoUserGroups';

const useStyles = makeStyles({
  groups: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(280px, 1fr))', gap: tokens.spacingHorizontalXL, marginTop: tokens.spacingVerticalL },
  group: { backgroundColor: tokens.colorNeutralBackground1, padding: tokens.spacingHorizontalL, borderRadius: tokens.borderRadiusMedium },
  h2: { fontSize: tokens.fontSizeBase400, margin: `0 0 ${tokens.spacingVerticalS}` },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  userButton: { width: '100%', justifyContent: 'flex-start', textAlign: 'left', minHeight: '44px' },
  buttonText: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start' },
  secondary: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, fontWeight: tokens.fontWeightRegular },
});

type Load = { kind: 'loading' } | { kind: 'demo'; users: DemoUser[] } | { kind: 'tenant' } | { kind: 'error'; message: string };

export function SignInPage({ onSignedIn, inTeams }: { onSignedIn: (me: Me) => void; inTeams: boolean }) {
  const styles = useStyles();
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    getDemoUsers().then(
      (users) => setLoad(users ? { kind: 'demo', users } : { kind: 'tenant' }),
      (e: unknown) => setLoad({ kind: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
  }, []);

  const pick = async (user: DemoUser) => {
    setBusy(user.id);
    setFailure(null);
    try {
      onSignedIn(await demoSignIn(user.id));
    } catch (e) {
      setFailure(e instanceof ApiFailure ? e.body.message : 'Sign-in failed. Try again.');
      setBusy(null);
    }
  };

  return (
    <>
      <PageHeading title="Sign in" />
      {load.kind === 'loading' ? <Spinner label="Loading sign-in options…" /> : null}
      {load.kind === 'error' ? (
        <MessageBar intent="error">
          <MessageBarBody>{load.message}</MessageBarBody>
        </MessageBar>
      ) : null}
      {load.kind === 'tenant' ? (
        <p>
          {inTeams
            ? 'Your Microsoft Teams sign-in could not be confirmed. Close and reopen the Practice Audit tab.'
            : 'Open Practice Audit in Microsoft Teams to sign in with your work account.'}
        </p>
      ) : null}
      {load.kind === 'demo' ? (
        <>
          <MessageBar intent="warning">
            <MessageBarBody>
              <MessageBarTitle>Demo sign-in — synthetic data, local mode only</MessageBarTitle>
              Choose a made-up person to see Practice Audit as they would. No real children, cases or staff are shown.
            </MessageBarBody>
          </MessageBar>
          {failure ? (
            <MessageBar intent="error" role="alert">
              <MessageBarBody>{failure}</MessageBarBody>
            </MessageBar>
          ) : null}
          <div className={styles.groups}>
            {groupDemoUsers(load.users).map((group) => (
              <section key={group.role} className={styles.group} aria-labelledby={`role-${group.role}`}>
                <h2 id={`role-${group.role}`} className={styles.h2}>
                  {roleLabel(group.role)}
                </h2>
                <ul className={styles.list}>
                  {group.users.map((user) => (
                    <li key={user.id}>
                      <Button
                        className={styles.userButton}
                        appearance="secondary"
                        disabled={busy !== null}
                        onClick={() => void pick(user)}
                      >
                        <span className={styles.buttonText}>
                          <span>{user.displayName}</span>
                          <span className={styles.secondary}>
                            {[rolesText(user.jobRoles), user.teamName].filter(Boolean).join(' · ')}
                          </span>
                        </span>
                      </Button>
                    </li>
                  ))}
                </ul>
              </section>
            ))}
          </div>
        </>
      ) : null}
    </>
  );
}
