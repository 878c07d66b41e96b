import { describe, expect, it } from 'vitest';
import { ellipsoidalAreaM2, exactGeodesicAreaM2 } from '../area';
import type { AreaGeometry, PolygonGeometry, Position } from '../geometry.types';
import { polygonsOf } from '../geometry.types';
import { validateAreaGeometry } from '../validity';
import { mergeShapes } from './merge';
import { splitByLine } from './split';

// ~1 m in degrees near 25°N (lon, lat).
const M_LON = 1 / (111_320 * Math.cos((25.3 * Math.PI) / 180));
const M_LAT = 1 / 110_700;
const at = (x: number, y: number): Position => [110.3 + x * M_LON, 25.3 + y * M_LAT];
const polygon = (...rings: [number, number][][]): PolygonGeometry => ({
  type: 'Polygon',
  coordinates: rings.map((pts) => [...pts, pts[0] as [number, number]].map(([x, y]) => at(x, y))),
});
const box = (x0: number, y0: number, x1: number, y1: number): [number, number][] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
];

function merged(...parts: AreaGeometry[]): AreaGeometry {
  const result = mergeShapes(parts);
  if (!result.ok) throw new Error(`merge failed: ${result.error}`);
  expect(validateAreaGeometry(result.geometry, { geographic: true }).valid).toBe(true);
  return result.geometry;
}

const relative = (a: number, b: number) => Math.abs(a - b) / b;

describe('mergeShapes', () => {
  it('joins two parcels sharing an edge into one polygon; areas add up (ours and GeographicLib)', () => {
    const a = polygon(box(0, 0, 200, 200));
    const b = polygon(box(200, 0, 400, 200));
    const g = merged(a, b);
    expect(g.type).toBe('Polygon');
    expect(polygonsOf(g)[0]).toHaveLength(1);
    expect(relative(ellipsoidalAreaM2(g), ellipsoidalAreaM2(a) + ellipsoidalAreaM2(b))).toBeLessThan(1e-9);
    expect(relative(exactGeodesicAreaM2(g), exactGeodesicAreaM2(a) + exactGeodesicAreaM2(b))).toBeLessThan(
      1e-9,
    );
    // Every input vertex comes back exactly.
    const out = new Set(
      polygonsOf(g)
        .flat(2)
        .map((p) => `${p[0]},${p[1]}`),
    );
    for (const p of [at(0, 0), at(400, 0), at(400, 200), at(0, 200)])
      expect(out.has(`${p[0]},${p[1]}`)).toBe(true);
  });

  it('undoes a split: the pieces merge back to the original area', () => {
    const whole = polygon(box(0, 0, 200, 200), box(20, 20, 60, 60).reverse());
    const split = splitByLine(whole, [at(80, -20), at(130, 220)]);
    if (!split.ok) throw new Error(split.error);
    const g = merged(...split.parts);
    expect(relative(ellipsoidalAreaM2(g), ellipsoidalAreaM2(whole))).toBeLessThan(1e-9);
    expect(relative(exactGeodesicAreaM2(g), exactGeodesicAreaM2(whole))).toBeLessThan(1e-6);
    expect(polygonsOf(g)[0]).toHaveLength(2); // the hole is kept
  });

  it('joins overlapping parcels: the union, measured against a hand-built outline', () => {
    const g = merged(polygon(box(0, 0, 200, 200)), polygon(box(100, 0, 300, 200)));
    const outline = polygon([
      [0, 0],
      [100, 0],
      [200, 0],
      [300, 0],
      [300, 200],
      [200, 200],
      [100, 200],
      [0, 200],
    ]);
    expect(relative(exactGeodesicAreaM2(g), exactGeodesicAreaM2(outline))).toBeLessThan(1e-6);
  });

  it('joins three parcels in a row and fills a hole with the parcel inside it', () => {
    const row = merged(
      polygon(box(0, 0, 100, 100)),
      polygon(box(100, 0, 200, 100)),
      polygon(box(200, 0, 300, 100)),
    );
    expect(row.type).toBe('Polygon');
    const ring = polygon(box(0, 0, 300, 300), box(100, 100, 200, 200).reverse());
    const plug = polygon(box(100, 100, 200, 200));
    const filled = merged(ring, plug);
    expect(polygonsOf(filled)[0]).toHaveLength(1);
    expect(
      relative(exactGeodesicAreaM2(filled), exactGeodesicAreaM2(polygon(box(0, 0, 300, 300)))),
    ).toBeLessThan(1e-6);
  });

  it('refuses parcels that do not touch', () => {
    expect(mergeShapes([polygon(box(0, 0, 100, 100)), polygon(box(150, 0, 250, 100))])).toEqual({
      ok: false,
      error: 'not-adjacent',
    });
  });

  it('refuses parcels that touch only at a corner', () => {
    expect(mergeShapes([polygon(box(0, 0, 100, 100)), polygon(box(100, 100, 200, 200))])).toEqual({
      ok: false,
      error: 'not-adjacent',
    });
  });

  it('refuses a third parcel apart from two adjacent ones', () => {
    const result = mergeShapes([
      polygon(box(0, 0, 100, 100)),
      polygon(box(100, 0, 200, 100)),
      polygon(box(500, 0, 600, 100)),
    ]);
    expect(result).toEqual({ ok: false, error: 'not-adjacent' });
  });

  it('closes a digitising gap narrower than 5 cm, refuses a wider one', () => {
    const a = polygon(box(0, 0, 100, 100));
    const near = polygon(box(100.02, 0, 200, 100));
    const g = merged(a, near);
    expect(g.type).toBe('Polygon');
    expect(polygonsOf(g)[0]).toHaveLength(1);
    // The gap (2 cm × 100 m = 2 m²) is filled: the area is the 200 × 100 rectangle's.
    expect(Math.abs(ellipsoidalAreaM2(g) - ellipsoidalAreaM2(polygon(box(0, 0, 200, 100))))).toBeLessThan(
      0.5,
    );
    expect(mergeShapes([a, polygon(box(100.5, 0, 200, 100))])).toEqual({ ok: false, error: 'not-adjacent' });
  });

  it('refuses a single parcel', () => {
    expect(mergeShapes([polygon(box(0, 0, 1, 1))])).toEqual({ ok: false, error: 'too-few' });
  });
});
