import { describe, expect, it } from 'vitest';
import { actionName, actionStatusText, filtersFromQuery, filtersKey } from './actionText';

describe('actionText', () => {
  it('names each state in words', () => {
    expect(actionStatusText({ status: 'open', returned: null })).toBe('Open');
    expect(actionStatusText({ status: 'open', returned: { byName: 'M', at: '2026-11-25T10:00:00.000Z', reason: 'x' } })).toBe('Open: returned by the manager');
    expect(actionStatusText({ status: 'done', returned: null })).toBe('Done, awaiting approval');
    expect(actionStatusText({ status: 'approved', returned: null })).toBe('Approved');
  });

  it('names an action by case and section', () => {
    expect(actionName({ caseRef: 'DEMO-7001', initials: 'QZ', label: '1a Early help' })).toBe('DEMO-7001 (QZ), 1a Early help');
  });

  it('reads filters from a card link, ignoring anything it does not know', () => {
    expect(filtersFromQuery('?status=done')).toEqual({ status: 'done' });
    expect(filtersFromQuery('?overdue=true&teamId=team-1&dueBefore=2026-12-01')).toEqual({ overdue: true, teamId: 'team-1', dueBefore: '2026-12-01' });
    expect(filtersFromQuery('?status=finished&overdue=yes&teamId=<script>&dueBefore=soon')).toEqual({});
  });

  it('keys differ when any filter differs', () => {
    expect(filtersKey({ status: 'open' })).not.toBe(filtersKey({ status: 'open', overdue: true }));
    expect(filtersKey({})).toBe(filtersKey({}));
  });
});
