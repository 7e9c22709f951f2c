import { describe, expect, it } from 'vitest';
import { caseSelectedRecipients, meetingProposerRoleOf, type CaseContacts } from './caseContacts';

const contacts: CaseContacts = { workerId: 'sw-1', managerId: 'tm-1', deputyId: 'dtm-1', managerAway: false };

describe('caseSelectedRecipients', () => {
  it('tells the worker and the manager, or the deputy while the manager is away', () => {
    expect(caseSelectedRecipients(contacts, 'aud-1')).toEqual([
      { audience: 'worker', staffId: 'sw-1' },
      { audience: 'manager', staffId: 'tm-1' },
    ]);
    expect(caseSelectedRecipients({ ...contacts, managerAway: true }, 'aud-1')[1]).toEqual({ audience: 'manager', staffId: 'dtm-1' });
    expect(caseSelectedRecipients({ ...contacts, managerAway: true, deputyId: null }, 'aud-1')[1]).toEqual({ audience: 'manager', staffId: 'tm-1' });
  });

  it('never tells the auditor, nor anyone twice', () => {
    expect(caseSelectedRecipients(contacts, 'tm-1')).toEqual([{ audience: 'worker', staffId: 'sw-1' }]);
    expect(caseSelectedRecipients(contacts, 'sw-1')).toEqual([{ audience: 'manager', staffId: 'tm-1' }]);
    expect(caseSelectedRecipients({ ...contacts, workerId: 'tm-1' }, 'aud-1')).toEqual([{ audience: 'worker', staffId: 'tm-1' }]);
    expect(caseSelectedRecipients({ workerId: null, managerId: null, deputyId: null, managerAway: false }, 'aud-1')).toEqual([]);
  });
});

describe('meetingProposerRoleOf', () => {
  it('lets the worker, the manager and the manager’s deputy propose', () => {
    expect(meetingProposerRoleOf('sw-1', contacts, 'aud-1')).toBe('worker');
    expect(meetingProposerRoleOf('tm-1', contacts, 'aud-1')).toBe('teamManager');
    expect(meetingProposerRoleOf('dtm-1', contacts, 'aud-1')).toBe('deputy');
    expect(meetingProposerRoleOf('dtm-1', { ...contacts, managerAway: true }, 'aud-1')).toBe('deputy');
  });

  it('refuses anyone else, and the auditor', () => {
    expect(meetingProposerRoleOf('sw-2', contacts, 'aud-1')).toBeNull();
    expect(meetingProposerRoleOf('tm-1', contacts, 'tm-1')).toBeNull();
    expect(meetingProposerRoleOf('sw-1', { ...contacts, workerId: null }, 'aud-1')).toBeNull();
  });
});
