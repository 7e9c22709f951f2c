import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RoundService } from './roundService';
import { openSqliteStore } from '../store/sqlite/openSqliteStore';
import type { Store, WithETag } from '../store/storeInterface';
import { AppError } from '../http/appError';
import { TemplateCatalogue, builtInTemplates } from '../../shared/templates/templateCatalogue';
import { defaultAuditTypeSettings } from '../../shared/settings/auditTypeSettings';
import { roundAuditId } from '../../shared/rounds/roundRules';
import { allocationNoticeId } from '../delivery/allocationNotice';
import { caseSelectedNoticeId } from '../delivery/caseSelectedNotice';
import type { StaffMember } from '../../shared/schemas/staff';
import { buildAudit, buildCase, buildService, buildStaff, buildTeam } from '../../test/fixtures/builders';

const now = new Date('2026-11-02T10:00:00.000Z');
let store: Store;
let service: RoundService;
let qa: StaffMember;
let auditor: WithETag<StaffMember>;
let ids = 0;

beforeEach(async () => {
  store = openSqliteStore(':memory:');
  service = new RoundService({
    store,
    templates: new TemplateCatalogue(builtInTemplates()),
    settings: defaultAuditTypeSettings,
    clock: () => now,
    newId: (prefix) => `${prefix}-${++ids}`,
    auditLink: (auditId) => `https://tab.example/audits/${auditId}`,
  });
  await store.services.put(buildService({ id: 'service-a' }), null);
  await store.teams.put(buildTeam({ id: 'team-a' }), null);
  qa = await store.staff.put(buildStaff({ id: 'qa', jobRoles: ['qaLead'], teamId: null }), null);
  auditor = await store.staff.put(buildStaff({ id: 'auditor', jobRoles: ['teamManager'], teamId: 'team-a' }), null);
  await store.staff.put(buildStaff({ id: 'worker', teamId: 'team-a' }), null);
  await store.cases.put(buildCase({ id: 'case-1', workerId: 'worker' }), null);
  await store.cases.put(buildCase({ id: 'case-2', workerId: 'worker' }), null);
  // Audited in June: inside the 12-month re-audit interval, so never picked.
  const recent = await store.cases.put(buildCase({ id: 'case-3', workerId: 'worker' }), null);
  await store.audits.create(buildAudit({ id: 'aud-june', caseId: recent.id, allocatedAt: '2026-06-01T09:00:00.000Z' }), []);
  await store.cases.put(buildCase({ id: 'case-closed', workerId: 'worker', open: false }), null);
});
afterEach(async () => {
  await store.close();
});

const input = { month: '2026-11', auditType: 'managersMonthly' as const, theme: null, auditorIds: ['auditor'], casesPerAuditor: 3, seed: 11, calendarOverrideReason: null };

async function auditsOf(staffId: string) {
  return (await store.audits.listByAuditor(staffId)).items;
}

