import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../bot/store/sqlite/openSqliteStore';
import { buildAudit } from '../fixtures/builders';
import { buildProposal, runMeetingProposalStoreContract } from './meetingProposalContract';

const dir = mkdtempSync(path.join(os.tmpdir(), 'practice-audit-meetings-'));
let fileNo = 0;
const freshFile = () => path.join(dir, `meetings-${++fileNo}.db`);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function open(filename: string) {
  const store = openSqliteStore(filename);
  return { meetings: store.meetings, audits: store.audits, trail: store.trail, close: () => store.close() };
}

runMeetingProposalStoreContract('SQLite file', async () => open(freshFile()));
runMeetingProposalStoreContract('SQLite in memory', async () => open(':memory:'));

describe('SQLite meeting proposal store only', () => {
  it('keeps proposals across a reopen', async () => {
    const file = freshFile();
    const first = open(file);
    const auditId = (await first.audits.create(buildAudit(), [])).id;
    const { proposal } = await first.meetings.create(buildProposal(auditId), []);
    await first.close();
    const second = open(file);
    try {
      expect(await second.meetings.get(proposal.id)).toEqual(proposal);
    } finally {
      await second.close();
    }
  });
});
