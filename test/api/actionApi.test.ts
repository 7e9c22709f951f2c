import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../fixtures/testApp';
import { actionPeople, oidOf, setUpActionOrg, type ActionOrg, type ActionPerson } from '../fixtures/actionOrg';
import { completeForm } from '../fixtures/completeForm';
import { actionListResponse, actionView, type ActionView } from '../../shared/api/actionContracts';
import type { AuditDetail } from '../../shared/api/contracts';
import { actionCardVersion } from '../../shared/actions/actionLifecycle';
import { actionIdFor } from '../../shared/actions/actionIds';
import type { AuditAction } from '../../shared/schemas/actions';
import type { WithETag } from '../../bot/store/storeInterface';
import { approvalNoticeId, newActionsNoticeId, returnedNoticeId } from '../../bot/actions/actionNotices';
import { cardUpdateNotice } from '../../bot/delivery/cardUpdates';
import { ActionCards } from '../../bot/actions/actionCards';
import { actionLinks } from '../../bot/actions/actionLinks';
import { TemplateCatalogue, builtInTemplates } from '../../shared/templates/templateCatalogue';
import { defaultAuditTypeLabels } from '../../shared/cards/cardInputs';

// Wednesday 25/11/2026, 10:00 in London.
const now = new Date('2026-11-25T10:00:00.000Z');
const DONE_AT = '2026-11-24T15:00:00.000Z';
let t: TestApp;
let org: ActionOrg;
const cookies = {} as Record<ActionPerson, string>;
const roles = Object.keys(actionPeople) as ActionPerson[];

beforeAll(async () => {
  t = await startTestApp({ clock: () => now, dispatcher: false });
  org = await setUpActionOrg(t.app.store);
  for (const r of roles) cookies[r] = await t.signIn(actionPeople[r]);
});
afterAll(async () => t?.stop());

const get = (url: string, who: ActionPerson) => t.app.server.inject({ method: 'GET', url, headers: { cookie: cookies[who] } });
const post = (url: string, payload: object, who: ActionPerson) => t.app.server.inject({ method: 'POST', url, payload, headers: { cookie: cookies[who] } });
const version = (a: AuditAction) => actionCardVersion(a);
const doneAction = () => org.action({ status: 'done', doneNote: 'Plan updated on 24 November.', doneAt: DONE_AT, doneById: actionPeople.owner });
const trailOf = async (actionId: string) => (await t.app.store.trail.listByAudit(org.audit.id, { limit: 500 })).items.filter((e) => e.field.startsWith(`actions.${actionId}.`));

/** A card action from Teams, as the Bot Connector posts it, from the person's Entra object id. */
let activityNo = 0;
async function invoke(who: ActionPerson | string, data: Record<string, unknown>, id = `inv-${++activityNo}`) {
  const aad = who in actionPeople ? oidOf(actionPeople[who as ActionPerson]) : who;
  const res = await t.app.server.inject({
    method: 'POST',
    url: '/api/messages',
    payload: {
      type: 'invoke',
      name: 'adaptiveCard/action',
      id,
      channelId: 'msteams',
      serviceUrl: 'http://127.0.0.1:9/_connector',
      from: { id: `29:${aad}`, aadObjectId: aad },
      recipient: { id: '28:bot' },
      conversation: { id: `a:${aad}`, conversationType: 'personal' },
      value: { action: { type: 'Action.Execute', verb: data.verb, data } },
    },
  });
  expect(res.statusCode).toBe(200);
  const body = res.json() as { statusCode: number; type: string; value: unknown };
  return { body, kind: body.type.endsWith('card.adaptive') ? ('card' as const) : ('message' as const), text: JSON.stringify(body.value) };
}

