import { AUTOSAVE_RU_PER_SAVE, READ_RU, SaveBudget } from './audits/saveBudget';
import { SignedInStaff } from './identity/signedInStaff';
import { DirectorySyncRuns, nightlyDirectorySync } from './directory/directorySyncRuns';
import { channelSend, emailSend } from './delivery/emailSend';
import type { CardRenderer } from './delivery/cardUpdates';
import type { EmailSender } from './email/emailSender';
import { mailDropSender, smtpEmailSender } from './email/smtpEmailSender';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { ConfigError, type AppConfig } from './config/appConfig';
import type { Store } from './store/storeInterface';
import { openSqliteDatabase, openSqliteStore } from './store/sqlite/openSqliteStore';
import { SqliteConnection } from './store/sqlite/sqliteRecord';
import { sqliteConversationStore } from './store/sqlite/sqliteConversationStore';
import type { ConversationStore } from './teams/conversationStore';
import { createLocalBotAdapter, type BotAdapter } from './teams/botAdapter';
import { createActivityRouter } from './teams/activityRouter';
import { AuditService } from './audits/auditService';
import { RoundService } from './rounds/roundService';
import { ImportService } from './imports/importService';
import { ReassignmentService } from './reassignments/reassignmentService';
import { MeetingService } from './meetings/meetingService';
import { ReassignAudit } from './reassignments/reassignAudit';
import { DemoSessions } from './identity/demoSession';
import { buildServer } from './http/server';
import { createLogger, type Logger } from './http/logger';
import { TemplateCatalogue, builtInTemplates } from '../shared/templates/templateCatalogue';
import { loadTemplatesFromDirectory } from './templates/templateFiles';
import { resolveCouncilSettings } from '../shared/settings/councilSettings';
import { seedDemoCouncil } from './demo/seedDemoCouncil';
import { londonDate } from '../shared/calendar/londonTime';
import { Dispatcher } from './delivery/dispatcher';
import { DailyScheduler } from './jobs/scheduler';
import { runReminders } from './jobs/reminderJob';
import { teamsSend } from './delivery/teamsSend';
import { auditLink } from './teams/auditLink';
import { tabLink } from './teams/tabLinks';
import { ActionCards } from './actions/actionCards';
import { ActionService } from './actions/actionService';
import { actionLinks } from './actions/actionLinks';
import { ACTION_CARD_SUBJECT } from './actions/actionNotices';
import { runActionNudges } from './jobs/actionNudgeJob';
import type { ActionSettings } from '../shared/settings/actionSettings';
import { ConcernService } from './concerns/concernService';
import { CaseOfConcernService } from './concerns/caseOfConcernService';
import { concernRegisterLink } from './concerns/concernLinks';
import { CASE_OF_CONCERN_CARD_SUBJECT, CONCERN_CARD_SUBJECT } from './delivery/concernNotices';
import { IntervalScheduler } from './jobs/intervalScheduler';
import type { ConcernSettings } from '../shared/settings/concernSettings';
import { openTenantServices, type TenantTestHooks } from './tenantServices';
import { LeaseKeeper, onlyOnLeaseHolder, type JobLease } from './jobs/jobLease';
import { SqliteJobLease } from './jobs/sqliteJobLease';

export interface RunningApp {
  server: FastifyInstance;
  store: Store;
  /** Where the bot reaches each person proactively. */
  conversations: ConversationStore;
  /** Sends to Teams; proactive messages go through `bot.continueConversation`. */
  bot: BotAdapter;
  /** Delivers the outbox to Teams; null when the options turned it off. */
  dispatcher: Dispatcher | null;
  /** Action tracking: the steps behind the tab and the cards (tests drive it directly too). */
  actions: ActionService;
  logger: Logger;
  /** Urgent concerns (tests run the escalation check with their own clock). */
  concerns: ConcernService;
  close(): Promise<void>;
}

