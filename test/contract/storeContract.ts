import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ConflictError,
  DuplicateError,
  InvalidCursorError,
  NotFoundError,
  type Page,
  type PageRequest,
  type Store,
  type WithETag,
} from '../../bot/store/storeInterface';
import type { AuditAction } from '../../shared/schemas/actions';
import type { Audit } from '../../shared/schemas/audits';
import type { AccessLogEntry, TrailEntry } from '../../shared/schemas/trail';
import { buildAction, buildAudit, buildCase, buildService, buildStaff, buildTeam } from '../fixtures/builders';

/**
 * The behaviour every Store implementation must show (SQLite now, SharePoint lists later).
 * `open` must return a fresh, empty store each time; the suite closes it after each test.
 */
export function runStoreContract(name: string, open: () => Promise<Store>): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    describe('versioned records', () => {
      versionedContract<ReturnType<typeof buildStaff>>('staff', () => store, {
        build: () => buildStaff(),
        change: (s) => ({ ...s, displayName: `${s.displayName} (changed)`, away: !s.away }),
        create: (st, s) => st.staff.put(s, null),
        update: (st, s, etag) => st.staff.put(s, etag),
        get: (st, id) => st.staff.get(id),
      });
      versionedContract<ReturnType<typeof buildService>>('service', () => store, {
        build: () => buildService(),
        change: (s) => ({ ...s, name: `${s.name} renamed` }),
        create: (st, s) => st.services.put(s, null),
        update: (st, s, etag) => st.services.put(s, etag),
        get: (st, id) => st.services.get(id),
      });
      versionedContract<ReturnType<typeof buildTeam>>('team', () => store, {
        build: () => buildTeam(),
        change: (t) => ({ ...t, managerId: 'staff-new-manager' }),
        create: (st, t) => st.teams.put(t, null),
        update: (st, t, etag) => st.teams.put(t, etag),
        get: (st, id) => st.teams.get(id),
      });
      versionedContract<ReturnType<typeof buildCase>>('case', () => store, {
        build: () => buildCase(),
        change: (c) => ({ ...c, legalStatus: 'childProtection', pastWorkerIds: ['staff-old'] }),
        create: (st, c) => st.cases.put(c, null),
        update: (st, c, etag) => st.cases.put(c, etag),
        get: (st, id) => st.cases.get(id),
      });
      versionedContract<Audit>('audit', () => store, {
        build: () => buildAudit(),
        change: (a) => ({ ...a, status: 'inProgress', startedAt: '2026-11-03T10:00:00.000Z', form: { ...a.form, caseProfile: 'Changed.' } }),
        create: (st, a) => st.audits.create(a, []),
        update: (st, a, etag) => st.audits.update(a, etag, []),
        get: (st, id) => st.audits.get(id),
      });
      versionedContract<AuditAction>('action', () => store, {
        build: () => buildAction(),
        change: (a) => ({ ...a, status: 'done', doneNote: 'Done in the plan.', doneAt: '2026-12-01T10:00:00.000Z' }),
        create: (st, a) => st.actions.create(a),
        update: (st, a, etag) => st.actions.update(a, etag),
        get: (st, id) => st.actions.get(id),
      });
    });

    describe('staff', () => {
      it('finds staff by e-mail whatever its case, and by Entra object id', async () => {
        const s = await store.staff.put(buildStaff({ email: 'Sam.Jones@Council.example', entraObjectId: 'oid-1' }), null);
        expect(await store.staff.getByEmail('sam.jones@council.example')).toEqual(s);
        expect(await store.staff.getByEmail('SAM.JONES@COUNCIL.EXAMPLE')).toEqual(s);
        expect(await store.staff.getByEntraObjectId('oid-1')).toEqual(s);
        expect(await store.staff.getByEmail('someone.else@council.example')).toBeNull();
        expect(await store.staff.getByEntraObjectId('oid-2')).toBeNull();
      });

      it('refuses an e-mail or Entra id already held by someone else, on create and on update', async () => {
        const a = await store.staff.put(buildStaff({ email: 'a@council.example', entraObjectId: 'oid-a' }), null);
        const b = await store.staff.put(buildStaff({ email: 'b@council.example' }), null);
        await expect(store.staff.put(buildStaff({ email: 'A@council.example' }), null)).rejects.toBeInstanceOf(DuplicateError);
        await expect(store.staff.put(buildStaff({ entraObjectId: 'oid-a' }), null)).rejects.toBeInstanceOf(DuplicateError);
        await expect(store.staff.put({ ...b, email: 'a@council.example' }, b.etag)).rejects.toBeInstanceOf(DuplicateError);
        await expect(store.staff.put({ ...b, entraObjectId: 'oid-a' }, b.etag)).rejects.toBeInstanceOf(DuplicateError);
        expect(await store.staff.get(b.id)).toEqual(b);
        // Many staff may have no Entra id yet.
        await store.staff.put(buildStaff({ entraObjectId: null }), null);
        await store.staff.put(buildStaff({ entraObjectId: null }), null);
        // Keeping one's own e-mail is not a clash; changing it frees the old one.
        const a2 = await store.staff.put({ ...a, email: 'a.new@council.example' }, a.etag);
        expect(await store.staff.getByEmail('a@council.example')).toBeNull();
        expect(await store.staff.getByEmail('a.new@council.example')).toEqual(a2);
        await store.staff.put(buildStaff({ email: 'a@council.example' }), null);
      });

      it('lists by team and by role, following changes', async () => {
        const lead = await store.staff.put(buildStaff({ id: 'st-3', teamId: 'team-1', jobRoles: ['teamManager', 'qaLead'] }), null);
        await store.staff.put(buildStaff({ id: 'st-1', teamId: 'team-1', jobRoles: ['worker'] }), null);
        await store.staff.put(buildStaff({ id: 'st-2', teamId: 'team-2', jobRoles: ['qaLead'] }), null);
        await store.staff.put(buildStaff({ id: 'st-4', teamId: null, jobRoles: ['seniorManager'] }), null);

        expect(await ids(store.staff.listByTeam('team-1'))).toEqual(['st-1', 'st-3']);
        expect(await ids(store.staff.listByTeam('team-2'))).toEqual(['st-2']);
        expect(await ids(store.staff.listByRole('qaLead'))).toEqual(['st-2', 'st-3']);
        expect(await ids(store.staff.listByRole('teamManager'))).toEqual(['st-3']);
        expect(await ids(store.staff.listByRole('administrator'))).toEqual([]);

        await store.staff.put({ ...lead, teamId: 'team-2', jobRoles: ['teamManager'] }, lead.etag);
        expect(await ids(store.staff.listByTeam('team-1'))).toEqual(['st-1']);
        expect(await ids(store.staff.listByTeam('team-2'))).toEqual(['st-2', 'st-3']);
        expect(await ids(store.staff.listByRole('qaLead'))).toEqual(['st-2']);
        expect(await ids(store.staff.listByRole('teamManager'))).toEqual(['st-3']);
      });

      it('pages by role through more than one page', async () => {
        const want: string[] = [];
        for (let i = 0; i < 12; i++) {
          const s = await store.staff.put(buildStaff({ id: `qa-${String((i * 7) % 12).padStart(2, '0')}`, jobRoles: ['qaLead'] }), null);
          want.push(s.id);
          await store.staff.put(buildStaff({ jobRoles: ['worker'] }), null);
        }
        const got = await collect((p) => store.staff.listByRole('qaLead', p), 5);
        expect(got.pages).toBe(3);
        expect(got.items.map((s) => s.id)).toEqual([...want].sort());
      });
    });

    describe('services and teams', () => {
      it('lists reference data by name, and teams by service', async () => {
        await store.services.put(buildService({ id: 'svc-b', name: 'Children in care' }), null);
        await store.services.put(buildService({ id: 'svc-a', name: 'Assessment' }), null);
        expect((await store.services.listAll()).map((s) => s.id)).toEqual(['svc-a', 'svc-b']);

        await store.teams.put(buildTeam({ id: 'tm-1', name: 'Safeguarding West', serviceId: 'svc-a' }), null);
        await store.teams.put(buildTeam({ id: 'tm-2', name: 'Safeguarding East', serviceId: 'svc-a' }), null);
        await store.teams.put(buildTeam({ id: 'tm-3', name: 'Adolescents', serviceId: 'svc-b' }), null);
        expect((await store.teams.listAll()).map((t) => t.id)).toEqual(['tm-3', 'tm-2', 'tm-1']);
        expect((await store.teams.listByService('svc-a')).map((t) => t.id)).toEqual(['tm-2', 'tm-1']);
        expect((await store.teams.listByService('svc-b')).map((t) => t.id)).toEqual(['tm-3']);
        expect(await store.teams.listByService('svc-none')).toEqual([]);
      });
    });

    describe('cases', () => {
      it('finds a case by its reference whatever its case, and keeps references unique', async () => {
        const c = await store.cases.put(buildCase({ caseRef: 'AB/123-x' }), null);
        expect(await store.cases.getByRef('AB/123-x')).toEqual(c);
        expect(await store.cases.getByRef('ab/123-X')).toEqual(c);
        expect(await store.cases.getByRef('AB/999')).toBeNull();
        await expect(store.cases.put(buildCase({ caseRef: 'ab/123-X' }), null)).rejects.toBeInstanceOf(DuplicateError);
        const other = await store.cases.put(buildCase({ caseRef: 'CD/1' }), null);
        await expect(store.cases.put({ ...other, caseRef: 'AB/123-x' }, other.etag)).rejects.toBeInstanceOf(DuplicateError);
        expect(await store.cases.get(other.id)).toEqual(other);
      });

      it('lists cases by team and follows a move', async () => {
        const c1 = await store.cases.put(buildCase({ id: 'c-2', teamId: 'team-1' }), null);
        await store.cases.put(buildCase({ id: 'c-1', teamId: 'team-1' }), null);
        await store.cases.put(buildCase({ id: 'c-3', teamId: 'team-2' }), null);
        expect(await ids(store.cases.listByTeam('team-1'))).toEqual(['c-1', 'c-2']);
        await store.cases.put({ ...c1, teamId: 'team-2', pastTeamIds: ['team-1'] }, c1.etag);
        expect(await ids(store.cases.listByTeam('team-1'))).toEqual(['c-1']);
        expect(await ids(store.cases.listByTeam('team-2'))).toEqual(['c-2', 'c-3']);
      });

      it('deletes a case only with its current etag; a stale etag conflicts and a missing case is not found', async () => {
        const c = await store.cases.put(buildCase({ id: 'c-del', caseRef: 'DEL/1', teamId: 'team-1' }), null);
        const changed = await store.cases.put({ ...c, disability: !c.disability }, c.etag);
        await expect(store.cases.delete(c.id, c.etag)).rejects.toBeInstanceOf(ConflictError);
        expect(await store.cases.get(c.id)).toEqual(changed);
        await store.cases.delete(c.id, changed.etag);
        expect(await store.cases.get(c.id)).toBeNull();
        expect(await store.cases.getByRef('DEL/1')).toBeNull();
        expect(await ids(store.cases.listByTeam('team-1'))).toEqual([]);
        await expect(store.cases.delete(c.id, changed.etag)).rejects.toBeInstanceOf(NotFoundError);
        await expect(store.cases.delete('c-never', '1')).rejects.toBeInstanceOf(NotFoundError);
        // The reference is free again: a re-import creates the case afresh.
        const again = await store.cases.put(buildCase({ id: 'c-del', caseRef: 'del/1', teamId: 'team-1' }), null);
        expect(await store.cases.getByRef('DEL/1')).toEqual(again);
      });

      it('keeps an unborn baby with no date of birth', async () => {
        const c = buildCase({ dateOfBirth: null, expectedDateOfBirth: '2027-02-01' });
        await store.cases.put(c, null);
        expect(strip(await store.cases.get(c.id))).toEqual(c);
      });
    });

    describe('audits and trail', () => {
      it('reads back a filled-in audit exactly as written', async () => {
        const a = richAudit();
        const created = await store.audits.create(a, []);
        expect(strip(created)).toEqual(a);
        expect(strip(await store.audits.get(a.id))).toEqual(a);
      });

      it('writes the trail with the audit, in the order written', async () => {
        const a = buildAudit();
        const created = await store.audits.create(a, [trail(a.id, 'tr-b', 'created')]);
        const started = { ...a, status: 'inProgress' as const };
        const updated = await store.audits.update(started, created.etag, [trail(a.id, 'tr-a', 'status'), trail(a.id, 'tr-c', 'field')]);
        expect(updated.status).toBe('inProgress');
        const page = await store.trail.listByAudit(a.id);
        expect(page.items.map((t) => t.id)).toEqual(['tr-b', 'tr-a', 'tr-c']);
        expect(page.items[1]).toEqual(trail(a.id, 'tr-a', 'status'));
        expect(page.next).toBeNull();
      });

      it('writes no trail when the update conflicts or the audit is missing', async () => {
        const a = buildAudit();
        const created = await store.audits.create(a, []);
        const first = await store.audits.update({ ...a, status: 'inProgress' }, created.etag, [trail(a.id, 'tr-1', 'status')]);
        await expect(
          store.audits.update({ ...a, dueDate: '2027-01-01' }, created.etag, [trail(a.id, 'tr-2', 'field')]),
        ).rejects.toBeInstanceOf(ConflictError);
        const ghost = buildAudit();
        await expect(store.audits.update(ghost, '1', [trail(ghost.id, 'tr-3', 'field')])).rejects.toBeInstanceOf(NotFoundError);
        expect((await store.trail.listByAudit(a.id)).items.map((t) => t.id)).toEqual(['tr-1']);
        expect((await store.trail.listByAudit(ghost.id)).items).toEqual([]);
        expect(await store.audits.get(a.id)).toEqual(first);
        expect(await store.audits.get(ghost.id)).toBeNull();
      });

      it('writes nothing when a create is refused', async () => {
        const a = buildAudit();
        await store.audits.create(a, [trail(a.id, 'tr-1', 'created')]);
        await expect(store.audits.create({ ...a, dueDate: '2027-03-01' }, [trail(a.id, 'tr-2', 'created')])).rejects.toBeInstanceOf(
          DuplicateError,
        );
        expect((await store.trail.listByAudit(a.id)).items.map((t) => t.id)).toEqual(['tr-1']);
        expect((await store.audits.get(a.id))?.dueDate).toBe(a.dueDate);
      });

      it("refuses trail entries that belong to another audit, writing nothing", async () => {
        const a = buildAudit();
        await expect(store.audits.create(a, [trail(a.id, 'tr-1', 'created'), trail('audit-other', 'tr-2', 'field')])).rejects.toThrow();
        expect(await store.audits.get(a.id)).toBeNull();
        expect((await store.trail.listByAudit(a.id)).items).toEqual([]);
        expect((await store.trail.listByAudit('audit-other')).items).toEqual([]);
      });

      it('lists audits by auditor, case and team (the team at allocation), by due date then id', async () => {
        const snap = (teamId: string) => ({ ...buildAudit().caseSnapshot, teamId });
        await store.audits.create(buildAudit({ id: 'au-4', auditorId: 'aud-1', caseId: 'case-1', dueDate: '2026-12-20', caseSnapshot: snap('team-1') }), []);
        await store.audits.create(buildAudit({ id: 'au-2', auditorId: 'aud-1', caseId: 'case-2', dueDate: '2026-12-10', caseSnapshot: snap('team-2') }), []);
        await store.audits.create(buildAudit({ id: 'au-1', auditorId: 'aud-2', caseId: 'case-1', dueDate: '2026-12-20', caseSnapshot: snap('team-1') }), []);
        await store.audits.create(buildAudit({ id: 'au-3', auditorId: 'aud-1', caseId: 'case-3', dueDate: '2026-12-20', caseSnapshot: snap('team-1') }), []);

        expect(await ids(store.audits.listByAuditor('aud-1'))).toEqual(['au-2', 'au-3', 'au-4']);
        expect(await ids(store.audits.listByAuditor('aud-2'))).toEqual(['au-1']);
        expect(await ids(store.audits.listByCase('case-1'))).toEqual(['au-1', 'au-4']);
        expect(await ids(store.audits.listByTeam('team-1'))).toEqual(['au-1', 'au-3', 'au-4']);
        expect(await ids(store.audits.listByTeam('team-2'))).toEqual(['au-2']);
        expect(await ids(store.audits.listByAuditor('nobody'))).toEqual([]);

        // Reallocating moves the audit between auditors' lists; a new due date moves it in order.
        const au4 = await store.audits.get('au-4');
        if (!au4) throw new Error('au-4 missing');
        await store.audits.update({ ...strip(au4), auditorId: 'aud-2', dueDate: '2026-12-01' }, au4.etag, []);
        expect(await ids(store.audits.listByAuditor('aud-1'))).toEqual(['au-2', 'au-3']);
        expect(await ids(store.audits.listByAuditor('aud-2'))).toEqual(['au-4', 'au-1']);
      });

      it('pages audits and trail through several pages, each item once in a stable order', async () => {
        const due = ['2026-12-05', '2026-12-01', '2026-12-05', '2026-12-03', '2026-12-01', '2026-12-09', '2026-12-05'];
        const made: Audit[] = [];
        for (const [i, d] of due.entries()) {
          made.push((await store.audits.create(buildAudit({ id: `pg-${(i * 3) % 7}`, auditorId: 'aud-p', dueDate: d }), [])) as Audit);
        }
        const expected = made
          .map((a) => [a.dueDate, a.id] as const)
          .sort((x, y) => (x[0] === y[0] ? cmp(x[1], y[1]) : cmp(x[0], y[0])))
          .map((k) => k[1]);
        const got = await collect((p) => store.audits.listByAuditor('aud-p', p), 3);
        expect(got.pages).toBe(3);
        expect(got.items.map((a) => a.id)).toEqual(expected);
        const again = await collect((p) => store.audits.listByAuditor('aud-p', p), 3);
        expect(again.items.map((a) => a.id)).toEqual(expected);

        const a = buildAudit();
        const entries = Array.from({ length: 11 }, (_, i) => trail(a.id, `tz-${String(20 - i).padStart(2, '0')}`, 'field'));
        await store.audits.create(a, entries);
        const t = await collect((p) => store.trail.listByAudit(a.id, p), 4);
        expect(t.pages).toBe(3);
        expect(t.items).toEqual(entries);
      });

      it('lists audits due in a month: from its 1st to its last day, by due date then id, following a new due date', async () => {
        const due: [string, string][] = [
          ['m-late', '2026-11-30'],
          ['m-before', '2026-10-31'],
          ['m-b', '2026-11-15'],
          ['m-first', '2026-11-01'],
          ['m-after', '2026-12-01'],
          ['m-a', '2026-11-15'],
          ['m-dec', '2026-12-31'],
          ['m-jan', '2027-01-01'],
          ['m-leap', '2028-02-29'],
          ['m-mar', '2028-03-01'],
        ];
        const created = new Map<string, WithETag<Audit>>();
        for (const [id, dueDate] of due) created.set(id, await store.audits.create(buildAudit({ id, dueDate }), []));

        expect(await ids(store.audits.listDueInMonth('2026-11'))).toEqual(['m-first', 'm-a', 'm-b', 'm-late']);
        expect(await ids(store.audits.listDueInMonth('2026-10'))).toEqual(['m-before']);
        expect(await ids(store.audits.listDueInMonth('2026-12'))).toEqual(['m-after', 'm-dec']);
        expect(await ids(store.audits.listDueInMonth('2027-01'))).toEqual(['m-jan']);
        expect(await ids(store.audits.listDueInMonth('2028-02'))).toEqual(['m-leap']);
        expect(await ids(store.audits.listDueInMonth('2028-03'))).toEqual(['m-mar']);
        const [read] = (await store.audits.listDueInMonth('2026-10')).items;
        expect(strip(read ?? null)).toEqual(strip(created.get('m-before') ?? null));

        // A new due date moves the audit to its new month.
        const late = await store.audits.get('m-late');
        if (!late) throw new Error('m-late missing');
        await store.audits.update({ ...strip(late), dueDate: '2026-12-01' }, late.etag, []);
        expect(await ids(store.audits.listDueInMonth('2026-11'))).toEqual(['m-first', 'm-a', 'm-b']);
        expect(await ids(store.audits.listDueInMonth('2026-12'))).toEqual(['m-after', 'm-late', 'm-dec']);
      });

      it('pages the audits due in a month through several pages, each once in order; an empty month is one empty page', async () => {
        const due = ['2026-11-05', '2026-11-30', '2026-11-05', '2026-11-01', '2026-11-30', '2026-11-17', '2026-11-05'];
        const made: Audit[] = [];
        for (const [i, d] of due.entries()) made.push((await store.audits.create(buildAudit({ id: `dm-${(i * 3) % 7}`, dueDate: d }), [])) as Audit);
        await store.audits.create(buildAudit({ id: 'dm-oct', dueDate: '2026-10-31' }), []);
        await store.audits.create(buildAudit({ id: 'dm-dec', dueDate: '2026-12-01' }), []);
        const expected = made
          .map((a) => [a.dueDate, a.id] as const)
          .sort((x, y) => (x[0] === y[0] ? cmp(x[1], y[1]) : cmp(x[0], y[0])))
          .map((k) => k[1]);
        const got = await collect((p) => store.audits.listDueInMonth('2026-11', p), 3);
        expect(got.pages).toBe(3);
        expect(got.items.map((a) => a.id)).toEqual(expected);

        expect(await store.audits.listDueInMonth('2027-11')).toEqual({ items: [], next: null });
        expect(await store.audits.listDueInMonth('2025-11')).toEqual({ items: [], next: null });
        await expect(store.audits.listDueInMonth('2026-11', { cursor: 'not a cursor' })).rejects.toBeInstanceOf(InvalidCursorError);
      });

      it('refuses a month that is not YYYY-MM', async () => {
        await store.audits.create(buildAudit({ dueDate: '2026-11-15' }), []);
        for (const bad of ['2026-13', '2026-00', '2026-1', '2026-11-01', '2026', 'November 2026', '']) {
          await expect(store.audits.listDueInMonth(bad)).rejects.toThrow(/month must be a calendar month as YYYY-MM/);
        }
      });
    });

    describe('actions', () => {
      it('creates idempotently: same content returns the stored action, different content is refused', async () => {
        const a = buildAction();
        const first = await store.actions.create(a);
        const again = await store.actions.create(structuredClone(a));
        expect(again).toEqual(first);
        await expect(store.actions.create({ ...a, what: 'Something else.' })).rejects.toBeInstanceOf(DuplicateError);
        expect(await store.actions.get(a.id)).toEqual(first);
        expect(await store.actions.listByAudit(a.auditId)).toHaveLength(1);
      });

      it('lists actions by audit, case, owner and team, by due date then id', async () => {
        await store.actions.create(buildAction({ id: 'ac-3', auditId: 'au-1', caseId: 'case-1', ownerId: 'own-1', teamId: 'team-1', dueDate: '2027-01-20' }));
        await store.actions.create(buildAction({ id: 'ac-1', auditId: 'au-1', caseId: 'case-1', ownerId: 'own-2', teamId: 'team-1', dueDate: '2027-01-20' }));
        await store.actions.create(buildAction({ id: 'ac-2', auditId: 'au-1', caseId: 'case-1', ownerId: 'own-1', teamId: 'team-1', dueDate: '2027-01-05' }));
        await store.actions.create(buildAction({ id: 'ac-4', auditId: 'au-2', caseId: 'case-2', ownerId: 'own-1', teamId: 'team-2', dueDate: '2027-01-01' }));

        expect((await store.actions.listByAudit('au-1')).map((a) => a.id)).toEqual(['ac-2', 'ac-1', 'ac-3']);
        expect((await store.actions.listByAudit('au-2')).map((a) => a.id)).toEqual(['ac-4']);
        expect(await store.actions.listByAudit('au-none')).toEqual([]);
        expect(await ids(store.actions.listByCase('case-1'))).toEqual(['ac-2', 'ac-1', 'ac-3']);
        expect(await ids(store.actions.listByOwner('own-1'))).toEqual(['ac-4', 'ac-2', 'ac-3']);
        expect(await ids(store.actions.listByOwner('own-2'))).toEqual(['ac-1']);
        expect(await ids(store.actions.listByTeam('team-2'))).toEqual(['ac-4']);

        // Handing an action to someone else moves it between owners' lists.
        const ac3 = await store.actions.get('ac-3');
        if (!ac3) throw new Error('ac-3 missing');
        await store.actions.update({ ...ac3, ownerId: 'own-2' }, ac3.etag);
        expect(await ids(store.actions.listByOwner('own-1'))).toEqual(['ac-4', 'ac-2']);
        expect(await ids(store.actions.listByOwner('own-2'))).toEqual(['ac-1', 'ac-3']);
      });

      it('pages actions by owner through several pages', async () => {
        for (let i = 0; i < 9; i++) {
          await store.actions.create(buildAction({ ownerId: 'own-p', dueDate: `2027-02-${String(10 - i).padStart(2, '0')}` }));
        }
        await store.actions.create(buildAction({ ownerId: 'own-q' }));
        const got = await collect((p) => store.actions.listByOwner('own-p', p), 4);
        expect(got.pages).toBe(3);
        expect(got.items.map((a) => a.dueDate)).toEqual([...got.items.map((a) => a.dueDate)].sort());
        expect(new Set(got.items.map((a) => a.id)).size).toBe(9);
      });
    });

    describe('access log', () => {
      it('appends and lists entries for one audit in the order written', async () => {
        const e1 = access('al-2', 'au-1');
        const e2 = access('al-1', 'au-1');
        const other = access('al-3', 'au-2');
        await store.accessLog.append(e1);
        await store.accessLog.append(other);
        await store.accessLog.append(e2);
        const page = await store.accessLog.listByAudit('au-1');
        expect(page).toEqual({ items: [e1, e2], next: null });
        expect((await store.accessLog.listByAudit('au-2')).items).toEqual([other]);
        await expect(store.accessLog.append({ ...e1, grantedBy: 'something else' })).rejects.toBeInstanceOf(DuplicateError);
        expect((await store.accessLog.listByAudit('au-1')).items).toEqual([e1, e2]);
      });

      it('pages the access log', async () => {
        const written: AccessLogEntry[] = [];
        for (let i = 0; i < 7; i++) {
          const e = access(`ap-${9 - i}`, 'au-p');
          await store.accessLog.append(e);
          written.push(e);
        }
        const got = await collect((p) => store.accessLog.listByAudit('au-p', p), 2);
        expect(got.pages).toBe(4);
        expect(got.items).toEqual(written);
      });
    });

    describe('paging', () => {
      it('uses pages of 100 by default and never more than 500', async () => {
        for (let i = 0; i < 101; i++) await store.staff.put(buildStaff({ teamId: 'team-big' }), null);
        const first = await store.staff.listByTeam('team-big');
        expect(first.items).toHaveLength(100);
        expect(first.next).not.toBeNull();
        const second = await store.staff.listByTeam('team-big', { cursor: first.next });
        expect(second.items).toHaveLength(1);
        expect(second.next).toBeNull();
        expect((await store.staff.listByTeam('team-big', { limit: 10_000 })).items).toHaveLength(101);
        expect((await store.staff.listByTeam('team-big', { limit: 0 })).items).toHaveLength(1);
      });

      it('returns an empty last page with no cursor when nothing matches', async () => {
        expect(await store.staff.listByTeam('team-none')).toEqual({ items: [], next: null });
        expect(await store.trail.listByAudit('au-none')).toEqual({ items: [], next: null });
      });

      it('does not repeat or skip items when records are added between pages', async () => {
        for (const id of ['p-02', 'p-04', 'p-06', 'p-08']) await store.cases.put(buildCase({ id, teamId: 'team-p' }), null);
        const first = await store.cases.listByTeam('team-p', { limit: 2 });
        expect(first.items.map((c) => c.id)).toEqual(['p-02', 'p-04']);
        await store.cases.put(buildCase({ id: 'p-01', teamId: 'team-p' }), null); // before the cursor
        await store.cases.put(buildCase({ id: 'p-05', teamId: 'team-p' }), null); // after it
        const rest = await collect((p) => store.cases.listByTeam('team-p', p), 2, first.next);
        expect(rest.items.map((c) => c.id)).toEqual(['p-05', 'p-06', 'p-08']);
      });

      it('rejects a cursor it did not issue', async () => {
        await expect(store.staff.listByTeam('team-a', { cursor: 'not a cursor' })).rejects.toBeInstanceOf(InvalidCursorError);
        await expect(store.audits.listByTeam('team-a', { cursor: btoa('[1,2,3]') })).rejects.toBeInstanceOf(InvalidCursorError);
      });
    });
  });
}

