import { describe, expect, it } from 'vitest';
import { londonDate, ukDate } from './londonTime';

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
