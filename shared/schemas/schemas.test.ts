import { describe, expect, it } from 'vitest';
import { auditForm, emptyAuditForm } from './audits';
import { childCase, legalStatusPeriod } from './cases';
import { id, isoDate, isoDateTime } from './common';
import { gradeValue } from './grades';
import { auditTemplate, sectionCondition } from './templates';
import { auditTypeSettings, defaultAuditTypeSettings, resolveAuditTypeSettings } from '../settings/auditTypeSettings';

const validCase = {
  id: 'case-1',
  caseRef: 'CS-1001',
  initials: 'AB',
  dateOfBirth: '2019-03-14',
  expectedDateOfBirth: null,
  teamId: 'team-1',
  workerId: 'sw-1',
  legalStatus: 'childInNeed',
  legalStatusHistory: [{ status: 'childInNeed', from: '2026-01-05', to: null }],
  livingSituation: null,
  disability: false,
  mostRecentReferral: '2026-01-02',
};

const paths = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  (r.error?.issues ?? []).map((i) => i.path.map(String).join('.'));

describe('isoDate', () => {
  it('accepts real dates and rejects impossible or badly formed ones', () => {
    expect(isoDate.safeParse('2026-11-23').success).toBe(true);
    expect(isoDate.safeParse('2028-02-29').success).toBe(true);
    expect(isoDate.safeParse('2026-02-31').success).toBe(false);
    expect(isoDate.safeParse('2027-02-29').success).toBe(false);
    expect(isoDate.safeParse('2026-13-01').success).toBe(false);
    expect(isoDate.safeParse('23/11/2026').success).toBe(false);
    expect(isoDate.safeParse('2026-1-5').success).toBe(false);
  });

  it('has instants with an offset and URL-safe ids', () => {
    expect(isoDateTime.safeParse('2026-11-23T09:00:00.000Z').success).toBe(true);
    expect(isoDateTime.safeParse('2026-11-23').success).toBe(false);
    expect(id.safeParse('case_1-a').success).toBe(true);
    expect(id.safeParse('case/1').success).toBe(false);
    expect(id.safeParse('').success).toBe(false);
  });
});

describe('childCase', () => {
  it('accepts a born child and an unborn baby', () => {
    expect(childCase.safeParse(validCase).success).toBe(true);
    const unborn = childCase.parse({ ...validCase, dateOfBirth: null, expectedDateOfBirth: '2027-02-01' });
    expect(unborn.pastTeamIds).toEqual([]);
    expect(unborn.open).toBe(true);
  });

  it('rejects both dates, or neither, on dateOfBirth', () => {
    const both = childCase.safeParse({ ...validCase, expectedDateOfBirth: '2027-02-01' });
    expect(both.success).toBe(false);
    expect(paths(both)).toEqual(['dateOfBirth']);
    expect(childCase.safeParse({ ...validCase, dateOfBirth: null }).success).toBe(false);
  });

  it('rejects bad initials with the field path', () => {
    for (const initials of ['ab', 'A.B', 'ABCDE', '']) {
      const r = childCase.safeParse({ ...validCase, initials });
      expect(r.success, initials).toBe(false);
      expect(paths(r)).toContain('initials');
    }
  });

  it('rejects a legal status period that ends before it starts', () => {
    const r = legalStatusPeriod.safeParse({ status: 'childInCare', from: '2026-05-01', to: '2026-04-30' });
    expect(paths(r)).toEqual(['to']);
    const nested = childCase.safeParse({ ...validCase, legalStatusHistory: [{ status: 'childInCare', from: '2026-05-01', to: '2026-04-30' }] });
    expect(paths(nested)).toEqual(['legalStatusHistory.0.to']);
  });
});

