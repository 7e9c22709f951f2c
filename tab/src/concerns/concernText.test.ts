import { describe, expect, it } from 'vitest';
import { escalationLines, noticeLine, peopleText, roleWord } from './concernText';

describe('concern wording', () => {
  it('names people with their role, and says so when there is nobody', () => {
    expect(peopleText([{ name: 'Willow Heron', role: 'teamManager' }, { name: 'Ash Kestrel', role: 'headOfService' }])).toBe('Willow Heron (team manager), Ash Kestrel (Head of Service)');
    expect(peopleText([])).toBe('Nobody');
    expect(roleWord('somethingNew')).toBe('somethingNew');
  });

  it("says where each person's e-mail copy stands, and tells the manager to use another way when it failed", () => {
    expect(noticeLine({ name: 'Willow Heron', role: 'teamManager', email: 'sent' })).toBe('Willow Heron (team manager): e-mail sent');
    expect(noticeLine({ name: 'Ash Kestrel', role: 'worker', email: 'notDelivered' })).toBe('Ash Kestrel (worker): e-mail not delivered — tell them another way');
    expect(noticeLine({ name: 'Ash Kestrel', role: 'worker', email: 'pending' })).toBe('Ash Kestrel (worker): e-mail being sent');
    expect(noticeLine({ name: 'Ash Kestrel', role: 'worker', email: null })).toBe('Ash Kestrel (worker)');
  });

  it('says who escalated to whom and when, the UK way', () => {
    const a = { id: 'a', name: 'Rowan Finch' };
    const b = { id: 'b', name: 'Sol Marr' };
    expect(escalationLines({ escalations: [{ by: a, to: b, at: '2026-11-24T10:00:00.000Z' }] })).toEqual(['Rowan Finch to Sol Marr, 24/11/2026, 10:00']);
  });
});
