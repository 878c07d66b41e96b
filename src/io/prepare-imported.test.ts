import { describe, expect, it } from 'vitest';
import { buildControlIndexes } from '../domain/overlay-checks';
import type { ControlLayerGeometries } from '../domain/parcel';
import type { AreaGeometry } from '../geo/geometry.types';
import { importFiles } from './import-files';
import { type LayerChoice, prepareImportedLayers } from './prepare-imported';

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
