import { describe, expect, it } from 'vitest';
import type { ParcelRecord } from '../../domain/parcel';
import { exportGeoJson } from './geojson.export';
import { splitExportedProperties } from './landstock-fields';
import { sampleRecord, squareRing, syntheticRecords } from './sample-records';

interface Fc {
  type: string;
  features: {
    type: string;
    id: string;
    geometry: ParcelRecord['geometry'];
    properties: Record<string, unknown>;
  }[];
}

function hostileProperties(): Record<string, unknown> {
  // JSON.parse makes `__proto__` an own key, exactly as a hostile file would arrive.
  return JSON.parse(
    '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},"prototype":"p","<img src=x>":"y","ls_category":"theirs","名称":"地块"}',
  ) as Record<string, unknown>;
}

describe('exportGeoJson', () => {
  it('round-trips geometry, original attributes and our fields', () => {
    const records = syntheticRecords(60);
    const first = records[0] as ParcelRecord;
    first.disposal = { method: 'supply-transfer', date: '2025-01-02' };
    first.idleCause = 'government';
    first.overlay = [{ role: 'permanent-farmland', insideM2: 12.5, verdict: 'conflict', reason: 'x' }];
    first.facts.approvalDate = '2019-05-20';
    first.facts.industrial = true;
    const fc = JSON.parse(exportGeoJson(records)) as Fc;
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(60);
    fc.features.forEach((feature, i) => {
      const record = records[i] as ParcelRecord;
      expect(feature.id).toBe(record.id);
      expect(feature.geometry).toEqual(record.geometry);
      const { attributes, landstock } = splitExportedProperties(feature.properties);
      expect({ ...attributes }).toEqual(record.source.properties);
      expect(landstock?.category).toBe(record.category);
      expect(landstock?.status).toBe(record.status);
      expect(landstock?.areaM2).toBe(record.areaM2);
      expect(landstock?.version).toBe(record.version);
      expect(landstock?.facts).toEqual(record.facts);
      expect(landstock?.notes).toBe(record.notes);
    });
    const back = splitExportedProperties((fc.features[0] as Fc['features'][number]).properties).landstock;
    expect(back?.disposal).toEqual(first.disposal);
    expect(back?.idleCause).toBe('government');
    expect(back?.overlay).toEqual(first.overlay);
    expect((fc.features[0] as Fc['features'][number]).properties.ls_category_zh).toBe('批而未供');
  });

  it('writes RFC 7946 winding without mutating the record', () => {
    const clockwiseOuter = squareRing(111, 25, 0.001, true);
    const counterHole = squareRing(111, 25, 0.0002, false);
    const record = sampleRecord(1, { type: 'Polygon', coordinates: [clockwiseOuter, counterHole] });
    const before = JSON.stringify(record.geometry);
    const fc = JSON.parse(exportGeoJson([record])) as Fc;
    const geometry = fc.features[0]?.geometry;
    expect(geometry?.coordinates[0]).toEqual([...clockwiseOuter].reverse());
    expect(geometry?.coordinates[1]).toEqual([...counterHole].reverse());
    expect(JSON.stringify(record.geometry)).toBe(before);
  });

  it('keeps hostile keys as own keys and pollutes nothing (RELIABILITY 16, 55)', () => {
    const record = sampleRecord(
      1,
      { type: 'Polygon', coordinates: [squareRing(111, 25, 0.001)] },
      {
        source: { properties: hostileProperties() },
      },
    );
    const text = exportGeoJson([record]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const fc = JSON.parse(text) as Fc;
    const properties = fc.features[0]?.properties as Record<string, unknown>;
    const { attributes, landstock } = splitExportedProperties(properties);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(attributes)).toBeNull();
    expect(Object.keys(attributes).sort()).toEqual(Object.keys(hostileProperties()).sort());
    expect(Object.getOwnPropertyDescriptor(attributes, '__proto__')?.value).toEqual({ polluted: 1 });
    expect(attributes.ls_category).toBe('theirs');
    expect(landstock?.category).toBe('approved-not-supplied');
  });

  it('can round coordinates and leave out either side', () => {
    const record = sampleRecord(1, { type: 'Polygon', coordinates: [squareRing(111.123456789, 25, 0.001)] });
    const fc = JSON.parse(exportGeoJson([record], { coordinateDecimals: 6, includeOriginal: false })) as Fc;
    expect(fc.features[0]?.geometry.coordinates[0]?.[0]).toEqual([111.122457, 24.999]);
    expect(fc.features[0]?.properties.ZDDM).toBeUndefined();
    const only = JSON.parse(exportGeoJson([record], { includeLandstock: false })) as Fc;
    expect(Object.keys(only.features[0]?.properties ?? {})).toEqual(['ZDDM', 'QLR']);
  });
});
