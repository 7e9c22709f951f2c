import { tabLink, type TabLinkConfig } from '../teams/tabLinks';

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
 * The links to the action pages, like `auditLink`: each page through `tabLink` (its https address in
 * local mode, a Teams deep link to the tab with the page, query included, as sub-page id in tenant mode).
 */
export function actionLinks(config: TabLinkConfig): ActionLinks {
  return {
    myActions: tabLink(config, '/actions/mine'),
    teamActions: tabLink(config, '/actions/team'),
    teamAwaiting: tabLink(config, '/actions/team?status=done'),
    tracker: tabLink(config, '/actions/tracker'),
    trackerOverdue: tabLink(config, '/actions/tracker?overdue=true'),
  };
}
