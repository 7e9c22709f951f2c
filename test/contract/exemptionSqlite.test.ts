import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../bot/store/sqlite/openSqliteStore';
import { buildExemption, runExemptionStoreContract } from './exemptionContract';

const dir = mkdtempSync(path.join(os.tmpdir(), 'practice-audit-exemptions-'));
let fileNo = 0;
const freshFile = () => path.join(dir, `exemptions-${++fileNo}.db`);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function open(filename: string) {
  const store = openSqliteStore(filename);
  return { exemptions: store.exemptions, close: () => store.close() };
}

runExemptionStoreContract('SQLite file', async () => open(freshFile()));
runExemptionStoreContract('SQLite in memory', async () => open(':memory:'));

describe('SQLite exemption store only', () => {
  it('keeps requests across a reopen', async () => {
    const file = freshFile();
    const first = open(file);
    const r = await first.exemptions.create(buildExemption());
    await first.close();
    const second = open(file);
    try {
      expect(await second.exemptions.get(r.id)).toEqual(r);
    } finally {
      await second.close();
    }
  });
});
