import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { openSqliteStore } from '../../bot/store/sqlite/openSqliteStore';
import { runActionTrailContract } from './actionTrailContract';

const dir = mkdtempSync(path.join(os.tmpdir(), 'practice-audit-action-trail-'));
let fileNo = 0;
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

runActionTrailContract('SQLite file', async () => openSqliteStore(path.join(dir, `actions-${++fileNo}.db`)));
runActionTrailContract('SQLite in memory', async () => openSqliteStore(':memory:'));