interface VersionedKind<T extends { id: string }> {
  build(): T;
  change(x: T): T;
  create(s: Store, x: T): Promise<WithETag<T>>;
  update(s: Store, x: T, etag: string): Promise<WithETag<T>>;
  get(s: Store, id: string): Promise<WithETag<T> | null>;
}

/** Round trips and optimistic concurrency, the same for every versioned entity. */
function versionedContract<T extends { id: string }>(label: string, store: () => Store, kind: VersionedKind<T>): void {
  // Generic Omit<WithETag<T>, 'etag'> is T again, which TypeScript cannot see by itself.
  const bare = (x: WithETag<T>): T => strip(x) as unknown as T;
  describe(label, () => {
    it('reads back what was written, with an etag', async () => {
      const x = kind.build();
      const created = await kind.create(store(), x);
      expect(typeof created.etag).toBe('string');
      expect(created.etag.length).toBeGreaterThan(0);
      expect(bare(created)).toEqual(x);
      expect(await kind.get(store(), x.id)).toEqual(created);
      expect(await kind.get(store(), 'no-such-id')).toBeNull();
    });

    it('updates with the current etag and issues a new one', async () => {
      const created = await kind.create(store(), kind.build());
      const changed = kind.change(bare(created));
      const updated = await kind.update(store(), changed, created.etag);
      expect(updated.etag).not.toBe(created.etag);
      expect(bare(updated)).toEqual(changed);
      expect(await kind.get(store(), changed.id)).toEqual(updated);
      // A record carrying an etag property is fine: only the argument counts.
      const again = await kind.update(store(), { ...updated, etag: 'ignored' }, updated.etag);
      expect(again.etag).not.toBe(updated.etag);
      expect(bare(again)).toEqual(changed);
    });

    it('refuses a stale or foreign etag and leaves the record unchanged', async () => {
      const created = await kind.create(store(), kind.build());
      const updated = await kind.update(store(), kind.change(bare(created)), created.etag);
      const err = await kind.update(store(), bare(created), created.etag).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConflictError);
      expect(String((err as Error).message)).toContain(created.id);
      expect(String((err as Error).message)).toMatch(/changed by someone else/);
      await expect(kind.update(store(), bare(created), 'not-an-etag')).rejects.toBeInstanceOf(ConflictError);
      expect(await kind.get(store(), created.id)).toEqual(updated);
    });

    it('refuses to create over an existing id, and to update a missing one', async () => {
      const created = await kind.create(store(), kind.build());
      await expect(kind.create(store(), kind.change(bare(created)))).rejects.toBeInstanceOf(DuplicateError);
      expect(await kind.get(store(), created.id)).toEqual(created);
      const ghost = kind.build();
      await expect(kind.update(store(), ghost, created.etag)).rejects.toBeInstanceOf(NotFoundError);
      expect(await kind.get(store(), ghost.id)).toBeNull();
    });
  });
}

