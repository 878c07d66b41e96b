import { describe, expect, it } from 'vitest';
import { areaOf } from './area/area-of.guard';
import { ellipsoidalAreaM2, flatRingAreaM2 } from './area/ellipsoidal-area';
import { exactGeodesicAreaM2 } from './area/geodesic-area.reference';
import { flatRingBounds, flatRingOf, flatRingPolygon, flatSignedArea2, reverseFlatRange } from './flat-ring';
import type { PolygonGeometry, Ring } from './geometry.types';
import { ringBounds } from './geometry.types';
import { createOverlayIndex, overlayParcel } from './overlay';
import { signedArea2, validateAreaGeometry } from './validity/polygon.validator';
import { findFlatRingCrossings, findSegmentCrossings } from './validity/self-intersection';

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A star-shaped parcel (no crossings), counter-clockwise and closed, around lon/lat (x, y). */
function parcel(next: () => number, x: number, y: number, vertices: number, size = 0.002): Ring {
  const ring: Ring = [];
  for (let i = 0; i < vertices; i++) {
    const angle = (2 * Math.PI * (i + 0.2 + 0.6 * next())) / vertices;
    const r = size * (0.4 + 0.6 * next());
    ring.push([x + r * Math.cos(angle), y + r * Math.sin(angle)]);
  }
  ring.push([...(ring[0] as number[])]);
  return ring;
}

/** The ring as a flat polygon, placed after `before` unrelated positions of the same array. */
function flat(ring: Ring, before = 3): PolygonGeometry {
  const coords = new Float64Array((before + ring.length + 2) * 2).fill(7.5);
  ring.forEach((p, i) => {
    coords[(before + i) * 2] = p[0] as number;
    coords[(before + i) * 2 + 1] = p[1] as number;
  });
  return flatRingPolygon(coords, before, before + ring.length);
}

const nested = (ring: Ring): PolygonGeometry => ({ type: 'Polygon', coordinates: [ring.map((p) => [...p])] });

/** Rings of every kind the validator tells apart, with a name to report. */
function rings(): [string, Ring][] {
  const next = random(42);
  const out: [string, Ring][] = [];
  for (let k = 0; k < 30; k++) out.push([`clean ${k}`, parcel(next, 110.5 + k * 0.01, 24.8, 4 + (k % 9))]);
  out.push(['clean, 300 vertices (indexed search)', parcel(next, 110.6, 24.9, 300)]);
  const base = parcel(next, 110.7, 24.7, 8);
  out.push(['clockwise', [...base].reverse()]);
  out.push(['unclosed', base.slice(0, -1)]);
  out.push(['repeated vertex', [...base.slice(0, 3), [...(base[2] as number[])], ...base.slice(3)]]);
  out.push(['too short', [base[0], base[1], base[0]] as Ring]);
  out.push([
    'collinear',
    [
      [110, 24],
      [110.001, 24.001],
      [110.002, 24.002],
      [110, 24],
    ],
  ]);
  out.push([
    'bow-tie',
    [
      [110, 24],
      [110.001, 24.001],
      [110.001, 24],
      [110, 24.001],
      [110, 24],
    ],
  ]);
  out.push([
    'spike',
    [
      [110, 24],
      [110.002, 24],
      [110.003, 24],
      [110.001, 24],
      [110.001, 24.001],
      [110, 24],
    ],
  ]);
  out.push(['out of range', base.map(([x = 0, y = 0]) => [x + 100, y])]);
  out.push(['not a number', base.map((p, i) => (i === 2 ? [Number.NaN, p[1] as number] : p))]);
  const big = parcel(next, 110.8, 24.6, 300);
  // Two far vertices swapped: the boundary crosses itself among 300 segments.
  const crossed = big.map((p) => [...p]);
  [crossed[10], crossed[150]] = [crossed[150] as number[], crossed[10] as number[]];
  out.push(['crossing, 300 vertices', crossed]);
  return out;
}

