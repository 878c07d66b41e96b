import { featureCollection, intersect, multiPolygon, polygon as turfPolygon, union } from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import { afterEach, describe, expect, it } from 'vitest';
import type { OverlayCheck } from '../domain/parcel';
import { ellipsoidalAreaM2 } from '../geo/area/ellipsoidal-area';
import { exactGeodesicAreaM2 } from '../geo/area/geodesic-area.reference';
import type { AreaGeometry, MultiPolygonGeometry, PolygonGeometry, Ring } from '../geo/geometry.types';
import { createInProcessOverlay } from '../store/in-process-overlay';
import { createWatchedOverlay, OVERLAY_TIMEOUT, type OverlayWatchdogOptions } from './overlay-watchdog';
import { nodeOverlaySpawner } from './testing/node-overlay-engine';

/**
 * Test 61: the overlay runs in a worker (a worker_threads stand-in here) under a watchdog. A parcel
 * that makes the engine spin forever is marked "not checked (timed out)", the worker is replaced,
 * and every other parcel is still checked. The budgets are hang detectors, not timing assertions.
 */

const square = (x: number, y: number, size: number): Ring => [
  [x, y],
  [x + size, y],
  [x + size, y + size],
  [x, y + size],
  [x, y],
];
const poly = (...rings: Ring[]): PolygonGeometry => ({ type: 'Polygon', coordinates: rings });

const farmland = poly(square(110.3, 25.3, 0.01));
const boundary = poly(square(110.29, 25.29, 0.03));
const CONTROLS = [
  { role: 'permanent-farmland' as const, geometries: [farmland as AreaGeometry] },
  { role: 'development-boundary' as const, geometries: [boundary as AreaGeometry] },
];
/** The longitude the stand-in worker spins on. */
const HANG_X = 110.3051234;
const parcels: { id: string; geometry: AreaGeometry; areaM2: number }[] = [
  poly(square(110.301, 25.301, 0.001)), // inside farmland
  poly(square(110.3095, 25.305, 0.001)), // half in farmland
  poly(square(HANG_X, 25.3051, 0.001)), // the one that hangs the engine
  poly(square(110.312, 25.312, 0.001)), // outside farmland, inside the boundary
  poly(square(110.318, 25.318, 0.002)), // crosses the boundary
].map((geometry, i) => ({ id: `P#${i}`, geometry, areaM2: ellipsoidalAreaM2(geometry) }));

const BUDGET: OverlayWatchdogOptions = { callMs: 5_000, perItemMs: 50, setControlsMs: 60_000 };

const engines: { closeAll(): Promise<void> }[] = [];
afterEach(async () => {
  for (const e of engines.splice(0)) await e.closeAll();
});

function watched(hangOnX?: number, budget = BUDGET) {
  const spawner = nodeOverlaySpawner({ hangOnX });
  engines.push(spawner);
  const restarts: string[] = [];
  const service = createWatchedOverlay(spawner.spawn, { ...budget, onRestart: (w) => restarts.push(w) });
  return { service, stats: spawner.stats, restarts };
}

async function reference() {
  const overlay = createInProcessOverlay();
  await overlay.setControls(CONTROLS);
  return overlay;
}

function expectTimedOut(checks: OverlayCheck[]) {
  expect(checks.map((c) => c.role).sort()).toEqual(['development-boundary', 'permanent-farmland']);
  for (const check of checks) {
    expect(check.verdict).toBe('failed');
    expect(check.failure).toBe(OVERLAY_TIMEOUT);
    expect(check.reason).toBe('overlay-failed');
  }
}

