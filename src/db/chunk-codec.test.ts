import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import type { LayerFeature } from '../domain/layer';
import type { OverlayCheck, ParcelRecord } from '../domain/parcel';
import { flatRingOf } from '../geo/flat-ring';
import { type AreaGeometry, polygonsOf } from '../geo/geometry.types';
import { packPolygons, unpackGeometry } from '../geo/packed-geometry';
import { syntheticRecords } from '../io/export/sample-records';
import { exportShapefileZip } from '../io/export/shapefile.export';
import type { FieldMapping } from '../io/import.types';
import { importFiles } from '../io/import-files';
import { prepareImportedLayers } from '../io/prepare-imported';
import {
  decodeChunk,
  decodeParcelsForMap,
  encodeChunk,
  type PackedChunk,
  type PackedValues,
  releaseChunk,
} from './chunk-codec';
import { openDatabase } from './open-database';
import { CHUNK_SIZE, type ChunkRecord, LandstockDatabase } from './schema';
import { flatParcels, testLayer, testParcel, withBufferTransfer } from './test-records';

/** Deep equality that also tells -0 from 0, a missing key from one set to undefined, and key order. */
function exactly(value: unknown): unknown {
  if (Object.is(value, -0)) return '<-0>';
  if (value === undefined) return '<undefined>';
  if (Array.isArray(value)) return value.map(exactly);
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).map(([k, v]) => [k, exactly(v)]);
  return value;
}

