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
import { resolveAuditTypeSettings } from '../shared/settings/auditTypeSettings';
import { seedDemoCouncil } from './demo/seedDemoCouncil';
import { londonDate } from '../shared/calendar/londonTime';
import { Dispatcher } from './delivery/dispatcher';
import { DailyScheduler } from './jobs/scheduler';
import { runReminders } from './jobs/reminderJob';
import { teamsSend } from './delivery/teamsSend';
import { auditLink } from './teams/auditLink';
import { ActionCards } from './actions/actionCards';
import { ActionService } from './actions/actionService';
import { actionLinks } from './actions/actionLinks';
import { ACTION_CARD_SUBJECT } from './actions/actionNotices';
import { runActionNudges } from './jobs/actionNudgeJob';
import { defaultActionSettings, type ActionSettings } from '../shared/settings/actionSettings';
import { ConcernService } from './concerns/concernService';
import { CaseOfConcernService } from './concerns/caseOfConcernService';
import { concernRegisterLink } from './concerns/concernLinks';
import { CASE_OF_CONCERN_CARD_SUBJECT, CONCERN_CARD_SUBJECT } from './delivery/concernNotices';
import { IntervalScheduler } from './jobs/intervalScheduler';
import { defaultConcernSettings, type ConcernSettings } from '../shared/settings/concernSettings';

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
  /** Action tracking settings (default: shared/settings/actionSettings defaults). */
  actionSettings?: ActionSettings;
  /** Urgent concern settings: working hours, acknowledgement time (default: shared/settings/concernSettings defaults). */
  concernSettings?: ConcernSettings;
  /** Start the urgent-concern escalation check every few minutes (default true, local mode); tests run it themselves. */
  concernEscalations?: boolean;
}

