import { describe, expect, it } from 'vitest';
import { auditIdFromSubPage, toHostTheme } from './teamsContext';

describe('teamsContext', () => {
  it('maps Teams themes, treating unknown ones as the default', () => {
    expect(toHostTheme('dark')).toBe('dark');
    expect(toHostTheme('contrast')).toBe('contrast');
    expect(toHostTheme('glass')).toBe('default');
    expect(toHostTheme(undefined)).toBe('default');
  });

  it('reads an audit id from a deep link, refusing anything else', () => {
    expect(auditIdFromSubPage('aud_123')).toBe('aud_123');
    expect(auditIdFromSubPage('audit:aud_123')).toBe('aud_123');
    expect(auditIdFromSubPage('audits/aud-9')).toBe('aud-9');
    expect(auditIdFromSubPage('../../etc')).toBeNull();
    expect(auditIdFromSubPage('')).toBeNull();
    expect(auditIdFromSubPage(null)).toBeNull();
  });
});
