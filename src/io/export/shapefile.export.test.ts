import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { ParcelRecord } from '../../domain/parcel';
import { polygonsOf } from '../../geo/geometry.types';
import type { ImportedLayer } from '../import.types';
import { importFiles } from '../import-files';
import type { ExportCrs } from './export-crs';
import { exportPrj } from './export-crs';
import { sampleRecord, squareRing, syntheticRecords } from './sample-records';
import { exportShapefileZip, splitShapefileAttributes } from './shapefile.export';

const LAST_UPDATE = new Date(Date.UTC(2025, 2, 1));
const ZONE_37: ExportCrs = { kind: 'gauss-kruger', zone: 37, threeDegree: true, zonePrefix: true };
const CM_111: ExportCrs = { kind: 'gauss-kruger', zone: 37, threeDegree: true, zonePrefix: false };
const GK6_19: ExportCrs = { kind: 'gauss-kruger', zone: 19, threeDegree: false, zonePrefix: true };

function records(): ParcelRecord[] {
  const list = syntheticRecords(80);
  const first = list[0] as ParcelRecord;
  first.source.properties = JSON.parse(
    '{"__proto__":{"polluted":1},"constructor":"c","宗地代码":"450302","一个很长的中文字段名":"长","LS_CAT":"theirs","ls_x":1,"DATE":"2020-01-02","WHEN":"2020-01-02T10:00"}',
  ) as Record<string, unknown>;
  first.facts.approvalDate = '2019-05-20';
  first.facts.industrial = true;
  first.disposal = { method: 'supply-transfer', date: '2025-01-02' };
  first.overlay = [{ role: 'permanent-farmland', insideM2: 666.67, verdict: 'conflict' }];
  return list;
}

async function reimport(zip: Uint8Array): Promise<ImportedLayer> {
  const result = await importFiles([{ name: 'parcels.zip', bytes: zip }]);
  expect(result.layers).toHaveLength(1);
  return result.layers[0] as ImportedLayer;
}

