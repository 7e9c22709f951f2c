import type { AppConfig } from '../config/appConfig';

/** Where action cards link into the tab: My actions, Team actions, the tracker. */
export interface ActionLinks {
  myActions: string;
  teamActions: string;
  /** Team actions filtered to those marked done and awaiting approval. */
  teamAwaiting: string;
  tracker: string;
  /** The tracker filtered to overdue actions (for drift escalated to a Head of Service). */
  trackerOverdue: string;
}

/**
 * The one seam for links to the action pages, like `auditLink`: the tab's own pages in local mode;
 * Teams deep links in tenant mode (issue 6; not configurable yet, so reaching it is a programming error).
 */
export function actionLinks(config: Pick<AppConfig, 'mode' | 'publicUrl'>): ActionLinks {
  if (config.mode !== 'local') throw new Error('Teams deep links to the tab are not built yet (tenant mode).');
  const base = config.publicUrl.replace(/\/+$/, '');
  return {
    myActions: `${base}/actions/mine`,
    teamActions: `${base}/actions/team`,
    teamAwaiting: `${base}/actions/team?status=done`,
    tracker: `${base}/actions/tracker`,
    trackerOverdue: `${base}/actions/tracker?overdue=true`,
  };
}
