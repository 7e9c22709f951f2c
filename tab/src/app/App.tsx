import { lazy, Suspense, useCallback, useEffect, useState, type ReactNode } from 'react';
import {
  FluentProvider,
  MessageBar,
  MessageBarBody,
  Spinner,
  teamsHighContrastTheme,
  webDarkTheme,
  webLightTheme,
  type Theme,
} from '@fluentui/react-components';
import type { Me } from '../../../shared/api/contracts';
import { authorizeRequestsWith, getSession, signOut as apiSignOut } from '../api/apiClient';
import { detectHost, teamsSsoToken, type HostInfo, type HostTheme } from '../teams/teamsContext';
import { subPagePath } from '../teams/subPagePath';
import { createBearerTokens } from '../api/bearerToken';
import { clearAllDrafts } from '../auditForm/draftStore';
import { SignInPage } from '../signIn/SignInPage';
import { MyAuditsPage } from '../myAudits/MyAuditsPage';
import { AppHeader } from './AppHeader';
import { PageHeading } from './PageHeading';
import { navigate, useRoute } from './navigation';
import { auditPath } from './routes';
import { useAppStyles } from './appStyles';

// The form and the team list are separate chunks: the first page stays small.
const AuditFormPage = lazy(() => import('../auditForm/AuditFormPage'));
const TeamAuditsPage = lazy(() => import('../teamAudits/TeamAuditsPage'));
const ImportsPage = lazy(() => import('../imports/ImportsPage'));
const RoundsPage = lazy(() => import('../rounds/RoundsPage'));
const MyActionsPage = lazy(() => import('../actions/MyActionsPage'));
const TeamActionsPage = lazy(() => import('../actions/TeamActionsPage'));
const ActionTrackerPage = lazy(() => import('../actions/ActionTrackerPage'));
const ConcernsPage = lazy(() => import('../concerns/ConcernsPage'));

const themes: Record<HostTheme, Theme> = {
  default: webLightTheme,
  dark: webDarkTheme,
  contrast: teamsHighContrastTheme,
};

type SessionState = { kind: 'loading' } | { kind: 'signedOut' } | { kind: 'signedIn'; me: Me } | { kind: 'error'; message: string };

const returnToKey = 'practice-audit:return-to';

export function App() {
  const styles = useAppStyles();
  const route = useRoute();
  const [host, setHost] = useState<HostInfo | null>(null);
  const [theme, setTheme] = useState<HostTheme>('default');
  const [session, setSession] = useState<SessionState>({ kind: 'loading' });

  useEffect(() => {
    let live = true;
    const hostDetected = detectHost();
    // Inside Teams every API call carries the SSO token; requests wait until the host is known.
    authorizeRequestsWith(hostDetected.then((h) => (h.inTeams ? createBearerTokens(teamsSsoToken) : null)));
    void hostDetected.then((h) => {
      if (!live) return;
      setHost(h);
      setTheme(h.theme);
      h.onThemeChange(setTheme);
      // A Teams deep link opens the tab at one of its own pages (the bot's links carry its path).
      const deepLinked = subPagePath(h.subPageId);
      if (deepLinked) navigate(deepLinked, { replace: true });
    });
    getSession().then(
      (me) => live && setSession(me ? { kind: 'signedIn', me } : { kind: 'signedOut' }),
      (e: unknown) => live && setSession({ kind: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, []);

  // Signed out: every page but sign-in sends you there, and back afterwards to an audit you were opening.
  useEffect(() => {
    if (session.kind === 'signedOut' && route.name !== 'signIn') {
      if (route.name === 'audit') sessionStorage.setItem(returnToKey, auditPath(route.id));
      navigate('/sign-in', { replace: true });
    }
    if (session.kind === 'signedIn' && route.name === 'signIn') navigate('/', { replace: true });
  }, [session.kind, route]);

  const onSignedIn = useCallback((me: Me) => {
    setSession({ kind: 'signedIn', me });
    const back = sessionStorage.getItem(returnToKey);
    sessionStorage.removeItem(returnToKey);
    navigate(back ?? '/');
  }, []);

  const onSignOut = useCallback(async () => {
    await apiSignOut().catch(() => undefined);
    // Unsaved copies of forms hold details of children: they do not outlive the session on this device.
    clearAllDrafts();
    setSession({ kind: 'signedOut' });
    navigate('/sign-in');
  }, []);

  const me = session.kind === 'signedIn' ? session.me : null;
  const localMode = host !== null && (!host.inTeams || me?.mode === 'local');

  let page: ReactNode;
  if (session.kind === 'loading' || host === null) {
    page = <Spinner label="Loading Practice Audit…" />;
  } else if (session.kind === 'error') {
    page = (
      <>
        <PageHeading title="Practice Audit is not available" />
        <MessageBar intent="error">
          <MessageBarBody>{session.message}</MessageBarBody>
        </MessageBar>
      </>
    );
  } else if (session.kind === 'signedOut' || route.name === 'signIn') {
    page = session.kind === 'signedOut' ? <SignInPage onSignedIn={onSignedIn} inTeams={host.inTeams} /> : <Spinner label="Loading…" />;
  } else if (route.name === 'audit') {
    page = <AuditFormPage key={route.id} auditId={route.id} me={session.me} />;
  } else if (route.name === 'team') {
    page = <TeamAuditsPage me={session.me} />;
  } else if (route.name === 'imports') {
    page = <ImportsPage me={session.me} />;
  } else if (route.name === 'rounds' || route.name === 'round') {
    const roundId = route.name === 'round' ? route.id : null;
    page = <RoundsPage key={roundId ?? 'new'} me={session.me} roundId={roundId} />;
  } else if (route.name === 'concerns') {
    page = <ConcernsPage me={session.me} />;
  } else if (route.name === 'myActions') {
    page = <MyActionsPage me={session.me} />;
  } else if (route.name === 'teamActions') {
    page = <TeamActionsPage me={session.me} />;
  } else if (route.name === 'actionTracker') {
    page = <ActionTrackerPage me={session.me} />;
  } else if (route.name === 'notFound') {
    page = (
      <>
        <PageHeading title="Page not found" />
        <p>
          There is no page at this address. <a href="/">Go to My audits</a>.
        </p>
      </>
    );
  } else {
    page = <MyAuditsPage me={session.me} />;
  }

  return (
    <FluentProvider theme={themes[theme]} className={styles.root}>
      <a className={styles.skipLink} href="#main">
        Skip to main content
      </a>
      <AppHeader me={me} localMode={localMode} route={route} onSignOut={onSignOut} />
      <main id="main" tabIndex={-1} className={styles.main}>
        <Suspense fallback={<Spinner label="Loading…" />}>{page}</Suspense>
      </main>
    </FluentProvider>
  );
}
