import { TILE_LAYER } from './map-tiles';
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open-database';
import { testLayer } from '../db/test-records';
import { exactGeodesicAreaM2 } from '../geo/area/geodesic-area.reference';
import type { Ring } from '../geo/geometry.types';
import type { SourceFile } from '../io/import.types';
import { writeDbf, writePolygonShp } from '../io/testing/mini-shapefile';
import { createAppStore } from './app-store';
import { createInProcessImportSession } from './in-process-import';
import { createInProcessOverlay } from './in-process-overlay';

/**
 * Test 65: one 1,000,000-vertex parcel, imported through the GeoJSON and the shapefile importers
 * and the store (measure, overlay check, one transaction, map hand-over). Its area and its overlap
 * with a farmland rectangle are checked against GeographicLib's PolygonArea on an independently
 * clipped ring. There is no vertex cap: the import succeeds.
 */

const N = 1_000_000;
const CX = 110.3;
const CY = 25.3;

/** A star-shaped "wiggly circle" of n vertices around (CX, CY), counter-clockwise, closed. */
function wigglyRing(n: number): Ring {
  const ring: Ring = [];
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / n;
    const r = 0.01 * (1 + 0.05 * Math.sin(37 * a) + 0.02 * Math.sin(1001 * a));
    ring.push([CX + r * Math.cos(a), CY + r * Math.sin(a)]);
  }
  ring.push(ring[0] as [number, number]);
  return ring;
}

/**
 * The part of a ring east of the meridian x = CX (Sutherland–Hodgman against one half-plane, a
 * different algorithm from our overlay). The cut runs along a meridian, which is a geodesic.
 */
function eastOf(ring: Ring, x0: number): Ring {
  const out: Ring = [];
  for (let i = 0; i < ring.length - 1; i++) {
    const [ax, ay] = ring[i] as [number, number];
    const [bx, by] = ring[i + 1] as [number, number];
    const aIn = ax >= x0;
    const bIn = bx >= x0;
    if (aIn) out.push([ax, ay]);
    if (aIn !== bIn) out.push([x0, ay + ((by - ay) * (x0 - ax)) / (bx - ax)]);
  }
  out.push(out[0] as [number, number]);
  return out;
}

/** Farmland: a rectangle over the parcel's east half (its west edge is the meridian x = CX). */
const FARMLAND: Ring = [
  [CX, CY - 0.02],
  [CX + 0.02, CY - 0.02],
  [CX + 0.02, CY + 0.02],
  [CX, CY + 0.02],
  [CX, CY - 0.02],
];

async function setup() {
  const opened = await openDatabase(`large-${Math.random()}`);
  const store = createAppStore({
    repositories: opened.repositories,
    services: {
      loadDemoLayers: async () => [
        {
          layer: testLayer('F', { role: 'permanent-farmland', featureCount: 1, nextSeq: 1 }),
          content: {
            kind: 'features',
            items: [
              {
                id: 'F#0',
                geometry: { type: 'Polygon', coordinates: [FARMLAND] },
                properties: {},
                areaM2: 0,
              },
            ],
          },
        },
      ],
      now: () => new Date('2026-11-21T08:00:00Z'),
      overlay: createInProcessOverlay(),
      startImport: createInProcessImportSession,
    },
  });
  await store.getState().boot();
  return { store, opened };
}

const ring = wigglyRing(N);
const expectedArea = exactGeodesicAreaM2({ type: 'Polygon', coordinates: [ring] });
const expectedInside = exactGeodesicAreaM2({ type: 'Polygon', coordinates: [eastOf(ring, CX)] });

function geoJsonFile(): SourceFile[] {
  const text = JSON.stringify({
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { ZDDM: 'big' }, geometry: { type: 'Polygon', coordinates: [ring] } },
    ],
  });
  return [{ name: 'big.geojson', bytes: new TextEncoder().encode(text) }];
}

