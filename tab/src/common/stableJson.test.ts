import { describe, expect, it } from 'vitest';
import { stableJson } from './stableJson';

describe('stableJson', () => {
  it('gives the same text for the same content, whatever the key order, at any depth', () => {
    const a = { b: 1, a: { y: [1, { q: 1, p: 2 }], x: null }, c: 'text' };
    const b = { c: 'text', a: { x: null, y: [1, { p: 2, q: 1 }] }, b: 1 };
    expect(stableJson(a)).toBe(stableJson(b));
    expect(stableJson(b)).toBe('{"a":{"x":null,"y":[1,{"p":2,"q":1}]},"b":1,"c":"text"}');
  });

  it('tells different content apart, array order included', () => {
    expect(stableJson({ a: [1, 2] })).not.toBe(stableJson({ a: [2, 1] }));
    expect(stableJson({ a: '1' })).not.toBe(stableJson({ a: 1 }));
    expect(stableJson({ a: null })).not.toBe(stableJson({}));
  });

  it('leaves out undefined properties, as JSON does', () => {
    expect(stableJson({ a: 1, b: undefined })).toBe(stableJson({ a: 1 }));
  });
});
