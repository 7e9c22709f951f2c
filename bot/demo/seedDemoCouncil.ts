import type { Store } from '../store/storeInterface';
import { DuplicateError } from '../store/storeInterface';
import { buildDemoCouncil } from './demoCouncil';
import type { IsoDate } from '../../shared/schemas/common';
import { diffAuditForTrail } from '../../shared/trail/trailDiff';
import { buildDemoExemptions } from './demoExemptions';

/**
 * Loads the synthetic demo council into an empty store. Services are written last: they mark a
 * complete load, so a crash half-way is finished by the next start (existing records are skipped).
 */
export async function seedDemoCouncil(store: Store, options: { seed: number; today: IsoDate }): Promise<boolean> {
  if ((await store.services.listAll()).length > 0) return false;
  const council = buildDemoCouncil(options);
  const ignoreDuplicate = async (write: () => Promise<unknown>) => {
    try {
      await write();
    } catch (e) {
      if (!(e instanceof DuplicateError)) throw e;
    }
  };
  for (const t of council.teams) await ignoreDuplicate(() => store.teams.put(t, null));
  for (const s of council.staff) await ignoreDuplicate(() => store.staff.put(s, null));
  for (const c of council.cases) await ignoreDuplicate(() => store.cases.put(c, null));
  let n = 0;
  // The demo loader is the actor of each audit's first trail entry, as allocation will be.
  for (const a of council.audits)
    await ignoreDuplicate(() => store.audits.create(a, diffAuditForTrail(null, a, 'demo-loader', a.allocatedAt, () => `trl_demo_${++n}`)));
  for (const a of council.actions) await ignoreDuplicate(() => store.actions.create(a));
  // Create is idempotent by id for concerns and register entries.
  for (const c of council.concerns) await store.concerns.create(c, council.concernTrail.concerns[c.id] ?? []);
  for (const e of council.casesOfConcern) await store.casesOfConcern.create(e, council.concernTrail.casesOfConcern[e.id] ?? []);
  for (const e of buildDemoExemptions(options.today)) await ignoreDuplicate(() => store.exemptions.create(e));
  for (const s of council.services) await ignoreDuplicate(() => store.services.put(s, null));
  return true;
}
