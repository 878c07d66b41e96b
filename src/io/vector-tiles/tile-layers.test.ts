import 'fake-indexeddb/auto';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open-database';
import { CHUNK_SIZE } from '../../db/schema';
import { testLayer, testParcel } from '../../db/test-records';
import { parcelMapId } from '../../domain/map-ids';
import type { ParcelRecord } from '../../domain/parcel';
import { type ParcelSummary, summarize } from '../../domain/parcel-summary';
import { bboxOf } from '../../geo/geometry.types';
import { TILE_LAYER } from './layer-tiles';
import { fromTransferable, toTransferable } from './parcel-transfer';
import { TileLayers } from './tile-layers';

/** The slippy-map tile holding lon/lat at zoom z (the standard Web Mercator formula, written out). */
function tileOf(lon: number, lat: number, z: number): { x: number; y: number } {
  const n = 2 ** z;
  const r = (lat * Math.PI) / 180;
  return {
    x: Math.floor(((lon + 180) / 360) * n),
    y: Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n),
  };
}

function featuresAt(tiles: TileLayers, layerId: string, lon: number, lat: number, z: number) {
  const { x, y } = tileOf(lon, lat, z);
  const bytes = tiles.tile(layerId, z, x, y);
  const layer = bytes ? new VectorTile(new PbfReader(bytes)).layers[TILE_LAYER] : undefined;
  return Array.from({ length: layer?.length ?? 0 }, (_, i) => {
    const f = layer?.feature(i);
    return { id: f?.id, properties: f?.properties, geometry: f?.toGeoJSON(x, y, z).geometry };
  });
}

/** Stored parcels over more than one chunk: small squares, one 2 km MultiPolygon, one conflict. */
function county(layerId: string): ParcelRecord[] {
  const records = Array.from({ length: CHUNK_SIZE + 20 }, (_, i) => testParcel(layerId, i));
  const large = records[CHUNK_SIZE + 5] as ParcelRecord;
  large.geometry = {
    type: 'MultiPolygon',
    coordinates: [
      [
        [
          [111, 25],
          [111.02, 25],
          [111.02, 25.02],
          [111, 25.02],
          [111, 25],
        ],
      ],
      [
        [
          [111.03, 25],
          [111.031, 25],
          [111.031, 25.001],
          [111.03, 25],
        ],
      ],
    ],
  };
  large.category = 'idle';
  (records[3] as ParcelRecord).overlay = [{ role: 'permanent-farmland', verdict: 'conflict', insideM2: 120 }];
  return records;
}

