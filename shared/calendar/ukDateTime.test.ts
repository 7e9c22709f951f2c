import { describe, expect, it } from 'vitest';
import { ukDateTime } from './ukDateTime';

describe('ukDateTime', () => {
  it('shows London time, GMT and BST', () => {
    expect(ukDateTime('2026-11-23T14:05:00Z')).toBe('23/11/2026 at 14:05');
    expect(ukDateTime(new Date('2026-07-01T08:00:00Z'))).toBe('01/07/2026 at 09:00');
    expect(ukDateTime('2026-06-30T23:30:00Z')).toBe('01/07/2026 at 00:30');
  });
  it('refuses an invalid instant', () => {
    expect(() => ukDateTime('not a date')).toThrow(RangeError);
  });
});
