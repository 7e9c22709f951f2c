import { beforeEach, describe, expect, it } from 'vitest';
import { clearAllDrafts, draftStore } from './draftStore';

class MemoryStorage implements Storage {
  private map = new Map<string, string>();
  get length() {
    return this.map.size;
  }
  clear() {
    this.map.clear();
  }
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null;
  }
  removeItem(key: string) {
    this.map.delete(key);
  }
  setItem(key: string, value: string) {
    this.map.set(key, value);
  }
}

describe('draftStore', () => {
  let storage: MemoryStorage;
  beforeEach(() => {
    storage = new MemoryStorage();
  });

  it('reads a draft only under the etag it was written on', () => {
    const drafts = draftStore<{ text: string }>('u1', 'a1', storage);
    drafts.write('3', { text: 'hello' });
    expect(drafts.read('3')).toEqual({ text: 'hello' });
    expect(drafts.read('4')).toBeNull();
  });

  it('keeps one draft per audit: re-keying drops the old etag', () => {
    const drafts = draftStore<{ text: string }>('u1', 'a1', storage);
    drafts.write('3', { text: 'a' });
    drafts.write('4', { text: 'b' });
    expect(drafts.read('3')).toBeNull();
    expect(drafts.read('4')).toEqual({ text: 'b' });
    expect(storage.length).toBe(1);
  });

  it('keeps users and audits apart', () => {
    draftStore('u1', 'a1', storage).write('1', { n: 1 });
    draftStore('u2', 'a1', storage).write('1', { n: 2 });
    draftStore('u1', 'a2', storage).write('1', { n: 3 });
    expect(draftStore('u2', 'a1', storage).read('1')).toEqual({ n: 2 });
    draftStore('u1', 'a1', storage).clear();
    expect(draftStore('u1', 'a1', storage).read('1')).toBeNull();
    expect(storage.length).toBe(2);
  });

  it('ignores a corrupt entry and clears every draft at sign-out', () => {
    storage.setItem('practice-audit:draft:u1:a1:1', '{not json');
    expect(draftStore('u1', 'a1', storage).read('1')).toBeNull();
    storage.setItem('other-app', 'keep');
    clearAllDrafts(storage);
    expect(storage.length).toBe(1);
    expect(storage.getItem('other-app')).toBe('keep');
  });

  it('does nothing without storage', () => {
    const drafts = draftStore('u1', 'a1', null);
    drafts.write('1', { n: 1 });
    expect(drafts.read('1')).toBeNull();
  });
});
