import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import type { LayerFeature } from '../domain/layer';
import type { ParcelRecord } from '../domain/parcel';
import { decodeChunk, encodeChunk, type PackedChunk } from './chunk-codec';
import { openDatabase } from './open-database';
import { CHUNK_SIZE, type ChunkRecord, LandstockDatabase } from './schema';
import { testLayer, testParcel } from './test-records';

/** Deep equality that also tells -0 from 0, a missing key from one set to undefined, and key order. */
function exactly(value: unknown): unknown {
  if (Object.is(value, -0)) return '<-0>';
  if (value === undefined) return '<undefined>';
  if (Array.isArray(value)) return value.map(exactly);
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).map(([k, v]) => [k, exactly(v)]);
  return value;
}

function roundTrip(chunk: ChunkRecord): ChunkRecord {
  // structuredClone: what IndexedDB does to the stored value.
  return decodeChunk(structuredClone(encodeChunk(chunk)));
}

function oddParcels(layerId: string): ParcelRecord[] {
  const a = testParcel(layerId, 0);
  const withHole: ParcelRecord = {
    ...testParcel(layerId, 1),
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [110, 25],
          [110.01, 25],
          [110.01, 25.01],
          [110, 25],
        ],
        [
          [110.002, 25.002],
          [110.004, 25.004],
          [110.004, 25.002],
          [110.002, 25.002],
        ],
      ],
    },
  };
  const multi: ParcelRecord = {
    ...testParcel(layerId, 2),
    geometry: {
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [-0, 0],
            [1e-12, -180],
            [179.99999999999997, 90],
            [-0, 0],
          ],
        ],
        [
          [
            [5, 5],
            [6, 5],
            [6, 6],
            [5, 5],
          ],
          [
            [5.1, 5.1],
            [5.2, 5.2],
            [5.2, 5.1],
            [5.1, 5.1],
          ],
        ],
      ],
    },
    source: {
      properties: {
        ZDDM: '0012',
        QLR: null,
        ZDMJ: -0,
        数字: 12,
        文本数字: '12',
        空: '',
        未定义: undefined,
        BOOL: true,
        '2': 'integer-like key',
        ARR: [1, 'a', null],
        OBJ: { nested: { deep: ['x'] } },
        EMOJI: '宗地 🏠 \u0000 \ud800',
      },
      record: 7,
    },
    notes: undefined,
    overlay: [{ role: 'park', insideM2: 0, verdict: 'outside' }],
    disposal: { method: 'reuse' },
    facts: {},
  };
  const empty: ParcelRecord = {
    ...testParcel(layerId, 3),
    source: { properties: {} },
    facts: { industrial: false, floors: 3, parkLevel: 'none' },
    subType: 'idle-1',
  };
  const reordered: ParcelRecord = {
    ...testParcel(layerId, 4),
    source: { properties: { 权利人: '单位4', ZDDM: 'x' } },
  };
  const emptyGeometries: ParcelRecord[] = [
    { ...testParcel(layerId, 5), geometry: { type: 'Polygon', coordinates: [] } },
    { ...testParcel(layerId, 6), geometry: { type: 'MultiPolygon', coordinates: [] } },
    { ...testParcel(layerId, 7), geometry: { type: 'Polygon', coordinates: [[]] } },
  ];
  return [a, withHole, multi, empty, reordered, ...emptyGeometries];
}

