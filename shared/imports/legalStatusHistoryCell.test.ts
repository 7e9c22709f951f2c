import { describe, expect, it } from 'vitest';
import { matchLegalStatus, parseLegalStatusHistory } from './legalStatusHistoryCell';

const today = '2026-11-23';

describe('matchLegalStatus', () => {
  it('reads ids, labels and abbreviations, and guesses nothing else', () => {
    expect(matchLegalStatus('childInNeed')).toBe('childInNeed');
    expect(matchLegalStatus('Child in need')).toBe('childInNeed');
    expect(matchLegalStatus('CIN')).toBe('childInNeed');
    expect(matchLegalStatus('child protection (plan or s47 enquiry)')).toBe('childProtection');
    expect(matchLegalStatus('CP')).toBe('childProtection');
    expect(matchLegalStatus('LAC')).toBe('childInCare');
    expect(matchLegalStatus('Care leaver')).toBe('careLeaver');
    expect(matchLegalStatus('Child')).toBeUndefined();
    expect(matchLegalStatus('')).toBeUndefined();
  });
});

describe('parseLegalStatusHistory', () => {
  it('reads the documented compact form into periods in date order', () => {
    const r = parseLegalStatusHistory('childProtection 16/06/2024-; childInNeed 01/02/2024-15/06/2024', {
      today,
      current: 'childProtection',
    });
    expect(r).toEqual({
      ok: true,
      periods: [
        { status: 'childInNeed', from: '2024-02-01', to: '2024-06-15' },
        { status: 'childProtection', from: '2024-06-16', to: null },
      ],
      warnings: [],
    });
  });

  it('accepts labels, ISO dates, "to", spaces round the dash and a period starting the day the last ended', () => {
    const r = parseLegalStatusHistory('Child in need: 2024-02-01 - 2024-06-15\nCP 15/06/2024 to 01/09/2024;LAC 1/9/2024', {
      today,
      current: 'childInCare',
    });
    expect(r.ok && r.periods).toEqual([
      { status: 'childInNeed', from: '2024-02-01', to: '2024-06-15' },
      { status: 'childProtection', from: '2024-06-15', to: '2024-09-01' },
      { status: 'childInCare', from: '2024-09-01', to: null },
    ]);
  });

  it('refuses overlapping periods', () => {
    const r = parseLegalStatusHistory('CIN 01/02/2024-15/06/2024; CP 01/06/2024-', { today, current: 'childProtection' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reasons.join()).toMatch(/Child in need 01\/02\/2024-15\/06\/2024 and .* overlap/);
  });

  it('refuses an open period followed by another', () => {
    const r = parseLegalStatusHistory('CIN 01/02/2024-; CP 01/06/2024-', { today, current: 'childProtection' });
    expect(!r.ok && r.reasons.join()).toMatch(/still open/);
  });

  it('refuses an open period that is not the current legal status', () => {
    const r = parseLegalStatusHistory('CIN 01/02/2024-15/06/2024; CP 16/06/2024-', { today, current: 'childInCare' });
    expect(!r.ok && r.reasons.join()).toMatch(/current period is Child protection .* legal status is Child in care/);
  });

  it('warns, but accepts, a history with no open period', () => {
    const r = parseLegalStatusHistory('CIN 01/02/2024-15/06/2024', { today, current: 'childInCare' });
    expect(r.ok && r.warnings.join()).toMatch(/every period .* has ended/);
  });

  it('refuses bad dates, unknown statuses, backwards or future periods and unreadable text', () => {
    const reasons = (cell: string) => {
      const r = parseLegalStatusHistory(cell, { today, current: 'childInNeed' });
      return r.ok ? '' : r.reasons.join(' | ');
    };
    expect(reasons('CIN 31/02/2024-')).toMatch(/not a real date/);
    expect(reasons('CIN 01/02/24-')).toMatch(/two-digit year/);
    expect(reasons('Fostering 01/02/2024-')).toMatch(/"Fostering" is not a legal status/);
    expect(reasons('CIN 01/06/2024-01/02/2024')).toMatch(/ends before it starts/);
    expect(reasons('CIN 01/12/2026-')).toMatch(/starts after today/);
    expect(reasons('CIN 01/02/2024-01/12/2026')).toMatch(/ends after today/);
    expect(reasons('CIN since February')).toMatch(/not a period written as/);
  });
});