function strip<T extends { etag: string }>(x: T): Omit<T, 'etag'>;
function strip<T extends { etag: string }>(x: T | null): Omit<T, 'etag'> | null;
function strip<T extends { etag: string }>(x: T | null): Omit<T, 'etag'> | null {
  if (x === null) return null;
  const { etag: _etag, ...rest } = x;
  return rest;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

async function ids(p: Promise<Page<{ id: string }>>): Promise<string[]> {
  const page = await p;
  expect(page.next).toBeNull();
  return page.items.map((x) => x.id);
}

/** Follows cursors to the end, checking page sizes; fails rather than loop forever. */
async function collect<T>(
  list: (page: PageRequest) => Promise<Page<T>>,
  limit: number,
  start: string | null = null,
): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let cursor = start;
  let pages = 0;
  do {
    const page = await list({ cursor, limit });
    pages++;
    expect(page.items.length).toBeLessThanOrEqual(limit);
    if (page.next !== null) expect(page.items.length).toBe(limit);
    items.push(...page.items);
    cursor = page.next;
    if (pages > 1000) throw new Error('paging did not end');
  } while (cursor !== null);
  return { items, pages };
}

function trail(auditId: string, id: string, kind: TrailEntry['kind']): TrailEntry {
  return {
    id,
    auditId,
    at: '2026-11-23T10:00:00.000Z',
    actorId: 'staff-actor',
    kind,
    field: kind === 'field' ? 'grading.overall.grade' : 'status',
    before: kind === 'field' ? 'good' : null,
    after: kind === 'field' ? 'requiresImprovement' : 'inProgress',
    textLengths: null,
  };
}