describe('authorisation matrix: REST routes', () => {
  const markDoneAllowed: ActionPerson[] = ['owner'];
  const decideAllowed: ActionPerson[] = ['manager', 'deputy'];

  it.each(roles)('mark done as %s', async (who) => {
    const a = await org.action();
    const res = await post(`/api/actions/${a.id}/done`, { version: version(a), note: 'Plan updated.' }, who);
    const allowed = markDoneAllowed.includes(who);
    expect(res.statusCode, res.body).toBe(allowed ? 200 : 403);
    expect((await t.app.store.actions.get(a.id))?.status).toBe(allowed ? 'done' : 'open');
    expect(await trailOf(a.id)).toHaveLength(allowed ? 2 : 0);
    if (allowed) expect(actionView.parse(res.json())).toMatchObject({ status: 'done', doneNote: 'Plan updated.', doneByName: 'Olive Owner', canMarkDone: false, canApprove: false });
  });

  it.each(roles)('approve as %s', async (who) => {
    const a = await doneAction();
    const res = await post(`/api/actions/${a.id}/approve`, { version: version(a) }, who);
    const allowed = decideAllowed.includes(who);
    expect(res.statusCode, res.body).toBe(allowed ? 200 : 403);
    const stored = await t.app.store.actions.get(a.id);
    expect(stored?.status).toBe(allowed ? 'approved' : 'done');
    if (allowed) expect(stored?.approvedById).toBe(actionPeople[who]);
    if (who === 'owner') expect(res.json().message).toContain('your own action');
  });

  it.each(roles)('return as %s', async (who) => {
    const a = await doneAction();
    const res = await post(`/api/actions/${a.id}/return`, { version: version(a), reason: 'Attach the minutes.' }, who);
    const allowed = decideAllowed.includes(who);
    expect(res.statusCode, res.body).toBe(allowed ? 200 : 403);
    const stored = await t.app.store.actions.get(a.id);
    expect(stored?.status).toBe(allowed ? 'open' : 'done');
    if (allowed) expect(stored?.returned).toMatchObject({ byId: actionPeople[who], reason: 'Attach the minutes.' });
  });

  it('the person who marked an action done may not approve it, even once it is owned by someone else', async () => {
    const a = await org.action({ ownerId: actionPeople.worker, status: 'done', doneNote: 'Done.', doneAt: DONE_AT, doneById: actionPeople.deputy });
    const res = await post(`/api/actions/${a.id}/approve`, { version: version(a) }, 'deputy');
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toContain('You marked this action done');
    expect((await post(`/api/actions/${a.id}/approve`, { version: version(a) }, 'manager')).statusCode).toBe(200);
  });

  it('a replayed request changes nothing and gets the state in words (409)', async () => {
    const a = await org.action();
    const body = { version: version(a), note: 'Minutes attached.' };
    expect((await post(`/api/actions/${a.id}/done`, body, 'owner')).statusCode).toBe(200);
    const again = await post(`/api/actions/${a.id}/done`, body, 'owner');
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toBe('This action was marked done by Olive Owner on 25/11/2026 at 10:00 and is awaiting approval.');
    expect(actionView.parse(again.json().current)).toMatchObject({ id: a.id, status: 'done' });
    expect((await trailOf(a.id)).filter((e) => e.kind === 'status')).toHaveLength(1);
  });

  it('a stale version is refused with the current state, whoever changed it', async () => {
    const a = await doneAction();
    const approved = actionView.parse((await post(`/api/actions/${a.id}/approve`, { version: version(a) }, 'deputy')).json());
    const late = await post(`/api/actions/${a.id}/return`, { version: version(a), reason: 'Too late.' }, 'manager');
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ error: 'conflict', message: 'This action was already approved by Daisy Deputy on 25/11/2026 at 10:00.', current: { status: 'approved', version: approved.version } });
    expect((await post(`/api/actions/${a.id}/approve`, { version: 'v-made-up' }, 'manager')).statusCode).toBe(409);
  });

  it('validates bodies, naming the field (400), and knows no unknown action (404)', async () => {
    const a = await org.action();
    const noNote = await post(`/api/actions/${a.id}/done`, { version: version(a), note: '   ' }, 'owner');
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().fields).toEqual([expect.objectContaining({ field: 'body.note' })]);
    const long = await post(`/api/actions/${a.id}/done`, { version: version(a), note: 'x'.repeat(2001) }, 'owner');
    expect(long.json().fields[0].field).toBe('body.note');
    const extra = await post(`/api/actions/${a.id}/approve`, { version: version(a), approvedById: actionPeople.manager }, 'manager');
    expect(extra.statusCode).toBe(400);
    const noReason = await post(`/api/actions/${a.id}/return`, { version: version(a) }, 'manager');
    expect(noReason.json().fields[0].field).toBe('body.reason');
    expect((await post('/api/actions/bad id!/done', { version: 'v', note: 'x' }, 'owner')).json().fields[0].field).toBe('params.id');
    expect((await post('/api/actions/act-nobody/approve', { version: 'v' }, 'manager')).statusCode).toBe(404);
    expect((await t.app.store.actions.get(a.id))?.status).toBe('open');
  });

  it('refuses anyone not signed in (401)', async () => {
    const a = await org.action();
    expect((await t.app.server.inject({ method: 'POST', url: `/api/actions/${a.id}/done`, payload: { version: version(a), note: 'x' } })).statusCode).toBe(401);
    expect((await t.app.server.inject({ method: 'GET', url: '/api/actions/mine' })).statusCode).toBe(401);
  });
});

