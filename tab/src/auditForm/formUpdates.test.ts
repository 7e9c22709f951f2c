import { describe, expect, it } from 'vitest';
import { emptyAuditForm } from '../../../shared/schemas/audits';
import { withPrompt, withSection, withSectionIncluded } from './formUpdates';

describe('formUpdates', () => {
  it('updates a prompt without touching the rest', () => {
    const before = emptyAuditForm();
    const after = withPrompt(before, '1b', 'p1', (p) => ({ ...p, state: 'seen' }));
    expect(after.sections['1b']?.prompts['p1']).toEqual({ state: 'seen', note: '' });
    expect(before.sections['1b']).toBeUndefined();
    const again = withSection(after, '1b', (s) => ({ ...s, evidence: 'seen on file' }));
    expect(again.sections['1b']).toEqual({ prompts: { p1: { state: 'seen', note: '' } }, evidence: 'seen on file' });
  });

  it('records a choice only when it departs from the proposal', () => {
    const removed = withSectionIncluded(emptyAuditForm(), '1a', false, true);
    expect(removed.sectionChoices['1a']).toEqual({ included: false, reason: '' });
    const withReason = { ...removed, sectionChoices: { '1a': { included: false, reason: 'closed before look-back' } } };
    expect(withSectionIncluded(withReason, '1a', true, true).sectionChoices['1a']).toBeUndefined();
    const added = withSectionIncluded(emptyAuditForm(), '9', true, false);
    expect(added.sectionChoices['9']).toEqual({ included: true, reason: '' });
  });
});
