import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../bot/store/sqlite/openSqliteStore';
import { buildAudit } from '../fixtures/builders';
import { buildCaseOfConcern, buildUrgentConcern, runConcernStoreContract } from './concernContract';

const dir = mkdtempSync(path.join(os.tmpdir(), 'practice-audit-concerns-'));
let fileNo = 0;
const freshFile = () => path.join(dir, `concerns-${++fileNo}.db`);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function open(filename: string) {
  const store = openSqliteStore(filename);
  return { concerns: store.concerns, casesOfConcern: store.casesOfConcern, audits: store.audits, trail: store.trail, close: () => store.close() };
}

runConcernStoreContract('SQLite file', async () => open(freshFile()));
runConcernStoreContract('SQLite in memory', async () => open(':memory:'));

describe('SQLite concern stores only', () => {
  it('keeps concerns and register entries across a reopen', async () => {
    const file = freshFile();
    const first = open(file);
    const auditId = (await first.audits.create(buildAudit(), [])).id;
    const { concern } = await first.concerns.create(buildUrgentConcern(auditId), []);
    const { entry } = await first.casesOfConcern.create(buildCaseOfConcern(), []);
    await first.close();
    const second = open(file);
    try {
      expect(await second.concerns.get(concern.id)).toEqual(concern);
      expect(await second.casesOfConcern.get(entry.id)).toEqual(entry);
    } finally {
      await second.close();
    }
  });
});