describe('authorisation matrix: the lists', () => {
  const listStatus: Record<'mine' | 'team' | 'tracker', Record<ActionPerson, number>> = {
    mine: { owner: 200, manager: 200, deputy: 200, otherManager: 200, worker: 200, qaLead: 200, headOfService: 200, otherHeadOfService: 200 },
    team: { owner: 403, manager: 200, deputy: 200, otherManager: 200, worker: 403, qaLead: 403, headOfService: 200, otherHeadOfService: 200 },
    tracker: { owner: 403, manager: 403, deputy: 403, otherManager: 403, worker: 403, qaLead: 200, headOfService: 200, otherHeadOfService: 200 },
  };
  const urls = { mine: '/api/actions/mine', team: '/api/actions/team', tracker: '/api/actions' };

  it.each(roles)('who may list what: %s', async (who) => {
    for (const list of ['mine', 'team', 'tracker'] as const) expect((await get(urls[list], who)).statusCode, `${list} as ${who}`).toBe(listStatus[list][who]);
  });

  it('each list holds only what its reader may see', async () => {
    const mine = actionListResponse.parse((await get('/api/actions/mine', 'owner')).json());
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((i) => i.ownerId === actionPeople.owner)).toBe(true);
    expect((await get('/api/actions/mine', 'worker')).json().items.every((i: ActionView) => i.ownerId === actionPeople.worker)).toBe(true);

    const team = actionListResponse.parse((await get('/api/actions/team', 'manager')).json());
    expect(team.items.every((i) => i.teamId === org.teamA)).toBe(true);
    expect(team.teams).toEqual([{ id: org.teamA, name: 'Northside Family Help' }]);
    expect(team.owners.map((o) => o.name)).toContain('Olive Owner');
    // Another team's manager sees their own team (none of these actions), and may not ask for team A.
    expect(actionListResponse.parse((await get('/api/actions/team', 'otherManager')).json()).total).toBe(0);
    expect((await get(`/api/actions/team?teamId=${org.teamA}`, 'otherManager')).statusCode).toBe(403);

    const tracker = actionListResponse.parse((await get('/api/actions', 'qaLead')).json());
    const trackerA = actionListResponse.parse((await get(`/api/actions?teamId=${org.teamA}`, 'qaLead')).json());
    expect(trackerA.total).toBe(team.total);
    // Every team: the demo council's actions as well as team A's.
    expect(tracker.total).toBeGreaterThan(trackerA.total);
    expect(tracker.teams.length).toBeGreaterThan(2);
    // A Head of Service tracks their own services only.
    expect(actionListResponse.parse((await get('/api/actions', 'headOfService')).json()).items.every((i) => i.teamId === org.teamA)).toBe(true);
    expect(actionListResponse.parse((await get('/api/actions', 'otherHeadOfService')).json()).items.some((i) => i.teamId === org.teamA)).toBe(false);
    expect((await get(`/api/actions?teamId=${org.teamA}`, 'otherHeadOfService')).statusCode).toBe(403);
  });

  it('shows each action by case, section label, owner and manager, with what the reader may do', async () => {
    const first = actionIdFor(org.audit.id, 'd1');
    const mine = actionListResponse.parse((await get('/api/actions/mine', 'owner')).json());
    const item = mine.items.find((i) => i.id === first);
    expect(item).toMatchObject({ caseRef: 'DEMO-7001', initials: 'QZ', label: '1a Early help', ownerName: 'Olive Owner', accountableManagerName: 'Maple Manager', teamName: 'Northside Family Help', canMarkDone: true, canApprove: false });
    expect(mine.items.find((i) => i.id === actionIdFor(org.audit.id, 'd2'))?.label).toBe('Action 2 of the audit');
    const asManager = actionListResponse.parse((await get('/api/actions/team', 'manager')).json()).items.find((i) => i.id === first);
    expect(asManager).toMatchObject({ canMarkDone: false });
  });

  it('filters by status, overdue, owner, team and due date, and pages with a cursor', async () => {
    await org.action({ dueDate: '2026-11-20' }); // overdue
    const overdue = actionListResponse.parse((await get('/api/actions/mine?overdue=true', 'owner')).json());
    expect(overdue.items.length).toBeGreaterThan(0);
    expect(overdue.items.every((i) => i.overdue && i.status === 'open' && i.dueDate < '2026-11-25')).toBe(true);
    const done = actionListResponse.parse((await get('/api/actions/team?status=done', 'manager')).json());
    expect(done.items.every((i) => i.status === 'done')).toBe(true);
    expect(actionListResponse.parse((await get(`/api/actions/team?ownerId=${actionPeople.worker}`, 'manager')).json()).items.every((i) => i.ownerId === actionPeople.worker)).toBe(true);
    const before = actionListResponse.parse((await get('/api/actions?dueBefore=2026-11-30', 'qaLead')).json());
    expect(before.items.every((i) => i.dueDate <= '2026-11-30')).toBe(true);
    expect(actionListResponse.parse((await get(`/api/actions?teamId=${org.teamB}`, 'qaLead')).json()).items.every((i) => i.teamId === org.teamB)).toBe(true);

    const all = actionListResponse.parse((await get('/api/actions/mine', 'owner')).json());
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/actions/mine?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = actionListResponse.parse((await get(url, 'owner')).json());
      expect(page.items.length).toBeLessThanOrEqual(2);
      expect(page.total).toBe(all.total);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.next;
    } while (cursor);
    expect(seen).toEqual(all.items.map((i) => i.id));
  });

  it('validates the filters, naming the field', async () => {
    expect((await get('/api/actions/mine?status=finished', 'owner')).json().fields[0].field).toBe('query.status');
    expect((await get('/api/actions/mine?overdue=yes', 'owner')).json().fields[0].field).toBe('query.overdue');
    expect((await get('/api/actions?dueBefore=2026-02-31', 'qaLead')).json().fields[0].field).toBe('query.dueBefore');
    expect((await get('/api/actions/mine?cursor=nonsense', 'owner')).json().fields[0].field).toBe('query.cursor');
    expect((await get('/api/actions/mine?colour=red', 'owner')).statusCode).toBe(400);
  });
});