describe('chunk codec', () => {
  it('packs parcels and reads back exactly the same records: holes, MultiPolygons, odd attributes', () => {
    const items = oddParcels('L');
    const stored = encodeChunk({ layerId: 'L', index: 0, kind: 'parcels', items });
    expect(stored.kind).toBe('parcels-packed');
    const back = roundTrip({ layerId: 'L', index: 0, kind: 'parcels', items });
    if (back.kind !== 'parcels') throw new Error('expected parcels');
    expect(back.items).toEqual(items);
    expect(exactly(back.items)).toEqual(exactly(items));
    // Key order of the attributes is kept (the '2' key goes first in both, as JavaScript orders it).
    expect(Object.keys(back.items[4]?.source.properties ?? {})).toEqual(['权利人', 'ZDDM']);
    expect(Object.keys(back.items[2]?.source.properties ?? {})).toEqual(
      Object.keys(items[2]?.source.properties ?? {}),
    );
    // Values are not shared with what was written.
    expect(back.items[2]?.source.properties.ARR).not.toBe(items[2]?.source.properties.ARR);
  });

  it('stores the geometry of a chunk in typed arrays and each key list once', () => {
    const items = Array.from({ length: 50 }, (_, i) => testParcel('L', i));
    const stored = encodeChunk({ layerId: 'L', index: 0, kind: 'parcels', items }) as PackedChunk;
    expect(stored.geometry.coords).toBeInstanceOf(Float64Array);
    expect(stored.geometry.coords.length).toBe(50 * 5 * 2);
    expect(stored.shapes.length).toBe(4);
    expect(decodeChunk(structuredClone(stored)).items).toEqual(items);
  });

  it('packs features of control layers', () => {
    const items: LayerFeature[] = [
      {
        id: 'C#0',
        geometry: testParcel('C', 0).geometry,
        properties: { 名称: '基本农田', 面积: 1.5, none: null },
        areaM2: 10,
      },
      {
        id: 'C#1',
        geometry: oddParcels('C')[2]?.geometry as LayerFeature['geometry'],
        properties: {},
        areaM2: -0,
      },
    ];
    const chunk: ChunkRecord = { layerId: 'C', index: 3, kind: 'features', items };
    expect(encodeChunk(chunk).kind).toBe('features-packed');
    const back = roundTrip(chunk);
    expect(back).toEqual(chunk);
    expect(exactly(back.items)).toEqual(exactly(items));
  });

  it('keeps a chunk unpacked when its records do not fit the packed form', () => {
    const base = testParcel('L', 0);
    const cases: ParcelRecord[] = [
      {
        ...base,
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [1, 2, 3],
              [4, 5, 6],
              [1, 2, 3],
            ],
          ],
        },
      },
      { ...base, geometry: { ...base.geometry, bbox: [0, 0, 1, 1] } as unknown as ParcelRecord['geometry'] },
      { ...base, geometry: { type: 'Polygon', coordinates: [[[1, '2'] as unknown as number[]]] } },
      { ...base, source: { properties: JSON.parse('{"__proto__": "x", "a": 1}') } },
      { ...base, facts: undefined as unknown as ParcelRecord['facts'] },
      { ...base, source: { properties: new Map() as unknown as Record<string, unknown> } },
    ];
    for (const odd of cases) {
      const chunk: ChunkRecord = {
        layerId: 'L',
        index: 0,
        kind: 'parcels',
        items: [testParcel('L', 1), odd],
      };
      expect(encodeChunk(chunk)).toBe(chunk);
      expect(roundTrip(chunk)).toEqual(chunk);
    }
    expect(roundTrip({ layerId: 'L', index: 0, kind: 'parcels', items: [] }).items).toEqual([]);
  });

  it('reads a chunk stored before v3 as it is', () => {
    const legacy: ChunkRecord = { layerId: 'L', index: 0, kind: 'parcels', items: oddParcels('L') };
    expect(decodeChunk(structuredClone(legacy))).toEqual(legacy);
  });
});

describe('packed chunks in the database', () => {
  it('reads a layer of old and new chunks together, and packs an old chunk when it is rewritten', async () => {
    const name = `codec-${Math.random()}`;
    const layerId = 'mixed';
    const all = Array.from({ length: CHUNK_SIZE + 3 }, (_, i) => testParcel(layerId, i));
    // Chunk 0 as v2 wrote it, chunk 1 packed.
    const db = new LandstockDatabase(name);
    await db.open();
    await db.layers.put(testLayer(layerId, { featureCount: all.length, nextSeq: all.length }));
    await db.chunks.put({ layerId, index: 0, kind: 'parcels', items: all.slice(0, CHUNK_SIZE) });
    await db.chunks.put(encodeChunk({ layerId, index: 1, kind: 'parcels', items: all.slice(CHUNK_SIZE) }));
    db.close();

    const opened = await openDatabase(name);
    const { parcels } = opened.repositories;
    expect(await parcels.readLayer(layerId)).toEqual(all);
    expect(await parcels.get(`${layerId}#3`)).toEqual(all[3]);
    expect(await parcels.get(`${layerId}#${CHUNK_SIZE + 1}`)).toEqual(all[CHUNK_SIZE + 1]);
    expect((await parcels.getMany([`${layerId}#2`, `${layerId}#${CHUNK_SIZE}`])).map((r) => r.id)).toEqual([
      `${layerId}#2`,
      `${layerId}#${CHUNK_SIZE}`,
    ]);

    const edited = { ...(all[3] as ParcelRecord), notes: '已核实', version: 2 };
    await parcels.write([{ record: edited, expectedVersion: 1 }], []);
    opened.close();

    const raw = new Dexie(name);
    await raw.open();
    const kinds = (await raw.table('chunks').toArray()).map((c: { kind: string }) => c.kind);
    raw.close();
    expect(kinds).toEqual(['parcels-packed', 'parcels-packed']);

    const again = await openDatabase(name);
    const expected = all.map((r) => (r.id === edited.id ? edited : r));
    expect(await again.repositories.parcels.readLayer(layerId)).toEqual(expected);
    again.close();
  });

  it('round-trips an import and a backup dump through packed chunks', async () => {
    const opened = await openDatabase(`codec-import-${Math.random()}`);
    const { layers, parcels, backup } = opened.repositories;
    const items = [...oddParcels('P'), ...Array.from({ length: 600 }, (_, i) => testParcel('P', 10 + i))];
    const feature: LayerFeature = {
      id: 'F#0',
      geometry: testParcel('F', 0).geometry,
      properties: { 名称: '红线' },
      areaM2: 3,
    };
    await layers.importLayers([
      { layer: testLayer('P'), content: { kind: 'parcels', items } },
      {
        layer: testLayer('F', { role: 'ecological-redline', order: 1 }),
        content: { kind: 'features', items: [feature] },
      },
    ]);
    const back = await parcels.readLayer('P');
    expect(exactly(back)).toEqual(exactly(items));
    expect(await layers.readFeatures('F')).toEqual([feature]);
    const dump = await (backup as NonNullable<typeof backup>).dump();
    expect(dump.parcels).toEqual(items);
    expect(dump.features).toEqual([feature]);
    opened.close();
  });
});