function shapefileFiles(): SourceFile[] {
  // Shapefile shells run clockwise.
  const { shp, shx } = writePolygonShp([[[...ring].reverse() as [number, number][]]]);
  const dbf = writeDbf([{ name: 'ZDDM', type: 'C', length: 8 }], [['big']]);
  const prj = readFileSync(`${import.meta.dirname}/../io/fixtures/geo4490_gbk/parcels.prj`);
  return [
    { name: 'big.shp', bytes: shp },
    { name: 'big.shx', bytes: shx },
    { name: 'big.dbf', bytes: dbf },
    { name: 'big.prj', bytes: new Uint8Array(prj) },
  ];
}

describe('a 1,000,000-vertex parcel (test 65)', () => {
  it('has independent reference figures that differ (the check can fail)', () => {
    expect(expectedArea).toBeGreaterThan(2e6);
    expect(expectedInside / expectedArea).toBeGreaterThan(0.4);
    expect(expectedInside / expectedArea).toBeLessThan(0.6);
  });

  it.each([
    ['GeoJSON', geoJsonFile],
    ['shapefile', shapefileFiles],
  ] as const)(
    'R65: %s: imported whole, area and farmland overlap match GeographicLib, handed to the map',
    {
      timeout: 240_000,
    },
    async (_format, files) => {
      const { store, opened } = await setup();
      await store.getState().startImport(files());
      const review = store.getState().importState;
      expect(review?.error ?? null).toBeNull();
      expect(review?.phase).toBe('review');
      expect(review?.summary?.layers[0]?.featureCount).toBe(1);
      await store
        .getState()
        .commitImport([{ index: 0, include: true, name: 'big', role: 'parcels', fieldMapping: {} }]);
      const state = store.getState().importState;
      expect(state?.error ?? null).toBeNull();
      expect(state?.phase).toBe('done');
      const layerId = state?.storedLayerIds[0] ?? '';
      const [record] = await opened.repositories.parcels.readLayer(layerId);
      expect(record?.geometry.type).toBe('Polygon');
      expect((record?.geometry.coordinates[0] as Ring | undefined)?.length).toBe(N + 1);
      // Ellipsoidal area: fast path vs GeographicLib's exact geodesic polygon area.
      expect(Math.abs((record?.areaM2 ?? 0) - expectedArea)).toBeLessThan(1e-6 * expectedArea);
      // Overlay: completed, and the east half lies in the farmland → a conflict of that size.
      const farmland = record?.overlay?.find((c) => c.role === 'permanent-farmland');
      expect(farmland?.verdict).toBe('conflict');
      expect(Math.abs((farmland?.insideM2 ?? 0) - expectedInside)).toBeLessThan(1e-6 * expectedInside);
      // Map hand-over: the layer's tiles hold the parcel, and a tile it crosses decodes to it.
      const summary = [...store.getState().parcels.values()].find((p) => p.layerId === layerId);
      expect(summary && (await store.getState().mapFeature(layerId, summary.mapId))).not.toBeNull();
      // The z10 tile holding the parcel's first vertex (standard Web Mercator tile formula).
      const [lon, lat] = ((record?.geometry.coordinates[0] as Ring | undefined)?.[0] ?? [0, 0]) as [
        number,
        number,
      ];
      const tx = Math.floor(((lon + 180) / 360) * 1024);
      const r = (lat * Math.PI) / 180;
      const ty = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 1024);
      const bytes = await store.getState().mapTile(layerId, 10, tx, ty);
      const { VectorTile } = await import('@mapbox/vector-tile');
      const { PbfReader } = await import('pbf');
      const layer = bytes ? new VectorTile(new PbfReader(bytes)).layers[TILE_LAYER] : undefined;
      expect(layer?.length).toBe(1);
      expect(layer?.feature(0).id).toBe(summary?.mapId);
      expect(layer?.feature(0).type).toBe(3);
      opened.close();
    },
  );
});
