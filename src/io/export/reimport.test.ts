import { describe, expect, it } from 'vitest';
import type { ParcelRecord } from '../../domain/parcel';
import { polygonsOf } from '../../geo/geometry.types';
import { importFiles } from '../import-files';
import { exportCoordinateText } from './coordinate-text.export';
import { exportGeoJson } from './geojson.export';
import { splitExportedProperties } from './landstock-fields';
import { syntheticRecords } from './sample-records';

/** Round trips through the project's own importers (src/io/import-files.ts). */
function maxError(a: ParcelRecord['geometry'], b: ParcelRecord['geometry']): number {
  let worst = 0;
  const pb = polygonsOf(b);
  polygonsOf(a).forEach((polygon, i) => {
    polygon.forEach((ring, j) => {
      const other = pb[i]?.[j] ?? [];
      expect(other.length).toBe(ring.length);
      ring.forEach((p, k) => {
        const q = other[k] ?? [];
        worst = Math.max(
          worst,
          Math.abs((p[0] as number) - (q[0] as number)),
          Math.abs((p[1] as number) - (q[1] as number)),
        );
      });
    });
  });
  return worst;
}

describe('export → importFiles', () => {
  it('GeoJSON: same geometry, attributes and our fields; hostile keys kept, nothing polluted', async () => {
    const records = syntheticRecords(200);
    (records[0] as ParcelRecord).source.properties = JSON.parse(
      '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},"名称":"地块"}',
    ) as Record<string, unknown>;
    const bytes = new TextEncoder().encode(exportGeoJson(records));
    const result = await importFiles([{ name: 'parcels.geojson', bytes }]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const features = result.layers[0]?.features ?? [];
    expect(features).toHaveLength(records.length);
    records.forEach((record, i) => {
      const feature = features[i];
      expect(maxError(record.geometry, feature?.geometry as ParcelRecord['geometry'])).toBe(0);
      const { attributes, landstock } = splitExportedProperties(feature?.properties ?? {});
      expect({ ...attributes }).toEqual({ ...record.source.properties });
      expect(landstock?.category).toBe(record.category);
      expect(landstock?.facts).toEqual(record.facts);
    });
    const first = splitExportedProperties(features[0]?.properties ?? {}).attributes;
    expect(Object.getOwnPropertyDescriptor(first, '__proto__')?.value).toEqual({ polluted: 1 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each(['gbk', 'utf-8'] as const)(
    'coordinate text (%s): Polygon parcels with holes within 1e-9°',
    async (encoding) => {
      // The importer reads 圈号 2, 3 … as holes of one polygon, so MultiPolygon parcels are left out here.
      const records = syntheticRecords(200).filter((r) => r.geometry.type === 'Polygon');
      const out = exportCoordinateText(records, { zone: 37, threeDegree: true, zonePrefix: true, encoding });
      const result = await importFiles([{ name: '坐标.txt', bytes: out.bytes }]);
      const layer = result.layers[0];
      expect(layer?.crs.zone).toBe(37);
      expect(layer?.features).toHaveLength(records.length);
      records.forEach((record, i) => {
        const feature = layer?.features[i];
        expect(maxError(record.geometry, feature?.geometry as ParcelRecord['geometry'])).toBeLessThan(1e-9);
        expect(feature?.properties.地块编号).toBe(record.facts.code);
      });
    },
  );
});
