import { featureCollection, intersect, polygon as turfPolygon, union } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { generateSyntheticCounty } from '../../../bench/synthetic-county';
import { ellipsoidalAreaM2 } from '../area/ellipsoidal-area';
import { exactGeodesicAreaM2 } from '../area/geodesic-area.reference';
import type { AreaGeometry, PolygonGeometry, Ring } from '../geometry.types';
import { bboxOf } from '../geometry.types';
import type { OverlayIndex } from './overlay.types';
import { FAILED_CODE, overlayBatch, PATH_CODES } from './overlay-batch';
import { createOverlayIndex } from './overlay-index';
import { overlayParcel } from './overlay-parcel';

const tolerance = (areaM2: number) => Math.max(1e-6 * areaM2, 0.01);

/** The slow, obvious path: turf union + turf.intersect (lon/lat), then GeographicLib area. */
function referenceInsideM2(index: OverlayIndex, parcel: PolygonGeometry): number {
  const [minX, minY, maxX, maxY] = bboxOf(parcel);
  const layer = index.polygonIndex
    .search(minX, minY, maxX, maxY)
    .map((p) => turfPolygon(index.polygons[p] as number[][][]));
  if (layer.length === 0) return 0;
  const merged = layer.length > 1 ? union(featureCollection(layer)) : layer[0];
  if (!merged) return 0;
  const clipped = intersect(featureCollection([turfPolygon(parcel.coordinates as number[][][]), merged]));
  return clipped ? exactGeodesicAreaM2(clipped.geometry as AreaGeometry) : 0;
}

const square = (x: number, y: number, size: number): Ring => [
  [x, y],
  [x + size, y],
  [x + size, y + size],
  [x, y + size],
  [x, y],
];
const poly = (...rings: Ring[]): PolygonGeometry => ({ type: 'Polygon', coordinates: rings });