export interface AppOptions {
  clock?: () => Date;
  /** Use this store instead of opening the SQLite file (tests). */
  store?: Store;
  /** Start the outbox dispatcher (default true); tests that inspect the queue turn it off. */
  dispatcher?: boolean;
  /** Start the daily reminder scheduler (default true, local mode); tests run the job themselves. */
  reminders?: boolean;
  /** Start the daily action nudges (default true, local mode); tests run the job themselves. */
  actionNudges?: boolean;
  /** Action tracking settings (default: the settings file's `actions` block over shared/settings/actionSettings defaults). */
  actionSettings?: ActionSettings;
  /** Urgent concern settings: working hours, acknowledgement time (default: the settings file's `concerns` block over the defaults). */
  concernSettings?: ConcernSettings;
  /** Start the urgent-concern escalation check every few minutes (default true, local mode); tests run it themselves. */
  concernEscalations?: boolean;
  /** Run the Entra directory sync nightly at 07:00 (default true when ENTRA_DIRECTORY_GROUPS is set); tests run it on request. */
  directorySync?: boolean;
  /** Tenant mode against simulators (tests): where Entra, Graph and the Bot Connector's metadata are. */
  tenant?: TenantTestHooks;
  /** The job lease to use instead of SQLite's (local) or the blob's (tenant) (tests). */
  jobLease?: JobLease;
}

