import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../fixtures/testApp';
import type { PublishResponse, RoundDeliveryResponse, RoundPreview } from '../../shared/api/contracts';
import { roundDeliveryResponse } from '../../shared/api/contracts';
import { allocationNoticeId } from '../../bot/delivery/allocationNotice';

// The dispatcher is off, so the notices publish writes stay queued where the test can see them.
const now = new Date('2026-11-02T10:00:00.000Z');
const auditorIds = ['tm-cp-north', 'tm-children-in-care', 'tm-mash'];
let t: TestApp;
let lead: string;

beforeAll(async () => {
  t = await startTestApp({ clock: () => now, dispatcher: false });
  lead = await t.signIn(t.council.featured.qaLeadId);
});
afterAll(async () => t?.stop());

const get = (url: string, cookie: string) => t.app.server.inject({ method: 'GET', url, headers: { cookie } });
const post = (url: string, payload: object, cookie: string) => t.app.server.inject({ method: 'POST', url, payload, headers: { cookie } });

describe('GET /api/rounds/:id/delivery', () => {
  it('counts the notices publish queued, one per audit, and publishing again adds none', async () => {
    expect(t.app.dispatcher).toBeNull();
    const draft: RoundPreview = (await post('/api/rounds', { month: '2026-11', auditType: 'managersMonthly', auditorIds, casesPerAuditor: 2, seed: 7 }, lead)).json();
    const empty = (await get(`/api/rounds/${draft.round.id}/delivery`, lead)).json() as RoundDeliveryResponse;
    expect(empty.counts).toEqual({ queued: 0, sending: 0, sent: 0, failed: 0, undeliverable: 0 });

    const published: PublishResponse = (await post(`/api/rounds/${draft.round.id}/publish`, { confirmConflicts: true }, lead)).json();
    expect(published.created).toBe(6);
    await post(`/api/rounds/${draft.round.id}/publish`, { confirmConflicts: true }, lead);
    const res = await get(`/api/rounds/${draft.round.id}/delivery`, lead);
    expect(res.statusCode).toBe(200);
    const body = roundDeliveryResponse.parse(res.json());
    expect(body).toEqual({ roundId: draft.round.id, counts: { queued: 6, sending: 0, sent: 0, failed: 0, undeliverable: 0 }, undeliverable: [] });
    for (const id of published.auditIds) {
      const audit = await t.app.store.audits.get(id);
      expect((await t.app.store.outbox.get(allocationNoticeId(id)))?.recipientId).toBe(audit?.auditorId);
    }
  });

  it('is for QA leads and the PSW only, and 404 for an unknown round', async () => {
    const draft: RoundPreview = (await post('/api/rounds', { month: '2026-11', auditType: 'managersMonthly', auditorIds, casesPerAuditor: 1, seed: 8 }, lead)).json();
    const worker = await t.signIn(t.council.featured.workerId);
    expect((await get(`/api/rounds/${draft.round.id}/delivery`, worker)).statusCode).toBe(403);
    expect((await get('/api/rounds/no-such-round/delivery', lead)).statusCode).toBe(404);
  });
});