describe('overlay watchdog (RELIABILITY test 61)', () => {
  it('R61: a check that hangs is marked "not checked (timed out)"; a fresh worker with the controls reloaded checks the next parcel', {
    timeout: 120_000,
  }, async () => {
    const { service, stats, restarts } = watched(HANG_X);
    const ref = await reference();
    await service.setControls(CONTROLS);
    const hung = parcels[2] as (typeof parcels)[number];
    expectTimedOut(await service.check(hung.geometry, hung.areaM2));
    expect(restarts).toEqual(['check']);
    expect(stats.terminated).toBe(1);
    const next = parcels[1] as (typeof parcels)[number];
    const checks = await service.check(next.geometry, next.areaM2);
    expect(stats.started).toBe(2);
    expect(checks).toEqual(await ref.check(next.geometry, next.areaM2));
    expect(checks.find((c) => c.role === 'permanent-farmland')?.verdict).toBe('conflict');
    // Hung pieces draw nothing and never block the selection.
    expect(await service.pieces(hung.geometry)).toEqual([]);
    expect((await service.pieces(next.geometry)).map((p) => p.role)).toContain('permanent-farmland');
  });

  it('R61: a batch that hangs is redone parcel by parcel: only the hanging parcel is unchecked, the rest are computed', {
    timeout: 180_000,
  }, async () => {
    const { service, restarts } = watched(HANG_X);
    const ref = await reference();
    await service.setControls(CONTROLS);
    const out = await service.checkMany(parcels);
    expect(out.map((r) => r.id)).toEqual(parcels.map((p) => p.id));
    expect(restarts).toEqual(['checkMany', 'check']);
    const expected = await ref.checkMany(parcels);
    for (const [i, result] of out.entries()) {
      if (i === 2) expectTimedOut(result.checks);
      else expect(result.checks).toEqual(expected[i]?.checks);
    }
    // Independent of our engine: the inside parcel lies wholly in the farmland.
    expect(out[0]?.checks.find((c) => c.role === 'permanent-farmland')?.insideM2).toBeCloseTo(
      exactGeodesicAreaM2(parcels[0]?.geometry as AreaGeometry),
      2,
    );
  });

  it('R61: a healthy worker is never restarted', { timeout: 120_000 }, async () => {
    const { service, stats, restarts } = watched();
    await service.setControls(CONTROLS);
    const out = await service.checkMany(parcels);
    expect(out).toEqual(await (await reference()).checkMany(parcels));
    expect(restarts).toEqual([]);
    expect(stats.started).toBe(1);
  });
});

/** The slow, obvious reference: turf.intersect (lon/lat) then GeographicLib's exact geodesic area. */
function referenceInsideM2(parcel: AreaGeometry, control: AreaGeometry): number {
  const a = parcel.type === 'Polygon' ? turfPolygon(parcel.coordinates) : multiPolygon(parcel.coordinates);
  const b =
    control.type === 'Polygon'
      ? turfPolygon(control.coordinates)
      : (union(featureCollection(control.coordinates.map((p) => turfPolygon(p)))) ??
        multiPolygon(control.coordinates));
  const clipped = intersect<Polygon | MultiPolygon>(featureCollection([a, b]));
  return clipped ? exactGeodesicAreaM2(clipped.geometry as AreaGeometry) : 0;
}

