import { describe, expect, it } from 'vitest';
import { londonDate, londonOffsetMs, londonWallClock, ukDate } from './londonTime';

const at = (iso: string) => new Date(iso);

describe('londonDate', () => {
  it('uses British Summer Time: 23:30 UTC on 30 June is already 1 July in London', () => {
    expect(londonDate(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01');
  });
  it('uses GMT in winter: 23:30 UTC on 30 November is still 30 November', () => {
    expect(londonDate(new Date('2026-11-30T23:30:00Z'))).toBe('2026-11-30');
  });
  it('follows the clocks going forward on 29 March 2026 (00:59 UTC is 01:59 GMT, 01:00 UTC is 02:00 BST)', () => {
    expect(londonDate(new Date('2026-03-28T23:59:00Z'))).toBe('2026-03-28');
    expect(londonDate(new Date('2026-03-29T00:00:00Z'))).toBe('2026-03-29');
  });
});

describe('ukDate', () => {
  it('writes dd/mm/yyyy', () => expect(ukDate('2026-02-03')).toBe('03/02/2026'));
});

describe('londonWallClock', () => {
  it('reads GMT and BST', () => {
    expect(londonWallClock(at('2026-12-01T09:15:00Z'))).toEqual({ date: '2026-12-01', minutes: 555 });
    expect(londonWallClock(at('2026-06-30T23:30:00Z'))).toEqual({ date: '2026-07-01', minutes: 30 });
  });
  it('jumps from 00:59 to 02:00 on 29 March 2026', () => {
    expect(londonWallClock(at('2026-03-29T00:59:59Z'))).toEqual({ date: '2026-03-29', minutes: 59 });
    expect(londonWallClock(at('2026-03-29T01:00:00Z'))).toEqual({ date: '2026-03-29', minutes: 120 });
  });
  it('shows 01:30 twice on 25 October 2026', () => {
    expect(londonWallClock(at('2026-10-25T00:30:00Z'))).toEqual({ date: '2026-10-25', minutes: 90 });
    expect(londonWallClock(at('2026-10-25T01:30:00Z'))).toEqual({ date: '2026-10-25', minutes: 90 });
  });
  it('shows midnight as minute 0', () => {
    expect(londonWallClock(at('2026-12-01T00:00:00Z'))).toEqual({ date: '2026-12-01', minutes: 0 });
    expect(londonWallClock(at('2026-06-30T23:00:00Z'))).toEqual({ date: '2026-07-01', minutes: 0 });
  });
});

describe('londonOffsetMs', () => {
  it('is nothing in winter and an hour in summer, changing at 01:00 UTC', () => {
    expect(londonOffsetMs(at('2026-12-01T12:00:00Z'))).toBe(0);
    expect(londonOffsetMs(at('2026-07-01T12:00:00Z'))).toBe(3_600_000);
    expect(londonOffsetMs(Date.parse('2026-03-29T00:59:59.999Z'))).toBe(0);
    expect(londonOffsetMs(Date.parse('2026-03-29T01:00:00.000Z'))).toBe(3_600_000);
    expect(londonOffsetMs(Date.parse('2026-10-25T00:59:59.999Z'))).toBe(3_600_000);
    expect(londonOffsetMs(Date.parse('2026-10-25T01:00:00.000Z'))).toBe(0);
  });
  it('refuses an invalid instant', () => {
    expect(() => londonOffsetMs(new Date('not a date'))).toThrow(RangeError);
  });
});