describe('TileLayers over stored parcels', () => {
  it('loads a stored layer: every summary, the bounds, dots and shapes in the overview, detail from storage', async () => {
    const opened = await openDatabase(`tiles-${Math.random()}`);
    const records = county('P');
    await opened.repositories.layers.importLayer(testLayer('P'), { kind: 'parcels', items: records });
    const tiles = new TileLayers({
      readParcels: (id) => opened.repositories.parcels.readLayerForMap(id),
      readFeatures: (id) => opened.repositories.layers.readFeatures(id),
    });
    const summaries: ParcelSummary[] = [];
    const loaded = await tiles.load({ id: 'P', role: 'parcels' }, 2, (batch) => {
      summaries.push(...batch);
    });
    expect(loaded.count).toBe(records.length);
    // The summaries are what summarize makes of each stored record, in storage order.
    expect(summaries).toEqual(records.map((r) => summarize(r, parcelMapId(2, r.id))));
    // Bounds: every record's box, from the GeoJSON.
    const boxes = records.map((r) => bboxOf(r.geometry));
    expect(loaded.bounds).toEqual([
      Math.min(...boxes.map((b) => b[0])),
      Math.min(...boxes.map((b) => b[1])),
      Math.max(...boxes.map((b) => b[2])),
      Math.max(...boxes.map((b) => b[3])),
    ]);
    // Overview (z10): the 55 m squares are dots with their flags, the 2 km parcel keeps its shape.
    const conflict = records[3] as ParcelRecord;
    const [cx, cy] = (conflict.geometry.coordinates[0]?.[0] ?? [0, 0]) as [number, number];
    const dot = featuresAt(tiles, 'P', cx, cy, 10).find((f) => f.id === parcelMapId(2, conflict.id));
    expect(dot?.geometry?.type).toBe('Point');
    expect(dot?.properties?.conflict).toBe(true);
    const large = records[CHUNK_SIZE + 5] as ParcelRecord;
    const shape = featuresAt(tiles, 'P', 111.01, 25.01, 10).find((f) => f.id === parcelMapId(2, large.id));
    expect(shape?.geometry?.type).toBe('MultiPolygon');
    expect(shape?.properties?.category).toBe('idle');
    // Detail (z15): the square as a polygon whose corners are the stored ones (to a tile unit).
    const square = featuresAt(tiles, 'P', cx + 0.0002, cy + 0.0002, 15).find(
      (f) => f.id === parcelMapId(2, conflict.id),
    );
    expect(square?.geometry?.type).toBe('Polygon');
    const ring = (square?.geometry as GeoJSON.Polygon | undefined)?.coordinates[0] ?? [];
    const lons = ring.map((p) => p[0] as number);
    expect(Math.min(...lons)).toBeCloseTo(cx, 5);
    expect(Math.max(...lons)).toBeCloseTo(cx + 0.0005, 5);
    opened.close();
  });

  it('takes a layer handed over by its import instead of reading it back, the same to the last tile', async () => {
    const opened = await openDatabase(`tiles-staged-${Math.random()}`);
    const records = county('S');
    await opened.repositories.layers.importLayer(testLayer('S'), { kind: 'parcels', items: records });
    const reads: string[] = [];
    const reader = {
      readParcels: (id: string) => {
        reads.push(id);
        return opened.repositories.parcels.readLayerForMap(id);
      },
      readFeatures: (id: string) => opened.repositories.layers.readFeatures(id),
    };
    const load = async (tiles: TileLayers) => {
      const summaries: ParcelSummary[] = [];
      const loaded = await tiles.load({ id: 'S', role: 'parcels' }, 1, (batch) => {
        summaries.push(...batch);
      });
      return { loaded, summaries };
    };
    const fromStorage = new TileLayers(reader);
    const stored = await load(fromStorage);
    expect(reads).toEqual(['S']);

    const staged = new TileLayers(reader);
    staged.stage('S', [fromTransferable(structuredClone(toTransferable(records)))]);
    expect(staged.stagedLayers()).toEqual(['S']);
    const handed = await load(staged);
    expect(reads).toEqual(['S']);
    expect(staged.stagedLayers()).toEqual([]);
    expect(handed).toEqual(stored);
    const [cx, cy] = ((records[3] as ParcelRecord).geometry.coordinates[0]?.[0] ?? [0, 0]) as [
      number,
      number,
    ];
    for (const z of [8, 10, 15]) {
      expect(featuresAt(staged, 'S', cx, cy, z)).toEqual(featuresAt(fromStorage, 'S', cx, cy, z));
      expect(featuresAt(staged, 'S', 111.01, 25.01, z)).toEqual(
        featuresAt(fromStorage, 'S', 111.01, 25.01, z),
      );
    }
    // Once loaded, a layer is read from storage again: a late or repeated hand-over is not kept.
    staged.stage('S', [fromTransferable(toTransferable(records.slice(0, 3)))]);
    expect(staged.stagedLayers()).toEqual([]);
    expect((await load(staged)).loaded.count).toBe(records.length);
    expect(reads).toEqual(['S', 'S']);
    // A failed write unstages its layers: the load reads storage (here, nothing is stored under T).
    const failed = new TileLayers(reader);
    failed.stage('T', [fromTransferable(structuredClone(toTransferable(records)))]);
    failed.unstage(['T']);
    expect((await failed.load({ id: 'T', role: 'parcels' }, 3)).count).toBe(0);
    expect(reads).toEqual(['S', 'S', 'T']);
    opened.close();
  });
});
