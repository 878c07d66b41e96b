import { describe, expect, it } from 'vitest';
import { mulberry32 } from './seeded-random';
import { topSorted } from './top-sorted';

describe('topSorted', () => {
  const byValue = (a: { v: number }, b: { v: number }) => a.v - b.v;

  it('gives what a full stable sort gives, for windows small and large', () => {
    const random = mulberry32(7);
    // Few distinct values, so ties are common and their order is checked too.
    const items = Array.from({ length: 5_000 }, (_, i) => ({ v: Math.floor(random() * 50), i }));
    const sorted = [...items].sort(byValue);
    for (const n of [1, 3, 100, 624, 625, 4_999, 5_000, 6_000]) {
      expect(topSorted(items, n, byValue)).toEqual(sorted.slice(0, n));
    }
  });

  it('handles input already in order and in reverse order', () => {
    const up = Array.from({ length: 2_000 }, (_, i) => ({ v: i }));
    const down = [...up].reverse();
    expect(topSorted(up, 10, byValue).map((x) => x.v)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(topSorted(down, 10, byValue).map((x) => x.v)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(topSorted(down, 0, byValue)).toEqual([]);
    expect(topSorted([], 5, byValue)).toEqual([]);
  });
});