describe('authorisation matrix: card verbs', () => {
  it.each(roles)('Mark done from the card as %s', async (who) => {
    const a = await org.action();
    const r = await invoke(who, { verb: 'markActionDone', actionId: a.id, version: version(a), [`note-${a.id}`]: 'Plan updated.' });
    const allowed = who === 'owner';
    expect(r.kind).toBe(allowed ? 'card' : 'message');
    expect((await t.app.store.actions.get(a.id))?.status).toBe(allowed ? 'done' : 'open');
    if (allowed) expect(r.text).toContain('Marked done: awaiting your manager’s approval.');
    else expect(r.text).toContain("Only the action's owner");
  });

  it.each(roles)('Approve from the card as %s', async (who) => {
    const a = await doneAction();
    const r = await invoke(who, { verb: 'approveAction', actionId: a.id, version: version(a) });
    const allowed = who === 'manager' || who === 'deputy';
    expect(r.kind).toBe(allowed ? 'card' : 'message');
    expect((await t.app.store.actions.get(a.id))?.status).toBe(allowed ? 'approved' : 'done');
    if (allowed) expect(r.text).toContain('Approved by');
  });

  it.each(roles)('Return from the card as %s', async (who) => {
    const a = await doneAction();
    const r = await invoke(who, { verb: 'returnAction', actionId: a.id, version: version(a), reason: 'Attach the minutes.' });
    const allowed = who === 'manager' || who === 'deputy';
    expect(r.kind).toBe(allowed ? 'card' : 'message');
    expect((await t.app.store.actions.get(a.id))?.status).toBe(allowed ? 'open' : 'done');
    if (allowed) expect(r.text).toContain('It is open again.');
  });

  it('a replayed invoke changes nothing: the current card, with "already approved by … on …"', async () => {
    const a = await doneAction();
    const data = { verb: 'approveAction', actionId: a.id, version: version(a) };
    const first = await invoke('manager', data, 'replayed-activity');
    expect(first.text).not.toContain('already');
    const replay = await invoke('manager', data, 'replayed-activity');
    expect(replay.kind).toBe('card');
    expect(replay.text).toContain('This action was already approved by Maple Manager on 25/11/2026 at 10:00.');
    expect(replay.text).not.toContain('approveAction');
    expect((await trailOf(a.id)).filter((e) => e.kind === 'status')).toHaveLength(1);
  });

  it('a card built from an older version gets the current card and changes nothing', async () => {
    const a = await doneAction();
    await post(`/api/actions/${a.id}/return`, { version: version(a), reason: 'Attach the minutes.' }, 'deputy');
    const late = await invoke('manager', { verb: 'approveAction', actionId: a.id, version: version(a) });
    expect(late.kind).toBe('card');
    expect(late.text).toContain('This action was returned by Daisy Deputy on 25/11/2026 at 10:00 and is open again.');
    expect((await t.app.store.actions.get(a.id))?.status).toBe('open');
  });

  it('someone Teams knows but the directory does not gets the "not set up" card; card data cannot name who is acting', async () => {
    const a = await doneAction();
    const stranger = await invoke('oid-stranger', { verb: 'approveAction', actionId: a.id, version: version(a) });
    expect(stranger.text).not.toContain('Approved');
    const forged = await invoke('owner', { verb: 'approveAction', actionId: a.id, version: version(a), staffId: actionPeople.manager, approvedById: actionPeople.manager });
    expect(forged.kind).toBe('message');
    expect((await t.app.store.actions.get(a.id))?.status).toBe('done');
  });
});