/** Largest vertex distance in degrees between two geometries of the same shape (ring starts may differ). */
function maxVertexError(a: ParcelRecord['geometry'], b: ParcelRecord['geometry']): number {
  const pa = polygonsOf(a);
  const pb = polygonsOf(b);
  expect(pb.length).toBe(pa.length);
  let worst = 0;
  pa.forEach((polygon, i) => {
    const other = pb[i] as number[][][];
    expect(other.length).toBe(polygon.length);
    polygon.forEach((ring, j) => {
      const target = other[j] as number[][];
      expect(target.length).toBe(ring.length);
      ring.forEach((p, k) => {
        const q = target[k] as number[];
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

describe('exportShapefileZip', () => {
  const cases: [string, 'gbk' | 'utf-8', ExportCrs, number][] = [
    ['GBK, CGCS2000 geographic', 'gbk', { kind: 'geographic' }, 0],
    ['UTF-8, CGCS2000 geographic', 'utf-8', { kind: 'geographic' }, 0],
    ['GBK, 3° zone 37 prefixed', 'gbk', ZONE_37, 1e-9],
    ['UTF-8, 3° CM 111E', 'utf-8', CM_111, 1e-9],
    ['GBK, 6° zone 19 prefixed', 'gbk', GK6_19, 1e-9],
  ];

  it.each(cases)('round-trips through the project importer: %s', async (_name, encoding, crs, tolerance) => {
    const input = records();
    const out = exportShapefileZip(input, { encoding, crs, lastUpdate: LAST_UPDATE });
    const parts = unzipSync(out.zip);
    expect(Object.keys(parts).sort()).toEqual([
      'parcels.cpg',
      'parcels.dbf',
      'parcels.prj',
      'parcels.shp',
      'parcels.shx',
    ]);
    expect(new TextDecoder().decode(parts['parcels.cpg'])).toBe(encoding === 'gbk' ? 'GBK' : 'UTF-8');
    const layer = await reimport(out.zip);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(layer.features).toHaveLength(input.length);
    expect(layer.encoding.encoding.toLowerCase()).toContain(encoding === 'gbk' ? 'gbk' : 'utf-8');
    if (crs.kind === 'gauss-kruger') expect(layer.crs.zone).toBe(crs.zone);
    input.forEach((record, i) => {
      const feature = layer.features[i];
      expect(feature).toBeDefined();
      if (!feature) return;
      expect(maxVertexError(record.geometry, feature.geometry)).toBeLessThanOrEqual(tolerance);
      const { attributes, landstock } = splitShapefileAttributes(feature.properties);
      expect(landstock?.id).toBe(record.id);
      expect(landstock?.category).toBe(record.category);
      expect(landstock?.status).toBe(record.status);
      expect(landstock?.version).toBe(record.version);
      expect(landstock?.updatedAt).toBe(record.updatedAt);
      expect(landstock?.notes).toBe(record.notes);
      expect(landstock?.areaM2).toBeCloseTo(record.areaM2, 2);
      expect(landstock?.facts.code).toBe(record.facts.code);
      expect(landstock?.facts.owner).toBe(record.facts.owner);
      if (i > 0) {
        expect(attributes.ZDDM).toBe(record.source.properties.ZDDM);
        expect(attributes.QLR).toBe(record.source.properties.QLR);
        expect(attributes.ZDMJ).toBe(record.source.properties.ZDMJ);
      }
    });
    const first = splitShapefileAttributes(
      (layer.features[0] as ImportedLayer['features'][number]).properties,
    );
    expect(first.landstock?.disposal).toEqual({ method: 'supply-transfer', date: '2025-01-02' });
    expect(first.landstock?.facts.approvalDate).toBe('2019-05-20');
    expect(first.landstock?.facts.industrial).toBe(true);
    expect(Object.getOwnPropertyDescriptor(first.attributes, '__proto__')?.value).toBe('{"polluted":1}');
    // 'constructor' is 11 bytes: DBF keeps 10.
    expect(first.attributes.constructo).toBe('c');
    // 宗地代码 is 8 bytes in GBK but 12 in UTF-8, where DBF keeps the first three characters.
    expect(first.attributes[encoding === 'gbk' ? '宗地代码' : '宗地代']).toBe('450302');
    expect(first.attributes.WHEN).toBe('2020-01-02T10:00');
    expect(first.attributes.DATE).toBe('2020-01-02');
    expect(first.attributes.LS_CAT_1).toBe('theirs');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('lists every field, keeps our fixed names and renames clashing or long originals', () => {
    const out = exportShapefileZip(records(), {
      encoding: 'gbk',
      crs: { kind: 'geographic' },
      lastUpdate: LAST_UPDATE,
    });
    const byProperty = new Map(out.fields.map((f) => [f.property, f]));
    expect(byProperty.get('ls_category')?.dbfName).toBe('LS_CAT');
    expect(byProperty.get('ls_updated_at')?.type).toBe('C');
    expect(byProperty.get('LS_CAT')?.dbfName).toBe('LS_CAT_1');
    expect(byProperty.get('WHEN')?.type).toBe('C');
    expect(byProperty.get('DATE')?.type).toBe('D');
    // 一个很长的中文字段名 is 20 GBK bytes: cut to 5 characters (10 bytes).
    expect(byProperty.get('一个很长的中文字段名')?.dbfName).toBe('一个很长的');
    expect(out.renamed.map((r) => r.property)).toEqual(
      expect.arrayContaining(['LS_CAT', '一个很长的中文字段名']),
    );
    for (const field of out.fields)
      expect(new TextEncoder().encode(field.dbfName).length).toBeLessThanOrEqual(15);
    // Facts nobody has are left out instead of writing 20 empty columns.
    expect(byProperty.has('ls_fact_floors')).toBe(false);
  });

  it('gives byte-identical files for the same input and date', () => {
    const a = exportShapefileZip(records(), { encoding: 'gbk', crs: ZONE_37, lastUpdate: LAST_UPDATE });
    const b = exportShapefileZip(records(), { encoding: 'gbk', crs: ZONE_37, lastUpdate: LAST_UPDATE });
    expect(a.zip).toEqual(b.zip);
  });

  it('rejects a zone outside China', () => {
    expect(() =>
      exportShapefileZip(records(), {
        encoding: 'gbk',
        crs: { kind: 'gauss-kruger', zone: 12, threeDegree: true, zonePrefix: true },
      }),
    ).toThrow(/not a CGCS2000 3° zone/);
  });
});

describe('exportPrj', () => {
  const gdal = existsSync('/usr/bin/gdalsrsinfo');
  const flat = (wkt: string) => wkt.replace(/\s+/g, '');
  const expectations: [ExportCrs, number, string][] = [
    [{ kind: 'geographic' }, 4490, 'GCS_China_Geodetic_Coordinate_System_2000'],
    [ZONE_37, 4525, 'CGCS2000_3_Degree_GK_Zone_37'],
    [CM_111, 4546, 'CGCS2000_3_Degree_GK_CM_111E'],
    [GK6_19, 4497, 'CGCS2000_GK_Zone_19'],
    [{ kind: 'gauss-kruger', zone: 19, threeDegree: false, zonePrefix: false }, 4508, 'CGCS2000_GK_CM_111E'],
    [
      { kind: 'gauss-kruger', zone: 25, threeDegree: true, zonePrefix: true },
      4513,
      'CGCS2000_3_Degree_GK_Zone_25',
    ],
    [
      { kind: 'gauss-kruger', zone: 45, threeDegree: true, zonePrefix: false },
      4554,
      'CGCS2000_3_Degree_GK_CM_135E',
    ],
  ];
  it.each(expectations)('%j is EPSG:%i (%s)', (crs, epsg, name) => {
    const wkt = exportPrj(crs);
    expect(wkt).toContain(`"${name}"`);
    if (gdal) {
      const reference = execFileSync('gdalsrsinfo', ['-o', 'wkt_esri', `EPSG:${epsg}`], { encoding: 'utf8' });
      expect(flat(wkt)).toBe(flat(reference));
    }
  });
});

describe.runIf(existsSync('/usr/bin/ogrinfo'))('GDAL reads the export', () => {
  it('ogrinfo sees the GBK Gauss-Kruger layer with its Chinese values and CRS', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ls-shp-'));
    try {
      const record = sampleRecord(
        1,
        { type: 'Polygon', coordinates: [squareRing(111.2, 25.1, 0.001)] },
        { notes: '现场已围挡' },
      );
      const out = exportShapefileZip([record], { encoding: 'gbk', crs: ZONE_37, lastUpdate: LAST_UPDATE });
      const zipPath = join(dir, 'parcels.zip');
      writeFileSync(zipPath, out.zip);
      const info = execFileSync('ogrinfo', ['-al', '-ro', `/vsizip/${zipPath}`], { encoding: 'utf8' });
      expect(info).toContain('Feature Count: 1');
      // GDAL matches the .prj to the EPSG definition by its ESRI name and parameters.
      expect(info).toContain('ID["EPSG",4525]');
      expect(info).toContain('LS_NOTES (String) = 现场已围挡');
      expect(info).toContain('LS_CAT_ZH (String) = 批而未供');
      expect(info).toContain('QLR (String) = 某某公司');
      // Back to EPSG:4490 with GDAL's own PROJ: the first vertex must land where it started.
      const json = execFileSync(
        'ogr2ogr',
        [
          '-f',
          'GeoJSON',
          '-t_srs',
          'EPSG:4490',
          '-lco',
          'COORDINATE_PRECISION=12',
          '/vsistdout/',
          `/vsizip/${zipPath}`,
        ],
        {
          encoding: 'utf8',
        },
      );
      const fc = JSON.parse(json) as { features: { geometry: { coordinates: number[][][] } }[] };
      const ring = fc.features[0]?.geometry.coordinates[0] as number[][];
      const expected = record.geometry.coordinates[0] as number[][];
      for (const p of ring) {
        const nearest = Math.min(
          ...expected.map((q) =>
            Math.hypot((p[0] as number) - (q[0] as number), (p[1] as number) - (q[1] as number)),
          ),
        );
        expect(nearest).toBeLessThan(1e-9);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
