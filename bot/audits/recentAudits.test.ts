import { describe, expect, it } from 'vitest';
import { buildAudit } from '../../test/fixtures/builders';
import { RecentAudits } from './recentAudits';

const kept = (id: string, etag: string) => ({ ...buildAudit({ id }), etag });

describe('RecentAudits', () => {
  it('answers only for the etag it holds, and forgets on request', () => {
    const r = new RecentAudits();
    r.keep(kept('a1', 'e1'));
    expect(r.at('a1', 'e1')?.etag).toBe('e1');
    expect(r.at('a1', 'e0')).toBeNull();
    r.keep(kept('a1', 'e2'));
    expect(r.at('a1', 'e1')).toBeNull();
    r.forget('a1');
    expect(r.at('a1', 'e2')).toBeNull();
  });

  it('drops the least recently used beyond its limit', () => {
    const r = new RecentAudits(2);
    r.keep(kept('a1', 'e'));
    r.keep(kept('a2', 'e'));
    r.at('a1', 'e');
    r.keep(kept('a3', 'e'));
    expect(r.at('a2', 'e')).toBeNull();
    expect(r.at('a1', 'e')).not.toBeNull();
    expect(r.at('a3', 'e')).not.toBeNull();
  });
});