describe('a flat ring polygon reads as the plain Polygon it stands for', () => {
  const ring = parcel(random(1), 110.5, 24.8, 9);
  it('deep-equals, serialises, clones and spreads as its GeoJSON', () => {
    expect(flat(ring)).toEqual(nested(ring));
    expect(JSON.stringify(flat(ring))).toBe(JSON.stringify(nested(ring)));
    expect(structuredClone(flat(ring))).toEqual(nested(ring));
    expect({ ...flat(ring) }).toEqual(nested(ring));
    expect(Object.keys(flat(ring))).toEqual(['type', 'coordinates']);
  });
  it('stops being flat once its coordinates are read or replaced, and keeps what was done to them', () => {
    const read = flat(ring);
    expect(flatRingOf(read)).toBeDefined();
    const coordinates = read.coordinates;
    expect(flatRingOf(read)).toBeUndefined();
    expect(read.coordinates).toBe(coordinates);
    (coordinates[0] as Ring).pop();
    expect(read.coordinates[0]).toHaveLength(ring.length - 1);
    const replaced = flat(ring);
    replaced.coordinates = [[[1, 2]]];
    expect(flatRingOf(replaced)).toBeUndefined();
    expect(replaced).toEqual({ type: 'Polygon', coordinates: [[[1, 2]]] });
  });
  it('gives the bounds and signed area its GeoJSON gives, and reverses in place', () => {
    for (const [name, r] of rings()) {
      const f = flatRingOf(flat(r));
      if (!f) throw new Error(name);
      expect(flatRingBounds(f), name).toEqual(ringBounds(r));
      expect(flatSignedArea2(f.coords, f.start, f.end), name).toBe(signedArea2(r));
      reverseFlatRange(f.coords, f.start, f.end);
      expect(flatRingPolygon(f.coords, f.start, f.end), name).toEqual(nested([...r].reverse()));
      // The positions around the range are untouched.
      expect(f.coords[f.start * 2 - 1], name).toBe(7.5);
      expect(f.coords[f.end * 2], name).toBe(7.5);
    }
  });
});

