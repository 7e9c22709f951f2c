import { describe, expect, it } from 'vitest';
import { actionLabel, actionLabelsOf } from './actionLabel';
import { actionIdFor } from './actionIds';

describe('actionLabel', () => {
  it('names an action by its section, with the section number when the template has one', () => {
    expect(actionLabel({ id: 'plan', number: '3', title: 'Planning' }, 2)).toBe('3 Planning');
    expect(actionLabel({ id: 'plan', title: 'Planning' }, 2)).toBe('Planning');
  });

  it('names an action with no section by its place in the audit', () => {
    expect(actionLabel(null, 4)).toBe('Action 4 of the audit');
  });

  it('labels every live action of an audit from its drafts, in the drafts’ order, never from their wording', () => {
    const labels = actionLabelsOf(
      'aud_1',
      [
        { id: 'd1', sectionId: 'plan' },
        { id: 'd2', sectionId: null },
        { id: 'd3', sectionId: 'gone' },
      ],
      [{ id: 'plan', title: 'Planning' }],
    );
    expect([...labels.entries()]).toEqual([
      [actionIdFor('aud_1', 'd1'), 'Planning'],
      [actionIdFor('aud_1', 'd2'), 'Action 2 of the audit'],
      [actionIdFor('aud_1', 'd3'), 'Action 3 of the audit'],
    ]);
  });
});
