import { describe, expect, it } from 'vitest';
import { mulberry32 } from './seeded-random';
import { TopWindow } from './top-sorted';

/** Every item offered to a window of `n`. */
function topSorted<T>(items: readonly T[], n: number, compare: (a: T, b: T) => number): T[] {
  const window = new TopWindow(n, compare);
  for (const item of items) window.offer(item);
  return window.items;
}

describe('TopWindow, every item offered', () => {
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

describe('TopWindow, offered a scratch object', () => {
  it('keeps what a full stable sort keeps, copying only the items that enter the window', () => {
    const random = mulberry32(3);
    const values = Array.from({ length: 20_000 }, () => Math.floor(random() * 500));
    const byValue = (a: { v: number; i: number }, b: { v: number; i: number }) => b.v - a.v;
    const expected = values
      .map((v, i) => ({ v, i }))
      .sort(byValue)
      .slice(0, 100);
    let copies = 0;
    const window = new TopWindow(100, byValue, (item) => {
      copies++;
      return { ...item };
    });
    // One scratch object, refilled for every candidate.
    const scratch = { v: 0, i: 0 };
    values.forEach((v, i) => {
      scratch.v = v;
      scratch.i = i;
      window.offer(scratch);
    });
    expect(window.items).toEqual(expected);
    expect(copies).toBeGreaterThanOrEqual(100);
    expect(copies).toBeLessThan(values.length / 4);
  });
});
