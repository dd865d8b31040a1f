import { jsonEqual } from './jsonEqual';

describe('jsonEqual', () => {
  it('compares JSON data by content, whatever created it', () => {
    const literal = { spec: { min: 1, list: [1, { a: 'x' }] } };
    expect(jsonEqual(literal, structuredClone(literal))).toBe(true);
    expect(jsonEqual(literal, JSON.parse(JSON.stringify(literal)))).toBe(true);
    expect(jsonEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
  });

  it('tells different data apart', () => {
    expect(jsonEqual({ a: 1 }, { a: '1' })).toBe(false);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
    expect(jsonEqual({ a: [] }, { a: {} })).toBe(false);
    expect(jsonEqual(null, {})).toBe(false);
    expect(jsonEqual({ a: { b: 1 } }, { a: { b: 1, c: 2 } })).toBe(false);
  });
});
