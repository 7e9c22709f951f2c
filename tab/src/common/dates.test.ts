import { describe, expect, it } from 'vitest';
import { isoToLondonLocal, londonLocalToIso, todayInLondon, ukDateTime } from './dates';

describe('dates', () => {
  it('takes today from London, not the device', () => {
    // 23:30 UTC on 30 June is already 1 July in London (BST).
    expect(todayInLondon(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01');
    expect(todayInLondon(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31');
  });

  it('formats instants in London time, dd/mm/yyyy', () => {
    expect(ukDateTime('2026-07-01T08:05:00Z')).toBe('01/07/2026, 09:05');
    expect(ukDateTime('2026-01-15T08:05:00Z')).toBe('15/01/2026, 08:05');
  });

  it('converts London wall-clock times to UTC in summer and winter', () => {
    expect(londonLocalToIso('2026-07-01T09:05')).toBe('2026-07-01T08:05:00.000Z');
    expect(londonLocalToIso('2026-01-15T09:05')).toBe('2026-01-15T09:05:00.000Z');
    expect(londonLocalToIso('not a time')).toBeNull();
  });

  it('round-trips through the datetime-local value', () => {
    for (const iso of ['2026-03-29T00:30:00.000Z', '2026-10-25T01:30:00.000Z', '2026-08-10T12:00:00.000Z']) {
      expect(londonLocalToIso(isoToLondonLocal(iso))).toBe(iso);
    }
    expect(isoToLondonLocal(null)).toBe('');
  });
});
