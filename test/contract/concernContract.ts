import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ConflictError,
  NotFoundError,
  allPages,
  type AuditStore,
  type CaseOfConcernStore,
  type TrailStore,
  type UrgentConcernStore,
} from '../../bot/store/storeInterface';
import type { CaseOfConcern, UrgentConcern } from '../../shared/schemas/concerns';
import type { TrailEntry } from '../../shared/schemas/trail';
import { buildAudit } from '../fixtures/builders';

export interface OpenedConcerns {
  concerns: UrgentConcernStore;
  casesOfConcern: CaseOfConcernStore;
  /** Concerns' trail entries land in the audits' trail, so the suite needs audits to hang them on. */
  audits: AuditStore;
  trail: TrailStore;
  close(): Promise<void>;
}

export function buildUrgentConcern(auditId: string, over: Partial<UrgentConcern> = {}): UrgentConcern {
  return {
    id: `uc_${auditId}`.slice(0, 64),
    auditId,
    caseId: 'case-1',
    teamId: 'team-a',
    caseRef: 'TC0001',
    initials: 'AB',
    auditType: 'childsJourneyMonthly',
    triggerKinds: ['inadequateGrade'],
    triggerKeys: [`uc-${auditId}-inadequateGrade-submission`],
    judgement: { scale: 'ofsted4', grade: { grade: 'inadequate', inadequate: null }, fourPoint: 'inadequate', childSafe: 'safe' },
    raisedById: 'staff-auditor',
    raisedAt: '2026-11-23T10:00:00.000Z',
    recipients: [
      { staffId: 'staff-tm', role: 'teamManager' },
      { staffId: 'staff-worker', role: 'worker' },
    ],
    acknowledgement: null,
    escalation: null,
    email: { status: 'pending', at: null },
    updatedAt: '2026-11-23T10:00:00.000Z',
    ...over,
  };
}

export function buildCaseOfConcern(over: Partial<CaseOfConcern> = {}): CaseOfConcern {
  return {
    id: 'coc-case-1-1',
    caseId: 'case-1',
    auditId: null,
    teamId: 'team-a',
    caseRef: 'TC0001',
    initials: 'AB',
    raisedById: 'staff-qa',
    raisedAs: 'qaLead',
    raisedAt: '2026-11-23T10:00:00.000Z',
    reason: 'Drift in planning over six months',
    status: 'open',
    alerted: [{ staffId: 'staff-tm', role: 'teamManager' }],
    response: null,
    followUps: [],
    escalations: [],
    closure: null,
    updatedAt: '2026-11-23T10:00:00.000Z',
    ...over,
  };
}

const trailFor = (auditId: string, suffix: string, after: string): TrailEntry => ({
  id: `trl-uc-${suffix}`,
  auditId,
  at: '2026-11-23T10:00:00.000Z',
  actorId: 'staff-auditor',
  kind: 'concern',
  field: `concerns.${suffix}`,
  before: null,
  after,
  textLengths: null,
});

