import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open-database';
import { buildControlIndexes } from '../domain/overlay-checks';
import type { ControlLayerGeometries } from '../domain/parcel';
import type { AreaGeometry } from '../geo/geometry.types';
import { importFiles } from './import-files';
import { type LayerChoice, prepareImportedLayers, prepareImportStreamed } from './prepare-imported';

const box = (west: number, south: number, east: number, north: number): AreaGeometry => ({
  type: 'Polygon',
  coordinates: [
    [
      [west, south],
      [east, south],
      [east, north],
      [west, north],
      [west, south],
    ],
  ],
});

const geojson = (geometry: AreaGeometry) =>
  new TextEncoder().encode(
    JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry }] }),
  );

const NOW = '2025-03-01T00:00:00.000Z';
const parcel = box(120, 30, 120.01, 30.01);
/** Covers the parcel's western half. */
const westHalf = box(119.99, 29.99, 120.005, 30.02);
/** Covers the whole parcel. */
const whole = box(119.99, 29.99, 120.02, 30.02);

async function read(files: { name: string; geometry: AreaGeometry }[]) {
  return importFiles(files.map(({ name, geometry }) => ({ name, bytes: geojson(geometry) })));
}

const choice = (index: number, role: LayerChoice['role'], id: string): LayerChoice =>
  ({ index, include: true, role, name: id, id, order: index, fieldMapping: {} }) as LayerChoice;

const checksOf = (prepared: ReturnType<typeof prepareImportedLayers>) => {
  const content = prepared.layers.find((l) => l.content.kind === 'parcels')?.content;
  if (content?.kind !== 'parcels') throw new Error('no parcel layer');
  return content.items.map((p) => p.overlay);
};

describe('prepareImportedLayers with the stored control layers indexed before', () => {
  const stored: ControlLayerGeometries[] = [{ role: 'ecological-redline', geometries: [westHalf] }];

  it('checks against the given indexes as against the stored layers they were built from', async () => {
    const result = await read([{ name: 'p.geojson', geometry: parcel }]);
    const choices = [choice(0, 'parcels', 'P')];
    const fresh = checksOf(prepareImportedLayers(result, choices, stored, NOW));
    const indexed = checksOf(
      prepareImportedLayers(result, choices, stored, NOW, undefined, buildControlIndexes(stored)),
    );
    expect(fresh[0]?.[0]?.role).toBe('ecological-redline');
    expect(fresh[0]?.[0]?.insideM2).toBeGreaterThan(0);
    expect(indexed).toEqual(fresh);
  });

  it('uses the given indexes when the import adds no control layer', async () => {
    const result = await read([{ name: 'p.geojson', geometry: parcel }]);
    // Indexes of other polygons than those passed: the checks follow the indexes.
    const other = buildControlIndexes([{ role: 'ecological-redline', geometries: [whole] }]);
    const withOther = prepareImportedLayers(
      result,
      [choice(0, 'parcels', 'P')],
      stored,
      NOW,
      undefined,
      other,
    );
    const content = withOther.layers[0]?.content;
    if (content?.kind !== 'parcels') throw new Error('no parcel layer');
    const [parcelRecord] = content.items;
    const [fresh] = checksOf(prepareImportedLayers(result, [choice(0, 'parcels', 'P')], stored, NOW));
    // The whole parcel is inside the indexed polygons, about half of it inside the stored one.
    expect(parcelRecord?.overlay?.[0]?.insideM2).toBeCloseTo(parcelRecord?.areaM2 ?? 0, -1);
    expect(fresh?.[0]?.insideM2).toBeLessThan((parcelRecord?.areaM2 ?? 0) * 0.6);
  });

  it('builds the indexes anew when the import adds a control layer', async () => {
    const result = await read([
      { name: 'p.geojson', geometry: parcel },
      { name: 'farmland.geojson', geometry: whole },
    ]);
    const choices = [choice(0, 'parcels', 'P'), choice(1, 'permanent-farmland', 'F')];
    const stale = buildControlIndexes(stored);
    const withStale = checksOf(prepareImportedLayers(result, choices, stored, NOW, undefined, stale));
    const fresh = checksOf(prepareImportedLayers(result, choices, stored, NOW));
    expect(withStale).toEqual(fresh);
    expect(fresh[0]?.map((c) => c.role).sort()).toEqual(['ecological-redline', 'permanent-farmland']);
  });
});

