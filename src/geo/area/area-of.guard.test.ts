import { describe, expect, it } from 'vitest';
import type { AreaGeometry, Ring } from '../geometry.types';
import { areaOf } from './area-of.guard';

const polygon = (...rings: Ring[]): AreaGeometry => ({ type: 'Polygon', coordinates: rings });
const square: Ring = [
  [110.3, 25.3],
  [110.301, 25.3],
  [110.301, 25.301],
  [110.3, 25.301],
  [110.3, 25.3],
];

describe('areaOf (RELIABILITY §F test 59)', () => {
  it('returns the ellipsoidal area of a good parcel', () => {
    const result = areaOf(polygon(square));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value).toBeGreaterThan(11_000);
  });

  it.each([
    ['NaN', [110.3, Number.NaN]],
    ['Infinity', [Number.POSITIVE_INFINITY, 25.3]],
    ['missing ordinate', [110.3]],
  ])('refuses a %s coordinate', (_name, bad) => {
    const ring = [...square];
    ring[2] = bad as number[];
    const result = areaOf(polygon(ring));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(['non-finite-coordinate', 'not-a-polygon']).toContain(result.error);
  });

  it('refuses metres read as degrees', () => {
    const metres: Ring = [
      [37_512_345.67, 2_799_000],
      [37_512_445.67, 2_799_000],
      [37_512_445.67, 2_799_100],
      [37_512_345.67, 2_799_000],
    ];
    expect(areaOf(polygon(metres))).toEqual({ ok: false, error: 'coordinate-out-of-range' });
  });

  it('refuses rings with fewer than 4 positions', () => {
    expect(areaOf(polygon(square.slice(0, 3)))).toEqual({ ok: false, error: 'ring-too-short' });
  });

  it('refuses a bow-tie instead of returning its cancelled area', () => {
    const bowTie: Ring = [
      [110.3, 25.3],
      [110.301, 25.301],
      [110.301, 25.3],
      [110.3, 25.301],
      [110.3, 25.3],
    ];
    expect(areaOf(polygon(bowTie))).toEqual({ ok: false, error: 'self-intersecting-ring' });
  });

  it('refuses a collinear ring as zero area', () => {
    const line: Ring = [
      [110.3, 25.3],
      [110.301, 25.301],
      [110.302, 25.302],
      [110.3, 25.3],
    ];
    expect(areaOf(polygon(line))).toEqual({ ok: false, error: 'zero-area' });
  });

  it('refuses holes larger than their shell', () => {
    const big: Ring = [
      [110.299, 25.299],
      [110.302, 25.299],
      [110.302, 25.302],
      [110.299, 25.302],
      [110.299, 25.299],
    ];
    expect(areaOf(polygon(square, big))).toEqual({ ok: false, error: 'holes-exceed-shell' });
  });

  it('refuses implausibly large areas', () => {
    const huge: Ring = [
      [0, -60],
      [170, -60],
      [170, 60],
      [0, 60],
      [0, -60],
    ];
    expect(areaOf(polygon(huge))).toEqual({ ok: false, error: 'implausibly-large' });
  });

  it('refuses geometries that are not polygons', () => {
    const point = { type: 'Point', coordinates: [110.3, 25.3] } as unknown as AreaGeometry;
    expect(areaOf(point)).toEqual({ ok: false, error: 'not-a-polygon' });
  });
});
