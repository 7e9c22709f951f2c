import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../store/sqlite/openSqliteStore';
import type { Store } from '../store/storeInterface';
import { ActionCards } from './actionCards';
import { ActionService } from './actionService';
import { actionLinks } from './actionLinks';
import { actionCardVersion } from '../../shared/actions/actionLifecycle';
import { TemplateCatalogue, builtInTemplates } from '../../shared/templates/templateCatalogue';
import { defaultAuditTypeLabels } from '../../shared/cards/cardInputs';
import type { StaffMember } from '../../shared/schemas/staff';
import { actionPeople, setUpActionOrg, type ActionOrg } from '../../test/fixtures/actionOrg';

// Wednesday 25/11/2026, 10:00 in London.
const now = new Date('2026-11-25T10:00:00.000Z');
let store: Store;
let org: ActionOrg;
let ids = 0;

function service(s: Store = store) {
  const links = actionLinks({ mode: 'local', publicUrl: 'http://localhost:3978' });
  const cards = new ActionCards({ store: s, templates: new TemplateCatalogue(builtInTemplates()), links, labels: defaultAuditTypeLabels() });
  return new ActionService({ store: s, cards, links, clock: () => now, newId: (p) => `${p}_${++ids}` });
}
async function person(id: string): Promise<StaffMember> {
  const p = await store.staff.get(id);
  if (!p) throw new Error(`no ${id}`);
  const { etag: _e, ...rest } = p;
  return rest;
}

beforeEach(async () => {
  store = openSqliteStore(':memory:');
  org = await setUpActionOrg(store);
});
afterEach(async () => store.close());

describe('ActionService under contention', () => {
  it('both approvers read the action before either writes: exactly one change, the other re-reads and is told', async () => {
    const a = await org.action({ status: 'done', doneNote: 'Done.', doneAt: '2026-11-24T15:00:00.000Z', doneById: actionPeople.owner });
    // Hold every first read until both calls have made theirs, so both decide on the same etag.
    let waiting = 0;
    let release: () => void = () => undefined;
    const bothRead = new Promise<void>((r) => (release = r));
    const racing: Store = {
      ...store,
      actions: {
        ...store.actions,
        get: async (id) => {
          const got = await store.actions.get(id);
          if (waiting < 2) {
            waiting++;
            if (waiting === 2) release();
            await bothRead;
          }
          return got;
        },
      },
    };
    const svc = service(racing);
    const [m, d] = await Promise.all([svc.approve(await person(actionPeople.manager), a.id, actionCardVersion(a)), svc.approve(await person(actionPeople.deputy), a.id, actionCardVersion(a))]);
    expect([m.ok, d.ok].filter(Boolean)).toHaveLength(1);
    const loser = m.ok ? d : m;
    expect(loser).toMatchObject({ ok: false, code: 'stale' });
    expect(!loser.ok && loser.message).toMatch(/^This action was already approved by (Maple Manager|Daisy Deputy) on 25\/11\/2026 at 10:00\.$/);
    const trail = (await store.trail.listByAudit(org.audit.id)).items.filter((e) => e.field === `actions.${a.id}.status`);
    expect(trail).toHaveLength(1);
  });

  it('a write that loses only to bookkeeping (a drift record) is decided again and goes through', async () => {
    const a = await org.action();
    let bumped = false;
    const racing: Store = {
      ...store,
      actions: {
        ...store.actions,
        update: async (action, etag, trail) => {
          if (!bumped) {
            bumped = true;
            // The nudge job records drift between this call's read and its write.
            const cur = await store.actions.get(action.id);
            if (cur) {
              const { etag: e, ...rest } = cur;
              await store.actions.update({ ...rest, driftNotifiedAt: now.toISOString() }, e);
            }
          }
          return store.actions.update(action, etag, trail);
        },
      },
    };
    const out = await service(racing).markDone(await person(actionPeople.owner), a.id, actionCardVersion(a), 'Plan updated.');
    expect(out).toMatchObject({ ok: true, action: { status: 'done', driftNotifiedAt: now.toISOString() } });
  });

  it('announces new actions once per owner and audit', async () => {
    const svc = service();
    expect(await svc.announceNewActions(org.audit)).toBe(1);
    expect(await svc.announceNewActions(org.audit)).toBe(0);
    expect((await store.outbox.countByStatus()).queued).toBe(1);
  });
});
