import { describe, expect, it } from 'vitest';
import { isOverdue } from './overdue';

describe('isOverdue', () => {
  it('flags open audits past their due date only', () => {
    expect(isOverdue('2026-11-20', 'inProgress', '2026-11-23')).toBe(true);
    expect(isOverdue('2026-11-20', 'allocated', '2026-11-23')).toBe(true);
    expect(isOverdue('2026-11-23', 'inProgress', '2026-11-23')).toBe(false);
    expect(isOverdue('2026-11-20', 'submitted', '2026-11-23')).toBe(false);
  });
});
