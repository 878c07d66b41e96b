import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../shared/seeded-random';
import { jsonDepth } from './json-depth';

/** The plain recursive count, for small values only: arrays and objects are levels. */
function reference(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  return 1 + children.reduce((max: number, child) => Math.max(max, reference(child)), 0);
}

describe('jsonDepth of parsed JSON', () => {
  it('agrees with a recursive count on random nestings of arrays, objects and flat arrays', () => {
    const random = mulberry32(7);
    const make = (depth: number): unknown => {
      const r = random();
      if (depth === 0 || r < 0.2) return r < 0.1 ? null : Math.round(r * 100);
      if (r < 0.5) return [random(), random()];
      if (r < 0.75) return Array.from({ length: 1 + Math.floor(random() * 3) }, () => make(depth - 1));
      return Object.fromEntries(
        Array.from({ length: 1 + Math.floor(random() * 3) }, (_, i) => [`k${i}`, make(depth - 1)]),
      );
    };
    for (let i = 0; i < 300; i++) {
      const value = JSON.parse(JSON.stringify(make(8)));
      expect(jsonDepth(value)).toBe(reference(value));
    }
  });

  it('stops at the limit on 50,000-deep arrays without recursing', () => {
    const deep = JSON.parse(`${'['.repeat(50_000)}${']'.repeat(50_000)}`);
    expect(jsonDepth(deep)).toBe(65);
    expect(jsonDepth(deep, 10)).toBe(10);
    expect(jsonDepth('text')).toBe(0);
  });
});
