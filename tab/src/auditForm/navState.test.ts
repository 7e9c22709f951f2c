import { describe, expect, it } from 'vitest';
import type { AuditTemplate } from '../../../shared/schemas/templates';
import { defaultAuditTypeSettings } from '../../../shared/settings/auditTypeSettings';
import { navEntries } from './navState';

const template: AuditTemplate = {
  id: 't',
  version: 1,
  title: 'T',
  summary: '',
  sections: [
    { id: 'profile', title: 'Case profile', guidance: '', kind: 'profile', condition: { kind: 'always' }, prompts: [] },
    { id: 'a', number: '1', title: 'Assessment', guidance: '', kind: 'practice', condition: { kind: 'always' }, prompts: [] },
    { id: 'b', number: '2', title: 'Care', guidance: '', kind: 'practice', condition: { kind: 'ageAtLeast', years: 16 }, prompts: [] },
  ],
};

describe('navEntries', () => {
  const settings = defaultAuditTypeSettings.childsJourneyMonthly;

  it('marks sections complete, incomplete or not included from the problems', () => {
    const entries = navEntries({
      template,
      settings,
      theme: null,
      activeSectionIds: ['profile', 'a'],
      problems: [{ field: 'sections.a.evidence', message: 'x', sectionId: 'a' }],
      hasHistory: false,
    });
    const byPanel = Object.fromEntries(entries.map((e) => [e.panel, e.state]));
    expect(byPanel['section:profile']).toBe('complete');
    expect(byPanel['section:a']).toBe('incomplete');
    expect(byPanel['section:b']).toBe('notIncluded');
  });

  it('lists the fixed parts in order; optional ones say so; theme and history only when present', () => {
    const entries = navEntries({
      template,
      settings: { ...settings, collaborative: false },
      theme: { id: 'th', title: 'Planning', questions: [{ id: 'q', text: 'Q?' }] },
      activeSectionIds: ['profile', 'a'],
      problems: [{ field: 'grading.overall', message: 'x', sectionId: null }],
      hasHistory: true,
    });
    expect(entries.slice(3).map((e) => [e.panel, e.state])).toEqual([
      ['views', 'optional'],
      ['goodPractice', 'optional'],
      ['theme', 'complete'],
      ['grading', 'incomplete'],
      ['actions', 'complete'],
      ['participants', 'optional'],
      ['history', null],
    ]);
    expect(navEntries({ template, settings, theme: null, activeSectionIds: [], problems: [], hasHistory: false }).map((e) => e.panel)).not.toContain('theme');
  });

  it('flags a left-out section whose reason is missing', () => {
    const entries = navEntries({
      template,
      settings,
      theme: null,
      activeSectionIds: ['profile'],
      problems: [{ field: 'sectionChoices.a.reason', message: 'x', sectionId: 'a' }],
      hasHistory: false,
    });
    expect(entries.find((e) => e.panel === 'section:a')?.state).toBe('incomplete');
  });
});