describe('concurrency', () => {
  it('two managers approving at once: one change, the other is told it is already approved', async () => {
    const a = await doneAction();
    const [x, y] = await Promise.all([
      post(`/api/actions/${a.id}/approve`, { version: version(a) }, 'manager'),
      post(`/api/actions/${a.id}/approve`, { version: version(a) }, 'deputy'),
    ]);
    expect([x.statusCode, y.statusCode].sort()).toEqual([200, 409]);
    const loser = x.statusCode === 409 ? x : y;
    const stored = (await t.app.store.actions.get(a.id)) as WithETag<AuditAction>;
    const winnerName = stored.approvedById === actionPeople.manager ? 'Maple Manager' : 'Daisy Deputy';
    expect(loser.json().message).toBe(`This action was already approved by ${winnerName} on 25/11/2026 at 10:00.`);
    expect((await trailOf(a.id)).filter((e) => e.kind === 'status')).toEqual([expect.objectContaining({ before: 'done', after: 'approved', actorId: stored.approvedById })]);
  });

  it('two approvals from cards at once: one "approved" card, one "already approved" card', async () => {
    const a = await doneAction();
    const data = { verb: 'approveAction', actionId: a.id, version: version(a) };
    const results = await Promise.all([invoke('manager', data), invoke('deputy', data), invoke('manager', data)]);
    expect(results.every((r) => r.kind === 'card')).toBe(true);
    expect(results.filter((r) => r.text.includes('already approved'))).toHaveLength(2);
    expect((await trailOf(a.id)).filter((e) => e.kind === 'status')).toHaveLength(1);
  });
});