/** Assembles the service from its settings: the one code path for every mode. */
export async function createApp(config: AppConfig, options: AppOptions = {}): Promise<RunningApp> {
  const logger = createLogger(config.logLevel);
  const clock = options.clock ?? (() => new Date());
  // Tenant mode keeps nothing on the local disk (App Service runs the app from a read-only package).
  if (!config.tenant) await mkdir(config.dataDir, { recursive: true });
  // Tenant mode: SharePoint store, Teams SSO, authenticated bot, Graph e-mail, blob lease (tenantServices.ts).
  const tenant = config.tenant ? await openTenantServices(config.tenant, logger, options.tenant, { openStore: !options.store }) : null;
  // The signed-in person is remembered for a few minutes (bot/identity/signedInStaff.ts); staff writes made here forget it.
  // Autosaves keep inside SharePoint's throttling band; unlimited in local mode unless set. The sign-in reads pay into it too.
  const saveBudget = new SaveBudget({ ruPerMinute: config.autosaveRuPerMinute, ruPerSave: AUTOSAVE_RU_PER_SAVE, now: () => clock().getTime() });
  const signedIn = new SignedInStaff({ now: () => clock().getTime(), onRead: () => store.remote && saveBudget.spend(READ_RU) });
  const store = signedIn.watching(options.store ?? tenant?.store ?? openSqliteStore(path.join(config.dataDir, 'practice-audit.sqlite')));

  const templates = new TemplateCatalogue([
    ...builtInTemplates(),
    ...(config.templatesDir ? await loadTemplatesFromDirectory(config.templatesDir) : []),
  ]);
  // One file, three blocks (auditTypes, concerns, actions), each validated naming the bad field.
  const councilSettings = resolveCouncilSettings(config.settingsFile ? await readJson(config.settingsFile, 'SETTINGS_FILE') : {});
  const settings = councilSettings.auditTypes;
  for (const s of Object.values(settings)) {
    try {
      templates.latest(s.templateId);
    } catch {
      throw new ConfigError(`Audit type ${s.auditType} uses template "${s.templateId}", which is not in the template catalogue.`);
    }
  }

  if (config.mode === 'local' && config.demoData) {
    const seeded = await seedDemoCouncil(store, { seed: config.demoSeed, today: londonDate(clock()) });
    if (seeded) logger.info({ seed: config.demoSeed }, 'demo council loaded');
  }

  // Action tracking: cards and the steps behind them (done, approve, return), shared by the tab and the bot.
  const links = actionLinks(config);
  const actionCards = new ActionCards({
    store,
    templates,
    links,
    labels: { childsJourneyMonthly: settings.childsJourneyMonthly.label, deepDive: settings.deepDive.label, managersMonthly: settings.managersMonthly.label },
  });
  const actions = new ActionService({
    store,
    cards: actionCards,
    links,
    clock,
    newId: (prefix) => `${prefix}_${randomUUID().replace(/-/g, '')}`,
    onNoticeError: (err, actionId) => logger.error({ actionId, err: err instanceof Error ? err.name : typeof err }, 'actions: change saved, but its cards could not be queued'),
  });
  const actionSettings = options.actionSettings ?? councilSettings.actions;
  // Urgent concerns and the cases of concern register: raised from audits, alerted by card and e-mail.
  const concernSettings = options.concernSettings ?? councilSettings.concerns;
  const concerns = new ConcernService({ store, settings, concernSettings, clock, links: { auditUrl: (id) => auditLink(config, id) }, logger });
  const casesOfConcern = new CaseOfConcernService({ store, settings, clock, registerUrl: concernRegisterLink(config) });
  const audits = new AuditService({
    store,
    templates,
    settings,
    clock,
    newId: (prefix) => `${prefix}_${randomUUID().replace(/-/g, '')}`,
    onActionsLive: (audit) => actions.announceNewActions(audit),
    onAuditChanged: (audit, kind, actorId) => concerns.onAuditChanged(audit, kind, actorId),
    saveBudget,
  });
  const rounds = new RoundService({
    store,
    templates,
    settings,
    clock,
    newId: (prefix) => `${prefix}_${randomUUID().replace(/-/g, '')}`,
    auditLink: (auditId) => auditLink(config, auditId),
  });
  // Tenant mode with ENTRA_DIRECTORY_GROUPS: staff come from Entra, nightly and on request; the staff file import is off.
  const tenantDirectorySync = tenant?.directorySync ?? null;
  const directorySync = tenantDirectorySync
    ? new DirectorySyncRuns({
        sync: (opts) => tenantDirectorySync(store, opts),
        clock,
        // Counts and error names only: problems name e-mail addresses.
        onRun: (run, err) => {
          if (run.outcome === 'failed') return logger.error({ trigger: run.trigger, err: err instanceof Error ? err.name : typeof err }, 'directory: sync failed');
          const { membersFound, created, updated, unchanged, markedInactive, leaversHeldBack, problems } = run.summary;
          const counts = { trigger: run.trigger, membersFound, created, updated, unchanged, markedInactive, leaversHeldBack, problems: problems.length };
          // Held-back leavers keep their access until an administrator confirms: that needs seeing.
          if (leaversHeldBack > 0) logger.warn(counts, 'directory: sync done, leavers held back for an administrator to confirm');
          else logger.info(counts, 'directory: sync done');
        },
      })
    : null;
  const imports = new ImportService({ store, clock, staffFromEntra: directorySync !== null });
  const reassignments = new ReassignmentService({ store, clock });
  const meetings = new MeetingService({ store, settings, clock, auditLink: (auditId) => auditLink(config, auditId) });
  const reassign = new ReassignAudit({
    store,
    clock,
    newId: (prefix) => `${prefix}_${randomUUID().replace(/-/g, '')}`,
    auditLink: (auditId) => auditLink(config, auditId),
    labels: { childsJourneyMonthly: settings.childsJourneyMonthly.label, deepDive: settings.deepDive.label, managersMonthly: settings.managersMonthly.label },
  });
  // Demo sign-in does not exist in tenant mode: its sessions get a throwaway secret and are never consulted.
  const sessions = new DemoSessions(config.tenant ? randomBytes(32) : await sessionSecret(config.dataDir));
  // The bot's own table, on its own connection to the same file (WAL lets the two share it); a SharePoint list in tenant mode.
  let botDb: ReturnType<typeof openSqliteDatabase> | null = null;
  let conversations = tenant?.conversations ?? null;
  if (!conversations) {
    botDb = openSqliteDatabase(path.join(config.dataDir, 'practice-audit.sqlite'));
    conversations = sqliteConversationStore(new SqliteConnection(botDb));
  }
  const bot = {
    adapter: tenant?.botAdapter ?? createLocalBotAdapter(logger),
    logic: createActivityRouter({
      staff: store.staff,
      audits,
      conversations,
      links: { appUrl: tabLink(config, '/'), auditUrl: (id) => auditLink(config, id) },
      clock,
      logger,
      reassignments,
      meetings,
      actions,
      concerns,
    }),
  };
  // E-mail: SMTP when configured; otherwise each message is written to the data folder as an .eml file.
  // Tenant mode: Graph sendMail from the service mailbox.
  const email: EmailSender = tenant?.email ?? (config.smtp ? smtpEmailSender(config.smtp) : mailDropSender(path.join(config.dataDir, 'mail'), config.mailFrom));
  /** How each kind of card subject is rendered now, for updates to cards already sent (see cardUpdates). */
  const cardRenderers = new Map<string, CardRenderer>();
  cardRenderers.set(ACTION_CARD_SUBJECT, actionCards.render);
  cardRenderers.set(CONCERN_CARD_SUBJECT, (id, recipientId) => concerns.renderCard(id, recipientId));
  cardRenderers.set(CASE_OF_CONCERN_CARD_SUBJECT, (id) => casesOfConcern.renderCard(id));
  const server = await buildServer({ config, store, signedIn, audits, rounds, reassign, imports, sessions, logger, clock, settings, bot, meetings, actions, concerns: { concerns, casesOfConcern }, ...(tenant ? { sso: tenant.sso } : {}), directorySync });

  // Scheduled jobs and the dispatcher run only on the instance holding the job lease, so scaling
  // out never sends twice (infra/README.md). Each is started when the lease is gained and stopped
  // when it is lost; each job also checks the lease as it runs.
  let keeper: LeaseKeeper | null = null;
  const leaseHolder = { get holding() { return keeper?.holding ?? false; } };
  const leaseWork: { start(): void; stop(): Promise<void> }[] = [];
  let dispatcher: Dispatcher | null = null;
  if (options.dispatcher !== false) {
    const teams = teamsSend({ staff: store.staff, conversations, bot: bot.adapter, outbox: store.outbox, renderers: cardRenderers });
    dispatcher = new Dispatcher({
      outbox: store.outbox,
      send: channelSend({
        // Tenant mode installs the app for people it has no chat with (TEAMS_APP_CATALOG_ID).
        teams: tenant ? tenant.reachEveryone(teams, store.staff) : teams,
        email: emailSend({ staff: store.staff, sender: email }),
      }),
      // Ids only: errors may quote a payload.
      onError: (err, notificationId) => logger.error({ notificationId, err: err instanceof Error ? err.name : typeof err }, 'outbox: store error while delivering'),
    });
  }
  let reminders: DailyScheduler | null = null;
  if (options.reminders !== false) {
    reminders = new DailyScheduler({
      clock,
      job: onlyOnLeaseHolder(leaseHolder, (now) => runReminders({ store, settings, myAuditsUrl: tabLink(config, '/') }, now)),
      onRun: (result) => logger.info({ result }, 'reminders: daily run done'),
      // No payloads in the log: the error name only.
      onError: (err) => logger.error({ err: err instanceof Error ? err.name : typeof err }, 'reminders: daily run failed; will try again'),
    });
    leaseWork.push(reminders);
  }
  let actionNudges: DailyScheduler | null = null;
  if (options.actionNudges !== false) {
    actionNudges = new DailyScheduler({
      clock,
      job: onlyOnLeaseHolder(leaseHolder, (now) => runActionNudges({ store, settings: actionSettings, cards: actionCards, links }, now)),
      onRun: (result) => logger.info({ result }, 'action nudges: daily run done'),
      onError: (err) => logger.error({ err: err instanceof Error ? err.name : typeof err }, 'action nudges: daily run failed; will try again'),
    });
    leaseWork.push(actionNudges);
  }
  let concernEscalations: IntervalScheduler | null = null;
  if (options.concernEscalations !== false) {
    concernEscalations = new IntervalScheduler({
      clock,
      job: onlyOnLeaseHolder(leaseHolder, (now) => concerns.escalateOverdue(now)),
      onRun: (result) => logger.debug({ result }, 'concerns: escalation check done'),
      onError: (err) => logger.error({ err: err instanceof Error ? err.name : typeof err }, 'concerns: escalation check failed; will try again'),
    });
    leaseWork.push(concernEscalations);
  }
  let directoryNightly: DailyScheduler | null = null;
  if (directorySync && options.directorySync !== false) {
    // Before the 09:00 reminders and nudges, so they go to the managers Entra names today.
    directoryNightly = new DailyScheduler({
      clock,
      atMinutes: 7 * 60,
      // A failed run is tried again at the next check, a quarter of an hour on.
      checkEveryMs: 15 * 60_000,
      job: onlyOnLeaseHolder(leaseHolder, nightlyDirectorySync(directorySync)),
      onError: (err) => logger.warn({ err: err instanceof Error ? err.name : typeof err }, 'directory: nightly sync will be tried again'),
    });
    leaseWork.push(directoryNightly);
  }
  let closeLease = (): void => undefined;
  if (dispatcher || leaseWork.length > 0) {
    const running = dispatcher;
    let lease: JobLease;
    if (options.jobLease) lease = options.jobLease;
    else if (tenant) lease = await tenant.jobLease();
    else {
      const sqliteLease = new SqliteJobLease({ file: path.join(config.dataDir, 'job-lease.sqlite') });
      closeLease = () => sqliteLease.close();
      lease = sqliteLease;
    }
    keeper = new LeaseKeeper({
      lease,
      onChange: async (holding) => {
        try {
          if (holding) {
            if (running) {
              // Before the dispatcher runs: what was 'sending' when the last holder died goes back in the
              // queue. These few are the only notifications that may reach someone twice.
              const reset = await store.outbox.resetSending();
              logger.info({ reset }, 'outbox: notifications in flight at the last stop put back in the queue');
              running.start();
            }
            for (const w of leaseWork) w.start();
          } else {
            await Promise.all([running?.stop(), ...leaseWork.map((w) => w.stop())]);
          }
          logger.info({ holding }, holding ? 'job lease: held here, jobs and dispatcher started' : 'job lease: not held here, jobs and dispatcher stopped');
        } catch (err) {
          logger.error({ err: err instanceof Error ? err.name : typeof err }, 'job lease: could not start or stop the work');
        }
      },
      onError: (err) => logger.warn({ err: err instanceof Error ? err.name : typeof err }, 'job lease: lease storage unreachable; will try again'),
    });
    // The first attempt now, so a lone instance is delivering by the time start-up returns.
    await keeper.tick();
    keeper.start();
  }
  return {
    server,
    store,
    conversations,
    bot: bot.adapter,
    dispatcher,
    actions,
    logger,
    concerns,
    async close() {
      // First: stops the work and releases the lease, so another instance takes over at once.
      await keeper?.stop();
      closeLease();
      await reminders?.stop();
      await actionNudges?.stop();
      await concernEscalations?.stop();
      await directoryNightly?.stop();
      await dispatcher?.stop();
      await email.close();
      await server.close();
      await store.close();
      if (botDb?.open) botDb.close();
    },
  };
}

async function readJson(file: string, setting: string): Promise<unknown> {
  const text = await readFile(file, 'utf8').catch(() => {
    throw new ConfigError(`${setting}: cannot read ${file}`);
  });
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new ConfigError(`${setting}: ${file} is not valid JSON (${e instanceof Error ? e.message : 'parse error'})`);
  }
}

/** A per-installation secret for signing demo sessions, created once and kept in the data folder. */
async function sessionSecret(dataDir: string): Promise<Buffer> {
  const file = path.join(dataDir, 'session-secret');
  const existing = await readFile(file).catch(() => null);
  if (existing && existing.length >= 32) return existing;
  const secret = randomBytes(32);
  await writeFile(file, secret, { mode: 0o600 });
  return secret;
}
