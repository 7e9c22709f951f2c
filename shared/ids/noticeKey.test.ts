import { describe, expect, it } from 'vitest';
import { id } from '../schemas/common';
import { noticeKey } from './noticeKey';

describe('noticeKey', () => {
  it('joins short parts readably', () => {
    expect(noticeKey('act-overdue', 'st_1', '2026-11-23')).toBe('act-overdue-st_1-2026-11-23');
  });

  it('hashes long or unsafe parts into a valid id, the same each time', () => {
    const long = noticeKey('act-drift-escalated', 'x'.repeat(64), '2026-11-23');
    expect(long.length).toBeLessThanOrEqual(64);
    expect(id.safeParse(long).success).toBe(true);
    expect(noticeKey('act-drift-escalated', 'x'.repeat(64), '2026-11-23')).toBe(long);
    expect(noticeKey('act-drift-escalated', 'y'.repeat(64), '2026-11-23')).not.toBe(long);
    const unsafe = noticeKey('uc', 'aud:1', 'st 2');
    expect(id.safeParse(unsafe).success).toBe(true);
  });
});
