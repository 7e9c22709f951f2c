import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startSmtpTestServer, type SmtpTestServer } from './smtpTestServer';
import { mailDropSender, smtpEmailSender } from '../../../bot/email/smtpEmailSender';
import type { EmailMessage, EmailSender } from '../../../bot/email/emailSender';
import { channelSend, emailConversationKey, emailSend } from '../../../bot/delivery/emailSend';
import { Dispatcher } from '../../../bot/delivery/dispatcher';
import { openSqliteStore } from '../../../bot/store/sqlite/openSqliteStore';
import type { Store } from '../../../bot/store/storeInterface';
import { buildStaff } from '../../fixtures/builders';

let smtp: SmtpTestServer;
let sender: EmailSender;

beforeAll(async () => {
  smtp = await startSmtpTestServer();
  sender = smtpEmailSender({ host: '127.0.0.1', port: smtp.port, secure: false, requireTls: false, user: null, password: null, from: 'Practice Audit <practice-audit@council.example>', timeoutMs: 5_000 });
});
afterAll(async () => {
  await sender?.close();
  await smtp?.stop();
});
beforeEach(() => {
  smtp.received.length = 0;
});

const message = (over: Partial<EmailMessage> = {}): EmailMessage => ({
  id: 'ntf-urgent-1',
  to: 'team.manager@council.example',
  subject: 'Urgent: practice concern on case DEMO-100001',
  text: 'Case DEMO-100001 (AB). Open the audit: http://localhost:3978/audits/aud-1',
  urgent: true,
  ...over,
});

describe('SMTP e-mail sender (against a real SMTP server)', () => {
  it('delivers the message with a stable Message-ID and high priority when urgent', async () => {
    const result = await sender.send(message());
    expect(result).toEqual({ kind: 'sent', messageId: '<ntf-urgent-1@council.example>' });
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.envelopeTo).toEqual(['team.manager@council.example']);
    expect(mail.parsed.subject).toBe('Urgent: practice concern on case DEMO-100001');
    expect(mail.parsed.text?.trim()).toBe(message().text);
    expect(mail.parsed.messageId).toBe('<ntf-urgent-1@council.example>');
    // mailparser folds Importance / X-Priority into one `priority` header.
    expect(mail.parsed.headers.get('priority')).toBe('high');
    expect(mail.parsed.headers.get('auto-submitted')).toBe('auto-generated');

    await sender.send(message({ id: 'ntf-routine', urgent: false }));
    expect(smtp.received[1]?.parsed.headers.get('priority')).toBeUndefined();
  });

  it('reports a 4xx reply as transient and a 5xx reply as permanent', async () => {
    smtp.failNext(451);
    expect(await sender.send(message())).toEqual({ kind: 'transient', error: 'SMTP 451' });
    smtp.failNext(550);
    expect(await sender.send(message())).toEqual({ kind: 'permanent', error: 'SMTP 550' });
    expect(smtp.received).toHaveLength(0);
  });

  it('reports a server that cannot be reached as transient', async () => {
    const nowhere = smtpEmailSender({ host: '127.0.0.1', port: 1, secure: false, requireTls: false, user: null, password: null, from: 'pa@council.example', timeoutMs: 2_000 });
    const result = await nowhere.send(message());
    expect(result.kind).toBe('transient');
    await nowhere.close();
  });
});

describe('e-mail through the outbox and the dispatcher', () => {
  let store: Store;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'pa-email-'));
    store = openSqliteStore(path.join(dir, 'store.db'));
    await store.staff.put(buildStaff({ id: 'tm-1', email: 'team.manager@council.example' }), null);
  });
  afterAll(async () => {
    await store?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const dispatcher = () =>
    new Dispatcher({
      outbox: store.outbox,
      send: channelSend({ teams: () => Promise.reject(new Error('no Teams here')), email: emailSend({ staff: store.staff, sender }) }),
      backoff: { baseMs: 1, capMs: 2 },
      maxAttempts: 3,
      random: () => 0,
    });

  const enqueue = (id: string) =>
    store.outbox.enqueue({ id, conversationKey: emailConversationKey('tm-1'), recipientId: 'tm-1', kind: 'urgentConcernEmail', priority: 'urgent', payload: { channel: 'email', subject: 'Urgent: practice concern', text: 'Case DEMO-1 (AB).' } });

  it('retries a temporary refusal and sends the message once', async () => {
    await enqueue('ntf-mail-1');
    smtp.failNext(421);
    const d = dispatcher();
    expect((await d.runOnce()).retried).toBe(1);
    await new Promise((r) => setTimeout(r, 5));
    expect((await d.runOnce()).sent).toBe(1);
    expect(smtp.received.map((m) => m.parsed.messageId)).toEqual(['<ntf-mail-1@council.example>']);
    expect(await store.outbox.get('ntf-mail-1')).toMatchObject({ status: 'sent', attempts: 2, activityId: '<ntf-mail-1@council.example>' });
    // Run again: nothing is sent twice.
    expect((await d.runOnce()).claimed).toBe(0);
    expect(smtp.received).toHaveLength(1);
  });

  it('puts a permanently refused message in the failed list at once', async () => {
    await enqueue('ntf-mail-2');
    smtp.failNext(550);
    expect((await dispatcher().runOnce()).failed).toBe(1);
    expect(await store.outbox.get('ntf-mail-2')).toMatchObject({ status: 'failed', lastError: expect.stringContaining('MailRejected') });
  });
});

describe('mail drop (local mode without a mail server)', () => {
  it('writes each message as an .eml file named by the notification', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'pa-maildrop-'));
    try {
      const drop = mailDropSender(path.join(dir, 'mail'), 'Practice Audit <practice-audit@localhost>');
      expect(await drop.send(message())).toMatchObject({ kind: 'sent' });
      expect(await readdir(path.join(dir, 'mail'))).toEqual(['ntf-urgent-1.eml']);
      const raw = await readFile(path.join(dir, 'mail', 'ntf-urgent-1.eml'), 'utf8');
      expect(raw).toContain('Subject: Urgent: practice concern on case DEMO-100001');
      expect(raw).toContain('To: team.manager@council.example');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
