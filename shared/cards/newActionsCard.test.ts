import { describe, expect, it } from 'vitest';
import { NEW_ACTIONS_MAX_SHOWN, newActionsCard, type NewActionsCardInput } from './newActionsCard';
import { cardActions, cardIssues, cardText } from './cardChecks';
import { CARD_BUDGET_BYTES, cardBytes } from './cardSize';
import { parseCardAction } from './cardVerbs';

const item = (i: number, over: Partial<NewActionsCardInput['actions'][number]> = {}) => ({
  actionId: `act_${String(i).padStart(2, '0')}`,
  version: `v${i}`,
  label: `Section ${i}`,
  dueDate: `2026-12-${String(1 + (i % 28)).padStart(2, '0')}`,
  status: 'open' as const,
  ...over,
});
const input: NewActionsCardInput = {
  auditType: 'childsJourneyMonthly',
  caseRef: 'DEMO-1001',
  initials: 'AB',
  actions: [item(3), item(1)],
  myActionsUrl: 'https://example.org/actions/mine',
};

describe('newActionsCard', () => {
  it('parses without warnings and lists the actions soonest due first, with due dates the UK way', () => {
    const card = newActionsCard(input);
    expect(cardIssues(card)).toEqual([]);
    const text = cardText(card);
    expect(text).toContain("From the Child's Journey monthly audit of DEMO-1001 (AB): 2 actions.");
    expect(text.indexOf('Section 1')).toBeLessThan(text.indexOf('Section 3'));
    expect(text).toContain('Due 02/12/2026.');
    expect(cardActions(card).find((a) => a.type === 'Action.OpenUrl')).toMatchObject({ title: 'Open in Practice Audit', url: input.myActionsUrl });
  });

  it('gives each open action its own "Mark done" with a required note, sending only its id and version', () => {
    const card = newActionsCard(input);
    const executes = cardActions(card).filter((a) => a.type === 'Action.Execute');
    expect(executes.map((e) => e.data)).toEqual([
      { verb: 'markActionDone', actionId: 'act_01', version: 'v1' },
      { verb: 'markActionDone', actionId: 'act_03', version: 'v3' },
    ]);
    const json = JSON.stringify(card);
    expect(json).toContain('"id":"note-act_01"');
    expect(json).toContain('"id":"note-act_03"');
    // What Teams sends back: the data plus that action's own input.
    expect(parseCardAction({ ...(executes[0]?.data as object), 'note-act_01': 'Plan updated' }, 'markActionDone')).toEqual({
      ok: true,
      payload: { verb: 'markActionDone', actionId: 'act_01', version: 'v1', note: 'Plan updated' },
    });
  });

  it('shows done, approved and returned actions without a form', () => {
    const card = newActionsCard({ ...input, actions: [item(1, { status: 'done' }), item(2, { status: 'approved' }), item(3, { returned: true })] });
    const text = cardText(card);
    expect(text).toContain('Marked done: awaiting your manager’s approval.');
    expect(text).toContain('Approved.');
    expect(text).toContain('Returned by your manager: see why in My actions.');
    expect(cardActions(card).filter((a) => a.type === 'Action.Execute')).toHaveLength(1);
    expect(cardIssues(card)).toEqual([]);
  });

  it('stays within the budget for 50 long actions, summarising beyond the limit', () => {
    // Worst case: 64-character ids, 40-character versions, the longest labels.
    const fifty = Array.from({ length: 50 }, (_, i) =>
      item(i, { label: 'Section title '.repeat(20).slice(0, 130), actionId: `act_${'x'.repeat(58)}${String(i).padStart(2, '0')}`, version: 'v'.repeat(40) }),
    );
    const card = newActionsCard({ ...input, actions: fifty, maxShown: NEW_ACTIONS_MAX_SHOWN });
    expect(cardBytes(card)).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
    expect(cardIssues(card)).toEqual([]);
    expect(cardActions(card).filter((a) => a.type === 'Action.Execute')).toHaveLength(NEW_ACTIONS_MAX_SHOWN);
    expect(cardText(card)).toContain(`And ${50 - NEW_ACTIONS_MAX_SHOWN} more actions: see My actions.`);
    expect(cardText(newActionsCard({ ...input, actions: fifty }))).toContain('And 40 more actions');
  });

  it('carries no typed text: an action’s wording or anything else handed in is dropped', () => {
    const json = JSON.stringify(
      newActionsCard({ ...input, childName: 'Zebedee', why: 'secret reason', actions: [{ ...item(1), what: 'Visit Zebedee at school' }] } as unknown as NewActionsCardInput),
    );
    expect(json).not.toContain('Zebedee');
    expect(json).not.toContain('secret reason');
    expect(json).not.toContain('school');
    expect(() => newActionsCard({ ...input, actions: [item(1, { label: 'x'.repeat(131) })] })).toThrow();
  });

  it('shows a notice above the list when given one (why the card is shown again)', () => {
    const card = newActionsCard({ ...input, notice: 'This action was already marked done by Sam Owens on 25/11/2026 at 10:00.' });
    expect(cardIssues(card)).toEqual([]);
    expect(cardText(card)).toContain('already marked done by Sam Owens');
  });

  it('refuses a card with no actions, or more than an audit can have', () => {
    expect(() => newActionsCard({ ...input, actions: [] })).toThrow();
    expect(() => newActionsCard({ ...input, actions: Array.from({ length: 51 }, (_, i) => item(i)) })).toThrow();
    expect(() => newActionsCard({ ...input, maxShown: NEW_ACTIONS_MAX_SHOWN + 1 })).toThrow();
  });
});
