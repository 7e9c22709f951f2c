import { describe, expect, it } from 'vitest';
import { fourPointGrade, gradeScaleId } from '../schemas/grades';
import { fourPointLabels, fourPointRank, fromFourPoint, gradeLabel, gradeScales, isCompleteGrade, toFourPoint } from './gradeScales';

describe('grade scales', () => {
  it('lists the agreed option ids, best first', () => {
    expect(gradeScales.ofsted4.options.map((o) => o.id)).toEqual(['outstanding', 'good', 'requiresImprovement', 'inadequate']);
    expect(gradeScales.local3.options.map((o) => o.id)).toEqual(['outstanding', 'good', 'notYetGood']);
    for (const scale of gradeScaleId.options) {
      const ranks = gradeScales[scale].options.map((o) => fourPointRank(o.fourPoint === 'askInadequate' ? 'requiresImprovement' : o.fourPoint));
      expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
      expect(gradeScales[scale].id).toBe(scale);
      for (const o of gradeScales[scale].options) expect(o.descriptor.length).toBeGreaterThan(40);
    }
  });

  it('labels the four-point grades', () => {
    expect(fourPointLabels).toEqual({
      outstanding: 'Outstanding',
      good: 'Good',
      requiresImprovement: 'Requires improvement',
      inadequate: 'Inadequate',
    });
    expect(fourPointGrade.options.map(fourPointRank)).toEqual([0, 1, 2, 3]);
  });

  it('round-trips every four-point grade on both scales', () => {
    for (const scale of gradeScaleId.options)
      for (const g of fourPointGrade.options) {
        const value = fromFourPoint(scale, g);
        expect(toFourPoint(scale, value)).toBe(g);
        expect(isCompleteGrade(scale, value)).toBe(true);
      }
  });

  it('maps "Doesn\'t yet meet Good" by its inadequate answer', () => {
    expect(fromFourPoint('local3', 'inadequate')).toEqual({ grade: 'notYetGood', inadequate: true });
    expect(fromFourPoint('local3', 'requiresImprovement')).toEqual({ grade: 'notYetGood', inadequate: false });
    expect(toFourPoint('local3', { grade: 'notYetGood', inadequate: true })).toBe('inadequate');
    expect(toFourPoint('local3', { grade: 'notYetGood', inadequate: false })).toBe('requiresImprovement');
    expect(toFourPoint('local3', { grade: 'notYetGood', inadequate: null })).toBeNull();
    expect(isCompleteGrade('local3', { grade: 'notYetGood', inadequate: null })).toBe(false);
    expect(fromFourPoint('ofsted4', 'inadequate')).toEqual({ grade: 'inadequate', inadequate: null });
  });

  it('treats missing grades and grades from another scale as incomplete', () => {
    expect(toFourPoint('ofsted4', null)).toBeNull();
    expect(isCompleteGrade('ofsted4', null)).toBe(false);
    expect(toFourPoint('ofsted4', { grade: 'notYetGood', inadequate: true })).toBeNull();
    expect(toFourPoint('local3', { grade: 'requiresImprovement', inadequate: null })).toBeNull();
    expect(isCompleteGrade('local3', { grade: 'inadequate', inadequate: null })).toBe(false);
  });

  it('labels grades in words', () => {
    expect(gradeLabel('local3', { grade: 'notYetGood', inadequate: true })).toBe("Doesn't yet meet Good (inadequate practice)");
    expect(gradeLabel('local3', { grade: 'notYetGood', inadequate: false })).toBe("Doesn't yet meet Good (requires improvement)");
    expect(gradeLabel('local3', { grade: 'notYetGood', inadequate: null })).toMatch(/not yet answered/);
    expect(gradeLabel('ofsted4', { grade: 'requiresImprovement', inadequate: null })).toBe('Requires improvement');
    expect(gradeLabel('ofsted4', null)).toBe('Not graded');
    expect(gradeLabel('ofsted4', { grade: 'notYetGood', inadequate: null })).toBe('Not a grade on this scale');
  });
});
