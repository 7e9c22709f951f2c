import { describe, expect, it } from 'vitest';
import type { AuditTemplate } from '../../../shared/schemas/templates';
import { errorId, fieldId, panelForPath, pathAndAncestors, sectionIdOfPanel, sectionPanel } from './formPaths';

const template: AuditTemplate = {
  id: 't',
  version: 1,
  title: 'T',
  summary: '',
  sections: [
    { id: 'profile', title: 'Case profile', guidance: '', kind: 'profile', condition: { kind: 'always' }, prompts: [] },
    { id: '1b', number: '1b', title: 'Assessment', guidance: '', kind: 'practice', condition: { kind: 'always' }, prompts: [] },
  ],
};

describe('fieldId', () => {
  it('turns a dotted path into an element id', () => {
    expect(fieldId('sections.1b.evidence')).toBe('field-sections-1b-evidence');
    expect(fieldId('actions.0.ownerId')).toBe('field-actions-0-ownerId');
    expect(errorId('grading.overall')).toBe('field-grading-overall-error');
  });

  it('keeps ids valid and distinct for odd characters', () => {
    expect(fieldId('theme.q 1')).toBe('field-theme-q_1');
    expect(fieldId('sections.in-care.prompts.p-1.state')).toBe('field-sections-in-care-prompts-p-1-state');
    expect(fieldId('x.y')).toMatch(/^[A-Za-z][A-Za-z0-9_-]*$/);
  });
});

describe('pathAndAncestors', () => {
  it('lists the path then each parent', () => {
    expect(pathAndAncestors('views.child.ownWords')).toEqual(['views.child.ownWords', 'views.child', 'views']);
    expect(pathAndAncestors('actions')).toEqual(['actions']);
  });
});

describe('panelForPath', () => {
  it('finds the section of section fields and choices', () => {
    expect(panelForPath('sections.1b.evidence', template)).toBe('section:1b');
    expect(panelForPath('sectionChoices.1b.reason', template)).toBe('section:1b');
    expect(panelForPath('caseProfile', template)).toBe('section:profile');
  });

  it('finds the fixed parts of the form', () => {
    expect(panelForPath('views.child.ownWords', template)).toBe('views');
    expect(panelForPath('grading.overall', template)).toBe('grading');
    expect(panelForPath('urgentConcern.raised', template)).toBe('grading');
    expect(panelForPath('actions.0.ownerId', template)).toBe('actions');
    expect(panelForPath('participants.meetingDate', template)).toBe('participants');
  });

  it('falls back to the problem section, else null', () => {
    expect(panelForPath('sections.zz.evidence', template, '1b')).toBe('section:1b');
    expect(panelForPath('nothing', template)).toBeNull();
  });
});

describe('section panels', () => {
  it('round-trips section panels', () => {
    expect(sectionIdOfPanel(sectionPanel('1b'))).toBe('1b');
    expect(sectionIdOfPanel('grading')).toBeNull();
  });
});
