import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError, type AuditStore, type MeetingProposalStore, type TrailStore } from '../../bot/store/storeInterface';
import { meetingProposalId, type MeetingProposal } from '../../shared/schemas/meetingProposals';
import type { TrailEntry } from '../../shared/schemas/trail';
import { buildAudit } from '../fixtures/builders';

export interface OpenedMeetings {
  meetings: MeetingProposalStore;
  /** The proposals' trail entries land in the audits' trail, so the suite needs an audit to hang them on. */
  audits: AuditStore;
  trail: TrailStore;
  close(): Promise<void>;
}

export function buildProposal(auditId: string, over: Partial<MeetingProposal> = {}): MeetingProposal {
  const date = over.meetingDate ?? '2026-11-25';
  const time = over.meetingTime === undefined ? '10:00' : over.meetingTime;
  const by = over.proposedById ?? 'staff-worker';
  return {
    id: meetingProposalId(auditId, by, date, time),
    auditId,
    proposedById: by,
    proposerRole: 'worker',
    meetingDate: date,
    meetingTime: time,
    createdAt: '2026-11-23T12:00:00.000Z',
    status: 'proposed',
    response: null,
    ...over,
  };
}

const trailFor = (p: MeetingProposal, suffix: string, after: string): TrailEntry => ({
  id: `trl-${p.id}-${suffix}`.slice(0, 64),
  auditId: p.auditId,
  at: p.createdAt,
  actorId: p.proposedById,
  kind: 'meeting',
  field: `meetings.${p.id}`,
  before: null,
  after,
  textLengths: null,
});

/** The behaviour every MeetingProposalStore must show. `open` returns a fresh, empty store; the suite closes it. */
export function runMeetingProposalStoreContract(name: string, open: () => Promise<OpenedMeetings>): void {
  describe(`Meeting proposal store contract: ${name}`, () => {
    let opened: OpenedMeetings;
    let auditId: string;
    beforeEach(async () => {
      opened = await open();
      auditId = (await opened.audits.create(buildAudit(), [])).id;
    });
    afterEach(async () => {
      await opened.close();
    });

    it('creates a proposal with its trail entry, and a second create under the same id writes nothing', async () => {
      const p = buildProposal(auditId);
      const first = await opened.meetings.create(p, [trailFor(p, 'p', 'meeting proposed for 2026-11-25 10:00')]);
      expect(first.created).toBe(true);
      const { etag, ...bare } = first.proposal;
      expect(etag.length).toBeGreaterThan(0);
      expect(bare).toEqual(p);
      expect(await opened.meetings.get(p.id)).toEqual(first.proposal);

      const replay = await opened.meetings.create({ ...p, createdAt: '2026-11-23T12:00:05.000Z' }, [trailFor(p, 'p2', 'again')]);
      expect(replay).toEqual({ proposal: first.proposal, created: false });
      const trail = (await opened.trail.listByAudit(auditId)).items;
      expect(trail.map((t) => t.after)).toEqual(['meeting proposed for 2026-11-25 10:00']);
      expect(trail[0]).toMatchObject({ kind: 'meeting', field: `meetings.${p.id}` });
      expect(await opened.meetings.get('mtg-none')).toBeNull();
    });

    it('updates only with the current etag, writing the trail with the update or not at all', async () => {
      const p = buildProposal(auditId);
      const { proposal: created } = await opened.meetings.create(p, []);
      const accepted: MeetingProposal = { ...p, status: 'accepted', response: { byId: 'staff-auditor', at: '2026-11-24T09:00:00.000Z' } };
      const stored = await opened.meetings.update(accepted, created.etag, [trailFor(p, 'a', 'accepted')]);
      expect(stored.etag).not.toBe(created.etag);
      expect(stored.status).toBe('accepted');
      await expect(opened.meetings.update({ ...p, status: 'declined', response: { byId: 'staff-auditor', at: '2026-11-24T09:00:00.000Z' } }, created.etag, [trailFor(p, 'd', 'declined')])).rejects.toBeInstanceOf(ConflictError);
      await expect(opened.meetings.update(buildProposal(auditId, { meetingDate: '2026-11-26' }), '1', [])).rejects.toBeInstanceOf(NotFoundError);
      expect(await opened.meetings.get(p.id)).toEqual(stored);
      expect((await opened.trail.listByAudit(auditId)).items.map((t) => t.after)).toEqual(['accepted']);
    });

    it('refuses an invalid proposal, or a trail entry of another audit, and writes nothing', async () => {
      const p = buildProposal(auditId);
      await expect(opened.meetings.create({ ...p, meetingTime: '25:00' }, [])).rejects.toThrow();
      await expect(opened.meetings.create({ ...p, status: 'accepted' }, [])).rejects.toThrow(); // accepted needs a response
      await expect(opened.meetings.create(p, [{ ...trailFor(p, 'x', 'x'), auditId: 'audit-other' }])).rejects.toThrow(/belongs to audit/);
      expect(await opened.meetings.get(p.id)).toBeNull();
      expect((await opened.trail.listByAudit(auditId)).items).toEqual([]);
    });

    it("lists an audit's proposals oldest first, ties by id, and no other audit's", async () => {
      const other = (await opened.audits.create(buildAudit(), [])).id;
      const late = buildProposal(auditId, { meetingDate: '2026-11-27', createdAt: '2026-11-23T15:00:00.000Z' });
      const early = buildProposal(auditId, { meetingDate: '2026-11-26', createdAt: '2026-11-23T09:00:00.000Z' });
      const tieA = buildProposal(auditId, { meetingDate: '2026-11-30', createdAt: '2026-11-23T12:00:00.000Z' });
      const tieB = buildProposal(auditId, { meetingDate: '2026-12-01', createdAt: '2026-11-23T12:00:00.000Z' });
      for (const p of [late, early, tieB, tieA, buildProposal(other)]) await opened.meetings.create(p, []);
      const ties = [tieA.id, tieB.id].sort();
      expect((await opened.meetings.listByAudit(auditId)).map((p) => p.id)).toEqual([early.id, ...ties, late.id]);
      expect(await opened.meetings.listByAudit('audit-none')).toEqual([]);
    });
  });
}
