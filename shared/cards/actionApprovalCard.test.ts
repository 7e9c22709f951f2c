import { describe, expect, it } from 'vitest';
import { actionApprovalCard, type ActionApprovalCardInput } from './actionApprovalCard';
import { cardActions, cardIssues, cardText } from './cardChecks';
import { CARD_BUDGET_BYTES, cardBytes } from './cardSize';
import { parseCardAction } from './cardVerbs';

const input: ActionApprovalCardInput = {
  actionId: 'act_1',
  version: 'v5',
  caseRef: 'DEMO-1001',
  initials: 'AB',
  label: '3 Planning',
  owner: 'Sam Owens',
  dueDate: '2026-12-04',
  doneAt: '2026-11-25T10:00:00.000Z',
  state: { kind: 'awaiting' },
  canDecide: true,
  openActionUrl: 'https://example.org/actions/act_1',
};

describe('actionApprovalCard', () => {
  it('parses without warnings in every state', () => {
    for (const state of [{ kind: 'awaiting' as const }, { kind: 'approved' as const, by: 'Hazel Wren', at: '2026-11-26T09:30:00.000Z' }, { kind: 'returned' as const, by: 'Hazel Wren', at: '2026-11-26T09:30:00.000Z' }]) {
      const card = actionApprovalCard({ ...input, state });
      expect(cardIssues(card)).toEqual([]);
      expect(cardBytes(card)).toBeLessThan(CARD_BUDGET_BYTES);
    }
  });

  it('awaiting: Approve, and Return with a required reason, carrying only the id and version', () => {
    const actions = cardActions(actionApprovalCard(input));
    const executes = actions.filter((a) => a.type === 'Action.Execute');
    expect(executes.map((e) => [e.title, e.data])).toEqual([
      ['Approve', { verb: 'approveAction', actionId: 'act_1', version: 'v5' }],
      ['Return to owner', { verb: 'returnAction', actionId: 'act_1', version: 'v5' }],
    ]);
    expect(JSON.stringify(actions.find((a) => a.type === 'Action.ShowCard'))).toContain('"id":"reason"');
    expect(parseCardAction({ ...(executes[1]?.data as object), reason: 'Attach the minutes' }, 'returnAction').ok).toBe(true);
    expect(parseCardAction({ ...(executes[1]?.data as object), reason: ' ' }, 'returnAction').ok).toBe(false);
  });

  it('shows the case, the action by its section, the owner and dates; never the wording or the note of evidence', () => {
    const typed = { ...input, what: 'Visit the child at home', doneNote: 'Discussed with the child at school' } as ActionApprovalCardInput;
    const text = cardText(actionApprovalCard(typed));
    for (const s of ['DEMO-1001', 'AB', '3 Planning', 'Sam Owens', '04/12/2026', '25/11/2026 at 10:00']) expect(text).toContain(s);
    const json = JSON.stringify(actionApprovalCard(typed));
    expect(json).not.toContain('school');
    expect(json).not.toContain('at home');
    expect(cardActions(actionApprovalCard(input))[0]).toMatchObject({ type: 'Action.OpenUrl', title: 'Open in Practice Audit' });
  });

  it('shows a notice when the card is shown again after someone else decided', () => {
    const card = actionApprovalCard({ ...input, state: { kind: 'approved', by: 'Hazel Wren', at: '2026-11-26T09:30:00.000Z' }, notice: 'This action was already approved by Hazel Wren on 26/11/2026 at 09:30.' });
    expect(cardIssues(card)).toEqual([]);
    expect(cardText(card)).toContain('already approved by Hazel Wren');
  });

  it('approved: who and when, no buttons', () => {
    const card = actionApprovalCard({ ...input, state: { kind: 'approved', by: 'Hazel Wren', at: '2026-11-26T09:30:00.000Z' } });
    expect(cardText(card)).toContain('Approved by Hazel Wren on 26/11/2026 at 09:30.');
    expect(cardActions(card).map((a) => a.type)).toEqual(['Action.OpenUrl']);
  });

  it('returned: who and when, no buttons', () => {
    const card = actionApprovalCard({ ...input, state: { kind: 'returned', by: 'Hazel Wren', at: '2026-11-26T09:30:00.000Z' } });
    expect(cardText(card)).toContain('Returned to Sam Owens by Hazel Wren on 26/11/2026 at 09:30. It is open again.');
    expect(cardActions(card).map((a) => a.type)).toEqual(['Action.OpenUrl']);
  });

  it('offers no decision to a viewer who may not decide', () => {
    expect(cardActions(actionApprovalCard({ ...input, canDecide: false })).map((a) => a.type)).toEqual(['Action.OpenUrl']);
  });
});