/** The behaviour every UrgentConcernStore and CaseOfConcernStore must show. `open` returns a fresh, empty store; the suite closes it. */
export function runConcernStoreContract(name: string, open: () => Promise<OpenedConcerns>): void {
  describe(`Concern store contract: ${name}`, () => {
    let opened: OpenedConcerns;
    let auditId: string;
    beforeEach(async () => {
      opened = await open();
      auditId = (await opened.audits.create(buildAudit(), [])).id;
    });
    afterEach(async () => {
      await opened.close();
    });

    describe('urgent concerns', () => {
      it('creates a concern with its trail entry without touching the audit; a second create under the same id writes nothing', async () => {
        const before = await opened.audits.get(auditId);
        const c = buildUrgentConcern(auditId);
        const first = await opened.concerns.create(c, [trailFor(auditId, 'raised', 'urgent concern raised')]);
        expect(first.created).toBe(true);
        const { etag, ...bare } = first.concern;
        expect(etag.length).toBeGreaterThan(0);
        expect(bare).toEqual(c);
        expect(await opened.concerns.get(c.id)).toEqual(first.concern);

        const replay = await opened.concerns.create({ ...c, raisedAt: '2026-11-23T10:00:05.000Z' }, [trailFor(auditId, 'raised2', 'again')]);
        expect(replay).toEqual({ concern: first.concern, created: false });
        const trail = (await opened.trail.listByAudit(auditId)).items;
        expect(trail.map((t) => [t.kind, t.after])).toEqual([['concern', 'urgent concern raised']]);
        expect((await opened.audits.get(auditId))?.etag).toBe(before?.etag);
        expect(await opened.concerns.get('uc_none')).toBeNull();
      });

      it('updates only with the current etag, writing the trail with the update or not at all', async () => {
        const c = buildUrgentConcern(auditId);
        const { concern: created } = await opened.concerns.create(c, []);
        const acknowledged: UrgentConcern = { ...c, acknowledgement: { byId: 'staff-tm', at: '2026-11-23T11:00:00.000Z', actionTaken: 'Visit today' } };
        const stored = await opened.concerns.update(acknowledged, created.etag, [trailFor(auditId, 'ack', 'acknowledged')]);
        expect(stored.etag).not.toBe(created.etag);
        expect(stored.acknowledgement?.byId).toBe('staff-tm');

        // Two managers with the same version: one wins, the other's write (and its trail) is refused.
        await expect(opened.concerns.update({ ...acknowledged, acknowledgement: { byId: 'staff-dtm', at: '2026-11-23T11:00:01.000Z', actionTaken: 'x' } }, created.etag, [trailFor(auditId, 'ack2', 'again')])).rejects.toBeInstanceOf(ConflictError);
        expect((await opened.concerns.get(c.id))?.acknowledgement?.byId).toBe('staff-tm');
        expect((await opened.trail.listByAudit(auditId)).items.map((t) => t.after)).toEqual(['acknowledged']);
        await expect(opened.concerns.update(buildUrgentConcern(auditId, { id: 'uc_missing' }), '1', [])).rejects.toBeInstanceOf(NotFoundError);
      });

      it('refuses a trail entry of another audit, writing nothing', async () => {
        const c = buildUrgentConcern(auditId);
        await expect(opened.concerns.create(c, [trailFor('audit-other', 'x', 'x')])).rejects.toThrow(/belongs to audit/);
        expect(await opened.concerns.get(c.id)).toBeNull();
      });

      it('lists by audit, by status and by register proposal, oldest first, in pages', async () => {
        const other = (await opened.audits.create(buildAudit(), [])).id;
        const a1 = buildUrgentConcern(auditId, { id: 'uc_a1', raisedAt: '2026-11-23T12:00:00.000Z', registerProposal: { status: 'proposed', entryId: null, byId: null, at: null } });
        const a2 = buildUrgentConcern(auditId, { id: 'uc_a2', raisedAt: '2026-11-23T09:00:00.000Z' });
        const b1 = buildUrgentConcern(other, { id: 'uc_b1', raisedAt: '2026-11-23T10:00:00.000Z', registerProposal: { status: 'proposed', entryId: null, byId: null, at: null } });
        for (const c of [a1, a2, b1]) await opened.concerns.create(c, []);
        expect((await opened.concerns.listByAudit(auditId)).map((c) => c.id)).toEqual(['uc_a2', 'uc_a1']);
        expect((await opened.concerns.listByAudit('audit-none')).length).toBe(0);

        const first = await opened.concerns.listByStatus('awaitingAcknowledgement', { limit: 2 });
        expect(first.items.map((c) => c.id)).toEqual(['uc_a2', 'uc_b1']);
        expect(first.next).not.toBeNull();
        const second = await opened.concerns.listByStatus('awaitingAcknowledgement', { cursor: first.next, limit: 2 });
        expect(second).toMatchObject({ items: [expect.objectContaining({ id: 'uc_a1' })], next: null });

        // Acknowledging moves a concern from one list to the other.
        const stored = await opened.concerns.get('uc_b1');
        if (!stored) throw new Error('missing');
        const { etag, ...rest } = stored;
        await opened.concerns.update({ ...rest, acknowledgement: { byId: 'staff-tm', at: '2026-11-23T11:00:00.000Z', actionTaken: 'x' } }, etag, []);
        expect((await allPages((p) => opened.concerns.listByStatus('awaitingAcknowledgement', p))).map((c) => c.id)).toEqual(['uc_a2', 'uc_a1']);
        expect((await opened.concerns.listByStatus('acknowledged')).items.map((c) => c.id)).toEqual(['uc_b1']);

        expect((await opened.concerns.listByRegisterProposal('proposed')).items.map((c) => c.id)).toEqual(['uc_b1', 'uc_a1']);
        const a1Stored = await opened.concerns.get('uc_a1');
        if (!a1Stored) throw new Error('missing');
        const { etag: e1, ...r1 } = a1Stored;
        await opened.concerns.update({ ...r1, registerProposal: { status: 'notRaised', entryId: null, byId: 'staff-qa', at: '2026-11-24T09:00:00.000Z' } }, e1, []);
        expect((await opened.concerns.listByRegisterProposal('proposed')).items.map((c) => c.id)).toEqual(['uc_b1']);
        expect((await opened.concerns.listByRegisterProposal('notRaised')).items.map((c) => c.id)).toEqual(['uc_a1']);
      });
    });

    describe('cases of concern', () => {
      it('creates idempotently by id, with the trail of its audit; none for an entry raised without an audit', async () => {
        const e = buildCaseOfConcern({ id: 'coc-a-1', auditId });
        const first = await opened.casesOfConcern.create(e, [trailFor(auditId, 'coc', 'case of concern raised')]);
        expect(first.created).toBe(true);
        const { etag: _etag, ...bare } = first.entry;
        expect(bare).toEqual(e);
        expect(await opened.casesOfConcern.create({ ...e, reason: 'Something else' }, [trailFor(auditId, 'coc2', 'again')])).toEqual({ entry: first.entry, created: false });
        expect((await opened.trail.listByAudit(auditId)).items.map((t) => t.after)).toEqual(['case of concern raised']);

        const direct = buildCaseOfConcern({ id: 'coc-direct-1' });
        await expect(opened.casesOfConcern.create(direct, [trailFor(auditId, 'd', 'x')])).rejects.toThrow(/belongs to audit/);
        expect((await opened.casesOfConcern.create(direct, [])).created).toBe(true);
        expect(await opened.casesOfConcern.get('coc-none')).toBeNull();
      });

      it('updates with the current etag only', async () => {
        const { entry } = await opened.casesOfConcern.create(buildCaseOfConcern(), []);
        const { etag, ...rest } = entry;
        const responded = await opened.casesOfConcern.update({ ...rest, status: 'responded', response: { byId: 'staff-tm', at: '2026-11-24T10:00:00.000Z', text: 'Reviewed' } }, etag, []);
        expect(responded).toMatchObject({ status: 'responded' });
        await expect(opened.casesOfConcern.update({ ...rest, status: 'closed' }, etag, [])).rejects.toBeInstanceOf(ConflictError);
        await expect(opened.casesOfConcern.update(buildCaseOfConcern({ id: 'coc-missing' }), '1', [])).rejects.toBeInstanceOf(NotFoundError);
      });

      it('lists by case, status and team, oldest first, in pages', async () => {
        const entries = [
          buildCaseOfConcern({ id: 'coc-1', raisedAt: '2026-11-23T12:00:00.000Z' }),
          buildCaseOfConcern({ id: 'coc-2', raisedAt: '2026-11-23T09:00:00.000Z', status: 'responded', response: { byId: 'staff-tm', at: '2026-11-23T10:00:00.000Z', text: 'x' } }),
          buildCaseOfConcern({ id: 'coc-3', caseId: 'case-2', teamId: 'team-b', raisedAt: '2026-11-23T08:00:00.000Z' }),
        ];
        for (const e of entries) await opened.casesOfConcern.create(e, []);
        expect((await opened.casesOfConcern.listByCase('case-1')).map((e) => e.id)).toEqual(['coc-2', 'coc-1']);
        expect((await opened.casesOfConcern.listByStatus('open')).items.map((e) => e.id)).toEqual(['coc-3', 'coc-1']);
        expect((await opened.casesOfConcern.listByStatus('closed')).items).toEqual([]);
        const page1 = await opened.casesOfConcern.listByTeam('team-a', { limit: 1 });
        expect(page1.items.map((e) => e.id)).toEqual(['coc-2']);
        const page2 = await opened.casesOfConcern.listByTeam('team-a', { cursor: page1.next, limit: 1 });
        expect(page2).toMatchObject({ items: [expect.objectContaining({ id: 'coc-1' })], next: null });
      });
    });
  });
}
