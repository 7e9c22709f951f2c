import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GraphSimulator } from '../../test/simulators/graph/graphSimulator';
import { simClient } from '../../test/simulators/graph/graphHarness';
import { GraphClient } from '../store/sharepoint/graphClient';
import { emailSend } from '../delivery/emailSend';
import { classifyDelivery } from '../delivery/deliveryOutcome';
import type { OutboxNotification } from '../delivery/outboxStore';
import { graphMailSender } from './graphMailSender';

let sim: GraphSimulator;
beforeAll(async () => {
  sim = new GraphSimulator();
  await sim.start();
  sim.users.addMailbox('practice-audit@council.example');
  sim.users.addMailbox('someone-else@council.example', { allowedByPolicy: false });
});
afterAll(async () => sim.stop());
afterEach(() => sim.clearFaults());

/** One attempt per send: throttling goes back to the dispatcher, which honours Retry-After. */
const oneShot = () => new GraphClient({ baseUrl: sim.baseUrl, getToken: async () => 'test-token', maxAttempts: 1, timeoutMs: 2_000 });
const message = { id: 'ntf_1', to: 'hazel.wren@council.example', subject: 'Urgent concern: DEMO-0001', text: 'Open Practice Audit to acknowledge.', urgent: true };

describe('graphMailSender (Graph sendMail)', () => {
  it('sends from the service mailbox: 202 is sent, plain text, high importance, not kept in Sent Items', async () => {
    const client = oneShot();
    const sender = graphMailSender({ send: (r) => client.send(r), mailbox: 'practice-audit@council.example' });
    const before = sim.users.sentMail.length;
    expect(await sender.send(message)).toEqual({ kind: 'sent', messageId: 'graph:ntf_1' });
    expect(sim.users.sentMail.slice(before)).toEqual([
      { from: 'practice-audit@council.example', to: ['hazel.wren@council.example'], subject: message.subject, contentType: 'Text', content: message.text, importance: 'high', saveToSentItems: false },
    ]);
  });

  it('429 and 503 are transient and carry Retry-After, which the dispatcher honours', async () => {
    const client = oneShot();
    const sender = graphMailSender({ send: (r) => client.send(r), mailbox: 'practice-audit@council.example' });
    sim.inject({ kind: '429', count: 1, retryAfter: 7, match: (_m, p) => p.endsWith('/sendMail') });
    const throttled = await sender.send(message);
    expect(throttled).toMatchObject({ kind: 'transient', retryAfterMs: 7_000 });
    sim.inject({ kind: '503', count: 1, retryAfter: 3, match: (_m, p) => p.endsWith('/sendMail') });
    expect(await sender.send(message)).toMatchObject({ kind: 'transient', retryAfterMs: 3_000 });

    // Through the outbox's e-mail channel: the dispatcher's classification waits at least 7 s.
    sim.inject({ kind: '429', count: 1, retryAfter: 7, match: (_m, p) => p.endsWith('/sendMail') });
    const send = emailSend({ staff: { get: async () => ({ id: 'stf_1', email: message.to, active: true }) as never }, sender });
    const now = new Date().toISOString();
    const n: OutboxNotification = { id: 'ntf_2', conversationKey: 'email:stf_1', recipientId: 'stf_1', kind: 'urgentConcernEmail', payload: { channel: 'email', subject: message.subject, text: message.text }, priority: 'urgent', status: 'sending', attempts: 0, nextAttemptAt: now, activityId: null, lastError: null, undeliverableReason: null, createdAt: now, updatedAt: now };
    const result = await send(n);
    expect(classifyDelivery(result, Date.now())).toEqual({ kind: 'retryAfter', ms: 7_000, error: '429 MailThrottled' });
  });

  it('an unknown mailbox or one outside the access policy is permanent', async () => {
    const client = oneShot();
    const unknown = graphMailSender({ send: (r) => client.send(r), mailbox: 'nobody@council.example' });
    expect(await unknown.send(message)).toEqual({ kind: 'permanent', error: 'Graph sendMail 404 ErrorInvalidUser' });
    const refused = graphMailSender({ send: (r) => client.send(r), mailbox: 'someone-else@council.example' });
    expect(await refused.send(message)).toEqual({ kind: 'permanent', error: 'Graph sendMail 403 ErrorAccessDenied' });
  });

  it('no answer is transient (it may have gone; a retry risks one duplicate, never a loss)', async () => {
    const client = new GraphClient({ baseUrl: sim.baseUrl, getToken: async () => 'test-token', maxAttempts: 1, timeoutMs: 300 });
    const sender = graphMailSender({ send: (r) => client.send(r), mailbox: 'practice-audit@council.example' });
    sim.inject({ kind: 'timeout', count: 1, match: (_m, p) => p.endsWith('/sendMail') });
    expect(await sender.send(message)).toEqual({ kind: 'transient', error: 'Graph sendMail: no answer' });
  });

  it('the simulator refuses a message without a valid recipient', async () => {
    const res = await simClient(sim).send({ method: 'POST', url: '/users/practice-audit@council.example/sendMail', body: { message: { subject: 's', body: { contentType: 'Text', content: 'x' }, toRecipients: [{ emailAddress: { address: 'not-an-address' } }] } } });
    expect(res.status).toBe(400);
  });
});