/** Assembles the service from its settings: the one code path for every mode. */
export async function createApp(config: AppConfig, options: AppOptions = {}): Promise<RunningApp> {
  const logger = createLogger(config.logLevel);
  const clock = options.clock ?? (() => new Date());
  await mkdir(config.dataDir, { recursive: true });
  const store = options.store ?? openSqliteStore(path.join(config.dataDir, 'practice-audit.sqlite'));

  const templates = new TemplateCatalogue([
    ...builtInTemplates(),
    ...(config.templatesDir ? await loadTemplatesFromDirectory(config.templatesDir) : []),
  ]);
  const settings = resolveAuditTypeSettings(config.settingsFile ? await readJson(config.settingsFile, 'SETTINGS_FILE') : {});
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
  const actionSettings = options.actionSettings ?? defaultActionSettings();
  // Urgent concerns and the cases of concern register: raised from audits, alerted by card and e-mail.
  const concernSettings = options.concernSettings ?? defaultConcernSettings();
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
  });
  const rounds = new RoundService({
    store,
    templates,
    settings,
    clock,
    newId: (prefix) => `${prefix}_${randomUUID().replace(/-/g, '')}`,
    auditLink: (auditId) => auditLink(config, auditId),
  });
  const imports = new ImportService({ store, clock });
  const reassignments = new ReassignmentService({ store, clock });
  const meetings = new MeetingService({ store, settings, clock, auditLink: (auditId) => auditLink(config, auditId) });
  const reassign = new ReassignAudit({
    store,
    clock,
    newId: (prefix) => `${prefix}_${randomUUID().replace(/-/g, '')}`,
    auditLink: (auditId) => auditLink(config, auditId),
    labels: { childsJourneyMonthly: settings.childsJourneyMonthly.label, deepDive: settings.deepDive.label, managersMonthly: settings.managersMonthly.label },
  });
  const sessions = new DemoSessions(await sessionSecret(config.dataDir));
  // The bot's own table, on its own connection to the same file (WAL lets the two share it).
  const botDb = openSqliteDatabase(path.join(config.dataDir, 'practice-audit.sqlite'));
  const conversations = sqliteConversationStore(new SqliteConnection(botDb));
  const publicUrl = config.publicUrl.replace(/\/+$/, '');
  const bot = {
    adapter: createLocalBotAdapter(logger),
    logic: createActivityRouter({
      staff: store.staff,
      audits,
      conversations,
      links: { appUrl: `${publicUrl}/`, auditUrl: (id) => auditLink(config, id) },
      clock,
      logger,
      reassignments,
      meetings,
      actions,
      concerns,
    }),
  };
  // E-mail: SMTP when configured; otherwise each message is written to the data folder as an .eml file.
  const email: EmailSender = config.smtp ? smtpEmailSender(config.smtp) : mailDropSender(path.join(config.dataDir, 'mail'), config.mailFrom);
  /** How each kind of card subject is rendered now, for updates to cards already sent (see cardUpdates). */
  const cardRenderers = new Map<string, CardRenderer>();
  cardRenderers.set(ACTION_CARD_SUBJECT, actionCards.render);
  cardRenderers.set(CONCERN_CARD_SUBJECT, (id, recipientId) => concerns.renderCard(id, recipientId));
  cardRenderers.set(CASE_OF_CONCERN_CARD_SUBJECT, (id) => casesOfConcern.renderCard(id));
  const server = await buildServer({ config, store, audits, rounds, reassign, imports, sessions, logger, clock, settings, bot, meetings, actions, concerns: { concerns, casesOfConcern } });

  let dispatcher: Dispatcher | null = null;
  if (config.mode === 'local' && options.dispatcher !== false) {
    // Before any dispatcher runs: what was 'sending' when the last process died goes back in the
    // queue. These few are the only notifications that may reach someone twice.
    const reset = await store.outbox.resetSending();
    logger.info({ reset }, 'outbox: notifications in flight at the last stop put back in the queue');
    dispatcher = new Dispatcher({
      outbox: store.outbox,
      send: channelSend({
        teams: teamsSend({ staff: store.staff, conversations, bot: bot.adapter, outbox: store.outbox, renderers: cardRenderers }),
        email: emailSend({ staff: store.staff, sender: email }),
      }),
      // Ids only: errors may quote a payload.
      onError: (err, notificationId) => logger.error({ notificationId, err: err instanceof Error ? err.name : typeof err }, 'outbox: store error while delivering'),
    });
    dispatcher.start();
  }
  let reminders: DailyScheduler | null = null;
  if (config.mode === 'local' && options.reminders !== false) {
    reminders = new DailyScheduler({
      clock,
      job: (now) => runReminders({ store, settings, myAuditsUrl: `${publicUrl}/` }, now),
      onRun: (result) => logger.info({ result }, 'reminders: daily run done'),
      // No payloads in the log: the error name only.
      onError: (err) => logger.error({ err: err instanceof Error ? err.name : typeof err }, 'reminders: daily run failed; will try again'),
    });
    reminders.start();
  }
  let actionNudges: DailyScheduler | null = null;
  if (config.mode === 'local' && options.actionNudges !== false) {
    actionNudges = new DailyScheduler({
      clock,
      job: (now) => runActionNudges({ store, settings: actionSettings, cards: actionCards, links }, now),
      onRun: (result) => logger.info({ result }, 'action nudges: daily run done'),
      onError: (err) => logger.error({ err: err instanceof Error ? err.name : typeof err }, 'action nudges: daily run failed; will try again'),
    });
    actionNudges.start();
  }
  let concernEscalations: IntervalScheduler | null = null;
  if (config.mode === 'local' && options.concernEscalations !== false) {
    concernEscalations = new IntervalScheduler({
      clock,
      job: (now) => concerns.escalateOverdue(now),
      onRun: (result) => logger.debug({ result }, 'concerns: escalation check done'),
      onError: (err) => logger.error({ err: err instanceof Error ? err.name : typeof err }, 'concerns: escalation check failed; will try again'),
    });
    concernEscalations.start();
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
      await reminders?.stop();
      await actionNudges?.stop();
      await concernEscalations?.stop();
      await dispatcher?.stop();
      await email.close();
      await server.close();
      await store.close();
      if (botDb.open) botDb.close();
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
