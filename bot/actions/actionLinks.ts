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
 * the same addresses in tenant mode for now (Teams deep links are still to come).
 */
export function actionLinks(config: Pick<AppConfig, 'mode' | 'publicUrl'>): ActionLinks {
  // Tenant mode uses the same https address for now (it opens in the browser); a Teams deep link
  // that opens the tab inside Teams is still to come.
  const base = config.publicUrl.replace(/\/+$/, '');
  return {
    myActions: `${base}/actions/mine`,
    teamActions: `${base}/actions/team`,
    teamAwaiting: `${base}/actions/team?status=done`,
    tracker: `${base}/actions/tracker`,
    trackerOverdue: `${base}/actions/tracker?overdue=true`,
  };
}