describe('RoundService', () => {
  it('flags an unavoidable conflict, leaves out recently audited and closed cases, and says the round is short', async () => {
    const draft = await service.createDraft(qa, input);
    expect(draft.allocations.map((a) => a.caseId).sort()).toEqual(['case-1', 'case-2']);
    expect(draft.allocations.every((a) => a.conflicts.includes('ownTeamCurrent'))).toBe(true);
    expect(draft.needsConfirmation).toBe(true);
    expect(draft.round.problems.length).toBeGreaterThan(0);
  });

  it('refuses an inactive auditor, naming the entry', async () => {
    await store.staff.put({ ...auditor, active: false }, auditor.etag);
    const err = await service.createDraft(qa, input).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).details).toEqual({ fields: [{ field: 'body.auditorIds.0', message: 'is no longer an active member of staff' }] });
  });

  it('publishes only once the lead confirms the flagged allocations', async () => {
    const draft = await service.createDraft(qa, input);
    const refused = await service.publish(qa, draft.round.id, false).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'conflict' });
    expect(await auditsOf('auditor')).toEqual([]);
    const done = await service.publish(qa, draft.round.id, true);
    expect(done.created).toBe(2);
    expect((await auditsOf('auditor')).map((a) => a.id).sort()).toEqual(['case-1', 'case-2'].map((c) => roundAuditId(draft.round.id, c)).sort());
  });

  it('finishes a publish interrupted part-way without creating any audit twice', async () => {
    const draft = await service.createDraft(qa, input);
    const realCreate = store.audits.create.bind(store.audits);
    let calls = 0;
    store.audits.create = async (audit, trail) => {
      if (++calls === 2) throw new Error('power cut');
      return realCreate(audit, trail);
    };
    await expect(service.publish(qa, draft.round.id, true)).rejects.toThrow('power cut');
    expect(await auditsOf('auditor')).toHaveLength(1);
    expect((await store.rounds.get(draft.round.id))?.status).toBe('draft');

    const resumed = await service.publish(qa, draft.round.id, true);
    expect(resumed.created).toBe(1);
    expect(resumed.round.status).toBe('published');
    const audits = await auditsOf('auditor');
    expect(audits).toHaveLength(2);
    expect(audits.every((a) => a.status === 'allocated' && a.roundId === draft.round.id && a.lookBack.rule.length > 0)).toBe(true);
    expect((await service.publish(qa, draft.round.id, true)).created).toBe(0);
  });

  it('queues one allocation notice per audit, with the card and no child data in the preview', async () => {
    const draft = await service.createDraft(qa, input);
    const done = await service.publish(qa, draft.round.id, true);
    const all = (await store.outbox.listByStatus('queued')).items;
    const queued = all.filter((n) => n.kind === 'allocation');
    expect(queued.map((n) => n.id).sort()).toEqual(done.auditIds.map(allocationNoticeId).sort());
    // The round's type is collaborative: the case's worker hears too (see caseSelectedNotice).
    expect(all.filter((n) => n.kind !== 'allocation').map((n) => n.id).sort()).toEqual(done.auditIds.map((id) => caseSelectedNoticeId(id, 'worker')).sort());
    for (const n of queued) {
      const audit = done.auditIds.find((id) => allocationNoticeId(id) === n.id);
      expect(n).toMatchObject({ recipientId: 'auditor', kind: 'allocation', conversationKey: 'staff:auditor' });
      const text = JSON.stringify(n.payload);
      expect(text).toContain(`https://tab.example/audits/${audit}`);
      expect(n.payload['summary']).toBe('You have a new audit allocated');
      const c = await store.cases.get(audit?.endsWith('case-1') ? 'case-1' : 'case-2');
      expect(text).toContain(c?.caseRef);
      expect(text).toContain(c?.initials);
    }
  });

  it('writes the missing notice when a publish stopped between an audit and its notice', async () => {
    const draft = await service.createDraft(qa, input);
    const realEnqueue = store.outbox.enqueue.bind(store.outbox);
    let calls = 0;
    store.outbox.enqueue = async (n) => {
      if (++calls === 1) throw new Error('power cut');
      return realEnqueue(n);
    };
    await expect(service.publish(qa, draft.round.id, true)).rejects.toThrow('power cut');
    expect(await auditsOf('auditor')).toHaveLength(1);
    expect((await store.outbox.countByStatus()).queued).toBe(0);

    const resumed = await service.publish(qa, draft.round.id, true);
    const expected = resumed.auditIds.flatMap((id) => [allocationNoticeId(id), caseSelectedNoticeId(id, 'worker')]).sort();
    expect((await store.outbox.listByStatus('queued')).items.map((n) => n.id).sort()).toEqual(expected);
    await service.publish(qa, draft.round.id, true);
    expect((await store.outbox.countByStatus()).queued).toBe(expected.length);
  });

  it('leaves out a case closed after drafting, and says why', async () => {
    const draft = await service.createDraft(qa, input);
    const c = await store.cases.get('case-1');
    if (!c) throw new Error('missing case');
    await store.cases.put({ ...c, open: false }, c.etag);
    const done = await service.publish(qa, draft.round.id, true);
    expect(done.created).toBe(1);
    expect(done.skipped).toEqual([{ caseId: 'case-1', reason: expect.stringMatching(/closed/) }]);
  });

  it('lets only QA leads and the principal social worker run rounds', async () => {
    const worker = await store.staff.get('worker');
    if (!worker) throw new Error('missing worker');
    await expect(service.createDraft(worker, input)).rejects.toMatchObject({ code: 'forbidden' });
    const psw = await store.staff.put(buildStaff({ jobRoles: ['principalSocialWorker'], teamId: null }), null);
    expect((await service.createDraft(psw, input)).round.createdBy).toBe(psw.id);
  });
});