function access(id: string, auditId: string): AccessLogEntry {
  return { id, at: '2026-11-23T11:00:00.000Z', actorId: 'staff-reader', auditId, caseId: 'case-1', grantedBy: 'qaLead' };
}

/** An audit with every part of the form used, including text that JSON must carry unchanged. */
function richAudit(): Audit {
  const a = buildAudit({
    status: 'submitted',
    roundId: 'round-2026-11',
    theme: { id: 'planning', title: 'Planning', questions: [{ id: 'q-1', text: 'Is the plan specific?' }] },
    finalGrade: { scale: 'local3', value: { grade: 'notYetGood', inadequate: false }, fourPoint: 'requiresImprovement' },
    startedAt: '2026-11-03T09:30:00.000Z',
    submittedAt: '2026-11-20T16:45:10.123Z',
  });
  const f = a.form;
  f.caseProfile = 'Line one.\nLine two with "quotes", a back\\slash, a tab\tand ünïcødé — plus an emoji 🙂.';
  f.sections['1b'] = { prompts: { 'plan-smart': { state: 'seen', note: 'Targets dated.' }, 'plan-child': { state: 'notSeen', note: '' } }, evidence: 'Plan reviewed.' };
  f.sectionChoices['3c'] = { included: false, reason: 'Not relevant at this age.' };
  f.participants = { workerTookPart: true, meetingDate: '2026-11-18', staffIds: ['staff-w', 'staff-m'], others: 'IRO' };
  f.views.child = { sought: 'yes', consent: 'notRequired', ownWords: 'Synthetic words.', reasonNotSought: '' };
  f.goodPractice = { kind: 'example', text: 'Direct work recorded.' };
  f.theme = { 'q-1': 'Partly.' };
  f.grading.domains = { planning: { value: { grade: 'notYetGood', inadequate: false }, evidence: 'Some gaps.' } };
  f.grading.overall = { grade: 'notYetGood', inadequate: false };
  f.grading.outcomes = 'onTheWay';
  f.grading.childSafe = 'safe';
  f.grading.summary = { judgement: 'J.', evidence: 'E.', impact: 'I.' };
  f.actions = [{ id: 'da-1', what: 'Update the plan.', sectionId: '1b', why: 'Targets undated.', ownerId: 'staff-w', accountableManagerId: 'staff-m', dueDate: '2027-01-10' }];
  f.urgentConcern = { raised: true, raisedWithId: 'staff-m', raisedAt: '2026-11-19T12:00:00.000Z' };
  return a;
}