describe('overlay against the slow reference (turf.intersect + GeographicLib)', () => {
  const county = generateSyntheticCounty({ parcels: 4_000, seed: 7 });
  const layers = [
    ['farmland', county.farmland, 150],
    ['red line', county.redLine, 40],
    ['boundary', county.boundary, 10],
  ] as const;

  it.each(layers)(
    '%s: crossing parcels equal the reference within max(1e-6 × area, 0.01 m²)',
    (_name, layer, sample) => {
      const index = createOverlayIndex(layer);
      let checked = 0;
      for (const parcel of county.parcels) {
        if (checked >= sample) break;
        const result = overlayParcel(index, parcel);
        expect(result.ok).toBe(true);
        if (!result.ok || (result.path !== 'crossing' && result.path !== 'clipped')) continue;
        checked++;
        const reference = referenceInsideM2(index, parcel);
        expect(Math.abs(result.insideM2 - reference)).toBeLessThanOrEqual(tolerance(result.parcelAreaM2));
      }
      expect(checked).toBe(sample);
    },
  );

  it('counts overlapping farmland patches once (union), including parcels meeting several', () => {
    const index = createOverlayIndex(county.farmland);
    expect(index.polygonOverlaps.some((flag) => flag === 1)).toBe(true);
    let multi = 0;
    for (const parcel of county.parcels) {
      const [minX, minY, maxX, maxY] = bboxOf(parcel);
      const hits = index.polygonIndex.search(minX, minY, maxX, maxY).filter((p) => index.polygonOverlaps[p]);
      if (hits.length < 2) continue;
      const result = overlayParcel(index, parcel);
      if (!result.ok || result.path === 'disjoint') continue;
      expect(Math.abs(result.insideM2 - referenceInsideM2(index, parcel))).toBeLessThanOrEqual(
        tolerance(result.parcelAreaM2),
      );
      if (++multi >= 40) break;
    }
    expect(multi).toBeGreaterThan(10);
  });

  it('batch equals per-parcel results, reports progress and can be aborted', async () => {
    const index = createOverlayIndex(county.redLine);
    const parcels = county.parcels.slice(0, 500);
    const progress: number[] = [];
    const batch = await overlayBatch(index, parcels, {
      progressEvery: 200,
      onProgress: (done) => progress.push(done),
    });
    expect(progress).toEqual([200, 400, 500]);
    parcels.forEach((parcel, i) => {
      const single = overlayParcel(index, parcel);
      expect(single.ok && single.insideM2).toBe(batch.insideM2[i]);
    });
    const controller = new AbortController();
    const aborted = await overlayBatch(index, parcels, {
      progressEvery: 100,
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    expect(aborted).toMatchObject({ cancelled: true, done: 100 });
  });
});

describe('overlay classification and pieces', () => {
  const layer = createOverlayIndex([poly(square(110, 25, 0.01), square(110.004, 25.004, 0.002))]);

  it('settles a parcel inside a hole, inside the shell, outside, and crossing', () => {
    const inHole = overlayParcel(layer, poly(square(110.0045, 25.0045, 0.0005)));
    const inShell = overlayParcel(layer, poly(square(110.001, 25.001, 0.001)));
    const outside = overlayParcel(layer, poly(square(110.02, 25.02, 0.001)));
    const crossing = overlayParcel(layer, poly(square(110.0095, 25.001, 0.001)), { withPieces: true });
    expect(inHole).toMatchObject({ ok: true, insideM2: 0 });
    expect(inShell.ok && inShell.path).toBe('contained');
    expect(inShell.ok && inShell.insideM2).toBe(inShell.ok && inShell.parcelAreaM2);
    expect(outside).toMatchObject({ ok: true, insideM2: 0, path: 'disjoint' });
    expect(crossing.ok).toBe(true);
    if (crossing.ok) {
      expect(crossing.insideM2 / crossing.parcelAreaM2).toBeCloseTo(0.5, 6);
      expect(crossing.pieces && ellipsoidalAreaM2(crossing.pieces)).toBeCloseTo(crossing.insideM2, 3);
    }
  });

  it('skips invalid layer features with a reason instead of indexing them', () => {
    const index = createOverlayIndex([
      poly(square(110, 25, 0.01)),
      poly([[110, 25]]),
      { type: 'Point' } as never,
    ]);
    expect(index.skipped).toEqual([
      { feature: 1, reason: 'invalid-ring' },
      { feature: 2, reason: 'not-a-polygon' },
    ]);
  });

  it('handles an empty layer', () => {
    expect(overlayParcel(createOverlayIndex([]), poly(square(110, 25, 0.001)))).toMatchObject({
      ok: true,
      insideM2: 0,
    });
  });
});

/*
 * RELIABILITY §F tests 60 and 62. The exact coordinates of Turfjs/turf #2549, #1983, #2048, #2277,
 * #2409, #2258 were not available offline; these are equivalent degenerate cases of the kinds those
 * issues report (shared edges, identical polygons, vertex-on-edge, 1e-12° jitter, spikes, collinear
 * and duplicate vertices, self-touching rings, holes touching the shell).
 */
describe('overlay robustness (RELIABILITY §F 60, 62)', () => {
  const base = square(110.3, 25.3, 0.001);
  const layer = createOverlayIndex([poly(base)]);
  const jitter = (ring: Ring, amount: number): Ring =>
    ring.map(([x = 0, y = 0], i) => [x + (i % 2 ? amount : -amount), y + (i % 3 ? amount : -amount)]);
  const cases: [string, AreaGeometry][] = [
    ['identical polygon', poly(base)],
    ['identical polygon, jittered 1e-12°', poly(jitter(base, 1e-12))],
    ['neighbour sharing an edge', poly(square(110.301, 25.3, 0.001))],
    ['neighbour sharing an edge, jittered 1e-12°', poly(jitter(square(110.301, 25.3, 0.001), 1e-12))],
    ['half overlap along shared edges', poly(square(110.3005, 25.3, 0.001))],
    ['vertex touching a corner', poly(square(110.301, 25.301, 0.001))],
    [
      'vertex on an edge',
      poly([
        [110.3005, 25.301],
        [110.3015, 25.3015],
        [110.3005, 25.302],
        [110.3, 25.3015],
        [110.3005, 25.301],
      ]),
    ],
    [
      'spike',
      poly([
        [110.3002, 25.3002],
        [110.3008, 25.3002],
        [110.302, 25.3005],
        [110.3008, 25.3005],
        [110.3008, 25.3008],
        [110.3002, 25.3008],
        [110.3002, 25.3002],
      ]),
    ],
    [
      'collinear and duplicate vertices',
      poly([
        [110.3005, 25.3002],
        [110.3007, 25.3002],
        [110.3007, 25.3002],
        [110.3009, 25.3002],
        [110.3015, 25.3002],
        [110.3015, 25.3008],
        [110.3005, 25.3008],
        [110.3005, 25.3002],
      ]),
    ],
    [
      'self-touching ring',
      poly([
        [110.3005, 25.3005],
        [110.3015, 25.3],
        [110.3015, 25.301],
        [110.3005, 25.3005],
        [110.2995, 25.301],
        [110.2995, 25.3],
        [110.3005, 25.3005],
      ]),
    ],
    ['hole touching the shell', poly(square(110.3005, 25.3005, 0.001), square(110.3005, 25.3005, 0.0005))],
    [
      'bow-tie',
      poly([
        [110.2995, 25.2995],
        [110.3015, 25.3015],
        [110.3015, 25.2995],
        [110.2995, 25.3015],
        [110.2995, 25.2995],
      ]),
    ],
    [
      'sliver 1e-9° wide across the edge',
      poly([
        [110.2995, 25.3005],
        [110.3015, 25.3005],
        [110.3015, 25.300500001],
        [110.2995, 25.300500001],
        [110.2995, 25.3005],
      ]),
    ],
  ];

  it.each(cases)(
    '%s: a finite result within the parcel, or a failed verdict — never a throw',
    (_name, geometry) => {
      const result = overlayParcel(layer, geometry, { withPieces: true });
      if (result.ok) {
        expect(Number.isFinite(result.insideM2)).toBe(true);
        expect(result.insideM2).toBeGreaterThanOrEqual(0);
        expect(result.insideM2).toBeLessThanOrEqual(result.parcelAreaM2 + tolerance(result.parcelAreaM2));
      } else {
        expect(result.reason).toMatch(/clip-failed|inconsistent-result|invalid-geometry/);
      }
    },
  );

  it('measures the identical polygon as wholly inside and the jittered neighbour as a sliver (test 62)', () => {
    const identical = overlayParcel(layer, poly(jitter(base, 1e-12)));
    expect(identical.ok).toBe(true);
    if (identical.ok) expect(Math.abs(identical.insideM2 - identical.parcelAreaM2)).toBeLessThan(0.01);
    const neighbour = overlayParcel(layer, poly(jitter(square(110.301, 25.3, 0.001), 1e-12)));
    expect(neighbour.ok).toBe(true);
    // 1e-12° ≈ 0.1 µm: the overlap is far below any boundary-error threshold (1 m²).
    if (neighbour.ok) expect(neighbour.insideM2).toBeLessThan(1e-3);
  });

  it('measures the half overlap exactly', () => {
    const result = overlayParcel(layer, poly(square(110.3005, 25.3, 0.001)));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.insideM2 / result.parcelAreaM2).toBeCloseTo(0.5, 5);
  });

  it('turns bad parcel input into a failed result, and one failure does not stop a batch', async () => {
    const bad = poly([
      [110.3, Number.NaN],
      [110.301, 25.3],
      [110.301, 25.301],
      [110.3, Number.NaN],
    ]);
    expect(overlayParcel(layer, bad)).toMatchObject({ ok: false, reason: 'invalid-geometry' });
    const batch = await overlayBatch(layer, [bad, poly(base)]);
    expect(batch.paths[0]).toBe(FAILED_CODE);
    expect(batch.paths[1]).not.toBe(FAILED_CODE);
    expect(batch.failures).toEqual([expect.objectContaining({ parcel: 0, reason: 'invalid-geometry' })]);
    expect(PATH_CODES.crossing).toBe(2);
  });
});

describe('large parcels across large boundaries (indexed crossing path)', () => {
  const wavy = (
    cx: number,
    cy: number,
    r: number,
    n: number,
    amp: number,
    k: number,
    reverse = false,
  ): Ring => {
    const ring: Ring = [];
    for (let i = 0; i < n; i++) {
      const a = ((reverse ? n - i : i) / n) * 2 * Math.PI;
      const rr = r * (1 + amp * Math.sin(k * a));
      ring.push([cx + rr * Math.cos(a), cy + 0.9 * rr * Math.sin(a)]);
    }
    ring.push(ring[0] as number[]);
    return ring;
  };

  it('a 3,000-vertex holed parcel across a 4,000-vertex boundary matches the reference', () => {
    const boundary = poly(wavy(110.3, 25.3, 0.01, 4_000, 0.02, 397));
    const index = createOverlayIndex([boundary]);
    // Outer ring crosses the boundary hundreds of times; the hole straddles it too.
    const parcel = poly(
      wavy(110.31, 25.3, 0.004, 3_000, 0.03, 131),
      wavy(110.309, 25.3, 0.0015, 2_500, 0.05, 89, true),
    );
    const result = overlayParcel(index, parcel);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.path).toBe('crossing');
    const reference = referenceInsideM2(index, parcel);
    expect(reference).toBeGreaterThan(0.2 * result.parcelAreaM2);
    expect(reference).toBeLessThan(0.8 * result.parcelAreaM2);
    expect(Math.abs(result.insideM2 - reference)).toBeLessThan(tolerance(reference));
  });
});
