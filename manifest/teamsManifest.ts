import type { PackageSettings } from './packageSettings';

/**
 * The Teams app manifest. Schema 1.22 is the version Microsoft's manifest reference names as
 * current, and @microsoft/app-manifest bundles it, so the package is validated offline.
 */
export const manifestVersion = '1.22';
export const manifestSchemaUrl = `https://developer.microsoft.com/json-schemas/teams/v${manifestVersion}/MicrosoftTeams.schema.json`;

export const iconFiles = { color: 'color.png', outline: 'outline.png' } as const;

/** The static tab's id; the bot's deep links (bot/teams/tabLinks.ts) open pages inside it, the page as `subEntityId`. */
export const myAuditsEntityId = 'myAudits';

export function teamsManifest(s: PackageSettings): Record<string, unknown> {
  const origin = `https://${s.publicHost}`;
  const botCommands = [
    { title: 'my audits', description: 'List the audits waiting for you, with their due dates' },
    { title: 'help', description: 'What Practice Audit can do and where to find it' },
  ];
  return {
    $schema: manifestSchemaUrl,
    manifestVersion,
    version: s.appVersion,
    id: s.appId,
    developer: s.developer,
    name: { short: 'Practice Audit', full: "Practice Audit for children's social care" },
    description: {
      short: "Case-file audits for children's services, in Teams.",
      full:
        "Practice Audit runs a children's social care service's monthly case-file audits in Teams. " +
        'Auditors see the files allocated to them under My audits, complete the graded form with the ' +
        'grading guidance beside it, and agree actions with the allocated worker. The bot tells people ' +
        'when audits are allocated or due. Records stay in the council’s own SharePoint site and every ' +
        'change is kept in an audit trail.',
    },
    icons: { color: iconFiles.color, outline: iconFiles.outline },
    accentColor: s.accentColour,
    staticTabs: [
      {
        entityId: myAuditsEntityId,
        name: 'My audits',
        // Teams fills in the placeholders; the tab reads the rest of its context through teams-js.
        contentUrl: `${origin}/?inTeams=true&locale={locale}&theme={theme}`,
        websiteUrl: `${origin}/`,
        scopes: ['personal'],
      },
    ],
    bots: [
      {
        botId: s.botId,
        scopes: ['personal', 'team'],
        supportsFiles: false,
        isNotificationOnly: false,
        commandLists: [
          { scopes: ['personal'], commands: botCommands },
          { scopes: ['team'], commands: botCommands },
        ],
      },
    ],
    validDomains: [s.publicHost],
    webApplicationInfo: { id: s.clientId, resource: `api://${s.publicHost}/${s.clientId}` },
  };
}