describe('prepareImportStreamed: parcel layers made chunk by chunk as the write takes them', () => {
  // Seven parcels, the third and sixth bow-ties of no measurable area (left out and reported).
  const bowTie = (x: number): AreaGeometry => ({
    type: 'Polygon',
    coordinates: [
      [
        [x, 30],
        [x + 0.01, 30.01],
        [x + 0.01, 30],
        [x, 30.01],
        [x, 30],
      ],
    ],
  });
  const boxes = [0, 1, 2, 3, 4, 5, 6].map((i) =>
    i === 2 || i === 5 ? bowTie(120 + i * 0.02) : box(120 + i * 0.02, 30, 120.01 + i * 0.02, 30.01),
  );
  const collection = new TextEncoder().encode(
    JSON.stringify({
      type: 'FeatureCollection',
      features: boxes.map((geometry, i) => ({ type: 'Feature', properties: { ZDDM: `P${i}` }, geometry })),
    }),
  );
  const readAll = () =>
    importFiles([
      { name: 'parcels.geojson', bytes: collection },
      { name: 'farmland.geojson', bytes: geojson(whole) },
    ]);
  // The control layer comes after the parcels among the choices: the parcels are checked against it.
  const choices = [
    { ...choice(0, 'parcels', 'P'), fieldMapping: { code: 'ZDDM' } },
    choice(1, 'permanent-farmland', 'F'),
  ];

  it('gives chunks of the size asked, numbered on, and the layer and notes complete once exhausted', async () => {
    const streamed = prepareImportStreamed(await readAll(), choices, [], NOW);
    const [parcels, farmland] = streamed.layers;
    if (!parcels || 'content' in parcels) throw new Error('the parcel layer is not streamed');
    if (!farmland || !('content' in farmland)) throw new Error('the control layer is not made');
    expect(farmland.content.items).toHaveLength(1);
    // Nothing is made before the write asks.
    expect(streamed.notes.filter((n) => n.code === 'area-invalid')).toEqual([]);
    const chunks = [...parcels.chunks(2)];
    expect(chunks.map((c) => c.length)).toEqual([2, 2, 1]);
    expect(chunks.flat().map((p) => [p.id, p.facts.code])).toEqual([
      ['P#0', 'P0'],
      ['P#1', 'P1'],
      ['P#2', 'P3'],
      ['P#3', 'P4'],
      ['P#4', 'P6'],
    ]);
    expect(chunks.flat().every((p) => p.overlay?.[0]?.role === 'permanent-farmland')).toBe(true);
    expect(parcels.layer).toMatchObject({ id: 'P', featureCount: 5, nextSeq: 5 });
    const [note] = streamed.notes.filter((n) => n.code === 'area-invalid');
    expect(note?.count).toBe(2);
    expect(note?.message).toContain('P: 2 features have no measurable area');
  });

  it('stores the same parcels through the repository as the import made whole', async () => {
    const result = await readAll();
    const whole = prepareImportedLayers(result, choices, [], NOW);
    const streamed = prepareImportStreamed(result, choices, [], NOW);
    const a = await openDatabase(`whole-${Math.random()}`);
    const b = await openDatabase(`streamed-${Math.random()}`);
    await a.repositories.layers.importLayers(whole.layers);
    await b.repositories.layers.importLayers(streamed.layers);
    expect(await b.repositories.parcels.readLayer('P')).toEqual(await a.repositories.parcels.readLayer('P'));
    expect(await b.repositories.layers.list()).toEqual(await a.repositories.layers.list());
    expect(streamed.notes).toEqual(whole.notes);
    a.close();
    b.close();
  });
});
