import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildAudit } from '../../test/fixtures/builders';
import type { Audit } from '../schemas/audits';
import { trailEntry } from '../schemas/trail';
import { diffAuditForTrail } from './trailDiff';

const AT = '2026-11-23T10:00:00.000Z';

function ids() {
  let n = 0;
  return () => `t-${++n}`;
}

function diff(before: Audit | null, after: Audit) {
  const entries = diffAuditForTrail(before, after, 'staff-actor', AT, ids());
  for (const e of entries) trailEntry.parse(e); // every entry fits the stored schema
  return entries;
}

function withForm(base: Audit, edit: (a: Audit) => void): Audit {
  const copy = structuredClone(base);
  edit(copy);
  return copy;
}

const byField = (entries: ReturnType<typeof diff>) => new Map(entries.map((e) => [e.field, e]));

describe('diffAuditForTrail', () => {
  const base = buildAudit({ id: 'audit-x' });

  it('records one created entry for a new audit', () => {
    const entries = diff(null, base);
    expect(entries).toEqual([
      { id: 't-1', auditId: 'audit-x', at: AT, actorId: 'staff-actor', kind: 'created', field: 'status', before: null, after: 'allocated', textLengths: null },
    ]);
  });

  it('records nothing when nothing changed', () => {
    expect(diff(base, structuredClone(base))).toEqual([]);
  });

  it('records status, due date and auditor changes with before and after', () => {
    const after = withForm(base, (a) => {
      a.status = 'inProgress';
      a.dueDate = '2026-12-18';
      a.auditorId = 'staff-other';
    });
    const entries = diff(base, after);
    expect(entries.map((e) => [e.kind, e.field, e.before, e.after])).toEqual([
      ['status', 'status', 'allocated', 'inProgress'],
      ['field', 'dueDate', '2026-12-11', '2026-12-18'],
      ['field', 'auditorId', 'staff-auditor', 'staff-other'],
    ]);
    expect(entries.map((e) => e.id)).toEqual(['t-1', 't-2', 't-3']);
  });

  it('records coded form leaves by dotted path, and free text only as lengths', () => {
    const after = withForm(base, (a) => {
      a.form.grading.overall = { grade: 'good', inadequate: null };
      a.form.grading.childSafe = 'safe';
      a.form.sections['1b'] = { prompts: { p1: { state: 'seen', note: 'Seen in the plan.' } }, evidence: 'Twelve chars' };
      a.form.participants.workerTookPart = true;
      a.form.participants.meetingDate = '2026-11-20';
    });
    const m = byField(diff(base, after));
    expect(m.get('grading.overall.grade')).toMatchObject({ kind: 'field', before: null, after: 'good', textLengths: null });
    expect(m.has('grading.overall.inadequate')).toBe(false); // null before and after
    expect(m.get('grading.childSafe')).toMatchObject({ before: null, after: 'safe' });
    expect(m.get('sections.1b.prompts.p1.state')).toMatchObject({ before: null, after: 'seen' });
    expect(m.get('sections.1b.prompts.p1.note')).toMatchObject({ before: null, after: null, textLengths: { before: 0, after: 17 } });
    expect(m.get('sections.1b.evidence')).toMatchObject({ before: null, after: null, textLengths: { before: 0, after: 12 } });
    expect(m.get('participants.workerTookPart')).toMatchObject({ before: null, after: 'true' });
    expect(m.get('participants.meetingDate')).toMatchObject({ before: null, after: '2026-11-20' });
  });

  it('records a changed grade as before and after', () => {
    const graded = withForm(base, (a) => {
      a.form.grading.overall = { grade: 'good', inadequate: null };
    });
    const regraded = withForm(graded, (a) => {
      a.form.grading.overall = { grade: 'requiresImprovement', inadequate: null };
    });
    expect(diff(graded, regraded)).toMatchObject([{ field: 'grading.overall.grade', before: 'good', after: 'requiresImprovement' }]);
  });

  it('walks arrays by index and records a length change on actions', () => {
    const after = withForm(base, (a) => {
      a.form.actions = [
        { id: 'da-1', what: 'Review the plan', sectionId: '1b', why: 'Out of date', ownerId: 'staff-w', accountableManagerId: 'staff-m', dueDate: '2027-01-10' },
      ];
      a.form.participants.staffIds = ['staff-w'];
    });
    const m = byField(diff(base, after));
    expect(m.get('actions.length')).toMatchObject({ before: '0', after: '1' });
    expect(m.get('actions.0.id')).toMatchObject({ before: null, after: 'da-1' });
    expect(m.get('actions.0.dueDate')).toMatchObject({ before: null, after: '2027-01-10' });
    expect(m.get('actions.0.ownerId')).toMatchObject({ before: null, after: 'staff-w' });
    expect(m.get('actions.0.sectionId')).toMatchObject({ before: null, after: '1b' });
    expect(m.get('actions.0.what')).toMatchObject({ before: null, after: null, textLengths: { before: 0, after: 15 } });
    expect(m.get('participants.staffIds.0')).toMatchObject({ before: null, after: 'staff-w' });

    const removed = withForm(after, (a) => {
      a.form.actions = [];
    });
    const r = byField(diff(after, removed));
    expect(r.get('actions.length')).toMatchObject({ before: '1', after: '0' });
    expect(r.get('actions.0.id')).toMatchObject({ before: 'da-1', after: null });
    expect(r.get('actions.0.why')).toMatchObject({ textLengths: { before: 11, after: 0 } });
  });

  it('records the final grade leaves when a grade is set', () => {
    const after = withForm(base, (a) => {
      a.finalGrade = { scale: 'ofsted4', value: { grade: 'good', inadequate: null }, fourPoint: 'good' };
    });
    const m = byField(diff(base, after));
    expect(m.get('finalGrade.scale')).toMatchObject({ before: null, after: 'ofsted4' });
    expect(m.get('finalGrade.value.grade')).toMatchObject({ before: null, after: 'good' });
    expect(m.get('finalGrade.fourPoint')).toMatchObject({ before: null, after: 'good' });
  });

  it('does not record a domain added with nothing in it', () => {
    const after = withForm(base, (a) => {
      a.form.grading.domains.planning = { value: null, evidence: '' };
    });
    expect(diff(base, after)).toEqual([]);
  });

  it('treats a record key named like a coded field as free text', () => {
    // A theme question id is data: even if it is called "grade", its answer is words.
    const words = 'She told me she hides upstairs when it gets loud';
    const after = withForm(base, (a) => {
      a.form.theme = { grade: words, state: words };
    });
    const entries = diff(base, after);
    expect(entries).toHaveLength(2);
    for (const e of entries) {
      expect(e.before).toBeNull();
      expect(e.after).toBeNull();
      expect(e.textLengths).toEqual({ before: 0, after: words.length });
    }
  });

  it("never copies a child's words into any entry", () => {
    const words = "I don't like it at home when dad has been drinking";
    const filled = withForm(base, (a) => {
      const f = a.form;
      f.caseProfile = words;
      f.sections['2a'] = { prompts: { 'what-child-says': { state: 'seen', note: words } }, evidence: words };
      f.sectionChoices['3c'] = { included: false, reason: words };
      f.participants.others = words.slice(0, 40);
      f.views.child = { sought: 'yes', consent: 'given', ownWords: words, reasonNotSought: '' };
      f.views.parents = { sought: 'no', consent: null, ownWords: '', reasonNotSought: words };
      f.goodPractice = { kind: 'example', text: words };
      f.theme = { 'q-1': words, id: words, kind: words };
      f.grading.domains.assessment = { value: { grade: 'good', inadequate: null }, evidence: words };
      f.grading.departureReason = words;
      f.grading.summary = { judgement: words, evidence: words, impact: words };
      f.actions = [{ id: 'da-1', what: words, sectionId: null, why: words, ownerId: null, accountableManagerId: null, dueDate: null }];
    });
    const changedAgain = withForm(filled, (a) => {
      a.form.caseProfile = `${words} and more`;
      a.form.views.child.ownWords = words.toUpperCase();
    });
    const all = [...diff(null, filled), ...diff(base, filled), ...diff(filled, changedAgain), ...diff(filled, base)];
    expect(all.length).toBeGreaterThan(20);
    const text = JSON.stringify(all).toLowerCase();
    for (const fragment of ['drinking', "don't like", 'at home', words.slice(0, 12).toLowerCase()]) {
      expect(text).not.toContain(fragment);
    }
    // And the change itself is still visible, as lengths.
    expect(byField(diff(filled, changedAgain)).get('caseProfile')).toMatchObject({
      textLengths: { before: words.length, after: words.length + 9 },
    });
  });

  it('never copies arbitrary free text into before/after (property)', () => {
    const text = fc.string({ minLength: 6, maxLength: 300 }).filter((s) => s.trim().length >= 6);
    fc.assert(
      fc.property(text, text, text, fc.constantFrom('grade', 'state', 'id', 'q-1'), (a, b, c, themeKey) => {
        const before = withForm(base, (x) => {
          x.form.caseProfile = a;
          x.form.sections['1a'] = { prompts: { p: { state: null, note: b } }, evidence: c };
        });
        const after = withForm(before, (x) => {
          x.form.caseProfile = b;
          x.form.sections['1a'] = { prompts: { p: { state: 'seen', note: c } }, evidence: a };
          x.form.theme = { [themeKey]: c };
          x.form.views.child.ownWords = a;
        });
        for (const e of diff(before, after)) {
          for (const v of [e.before, e.after]) {
            if (v === null) continue;
            expect(v.includes(a) || v.includes(b) || v.includes(c)).toBe(false);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