describe('cards kept current', () => {
  it('on submission each owner gets one card of their new actions, once, with no typed text', async () => {
    const auditorId = t.council.featured.auditorId;
    const auditorCookie = await t.signIn(auditorId);
    const auditId = t.council.featured.careLeaverDeepDiveAuditId;
    const d: AuditDetail = (await t.app.server.inject({ method: 'GET', url: `/api/audits/${auditId}`, headers: { cookie: auditorCookie } })).json();
    const form = completeForm(d, '2026-11-25');
    form.actions = [
      { id: 'n1', what: 'Visit Zebedee at his new flat.', sectionId: null, why: 'Typed reason.', ownerId: actionPeople.owner, accountableManagerId: actionPeople.manager, dueDate: '2026-12-04' },
      { id: 'n2', what: 'Second typed action.', sectionId: null, why: 'Typed reason.', ownerId: actionPeople.owner, accountableManagerId: actionPeople.manager, dueDate: '2026-12-07' },
      { id: 'n3', what: 'Third typed action.', sectionId: null, why: 'Typed reason.', ownerId: actionPeople.worker, accountableManagerId: actionPeople.manager, dueDate: '2026-12-07' },
    ];
    const saved = await t.app.server.inject({ method: 'PUT', url: `/api/audits/${auditId}/form`, payload: { etag: d.audit.etag, form }, headers: { cookie: auditorCookie } });
    expect(saved.statusCode, saved.body).toBe(200);
    const submit = () => t.app.server.inject({ method: 'POST', url: `/api/audits/${auditId}/submit`, payload: { etag: saved.json().etag }, headers: { cookie: auditorCookie } });
    const first = await submit();
    expect(first.statusCode, first.body).toBe(200);
    const ownerCard = await t.app.store.outbox.get(newActionsNoticeId(auditId, actionPeople.owner));
    expect(ownerCard).toMatchObject({ recipientId: actionPeople.owner, kind: 'actionsNew', status: 'queued', payload: { summary: 'New actions from an audit' } });
    const json = JSON.stringify(ownerCard?.payload);
    expect(json).toContain(d.audit.caseSnapshot.caseRef);
    expect(json).toContain('Action 1 of the audit');
    expect(json).toContain('Action 2 of the audit');
    expect(json).not.toContain('Zebedee');
    expect(json).not.toContain('typed');
    expect(await t.app.store.outbox.get(newActionsNoticeId(auditId, actionPeople.worker))).toMatchObject({ recipientId: actionPeople.worker });
    // A retried submission queues nothing new.
    const before = await t.app.store.outbox.countByStatus();
    expect((await submit()).statusCode).toBe(200);
    expect(await t.app.store.outbox.countByStatus()).toEqual(before);
  });

  it('marked done: the approver gets an Approve / Return card; the owner’s card is updated', async () => {
    const a = await org.action();
    expect(await t.app.actions.announceNewActions(org.audit)).toBeGreaterThanOrEqual(0);
    const ownerCardId = newActionsNoticeId(org.audit.id, actionPeople.owner);
    const ownerCard = await t.app.store.outbox.get(ownerCardId);
    expect(ownerCard).not.toBeNull();
    const done = actionView.parse((await post(`/api/actions/${a.id}/done`, { version: version(a), note: 'Minutes on file, 24 Nov.' }, 'owner')).json());
    const stored = (await t.app.store.actions.get(a.id)) as WithETag<AuditAction>;
    const approval = await t.app.store.outbox.get(approvalNoticeId(a.id, actionPeople.manager, stored.doneAt ?? ''));
    expect(approval).toMatchObject({ recipientId: actionPeople.manager, kind: 'actionApproval', payload: { summary: 'An action is ready for your approval' } });
    const card = JSON.stringify(approval?.payload);
    expect(card).toContain('"verb":"approveAction"');
    expect(card).toContain(`"version":"${done.version}"`);
    expect(card).not.toContain('Minutes on file');
    expect(card).not.toContain(stored.what);
    if (ownerCard) expect(await t.app.store.outbox.get(cardUpdateNotice(ownerCard, { kind: 'action', id: a.id }, `${a.id}-${done.version}`).id)).toMatchObject({ kind: 'cardUpdate' });
  });

  it('while the manager is away, the deputy covering gets the Approve / Return card', async () => {
    const m = await t.app.store.staff.get(actionPeople.manager);
    if (!m) throw new Error('manager missing');
    const { etag, ...rest } = m;
    const away = await t.app.store.staff.put({ ...rest, away: true }, etag);
    try {
      const a = await org.action();
      await post(`/api/actions/${a.id}/done`, { version: version(a), note: 'Done.' }, 'owner');
      const doneAt = (await t.app.store.actions.get(a.id))?.doneAt ?? '';
      expect(await t.app.store.outbox.get(approvalNoticeId(a.id, actionPeople.deputy, doneAt))).toMatchObject({ recipientId: actionPeople.deputy });
      expect(await t.app.store.outbox.get(approvalNoticeId(a.id, actionPeople.manager, doneAt))).toBeNull();
    } finally {
      const { etag: e2, ...back } = away;
      await t.app.store.staff.put({ ...back, away: false }, e2);
    }
  });

  it('approved or returned: the approval card is updated; returned, the owner is told without the reason', async () => {
    const a = await org.action();
    await post(`/api/actions/${a.id}/done`, { version: version(a), note: 'Done.' }, 'owner');
    const done = (await t.app.store.actions.get(a.id)) as WithETag<AuditAction>;
    const approvalCard = await t.app.store.outbox.get(approvalNoticeId(a.id, actionPeople.manager, done.doneAt ?? ''));
    if (!approvalCard) throw new Error('no approval card');
    const returned = actionView.parse((await post(`/api/actions/${a.id}/return`, { version: version(done), reason: 'Ask the school for the minutes.' }, 'manager')).json());
    expect(await t.app.store.outbox.get(cardUpdateNotice(approvalCard, { kind: 'action', id: a.id }, `${a.id}-${returned.version}`).id)).toMatchObject({ kind: 'cardUpdate', recipientId: actionPeople.manager });
    const at = (await t.app.store.actions.get(a.id))?.returned?.at ?? '';
    const told = await t.app.store.outbox.get(returnedNoticeId(a.id, at));
    expect(told).toMatchObject({ recipientId: actionPeople.owner, kind: 'actionReturned' });
    expect(JSON.stringify(told?.payload)).toContain('Maple Manager returned this action on 25/11/2026 at 10:00.');
    expect(JSON.stringify(told?.payload)).not.toContain('school');
    // The trail keeps the reason's length only.
    const trail = await trailOf(a.id);
    expect(trail.find((e) => e.field.endsWith('returned.reason'))).toMatchObject({ before: null, after: null, textLengths: { before: 0, after: 'Ask the school for the minutes.'.length } });
    expect(JSON.stringify(trail)).not.toContain('school');
  });

  it('the card renderer shows each recipient their own view of the action now', async () => {
    const a = await doneAction();
    const cards = new ActionCards({ store: t.app.store, templates: new TemplateCatalogue(builtInTemplates()), links: actionLinks({ mode: 'local', publicUrl: 'http://localhost:3978' }), labels: defaultAuditTypeLabels() });
    const render = (who: string) => cards.render(a.id, who);
    const forManager = JSON.stringify(await render(actionPeople.manager));
    expect(forManager).toContain('"verb":"approveAction"');
    const forQa = JSON.stringify(await render(actionPeople.qaLead));
    expect(forQa).toContain('Action done: approve or return');
    expect(forQa).not.toContain('"verb":"approveAction"');
    const forOwner = JSON.stringify(await render(actionPeople.owner));
    expect(forOwner).toContain('New actions for you');
    expect(forOwner).not.toContain('"verb":"approveAction"');
  });
});
