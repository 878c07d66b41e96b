import { describe, expect, it } from 'vitest';
import type { PolygonGeometry, Ring } from '../geometry.types';
import { validateAreaGeometry } from './polygon.validator';
import { findSegmentCrossings } from './self-intersection';

const poly = (...rings: Ring[]): PolygonGeometry => ({ type: 'Polygon', coordinates: rings });
const sq = (x: number, y: number, s: number): Ring => [
  [x, y],
  [x + s, y],
  [x + s, y + s],
  [x, y + s],
  [x, y],
];
const codes = (g: PolygonGeometry) =>
  validateAreaGeometry(g).issues.map((i) => `${i.code}${i.repaired ? '+' : ''}`);

describe('validateAreaGeometry (test 57)', () => {
  it('a clean CCW square with a CW hole is valid with no issues', () => {
    const r = validateAreaGeometry(poly(sq(0, 0, 1), [...sq(0.25, 0.25, 0.5)].reverse()));
    expect(r).toMatchObject({ valid: true, issues: [] });
  });

  it('bow-tie → self-intersection (not repaired)', () => {
    const r = validateAreaGeometry(
      poly([
        [0, 0],
        [1, 1],
        [1, 0],
        [0, 1],
        [0, 0],
      ]),
    );
    expect(r.valid).toBe(false);
    expect(r.issues.map((i) => i.code)).toContain('self-intersection');
    expect(r.geometry).toBeDefined();
  });

  it('hole outside shell → flagged', () => {
    const r = validateAreaGeometry(poly(sq(0, 0, 1), [...sq(5, 5, 1)].reverse()));
    expect(r.valid).toBe(false);
    expect(r.issues.map((i) => i.code)).toContain('hole-outside-shell');
  });

  it('hole touching the shell along an edge → self-intersection (ring contact)', () => {
    expect(
      codes(
        poly(sq(0, 0, 1), [
          [0, 0.2],
          [0.5, 0.2],
          [0.5, 0.6],
          [0, 0.6],
          [0, 0.2],
        ]),
      ),
    ).toContain('self-intersection');
  });

  it('unclosed ring and duplicate consecutive vertices are repaired and listed', () => {
    const r = validateAreaGeometry(
      poly([
        [0, 0],
        [1, 0],
        [1, 0],
        [1, 1],
        [0, 1],
      ]),
    );
    expect(r.valid).toBe(true);
    expect(r.issues.map((i) => `${i.code}:${i.repaired}`)).toEqual([
      'ring-unclosed:true',
      'duplicate-vertices:true',
    ]);
    expect(r.geometry?.coordinates[0]).toEqual([
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
      [0, 0],
    ]);
  });

  it('spike (fold-back) is a self-intersection; collinear ring is zero-area; 2-point ring too short', () => {
    expect(
      codes(
        poly([
          [0, 0],
          [2, 0],
          [3, 0],
          [2, 0.0],
          [2, 1],
          [0, 1],
          [0, 0],
        ]),
      ),
    ).toContain('self-intersection');
    expect(
      validateAreaGeometry(
        poly([
          [0, 0],
          [1, 0],
          [2, 0],
          [0, 0],
        ]),
      ).geometry,
    ).toBeUndefined();
    expect(
      codes(
        poly([
          [0, 0],
          [1, 0],
          [2, 0],
          [0, 0],
        ]),
      ),
    ).toEqual(['ring-zero-area']);
    expect(
      codes(
        poly([
          [0, 0],
          [1, 1],
          [0, 0],
        ]),
      ),
    ).toEqual(['ring-too-short']);
  });

  it('winding fixed to RFC 7946 and listed', () => {
    expect(codes(poly([...sq(0, 0, 1)].reverse(), sq(0.25, 0.25, 0.5)))).toEqual([
      'shell-winding+',
      'hole-winding+',
    ]);
  });

  it('NaN, Infinity and out-of-range coordinates make the geometry unusable', () => {
    expect(
      validateAreaGeometry(
        poly([
          [0, 0],
          [Number.NaN, 0],
          [1, 1],
          [0, 1],
          [0, 0],
        ]),
      ).geometry,
    ).toBeUndefined();
    expect(
      codes(
        poly([
          [0, 0],
          [Number.POSITIVE_INFINITY, 0],
          [1, 1],
          [0, 0],
        ]),
      ),
    ).toContain('coordinate-not-finite');
    expect(codes(poly(sq(200, 0, 1)))).toContain('coordinate-out-of-range');
    expect(codes(poly(sq(10, 95, 1)))).toContain('coordinate-out-of-range');
    expect(validateAreaGeometry(poly(sq(500_000, 3_000_000, 10)), { geographic: false }).valid).toBe(true);
  });

  it('a degenerate hole is dropped (safe repair), the polygon kept', () => {
    const r = validateAreaGeometry(
      poly(sq(0, 0, 1), [
        [0.2, 0.2],
        [0.3, 0.3],
        [0.2, 0.2],
      ]),
    );
    expect(r.geometry?.coordinates).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ code: 'ring-too-short', repaired: true, ring: 1 });
  });

  it('empty polygon and MultiPolygon list', () => {
    expect(validateAreaGeometry({ type: 'MultiPolygon', coordinates: [] }).issues[0]?.code).toBe(
      'empty-geometry',
    );
    expect(validateAreaGeometry({ type: 'Polygon', coordinates: [] }).geometry).toBeUndefined();
  });
});

describe('findSegmentCrossings (test 65)', () => {
  it('finds exactly the known crossings of a 20,000-vertex ring, through the spatial index', () => {
    const n = 20_000;
    const ring: Ring = [];
    for (let i = 0; i < n; i++) {
      const a = (2 * Math.PI * i) / n;
      ring.push([Math.cos(a), Math.sin(a)]);
    }
    // Swapping two neighbouring vertices of a convex ring crosses the two edges around them once.
    const swaps = [1000, 5000, 9000, 13_000, 17_000];
    for (const s of swaps) {
      const tmp = ring[s]!;
      ring[s] = ring[s + 1]!;
      ring[s + 1] = tmp;
    }
    ring.push([...(ring[0] as number[])]);
    const crossings = findSegmentCrossings([ring], 1000);
    expect(crossings).toHaveLength(swaps.length);
    expect(crossings.map((c) => c.segmentA).sort((a, b) => a - b)).toEqual(swaps.map((s) => s - 1));
  });

  it('a clean 20,000-vertex ring has none', () => {
    const ring: Ring = [];
    for (let i = 0; i < 20_000; i++) ring.push([Math.cos(i / 3183.1), Math.sin(i / 3183.1)]);
    ring.push([...(ring[0] as number[])]);
    expect(validateAreaGeometry(poly(ring)).valid).toBe(true);
  });
});