describe('the import steps read a flat ring as they read its GeoJSON', () => {
  it('finds the same segment crossings', () => {
    for (const [name, r] of rings()) {
      const f = flatRingOf(flat(r));
      if (!f || r.some((p) => !Number.isFinite(p[0]) || !Number.isFinite(p[1]))) continue;
      expect(findFlatRingCrossings(f.coords, f.start, f.end), name).toEqual(findSegmentCrossings([r]));
    }
  });
  it('validates to the same verdict, repairs and notes; a clean ring stays flat and is marked clean', () => {
    let clean = 0;
    for (const [name, r] of rings()) {
      const g = flat(r);
      const f = flatRingOf(g);
      const result = validateAreaGeometry(g);
      // Whether it is still flat, before the comparison reads its coordinates.
      const stillFlat = flatRingOf(g) === f;
      if (result.valid && result.issues.length === 0) {
        clean++;
        expect(result.geometry, name).toBe(g);
        expect(stillFlat, name).toBe(true);
        expect(f?.clean, name).toBe(true);
      } else {
        expect(f?.clean, name).toBeUndefined();
      }
      expect(result, name).toEqual(validateAreaGeometry(nested(r)));
    }
    expect(clean).toBe(31);
  });
  it('validates to the same result without the geographic range or the crossing search', () => {
    for (const options of [{ geographic: false }, { skipSelfIntersection: true }]) {
      for (const [name, r] of rings()) {
        expect(validateAreaGeometry(flat(r), options), `${name} ${JSON.stringify(options)}`).toEqual(
          validateAreaGeometry(nested(r), options),
        );
      }
    }
  });
  it('does not mark a ring clean when validated without the geographic range or the crossing search', () => {
    const r = parcel(random(3), 110.5, 24.8, 7);
    const projected = flat(r);
    validateAreaGeometry(projected, { geographic: false });
    expect(flatRingOf(projected)?.clean).toBeUndefined();
    const skipped = flat(r);
    validateAreaGeometry(skipped, { skipSelfIntersection: true });
    expect(flatRingOf(skipped)?.clean).toBeUndefined();
  });
  it('measures the same area, to the last bit, without building the ring; within 1e-7 of GeographicLib', () => {
    const next = random(7);
    for (let k = 0; k < 200; k++) {
      const r = parcel(next, 73 + next() * 60, 18 + next() * 35, 4 + (k % 40), 0.0005 + next() * 0.02);
      const g = flat(r);
      validateAreaGeometry(g);
      const area = areaOf(g);
      expect(flatRingOf(g)).toBeDefined();
      expect(area).toEqual(areaOf(nested(r)));
      if (!area.ok) throw new Error(`ring ${k}: ${area.error}`);
      expect(Math.abs(area.value / exactGeodesicAreaM2(nested(r)) - 1)).toBeLessThan(1e-7);
      const f = flatRingOf(g);
      if (f) expect(flatRingAreaM2(f)).toBe(ellipsoidalAreaM2(nested(r)));
    }
  });
  it('refuses the same slivers and oversized rings', () => {
    const sliver: Ring = [
      [110, 24],
      [110.003, 24],
      [110.003, 24.000000001],
      [110, 24],
    ];
    const g = flat(sliver);
    expect(validateAreaGeometry(g).issues).toEqual([]);
    expect(areaOf(g)).toEqual({ ok: false, error: 'zero-area' });
    // Strips 300 m long, 8 and 12 mm wide (the guard's limit is a mean width of 1 cm), the long
    // side first: the same verdict each, and not the same for both.
    const strip = (widthM: number): Ring => {
      const dy = widthM / 110_900;
      return [
        [110, 24],
        [110 + 300 / 101_700, 24],
        [110 + 300 / 101_700, 24 + dy],
        [110, 24 + dy],
        [110, 24],
      ];
    };
    const verdicts = [0.008, 0.012].map((w) => {
      const s = flat(strip(w));
      expect(validateAreaGeometry(s).issues).toEqual([]);
      expect(areaOf(s)).toEqual(areaOf(nested(strip(w))));
      return areaOf(s).ok;
    });
    expect(verdicts).toEqual([false, true]);
    const wide = parcel(random(9), 110, 30, 12, 3);
    const w = flat(wide);
    validateAreaGeometry(w);
    expect(areaOf(w, { maxAreaM2: 1e9 })).toEqual(areaOf(nested(wide), { maxAreaM2: 1e9 }));
    expect(areaOf(w, { maxAreaM2: 1e9 })).toEqual({ ok: false, error: 'implausibly-large' });
  });
  it('overlays to the same result: a parcel meeting no layer polygon stays flat, others as before', () => {
    const next = random(11);
    const layer = createOverlayIndex([
      nested(parcel(next, 110.5, 24.8, 40, 0.05)),
      nested(parcel(next, 110.62, 24.8, 40, 0.03)),
    ]);
    let disjoint = 0;
    for (let k = 0; k < 120; k++) {
      const r = parcel(next, 110.4 + next() * 0.3, 24.72 + next() * 0.16, 5 + (k % 12), 0.004);
      const g = flat(r);
      validateAreaGeometry(g);
      const areaM2 = ellipsoidalAreaM2(nested(r));
      const result = overlayParcel(layer, g, { parcelAreaM2: areaM2 });
      expect(result).toEqual(overlayParcel(layer, nested(r), { parcelAreaM2: areaM2 }));
      expect(overlayParcel(layer, flat(r), { withPieces: true })).toEqual(
        overlayParcel(layer, nested(r), { withPieces: true }),
      );
      if (result.ok && result.path === 'disjoint' && flatRingOf(g)) disjoint++;
    }
    // Both kinds were met: parcels apart from the layer (left flat) and parcels meeting it.
    expect(disjoint).toBeGreaterThan(10);
    expect(disjoint).toBeLessThan(110);
  });
});
