import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../fixtures/testApp';
import type { PublishResponse, RoundPreview } from '../../shared/api/contracts';
import { roundDeliveryResponse } from '../../shared/api/contracts';
import { allocationNoticeId } from '../../bot/delivery/allocationNotice';

// The dispatcher is off: the test moves (claiming far ahead, whatever clock the store stamps with) notices through the outbox itself, as a dispatcher would.
const now = new Date('2026-11-02T10:00:00.000Z');
const auditorIds = ['tm-cp-north', 'tm-children-in-care', 'tm-mash'];
let t: TestApp;
let lead: string;

beforeAll(async () => {
  t = await startTestApp({ clock: () => now, dispatcher: false });
  lead = await t.signIn(t.council.featured.qaLeadId);
});
afterAll(async () => t?.stop());

const post = (url: string, payload: object, cookie: string) => t.app.server.inject({ method: 'POST', url, payload, headers: { cookie } });

describe('POST /api/rounds/:id/delivery/retry', () => {
  it('puts failed and undeliverable notices back in the queue and leaves sent ones alone', async () => {
    const draft: RoundPreview = (await post('/api/rounds', { month: '2026-11', auditType: 'managersMonthly', auditorIds, casesPerAuditor: 1, seed: 21 }, lead)).json();
    const published: PublishResponse = (await post(`/api/rounds/${draft.round.id}/publish`, { confirmConflicts: true }, lead)).json();
    expect(published.auditIds.length).toBe(3);
    const [failedId, notInstalledId, sentId] = published.auditIds.map(allocationNoticeId);
    const { outbox } = t.app.store;
    const claimed = (await outbox.claimDue(new Date('2100-01-01T00:00:00.000Z'), 10_000)).map((n) => n.id);
    expect(claimed).toEqual(expect.arrayContaining([failedId, notInstalledId, sentId]));
    await outbox.markFailed(failedId!, 'gave up');
    await outbox.markUndeliverable(notInstalledId!, 'notInstalled', 'no conversation');
    await outbox.markSent(sentId!, 'act-1');

    const res = await post(`/api/rounds/${draft.round.id}/delivery/retry`, {}, lead);
    expect(res.statusCode).toBe(200);
    const body = roundDeliveryResponse.parse(res.json());
    expect(body.counts).toEqual({ queued: 2, sending: 0, sent: 1, failed: 0, undeliverable: 0 });
    expect(body.undeliverable).toEqual([]);
    const requeued = await outbox.get(failedId!);
    expect(requeued?.status).toBe('queued');
    expect(requeued?.attempts).toBe(0);
    expect((await outbox.get(notInstalledId!))?.status).toBe('queued');
    expect((await outbox.get(sentId!))?.activityId).toBe('act-1');
  });

  it('is for QA leads and the PSW only, and 404 for an unknown round', async () => {
    const draft: RoundPreview = (await post('/api/rounds', { month: '2026-11', auditType: 'managersMonthly', auditorIds, casesPerAuditor: 1, seed: 22 }, lead)).json();
    const worker = await t.signIn(t.council.featured.workerId);
    expect((await post(`/api/rounds/${draft.round.id}/delivery/retry`, {}, worker)).statusCode).toBe(403);
    expect((await post('/api/rounds/no-such-round/delivery/retry', {}, lead)).statusCode).toBe(404);
  });
});