/** Known clipper-hang inputs and constructed pathological ones (test 61; §0.9). */
function hangCases(): { name: string; parcel: AreaGeometry; control: AreaGeometry; exact?: number }[] {
  // Turfjs/turf#2705 (7.1.0 looped forever): t1 with its doubled closing vertex, and the first four
  // parts of t2 as published in the issue (mutually overlapping quadrilaterals at t1's corner).
  const t1: PolygonGeometry = poly([
    [126.55856392608325, 34.46272192666609],
    [126.55889007353417, 34.46273185169668],
    [126.55893420916493, 34.46182149433875],
    [126.55860547472139, 34.46181162317049],
    [126.55856392608325, 34.46272192666609],
    [126.55856392608325, 34.46272192666609],
  ]);
  const t2: MultiPolygonGeometry = {
    type: 'MultiPolygon',
    coordinates: [
      [
        [
          [126.558597, 34.461803],
          [126.558614, 34.46182],
          [126.558657, 34.461791],
          [126.55864, 34.461774],
          [126.558597, 34.461803],
        ],
      ],
      [
        [
          [126.558599, 34.461789],
          [126.558602, 34.461822],
          [126.558657, 34.461819],
          [126.558654, 34.461786],
          [126.558599, 34.461789],
        ],
      ],
      [
        [
          [126.558584, 34.461796],
          [126.558607, 34.461816],
          [126.558647, 34.461784],
          [126.558624, 34.461764],
          [126.558584, 34.461796],
        ],
      ],
      [
        [
          [126.558599, 34.461811],
          [126.558626, 34.461818],
          [126.558642, 34.461775],
          [126.558615, 34.461768],
          [126.558599, 34.461811],
        ],
      ],
    ],
  };
  const base = square(110.3, 25.3, 0.001);
  const jitter = (ring: Ring, amount: number): Ring =>
    ring.map(([x = 0, y = 0], i) => [x + (i % 2 ? amount : -amount), y + (i % 3 ? amount : -amount)]);
  const jittered = jitter(base, 1e-15);
  jittered[jittered.length - 1] = jittered[0] as [number, number];
  // A parcel inside the control with nearly-collinear spikes poking 1e-12° across its edge.
  const spiky: Ring = [[110.3002, 25.3002]];
  for (let i = 1; i < 400; i++) {
    const x = 110.3002 + (0.0008 * i) / 400;
    spiky.push([x, 25.3002], [x + 1e-9, i % 2 ? 25.3 - 1e-12 : 25.3 + 1e-12], [x + 2e-9, 25.3002]);
  }
  spiky.push([110.301, 25.3002], [110.301, 25.3008], [110.3002, 25.3008], [110.3002, 25.3002]);
  // Large vertex counts: a 20,000-vertex circle against a 5,000-vertex circle crossing it.
  const circle = (cx: number, cy: number, r: number, n: number): Ring => {
    const ring: Ring = [];
    for (let i = 0; i < n; i++) {
      const a = (2 * Math.PI * i) / n;
      ring.push([cx + r * Math.cos(a), cy + r * Math.sin(a)]);
    }
    ring.push(ring[0] as [number, number]);
    return ring;
  };
  return [
    { name: 'Turfjs/turf#2705', parcel: t1, control: t2 },
    {
      name: 'identical square with 1e-15° jitter',
      parcel: poly(jittered),
      control: poly(base),
      exact: ellipsoidalAreaM2(poly(base)),
    },
    {
      name: 'nearly-collinear spikes across a shared edge',
      parcel: poly(spiky),
      control: poly(square(110.3, 25.3, 0.002)),
    },
    {
      name: '5k-vertex parcel across a 20k-vertex control',
      parcel: poly(circle(110.305, 25.3, 0.01, 5_000)),
      control: poly(circle(110.3, 25.3, 0.01, 20_000)),
    },
  ];
}

describe('clipper-hang inputs through the watched overlay worker (test 61)', () => {
  it('R61: #2705 and pathological inputs end in a computed verdict (matching turf + GeographicLib) or "not checked (timed out)"', {
    timeout: 300_000,
  }, async () => {
    const computed: string[] = [];
    for (const c of hangCases()) {
      const { service } = watched(undefined, { callMs: 60_000, perItemMs: 0, setControlsMs: 60_000 });
      await service.setControls([{ role: 'permanent-farmland', geometries: [c.control] }]);
      const areaM2 = ellipsoidalAreaM2(c.parcel);
      const [check] = await service.check(c.parcel, areaM2);
      expect(check, c.name).toBeDefined();
      if (check?.verdict === 'failed') {
        expect(check.failure, c.name).toBeTruthy();
        continue;
      }
      const expected = c.exact ?? referenceInsideM2(c.parcel, c.control);
      expect(Math.abs((check?.insideM2 ?? Number.NaN) - expected), c.name).toBeLessThanOrEqual(
        Math.max(1e-4 * expected, 0.01),
      );
      computed.push(c.name);
      await engines.splice(0).reduce((p, e) => p.then(() => e.closeAll()), Promise.resolve());
    }
    // Our engine settles all of them (the watchdog is the backstop, not the usual outcome).
    expect(computed).toEqual(hangCases().map((c) => c.name));
  });
});
