import { describe, expect, it } from 'vitest';
import { escalationKey, escalationNoticeText, overdueByAuditor, type OverdueCandidate } from './escalationNotice';

const a = (id: string, auditorId: string, dueDate: string, status: OverdueCandidate['status'] = 'allocated'): OverdueCandidate => ({ id, auditorId, dueDate, status });

describe('overdueByAuditor', () => {
  it('groups open audits past their due date by auditor, most overdue first', () => {
    const groups = overdueByAuditor(
      [
        a('a1', 'amy', '2026-11-27'),
        a('a2', 'amy', '2026-10-30', 'inProgress'),
        a('a3', 'ben', '2026-11-27', 'returnedForDevelopment'),
        a('a4', 'ben', '2026-11-27', 'submitted'),
        a('a5', 'cal', '2026-12-04'),
        a('a6', 'dee', '2026-12-01'),
        a('a1', 'amy', '2026-11-27'),
      ],
      '2026-12-01',
    );
    expect(groups).toEqual([
      { auditorId: 'amy', auditIds: ['a1', 'a2'], overdueCount: 2, earliestDueDate: '2026-10-30', daysOverdue: 32 },
      { auditorId: 'ben', auditIds: ['a3'], overdueCount: 1, earliestDueDate: '2026-11-27', daysOverdue: 4 },
    ]);
  });

  it('lists nobody when nothing is overdue', () => {
    expect(overdueByAuditor([a('a1', 'amy', '2026-12-01')], '2026-12-01')).toEqual([]);
  });
});

describe('escalationNoticeText', () => {
  it('reads as an offer of support, with a UK date', () => {
    expect(escalationNoticeText({ auditorName: 'Sam Carter', overdueCount: 2, dueDate: '2026-11-27' })).toBe(
      'Sam Carter has 2 audits past their due date of 27/11/2026. Could you check in with them about their capacity? The QA lead can reassign.',
    );
    const one = escalationNoticeText({ auditorName: 'Sam Carter', overdueCount: 1, dueDate: '2026-11-27' });
    expect(one).toContain('has 1 audit past its due date of 27/11/2026.');
    expect(one).not.toMatch(/fail|late|blame|must|warning/i);
  });

  it('has no place for a case reference or initials', () => {
    // The input type has no child fields; extra ones passed in are ignored.
    const input = { auditorName: 'Sam Carter', overdueCount: 2, dueDate: '2026-11-27', caseRef: 'CR-99812', initials: 'J.B.' };
    const text = escalationNoticeText(input);
    expect(text).not.toContain('CR-99812');
    expect(text).not.toContain('J.B.');
  });
});

describe('escalationKey', () => {
  it('names the auditor and the day', () => {
    expect(escalationKey('amy', '2026-12-01')).toBe('esc-amy-2026-12-01');
    expect(escalationKey('amy', '2026-12-02')).not.toBe(escalationKey('amy', '2026-12-01'));
  });
});
