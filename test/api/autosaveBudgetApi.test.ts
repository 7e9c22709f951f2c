import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../fixtures/testApp';
import { saveFormDeferred, saveFormResponse, type AuditDetail } from '../../shared/api/contracts';
import { AUTOSAVE_RU_PER_SAVE } from '../../bot/audits/saveBudget';

// A budget of 60 RU a minute (1 RU a second), its burst a tenth of that or one save: one autosave goes at
// once, the next waits in seconds for what the bucket lacks of its cost. The clock is ours.
const burst = Math.max(6, AUTOSAVE_RU_PER_SAVE);
const waitMs = (2 * AUTOSAVE_RU_PER_SAVE - burst) * 1_000;
let now = new Date('2026-11-23T10:00:00.000Z').getTime();
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ clock: () => new Date(now), env: { AUTOSAVE_RU_PER_MINUTE: '60' } });
});
afterAll(async () => t?.stop());

const put = (id: string, payload: object, cookie: string) => t.app.server.inject({ method: 'PUT', url: `/api/audits/${id}/form`, payload, headers: { cookie } });
const detail = async (id: string, cookie: string): Promise<AuditDetail> => (await t.app.server.inject({ method: 'GET', url: `/api/audits/${id}`, headers: { cookie } })).json();

describe('autosave over the budget', () => {
  it('answers 202 "not saved yet" (never 429), writes nothing, and saves when asked again after the wait', async () => {
    const cookie = await t.signIn(t.council.featured.auditorId);
    const d = await detail(t.council.featured.careLeaverDeepDiveAuditId, cookie);
    const first = await put(d.audit.id, { etag: d.audit.etag, form: { ...d.audit.form, caseProfile: 'First words.' } }, cookie);
    expect(first.statusCode).toBe(200);
    const etag = saveFormResponse.parse(first.json()).etag;

    const form = { ...d.audit.form, caseProfile: 'First words. More words.' };
    const early = await put(d.audit.id, { etag, form }, cookie);
    expect(early.statusCode).toBe(202);
    expect(saveFormDeferred.parse(early.json())).toEqual({ saved: false, retryAfterMs: waitMs });
    const unchanged = await detail(d.audit.id, cookie);
    expect(unchanged.audit.etag).toBe(etag);
    expect(unchanged.audit.form.caseProfile).toBe('First words.');

    now += 2_000;
    const stillEarly = await put(d.audit.id, { etag, form }, cookie);
    expect(stillEarly.statusCode).toBe(202);
    expect(saveFormDeferred.parse(stillEarly.json()).retryAfterMs).toBe(waitMs - 2_000);

    now += waitMs - 2_000;
    const later = await put(d.audit.id, { etag, form }, cookie);
    expect(later.statusCode).toBe(200);
    expect((await detail(d.audit.id, cookie)).audit.form.caseProfile).toBe('First words. More words.');
  });

  it('documents the 202 answer in OpenAPI', async () => {
    const doc = (await t.app.server.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths['/api/audits/{id}/form'].put.responses)).toContain('202');
  });
});
