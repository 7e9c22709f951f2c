import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../bot/store/sqlite/openSqliteStore';
import { buildRound, runRoundStoreContract } from './roundContract';

const dir = mkdtempSync(path.join(os.tmpdir(), 'practice-audit-rounds-'));
let fileNo = 0;
const freshFile = () => path.join(dir, `rounds-${++fileNo}.db`);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function open(filename: string) {
  const store = openSqliteStore(filename);
  return { rounds: store.rounds, close: () => store.close() };
}

runRoundStoreContract('SQLite file', async () => open(freshFile()));
runRoundStoreContract('SQLite in memory', async () => open(':memory:'));

describe('SQLite round store only', () => {
  it('keeps rounds across a reopen', async () => {
    const file = freshFile();
    const first = open(file);
    const r = await first.rounds.put(buildRound(), null);
    await first.close();
    const second = open(file);
    try {
      expect(await second.rounds.get(r.id)).toEqual(r);
    } finally {
      await second.close();
    }
  });
});
