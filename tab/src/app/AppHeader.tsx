import { Badge, Button, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { Me } from '../../../shared/api/contracts';
import { canSeeTeamAudits, rolesText } from '../common/roles';
import { mayImportRegisters } from '../../../shared/access/importAccess';
import { mayRunRounds } from '../../../shared/access/roundAccess';
import { mayManageTeamActions, mayTrackActions } from '../../../shared/access/actionAccess';
import { AppLink } from './AppLink';
import { lazy, Suspense } from 'react';
import { hasManagementDuties } from '../../../shared/access/coverAccess';
import type { Route } from './routes';

// Managers only, and its focus handling brings Fluent's focus library: loaded after the first page.
const AwayAndCover = lazy(() => import('../cover/AwayAndCover').then((m) => ({ default: m.AwayAndCover })));

const useStyles = makeStyles({
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalXL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  appName: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase400 },
  nav: { flexGrow: 1 },
  navList: { display: 'flex', flexWrap: 'wrap', gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL}`, listStyle: 'none', margin: 0, padding: 0 },
  navLink: { display: 'inline-block', padding: `${tokens.spacingVerticalXS} 0`, minHeight: '24px' },
  current: { fontWeight: tokens.fontWeightSemibold, textDecorationLine: 'underline' },
  user: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
  userText: { display: 'flex', flexDirection: 'column', textAlign: 'right' },
  role: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});

export function AppHeader({ me, localMode, route, onSignOut }: { me: Me | null; localMode: boolean; route: Route; onSignOut: () => void }) {
  const styles = useStyles();
  return (
    <header className={styles.header}>
      <span className={styles.appName}>Practice Audit</span>
      {localMode ? (
        <Badge appearance="outline" color="informative">
          Local mode
        </Badge>
      ) : null}
      {me ? (
        <nav aria-label="Main" className={styles.nav}>
          <ul className={styles.navList}>
            <li>
              <AppLink to="/" className={mergeClasses(styles.navLink, route.name === 'myAudits' && styles.current)} aria-current={route.name === 'myAudits' ? 'page' : undefined}>
                My audits
              </AppLink>
            </li>
            {canSeeTeamAudits(me.jobRoles) ? (
              <li>
                <AppLink to="/team" className={mergeClasses(styles.navLink, route.name === 'team' && styles.current)} aria-current={route.name === 'team' ? 'page' : undefined}>
                  Team audits
                </AppLink>
              </li>
            ) : null}
            <li>
              <AppLink to="/actions/mine" className={mergeClasses(styles.navLink, route.name === 'myActions' && styles.current)} aria-current={route.name === 'myActions' ? 'page' : undefined}>
                My actions
              </AppLink>
            </li>
            {mayManageTeamActions(me) ? (
              <li>
                <AppLink to="/actions/team" className={mergeClasses(styles.navLink, route.name === 'teamActions' && styles.current)} aria-current={route.name === 'teamActions' ? 'page' : undefined}>
                  Team actions
                </AppLink>
              </li>
            ) : null}
            {mayTrackActions(me) ? (
              <li>
                <AppLink to="/actions/tracker" className={mergeClasses(styles.navLink, route.name === 'actionTracker' && styles.current)} aria-current={route.name === 'actionTracker' ? 'page' : undefined}>
                  Action tracker
                </AppLink>
              </li>
            ) : null}
            {canSeeTeamAudits(me.jobRoles) ? (
              <li>
                <AppLink to="/concerns" className={mergeClasses(styles.navLink, route.name === 'concerns' && styles.current)} aria-current={route.name === 'concerns' ? 'page' : undefined}>
                  Cases of concern
                </AppLink>
              </li>
            ) : null}
            {mayImportRegisters(me) ? (
              <li>
                <AppLink to="/imports" className={mergeClasses(styles.navLink, route.name === 'imports' && styles.current)} aria-current={route.name === 'imports' ? 'page' : undefined}>
                  Imports
                </AppLink>
              </li>
            ) : null}
            {mayRunRounds(me) ? (
              <li>
                <AppLink
                  to="/rounds"
                  className={mergeClasses(styles.navLink, (route.name === 'rounds' || route.name === 'round') && styles.current)}
                  aria-current={route.name === 'rounds' ? 'page' : undefined}
                >
                  Rounds
                </AppLink>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : (
        <span className={styles.nav} />
      )}
      {me && hasManagementDuties(me) ? (
        <Suspense fallback={null}>
          <AwayAndCover me={me} />
        </Suspense>
      ) : null}
      {me ? (
        <div className={styles.user}>
          <div className={styles.userText}>
            <span>{me.displayName}</span>
            <span className={styles.role}>{rolesText(me.jobRoles)}</span>
          </div>
          <Button appearance="secondary" onClick={onSignOut}>
            Sign out
          </Button>
        </div>
      ) : null}
    </header>
  );
}