describe('auditForm', () => {
  it('parses defaults from {}', () => {
    const form = auditForm.parse({});
    expect(form).toEqual(emptyAuditForm());
    expect(form.grading).toEqual({
      domains: {},
      overall: null,
      departureReason: '',
      outcomes: null,
      childSafe: null,
      summary: { judgement: '', evidence: '', impact: '' },
    });
    expect(form.views.child).toEqual({ sought: null, consent: null, ownWords: '', reasonNotSought: '' });
    expect(form.participants).toEqual({ workerTookPart: null, meetingDate: null, staffIds: [], others: '' });
    expect(form.urgentConcern).toEqual({ raised: false, raisedWithId: null, raisedAt: null });
  });

  it('gives each parsed form its own nested objects', () => {
    const a = emptyAuditForm();
    const b = emptyAuditForm();
    a.grading.domains.assessment = { value: { grade: 'good', inadequate: null }, evidence: 'x' };
    a.views.child.ownWords = 'changed';
    a.participants.staffIds.push('sw-1');
    a.grading.summary.impact = 'changed';
    expect(b).toEqual(auditForm.parse({}));
  });

  it('fills defaults inside nested entries and names bad fields by path', () => {
    const form = auditForm.parse({ sections: { assessment: { evidence: 'Seen.' } }, grading: { overall: { grade: 'good' } } });
    expect(form.sections.assessment).toEqual({ prompts: {}, evidence: 'Seen.' });
    expect(form.grading.overall).toEqual({ grade: 'good', inadequate: null });
    expect(form.grading.summary.judgement).toBe('');

    const bad = auditForm.safeParse({ participants: { meetingDate: '2026-02-30' }, sections: { 'Bad Key': { evidence: '' } } });
    expect(paths(bad)).toEqual(expect.arrayContaining(['participants.meetingDate', 'sections.Bad Key']));
    expect(paths(auditForm.safeParse({ grading: { domains: { notADomain: {} } } }))).toEqual(['grading.domains']);
    expect(gradeValue.safeParse({ grade: '' }).success).toBe(false);
  });

  it('bounds free text', () => {
    expect(paths(auditForm.safeParse({ caseProfile: 'x'.repeat(20_001) }))).toEqual(['caseProfile']);
  });
});

describe('auditTemplate', () => {
  const section = { id: 'assessment', title: 'Assessment', guidance: '', kind: 'practice', condition: { kind: 'always' }, prompts: [] };

  it('rejects duplicate section and prompt ids with their paths', () => {
    const dup = auditTemplate.safeParse({ id: 't', version: 1, title: 'T', summary: '', sections: [section, section] });
    expect(paths(dup)).toEqual(['sections.1.id']);
    const dupPrompt = auditTemplate.safeParse({
      id: 't',
      version: 1,
      title: 'T',
      summary: '',
      sections: [{ ...section, prompts: [{ id: 'p', text: 'a' }, { id: 'p', text: 'b' }] }],
    });
    expect(paths(dupPrompt)).toEqual(['sections.0.prompts.1.id']);
  });

  it('parses nested section conditions', () => {
    const c = { kind: 'all', of: [{ kind: 'ageAtLeast', years: 16 }, { kind: 'livingSituationIn', situations: ['supportedLiving'] }] };
    expect(sectionCondition.safeParse(c).success).toBe(true);
    expect(sectionCondition.safeParse({ kind: 'any', of: [] }).success).toBe(false);
  });
});

describe('audit type settings', () => {
  it('has valid defaults and merges a council file over them', () => {
    for (const s of Object.values(defaultAuditTypeSettings)) expect(auditTypeSettings.safeParse(s).success).toBe(true);
    const resolved = resolveAuditTypeSettings({ auditTypes: { deepDive: { gradeScale: 'local3' } } });
    expect(resolved.deepDive.gradeScale).toBe('local3');
    expect(resolved.deepDive.gradingMode).toBe('perDomain');
    expect(resolved.managersMonthly).toEqual(defaultAuditTypeSettings.managersMonthly);
    expect(() => resolveAuditTypeSettings({ auditTypes: { deepDive: { gradeScale: 'ten' } } })).toThrow();
  });
});
