import { describe, expect, it } from 'vitest';
import { actionIdFor } from './actionIds';
import { id } from '../schemas/common';

describe('actionIdFor', () => {
  it('is stable for the same audit and draft, so a re-run submission creates no duplicates', () => {
    expect(actionIdFor('aud-1', 'act-1')).toBe(actionIdFor('aud-1', 'act-1'));
  });
  it('differs across audits and drafts', () => {
    const ids = new Set(['aud-1/act-1', 'aud-1/act-2', 'aud-2/act-1', 'aud-12/act-1'].map((s) => actionIdFor(s.split('/')[0]!, s.split('/')[1]!)));
    expect(ids.size).toBe(4);
  });
  it('is a valid record id even for long inputs', () => {
    expect(id.safeParse(actionIdFor('a'.repeat(64), 'b'.repeat(64))).success).toBe(true);
  });
});