/** A number that only a 64-bit float keeps exactly. */
const f64Edge = 0.1 + 0.2;

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

  it('reads parcels for the map without attributes or GeoJSON, every other field exactly as stored', () => {
    const items = oddParcels('L');
    const fieldsOf = (r: ParcelRecord) => {
      const { source: _source, geometry: _geometry, ...rest } = r;
      return rest;
    };
    for (const stored of [
      structuredClone(encodeChunk({ layerId: 'L', index: 0, kind: 'parcels', items })),
      { layerId: 'L', index: 0, kind: 'parcels' as const, items },
    ]) {
      const read = decodeParcelsForMap(stored);
      expect(read?.records).toHaveLength(items.length);
      read?.records.forEach((record, i) => {
        const expected = items[i] as ParcelRecord;
        expect('source' in record).toBe(false);
        expect('geometry' in record).toBe(false);
        expect(exactly(record)).toEqual(exactly(fieldsOf(expected)));
        // The geometry, unpacked from the typed arrays, is the record's (x, y of every position).
        const xy = (g: AreaGeometry) =>
          polygonsOf(g).map((polygon) => polygon.map((ring) => ring.map((p) => [p[0], p[1]])));
        expect(xy(unpackGeometry(read.geometry, i))).toEqual(xy(expected.geometry));
        expect(unpackGeometry(read.geometry, i).type).toBe(expected.geometry.type);
      });
    }
    expect(
      decodeParcelsForMap(encodeChunk({ layerId: 'F', index: 0, kind: 'features', items: [] })),
    ).toBeUndefined();
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

  it('packs overlay checks apart, exactly: shapes and key order, words, odd values, parcels without checks', () => {
    const items = Array.from({ length: 40 }, (_, i) => testParcel('C', i));
    items.forEach((item, i) => {
      if (i % 5 === 0) return; // no overlay key at all
      item.overlay =
        i % 5 === 1
          ? []
          : [
              {
                role: 'development-boundary',
                insideM2: i % 3 === 0 ? -0 : i * 1.5,
                verdict: 'outside',
                reason: 'outside-boundary',
              },
              {
                role: 'permanent-farmland',
                insideM2: Number.NaN,
                verdict: 'failed',
                reason: 'failed',
                failure: 'topology',
              },
            ];
    });
    const odd = items[7] as ParcelRecord & { overlay: Record<string, unknown>[] };
    // Another key order, a hostile key, values that are not strings or numbers.
    odd.overlay.push({
      verdict: 'ok',
      role: 'park',
      insideM2: 0,
      note: null,
      extra: undefined,
      list: [1, 'a'],
    });
    Object.defineProperty(odd.overlay[2], '__proto__', {
      value: '带"引号"',
      enumerable: true,
      writable: true,
      configurable: true,
    });
    const stored = encodeChunk({ layerId: 'C', index: 0, kind: 'parcels', items }) as PackedChunk;
    expect(stored.checks?.words).toContain('development-boundary');
    // Each word once, whatever the number of checks.
    expect(new Set(stored.checks?.words).size).toBe(stored.checks?.words.length);
    const back = roundTrip({ layerId: 'C', index: 0, kind: 'parcels', items });
    expect(exactly(back.items)).toEqual(exactly(items));
    expect(Object.keys((back.items[7] as ParcelRecord).overlay?.[2] ?? {})).toEqual(
      Object.keys(odd.overlay[2] ?? {}),
    );
    expect('overlay' in (back.items[0] as ParcelRecord)).toBe(false);
    // The map's read rebuilds them too.
    const forMap = decodeParcelsForMap(structuredClone(stored));
    expect(exactly(forMap?.records.map((r) => r.overlay))).toEqual(exactly(items.map((r) => r.overlay)));
  });

  it('packs checks whose words change from parcel to parcel at the same place, past eight checks and values', () => {
    // The packer compares each check word with the last at its place (check number, value number)
    // before looking it up: words that come back, that give way to a number or to another shape,
    // and places past the ones it keeps must all read back as they were.
    const verdicts = ['ok', 'conflict', 'ok', 'ok', 'failed', 'conflict'];
    const items = Array.from({ length: 60 }, (_, i) => testParcel('W', i));
    items.forEach((item, i) => {
      item.overlay = Array.from({ length: 3 + (i % 9) }, (_, c) => {
        const check: Record<string, unknown> = {
          role: c % 2 === 0 ? 'permanent-farmland' : 'ecological-redline',
          insideM2: c,
          verdict: verdicts[(i + c) % verdicts.length],
        };
        if ((i + c) % 4 === 0) check.reason = c % 3 === 0 ? 'overlap' : 'no-overlap';
        if ((i + c) % 7 === 0) check.verdict = (i + c) % 2; // a number where a word was
        if (c >= 8) for (let k = 0; k < 10; k++) check[`k${k}`] = `v${(i + k) % 3}`;
        return check as unknown as OverlayCheck;
      });
    });
    const stored = encodeChunk({ layerId: 'W', index: 0, kind: 'parcels', items }) as PackedChunk;
    expect(stored.checks).toBeDefined();
    expect(new Set(stored.checks?.words).size).toBe(stored.checks?.words.length);
    const back = roundTrip({ layerId: 'W', index: 0, kind: 'parcels', items });
    expect(exactly(back.items)).toEqual(exactly(items));
  });

  it('stores shape numbers, check words and counts in the narrowest array, and reads every width back', () => {
    const check = (role: string, verdict: string, extra?: Record<string, unknown>): OverlayCheck =>
      ({ role, insideM2: 1.5, verdict, ...extra }) as OverlayCheck;
    // Few shapes, words and checks: a byte each (counts -1 … 3).
    const plain = Array.from({ length: 20 }, (_, i) => {
      const p = testParcel('W', i);
      if (i % 4 === 0) return p;
      p.overlay = Array.from({ length: i % 4 }, (_, k) => check(`role-${k}`, 'ok'));
      return p;
    });
    // 200 words, 150 check shapes, a parcel of 130 checks, 150 source shapes: 16-bit numbers.
    const wide = Array.from({ length: 150 }, (_, i) => {
      const p = testParcel('W', i);
      p.source = { properties: { [`F${i}`]: i } };
      p.overlay = [check(`r${i}`, `v${i % 50}`, { [`k${i}`]: i })];
      return p;
    });
    (wide[3] as ParcelRecord).overlay = Array.from({ length: 130 }, (_, k) =>
      check('r3', 'ok', { [`k${k}`]: k }),
    );
    // 33,000 distinct check words: 32-bit numbers.
    const huge = [testParcel('W', 0), testParcel('W', 1)];
    (huge[1] as ParcelRecord).overlay = Array.from({ length: 16_500 }, (_, k) => check(`a${k}`, `b${k}`));
    for (const [items, width] of [
      [plain, Int8Array],
      [wide, Int16Array],
      [huge, Int32Array],
    ] as const) {
      const stored = encodeChunk({ layerId: 'W', index: 0, kind: 'parcels', items }) as PackedChunk;
      expect(stored.checks?.refs).toBeInstanceOf(width);
      expect(exactly(decodeChunk(structuredClone(stored)).items)).toEqual(exactly(items));
      expect(exactly(decodeParcelsForMap(structuredClone(stored))?.records.map((r) => r.overlay))).toEqual(
        exactly(items.map((r) => r.overlay)),
      );
    }
    const plainStored = encodeChunk({ layerId: 'W', index: 0, kind: 'parcels', items: plain }) as PackedChunk;
    expect(plainStored.which).toBeInstanceOf(Int8Array);
    expect(plainStored.checks?.counts).toBeInstanceOf(Int8Array);
    expect(Array.from(plainStored.checks?.counts ?? [])).toEqual(plain.map((p) => p.overlay?.length ?? -1));
    const wideStored = encodeChunk({ layerId: 'W', index: 0, kind: 'parcels', items: wide }) as PackedChunk;
    expect(wideStored.which).toBeInstanceOf(Int16Array);
    expect(wideStored.checks?.which).toBeInstanceOf(Int16Array);
    expect(wideStored.checks?.counts).toBeInstanceOf(Int16Array);
  });

  it('tells apart key lists that join alike (a hostile key holding U+0000)', () => {
    const a = testParcel('N', 0);
    const b = testParcel('N', 1);
    a.source = { properties: { 'a\u0000b': 1 } };
    b.source = { properties: { a: 2, b: 3 } };
    const back = roundTrip({ layerId: 'N', index: 0, kind: 'parcels', items: [a, b] });
    expect(exactly(back.items)).toEqual(exactly([a, b]));
  });

  it('keeps overlay values as they are when one is not a plain array of plain objects', () => {
    for (const overlay of [
      { role: 'park' },
      // biome-ignore lint/suspicious/noSparseArray: a hole is what is tested
      [, { role: 'park', insideM2: 1, verdict: 'ok' }],
      [new Date(0)],
      Object.assign([{ role: 'park', insideM2: 1, verdict: 'ok' }], { extra: 1 }),
    ]) {
      const items = [testParcel('D', 0), { ...testParcel('D', 1), overlay: overlay as never }];
      const stored = encodeChunk({ layerId: 'D', index: 0, kind: 'parcels', items }) as PackedChunk;
      expect(stored.kind).toBe('parcels-packed');
      expect(stored.checks).toBeUndefined();
      const back = structuredClone(stored);
      const read = decodeChunk(back).items[1] as ParcelRecord;
      expect(read.overlay).toEqual(structuredClone(overlay));
    }
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
      { ...base, facts: undefined as unknown as ParcelRecord['facts'] },
      { ...base, source: { properties: new Map() as unknown as Record<string, unknown> } },
      { ...base, source: { properties: new (class Row {})() as Record<string, unknown> } },
      { ...base, facts: new Date(0) as unknown as ParcelRecord['facts'] },
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

  it('packs attribute objects as the readers make them: hostile keys, bare prototypes', () => {
    // As the DBF reader builds its rows: a class whose prototype is empty, frozen and prototype-less.
    class Row {}
    Object.setPrototypeOf(Row.prototype, null);
    Reflect.deleteProperty(Row.prototype, 'constructor');
    Object.freeze(Row.prototype);
    const row = new Row() as Record<string, unknown>;
    Object.defineProperty(row, '__proto__', {
      value: 'x',
      writable: true,
      enumerable: true,
      configurable: true,
    });
    Reflect.set(row, 'constructor', 'c');
    row.ZDDM = '1';
    const hostile = JSON.parse('{"__proto__": {"polluted": true}, "toString": 1, "a": 1}');
    const nullProto = Object.assign(Object.create(null), { QLR: '某某' });
    const items = [
      { ...testParcel('L', 0), source: { properties: row } },
      { ...testParcel('L', 1), source: { properties: hostile }, facts: nullProto },
    ];
    const chunk: ChunkRecord = { layerId: 'L', index: 0, kind: 'parcels', items };
    expect(encodeChunk(chunk).kind).toBe('parcels-packed');
    const back = roundTrip(chunk);
    // What a structured clone of the records themselves gives.
    const cloned = structuredClone(chunk);
    expect(exactly(back.items)).toEqual(exactly(cloned.items));
    const props = (back.items[1] as ParcelRecord).source.properties;
    expect(Object.getPrototypeOf(props)).toBe(Object.prototype);
    expect(Object.keys(props)).toEqual(['__proto__', 'toString', 'a']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys((back.items[0] as ParcelRecord).source.properties)).toEqual([
      '__proto__',
      'constructor',
      'ZDDM',
    ]);
  });

  it('packs parcels as the import prepares them from a shapefile', async () => {
    const zip = exportShapefileZip(syntheticRecords(60), {
      encoding: 'gbk',
      crs: { kind: 'gauss-kruger', zone: 37, threeDegree: true, zonePrefix: true },
      lastUpdate: new Date(Date.UTC(2025, 2, 1)),
    }).zip;
    const result = await importFiles([{ name: 'county.zip', bytes: zip }]);
    const fieldMapping = (result.layers[0] as { fieldMapping: FieldMapping }).fieldMapping;
    const prepared = prepareImportedLayers(
      result,
      [{ index: 0, include: true, role: 'parcels', name: 'c', id: 'L1', order: 1, fieldMapping }],
      [],
      '2025-03-01T00:00:00.000Z',
    );
    const content = prepared.layers[0]?.content;
    if (content?.kind !== 'parcels') throw new Error('expected parcels');
    const chunk: ChunkRecord = { layerId: 'L1', index: 0, kind: 'parcels', items: content.items };
    // Their one-ring geometries come flat from the reader (flat-ring.ts), unread through validation,
    // areas and checks; packing copies them from the flat arrays and leaves them flat.
    const flat = content.items.filter((p) => flatRingOf(p.geometry)).length;
    expect(flat).toBeGreaterThan(40);
    const stored = encodeChunk(chunk);
    expect(content.items.filter((p) => flatRingOf(p.geometry)).length).toBe(flat);
    expect(stored.kind).toBe('parcels-packed');
    // The same as packing their GeoJSON (the clone reads every geometry as GeoJSON).
    const asGeoJson = structuredClone(chunk);
    expect(content.items.filter((p) => flatRingOf(p.geometry)).length).toBe(0);
    expect(exactly(stored)).toEqual(exactly(encodeChunk(asGeoJson)));
    // Read once (no longer flat), they still pack, as the plain Polygons they now are.
    expect(exactly(encodeChunk(chunk))).toEqual(exactly(stored));
    expect(exactly(decodeChunk(stored).items)).toEqual(exactly(asGeoJson.items));
  });

  it('writes each distinct string of a chunk once, numbers in a typed array, and reads all back', () => {
    const items = Array.from({ length: 50 }, (_, i) => testParcel('L', i));
    const stored = encodeChunk({ layerId: 'L', index: 0, kind: 'parcels', items }) as PackedChunk;
    const values = stored.values as PackedValues;
    expect(values.refs).toBeInstanceOf(Uint16Array);
    // The layer id, category, status, date and author are written once for the 50 parcels; the
    // parcel code, once for both places it occurs in (source and facts).
    expect(values.words.filter((w) => w === 'L')).toHaveLength(1);
    expect(values.words.filter((w) => w === '450322001001GB00007')).toHaveLength(1);
    expect(values.words).toHaveLength(5 + 50 * 3);
    expect(values.numbers).toBeInstanceOf(Float64Array);
    expect([...values.numbers].slice(0, 2)).toEqual([2_800, 1]);
    expect(decodeChunk(structuredClone(stored)).items).toEqual(items);
  });

  it("packs each chunk's own values only, after a larger chunk too, with null for its overlay", () => {
    // Counted here from the records: every key but the geometry and the nested objects holds one
    // value (the overlay too, null standing in for its checks).
    const valueCount = (items: ParcelRecord[]) =>
      items.reduce(
        (n, { geometry: _g, source, facts, ...rest }) =>
          n +
          Object.keys(rest).length +
          Object.keys(source).length -
          1 +
          Object.keys(source.properties).length +
          Object.keys(facts ?? {}).length,
        0,
      );
    const check: OverlayCheck = {
      role: 'development-boundary',
      insideM2: 12.5,
      verdict: 'partial',
      reason: 'partly-outside',
    };
    const large = Array.from({ length: 3 * CHUNK_SIZE }, (_, i) => ({
      ...testParcel('B', i),
      overlay: [check],
    }));
    const small = Array.from({ length: 3 }, (_, i) => ({ ...testParcel('S', i), overlay: [check] }));
    const storedLarge = encodeChunk({ layerId: 'B', index: 0, kind: 'parcels', items: large }) as PackedChunk;
    const storedSmall = encodeChunk({ layerId: 'S', index: 0, kind: 'parcels', items: small }) as PackedChunk;
    for (const [stored, items] of [
      [storedLarge, large],
      [storedSmall, small],
    ] as const) {
      const values = stored.values as PackedValues;
      expect(values.refs).toHaveLength(valueCount(items));
      // The checks are stored apart only: what stands for them among the values is null.
      expect(values.others).toEqual(items.map(() => null));
      expect(decodeChunk(structuredClone(stored)).items).toEqual(items);
    }
  });

  it('reads back fields whose strings change their habits after the packer has watched them', () => {
    // Past the first 40 parcels: the code in the facts no longer matches the attribute, a field that
    // repeated becomes unique and one that was unique repeats, and a field takes turns at strings,
    // numbers and null.
    const items = Array.from({ length: 300 }, (_, i) => {
      const parcel = testParcel('L', i);
      const code = parcel.facts.code as string;
      return {
        ...parcel,
        source: {
          properties: {
            ZDDM: code,
            YT: i < 40 ? '工业用地' : `用途${i}`,
            QLR: i < 40 ? `单位${i}` : '同一单位',
            MIXED: i % 3 === 0 ? `文本${i % 7}` : i % 3 === 1 ? i * 0.5 : null,
            COPY: i % 2 === 0 ? code : `${code}-副本`,
          },
        },
        facts: { code: i < 40 ? code : `${code}X`, owner: i < 40 ? `单位${i}` : '同一单位' },
      };
    });
    const stored = encodeChunk({ layerId: 'L', index: 0, kind: 'parcels', items }) as PackedChunk;
    expect(exactly(decodeChunk(structuredClone(stored)).items)).toEqual(exactly(items));
  });

  it('packs a chunk of more distinct strings than 16-bit numbers reach', () => {
    // 1,000 parcels of 70 distinct words each: 70,000 words.
    const items = Array.from({ length: 1000 }, (_, i) => {
      const parcel = testParcel('L', i);
      const properties: Record<string, unknown> = {};
      for (let f = 0; f < 70; f++) properties[`F${f}`] = `${i}-${f}`;
      properties.LAST = f64Edge;
      return { ...parcel, source: { properties } };
    });
    const stored = encodeChunk({ layerId: 'L', index: 0, kind: 'parcels', items }) as PackedChunk;
    expect((stored.values as PackedValues).refs).toBeInstanceOf(Uint32Array);
    expect(exactly(decodeChunk(structuredClone(stored)).items)).toEqual(exactly(items));
  });

  it('reads a packed chunk whose values were stored as a plain array (before PackedValues)', () => {
    const ring = [
      [110, 25],
      [110.01, 25],
      [110.01, 25.01],
      [110, 25],
    ] as [number, number][];
    const older = {
      layerId: 'C',
      index: 0,
      kind: 'features-packed' as const,
      geometry: packPolygons([[[ring]]], [false]),
      shapes: [
        ['id', 'geometry', 'properties', 'areaM2'],
        ['名称', '面积', '空'],
      ],
      which: Int32Array.from([0, 1]),
      values: ['C#0', '基本农田', 1.5, null, -0],
    };
    const back = decodeChunk(structuredClone(older));
    const expected: LayerFeature = {
      id: 'C#0',
      geometry: { type: 'Polygon', coordinates: [ring] },
      properties: { 名称: '基本农田', 面积: 1.5, 空: null },
      areaM2: -0,
    };
    expect(exactly(back.items)).toEqual(exactly([expected]));
  });

  it('reads a chunk stored before v3 as it is', () => {
    const legacy: ChunkRecord = { layerId: 'L', index: 0, kind: 'parcels', items: oddParcels('L') };
    expect(decodeChunk(structuredClone(legacy))).toEqual(legacy);
  });
});

describe('a packed chunk after its put', () => {
  it('has every typed array freed and every list emptied, after the clone, which reads back whole', () => {
    const undo = withBufferTransfer();
    try {
      const { items, coords } = flatParcels('K', 6);
      (items[1] as ParcelRecord).overlay = [
        { role: 'permanent-farmland', verdict: 'conflict', insideM2: 12.5 },
      ];
      // A value that is neither a string nor a number: kept among the chunk's other values.
      const listed = ['kept', 'as', 'it', 'is'];
      (items[2] as ParcelRecord).source.properties.list = listed;
      const stored = encodeChunk({ layerId: 'K', index: 0, kind: 'parcels', items }) as PackedChunk;
      const clone = structuredClone(stored);
      releaseChunk(stored);
      const { geometry, which, checks, shapes } = stored;
      const values = stored.values as PackedValues;
      for (const freed of [
        ...Object.values(geometry),
        which,
        values.refs,
        values.numbers,
        checks?.counts,
        checks?.which,
        checks?.refs,
      ])
        expect((freed as Int8Array).length).toBe(0);
      // The lists too (a put's request keeps its value until the write's replies).
      for (const emptied of [
        shapes,
        values.words,
        values.others,
        checks?.shapes,
        checks?.words,
        checks?.values,
      ])
        expect(emptied).toEqual([]);
      // What the chunk shares with its records is theirs: untouched.
      expect(listed).toEqual(['kept', 'as', 'it', 'is']);
      expect((items[2] as ParcelRecord).source.properties.list).toBe(listed);
      // The importer's own coordinates are not the chunk's: untouched.
      expect(coords.length).toBeGreaterThan(0);
      expect(decodeChunk(clone).items).toEqual(items);
    } finally {
      undo();
    }
  });

  it('leaves an unpacked chunk’s records alone', () => {
    const undo = withBufferTransfer();
    try {
      const z = testParcel('K', 0);
      ((z.geometry.coordinates as number[][][])[0] as number[][])[0]?.push(3);
      const typed = new Float64Array([1, 2]);
      z.source.properties.typed = typed;
      const unpacked = encodeChunk({ layerId: 'K', index: 0, kind: 'parcels', items: [z] });
      expect(unpacked.kind).toBe('parcels');
      releaseChunk(unpacked);
      expect(typed.length).toBe(2);
    } finally {
      undo();
    }
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
    await db.layerChunks.put({ layerId, index: 0, kind: 'parcels', items: all.slice(0, CHUNK_SIZE) }, [
      layerId,
      0,
    ]);
    await db.layerChunks.put(
      encodeChunk({ layerId, index: 1, kind: 'parcels', items: all.slice(CHUNK_SIZE) }),
      [layerId, 1],
    );
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
    const kinds = (await raw.table('layerChunks').toArray()).map((c: { kind: string }) => c.kind);
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
