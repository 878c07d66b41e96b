import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import proj4 from 'proj4';
import { afterAll, describe, expect, it } from 'vitest';
import type { MultiPolygonGeometry, PolygonGeometry } from '../geo/geometry.types';
import { decodeGbk } from './gbk-encoder';
import {
  dbfFieldNames,
  type ShapefileFeature,
  type ShapefileLayer,
  writeShapefile,
  writeShapefileZip,
  zipShapefile,
} from './shapefile-writer';

const GK37_WKT =
  'PROJCS["CGCS2000_3_Degree_GK_Zone_37",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",37500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",111.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
const GEOGRAPHIC_WKT =
  'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
const gk37 = proj4(
  '+proj=tmerc +lat_0=0 +lon_0=111 +k=1 +x_0=37500000 +y_0=0 +ellps=GRS80 +units=m +no_defs',
);
const projectGk37 = (lon: number, lat: number): [number, number] => {
  const [x = Number.NaN, y = Number.NaN] = gk37.forward([lon, lat]);
  return [x, y];
};
const FIXED_DATE = new Date(Date.UTC(2026, 10, 21));

/** A parcel with a hole (GeoJSON order: outer counter-clockwise, hole clockwise). */
const withHole: PolygonGeometry = {
  type: 'Polygon',
  coordinates: [
    [
      [110.3, 25.3],
      [110.302, 25.3],
      [110.302, 25.3015],
      [110.3, 25.3015],
      [110.3, 25.3],
    ],
    [
      [110.3005, 25.3005],
      [110.3005, 25.301],
      [110.301, 25.301],
      [110.301, 25.3005],
      [110.3005, 25.3005],
    ],
  ],
};
/** Two parts, the first given clockwise (wrong for GeoJSON) to check the writer fixes orientation. */
const twoParts: MultiPolygonGeometry = {
  type: 'MultiPolygon',
  coordinates: [
    [
      [
        [110.31, 25.31],
        [110.31, 25.311],
        [110.311, 25.311],
        [110.311, 25.31],
        [110.31, 25.31],
      ],
    ],
    [
      [
        [110.312, 25.31],
        [110.3135, 25.31],
        [110.3128, 25.3112],
      ],
    ],
  ],
};

const features: ShapefileFeature[] = [
  {
    geometry: withHole,
    properties: {
      ZDDM: '450322001001GB00001',
      QLR: '桂林华盛新材料有限公司',
      ZL: '漓源县漓源镇人民路123号',
      ZDMJ: 12345.67,
      JZCS: 3,
      PZRQ: '2019-05-06',
      CLLX: '批而未供',
      SFZD: true,
      BZ: null,
      宗地面积平方米: 1,
      VERYLONGFIELDNAME: 'a',
      VERYLONGFIELDNAME2: 'b',
    },
  },
  {
    geometry: twoParts,
    properties: {
      ZDDM: '450322001001GB00002',
      QLR: '漓源县大岭村股份经济合作社',
      ZL: '生态保护红线旁',
      ZDMJ: -5,
      JZCS: 12,
      PZRQ: null,
      CLLX: '永久基本农田',
      SFZD: false,
      BZ: '备注：边界误差',
      宗地面积平方米: 2,
      VERYLONGFIELDNAME: 'c',
      VERYLONGFIELDNAME2: undefined,
    },
  },
];
const layer: ShapefileLayer = { features };

function signedArea(points: [number, number][]): number {
  let sum = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i]!;
    const b = points[i + 1]!;
    sum += a[0] * b[1] - b[0] * a[1];
  }
  return sum / 2;
}

/** Reads the parts of every polygon record straight from the .shp bytes. */
function readParts(shp: Uint8Array): [number, number][][][] {
  const view = new DataView(shp.buffer, shp.byteOffset, shp.byteLength);
  const records: [number, number][][][] = [];
  let offset = 100;
  while (offset < shp.length) {
    const length = view.getInt32(offset + 4, false) * 2;
    const at = offset + 8;
    const numParts = view.getInt32(at + 36, true);
    const numPoints = view.getInt32(at + 40, true);
    const starts = Array.from({ length: numParts }, (_, k) => view.getInt32(at + 44 + 4 * k, true));
    const pointsAt = at + 44 + 4 * numParts;
    const parts = starts.map((start, k) => {
      const end = starts[k + 1] ?? numPoints;
      return Array.from({ length: end - start }, (_, i): [number, number] => [
        view.getFloat64(pointsAt + 16 * (start + i), true),
        view.getFloat64(pointsAt + 16 * (start + i) + 8, true),
      ]);
    });
    records.push(parts);
    offset = at + length;
  }
  return records;
}

describe('dbfFieldNames', () => {
  it('keeps short names, cuts long ones to 10 bytes and makes them unique', () => {
    expect(dbfFieldNames(['ZDDM', 'VERYLONGFIELDNAME', 'VERYLONGFIELDNAME2', 'verylongfi'], 'gbk')).toEqual([
      'ZDDM',
      'VERYLONGFI',
      'VERYLONG_1',
      // DBF readers compare names case-insensitively, so this one collides too.
      'verylong_2',
    ]);
  });

  it('counts bytes in the chosen encoding and never splits a character', () => {
    // 7 characters: 14 bytes in GBK, 21 in UTF-8.
    expect(dbfFieldNames(['宗地面积平方米'], 'gbk')).toEqual(['宗地面积平']);
    expect(dbfFieldNames(['宗地面积平方米'], 'utf-8')).toEqual(['宗地面']);
    expect(dbfFieldNames(['宗地面积平方米', '宗地面积平均值'], 'gbk')).toEqual(['宗地面积平', '宗地面积_1']);
  });

  it('names empty and control-character names predictably', () => {
    expect(dbfFieldNames(['', 'A\tB'], 'utf-8')).toEqual(['FIELD', 'A_B']);
  });
});

describe('writeShapefile', () => {
  const files = writeShapefile(layer, {
    encoding: 'gbk',
    prj: GK37_WKT,
    project: projectGk37,
    lastUpdate: FIXED_DATE,
  });

  it('writes a polygon .shp and a .shx whose offsets point at each record', () => {
    const shp = new DataView(files.shp.buffer);
    const shx = new DataView(files.shx.buffer);
    expect(shp.getInt32(0, false)).toBe(9994);
    expect(shp.getInt32(24, false) * 2).toBe(files.shp.length);
    expect(shp.getInt32(28, true)).toBe(1000);
    expect(shp.getInt32(32, true)).toBe(5);
    expect(shx.getInt32(24, false) * 2).toBe(files.shx.length);
    expect(files.shx.length).toBe(100 + 8 * features.length);
    for (let i = 0; i < features.length; i++) {
      const offset = shx.getInt32(100 + 8 * i, false) * 2;
      const length = shx.getInt32(104 + 8 * i, false) * 2;
      expect(shp.getInt32(offset, false)).toBe(i + 1);
      expect(shp.getInt32(offset + 4, false) * 2).toBe(length);
      expect(shp.getInt32(offset + 8, true)).toBe(5);
    }
    const last = shx.getInt32(100 + 8 * (features.length - 1), false) * 2;
    expect(last + 8 + shx.getInt32(104 + 8 * (features.length - 1), false) * 2).toBe(files.shp.length);
  });

  it('projects in place over flat coordinates to the same shapes as point by point', () => {
    const inPlace = writeShapefile(layer, {
      encoding: 'gbk',
      prj: GK37_WKT,
      projectInPlace: (coords, from, to) => {
        for (let i = from; i < to; i++) {
          const [x, y] = projectGk37(coords[2 * i] as number, coords[2 * i + 1] as number);
          coords[2 * i] = x;
          coords[2 * i + 1] = y;
        }
      },
      lastUpdate: FIXED_DATE,
    });
    expect(inPlace.shp).toEqual(files.shp);
    expect(inPlace.shx).toEqual(files.shx);
    expect(inPlace.dbf).toEqual(files.dbf);
  });

  it('writes the layer bbox in projected coordinates', () => {
    const shp = new DataView(files.shp.buffer);
    const projected = [withHole.coordinates, ...twoParts.coordinates]
      .flat(2)
      .map((p) => projectGk37(p[0] ?? 0, p[1] ?? 0));
    expect(shp.getFloat64(36, true)).toBeCloseTo(Math.min(...projected.map((p) => p[0])), 6);
    expect(shp.getFloat64(44, true)).toBeCloseTo(Math.min(...projected.map((p) => p[1])), 6);
    expect(shp.getFloat64(52, true)).toBeCloseTo(Math.max(...projected.map((p) => p[0])), 6);
    expect(shp.getFloat64(60, true)).toBeCloseTo(Math.max(...projected.map((p) => p[1])), 6);
    expect(shp.getFloat64(36, true)).toBeGreaterThan(37_000_000);
  });

  it('orders rings the ESRI way: outer clockwise, holes counter-clockwise, all closed', () => {
    const [first, second] = readParts(files.shp);
    expect(first).toHaveLength(2);
    expect(signedArea(first![0]!)).toBeLessThan(0);
    expect(signedArea(first![1]!)).toBeGreaterThan(0);
    expect(second).toHaveLength(2);
    for (const part of second!) {
      expect(signedArea(part)).toBeLessThan(0);
      expect(part[0]).toEqual(part[part.length - 1]);
    }
    // The open triangle was closed: 3 points + 1.
    expect(second![1]).toHaveLength(4);
  });

  it('writes a GBK DBF header with language driver 0x4D and a GBK .cpg', () => {
    const dbf = new DataView(files.dbf.buffer);
    expect(files.dbf[0]).toBe(0x03);
    expect([files.dbf[1], files.dbf[2], files.dbf[3]]).toEqual([126, 11, 21]);
    expect(dbf.getUint32(4, true)).toBe(2);
    expect(files.dbf[29]).toBe(0x4d);
    expect(new TextDecoder().decode(files.cpg)).toBe('GBK');
    expect(files.dbf[files.dbf.length - 1]).toBe(0x1a);
    const headerLength = dbf.getUint16(8, true);
    const recordLength = dbf.getUint16(10, true);
    expect(files.dbf.length).toBe(headerLength + 2 * recordLength + 1);
  });

  it('infers types and widths from the values', () => {
    const byProperty = Object.fromEntries(files.fields.map((f) => [f.property, f]));
    expect(byProperty.ZDDM).toMatchObject({ type: 'C', length: 19 });
    // 13 characters of GBK = 26 bytes.
    expect(byProperty.QLR).toMatchObject({ type: 'C', length: 26 });
    expect(byProperty.ZDMJ).toMatchObject({ type: 'N', decimals: 2, length: 8 });
    expect(byProperty.JZCS).toMatchObject({ type: 'N', decimals: 0, length: 2 });
    expect(byProperty.PZRQ).toMatchObject({ type: 'D', length: 8 });
    expect(byProperty.SFZD).toMatchObject({ type: 'L', length: 1 });
    expect(byProperty.BZ).toMatchObject({ type: 'C' });
    expect(files.fieldMap).toMatchObject({
      宗地面积平方米: '宗地面积平',
      VERYLONGFIELDNAME: 'VERYLONGFI',
      VERYLONGFIELDNAME2: 'VERYLONG_1',
    });
  });

  it('writes UTF-8 with language driver 0 and a UTF-8 .cpg', () => {
    const utf8 = writeShapefile(layer, { encoding: 'utf-8', prj: GEOGRAPHIC_WKT, lastUpdate: FIXED_DATE });
    expect(utf8.dbf[29]).toBe(0);
    expect(new TextDecoder().decode(utf8.cpg)).toBe('UTF-8');
    expect(utf8.fields.find((f) => f.property === 'QLR')?.length).toBe(39);
    expect(new TextDecoder().decode(utf8.dbf)).toContain('桂林华盛新材料有限公司');
  });

  it('cuts text over 254 bytes at a character boundary and says so', () => {
    const long = '存'.repeat(200);
    const result = writeShapefile(
      { features: [{ geometry: withHole, properties: { BZ: long } }] },
      { encoding: 'gbk', prj: GEOGRAPHIC_WKT, lastUpdate: FIXED_DATE },
    );
    expect(result.fields[0]).toMatchObject({ type: 'C', length: 254 });
    expect(result.notes.truncatedValues).toBe(1);
    const headerLength = new DataView(result.dbf.buffer).getUint16(8, true);
    const cell = result.dbf.slice(headerLength + 1, headerLength + 1 + 254);
    expect(decodeGbk(cell).trimEnd()).toBe('存'.repeat(127));
  });

  it('counts characters GBK cannot hold', () => {
    const result = writeShapefile(
      { features: [{ geometry: withHole, properties: { BZ: '地块😀' } }] },
      { encoding: 'gbk', prj: GEOGRAPHIC_WKT, lastUpdate: FIXED_DATE },
    );
    expect(result.notes.unencodableCharacters).toBe(1);
  });

  it('writes a null shape for a feature without geometry', () => {
    const result = writeShapefile(
      {
        features: [
          { geometry: null, properties: { A: 1 } },
          { geometry: withHole, properties: { A: 2 } },
        ],
      },
      { encoding: 'utf-8', prj: GEOGRAPHIC_WKT, lastUpdate: FIXED_DATE },
    );
    expect(result.notes.nullGeometries).toBe(1);
    expect(new DataView(result.shp.buffer).getInt32(108, true)).toBe(0);
  });

  it('uses given field specs (order, names, types) and writes only those', () => {
    const specified = writeShapefile(
      {
        features,
        fields: [
          { property: 'ZDMJ', name: '面积', type: 'N', length: 14, decimals: 4 },
          { property: 'PZRQ', type: 'C' },
        ],
      },
      { encoding: 'gbk', prj: GEOGRAPHIC_WKT, lastUpdate: FIXED_DATE },
    );
    expect(specified.fields).toEqual([
      { property: 'ZDMJ', name: '面积', type: 'N', length: 14, decimals: 4 },
      { property: 'PZRQ', name: 'PZRQ', type: 'C', length: 10, decimals: 0 },
    ]);
  });

  it('zips the five parts deterministically for a given date', () => {
    const a = writeShapefileZip(layer, {
      encoding: 'gbk',
      prj: GK37_WKT,
      project: projectGk37,
      lastUpdate: FIXED_DATE,
      name: '宗地',
    });
    const b = zipShapefile(files, '宗地', FIXED_DATE);
    expect(a).toEqual(b);
    expect(Object.keys(unzipSync(a)).sort()).toEqual([
      '宗地.cpg',
      '宗地.dbf',
      '宗地.prj',
      '宗地.shp',
      '宗地.shx',
    ]);
  });
});

describe('read back by other software', () => {
  const dir = mkdtempSync(join(tmpdir(), 'landstock-shp-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const hasGdal = (() => {
    try {
      execFileSync('ogrinfo', ['--version'], { stdio: 'pipe' });
      return true;
    } catch {
      return false;
    }
  })();

  interface ReadFeature {
    properties: Record<string, unknown>;
    geometry: { type: string; coordinates: unknown };
  }

  /** Every [lon, lat] of a geometry, in order. */
  const positions = (coordinates: unknown): number[][] =>
    Array.isArray(coordinates) && typeof coordinates[0] === 'number'
      ? [coordinates as number[]]
      : (coordinates as unknown[]).flatMap((c) => positions(c));

  const expectSameAttributes = (read: ReadFeature[], dateAs: (iso: string) => unknown): void => {
    expect(read).toHaveLength(2);
    const [a, b] = read;
    expect(a?.properties).toMatchObject({
      ZDDM: '450322001001GB00001',
      QLR: '桂林华盛新材料有限公司',
      ZL: '漓源县漓源镇人民路123号',
      ZDMJ: 12345.67,
      JZCS: 3,
      PZRQ: dateAs('2019-05-06'),
      CLLX: '批而未供',
      宗地面积平: 1,
      VERYLONGFI: 'a',
      VERYLONG_1: 'b',
    });
    expect(b?.properties).toMatchObject({
      QLR: '漓源县大岭村股份经济合作社',
      ZL: '生态保护红线旁',
      ZDMJ: -5,
      CLLX: '永久基本农田',
      BZ: '备注：边界误差',
    });
  };

  const expectSameCoordinates = (read: ReadFeature[], tolerance: number): void => {
    const sourceRings = [withHole.coordinates, ...twoParts.coordinates];
    const readPositions = read.flatMap((f) => positions(f.geometry.coordinates));
    const sourcePositions = sourceRings.flatMap((rings) => positions(rings));
    // Rings may start elsewhere or run the other way: compare as sets of points.
    for (const p of sourcePositions) {
      const nearest = Math.min(
        ...readPositions.map((q) => Math.hypot((q[0] ?? 0) - (p[0] ?? 0), (q[1] ?? 0) - (p[1] ?? 0))),
      );
      expect(nearest).toBeLessThan(tolerance);
    }
  };

  it.skipIf(!hasGdal)(
    'GDAL (ogr2ogr) reads the GBK Gauss-Kruger shapefile back to the same attributes and coordinates',
    () => {
      const files = writeShapefile(layer, {
        encoding: 'gbk',
        prj: GK37_WKT,
        project: projectGk37,
        lastUpdate: FIXED_DATE,
      });
      const base = join(dir, 'gk');
      for (const ext of ['shp', 'shx', 'dbf', 'prj', 'cpg'] as const)
        writeFileSync(`${base}.${ext}`, files[ext]);
      const info = execFileSync('ogrinfo', ['-al', '-so', `${base}.shp`], { encoding: 'utf8' });
      expect(info).toContain('Geometry: Polygon');
      expect(info).toContain('Feature Count: 2');
      expect(info).toMatch(/CGCS2000_3_Degree_GK_Zone_37|CGCS2000 \/ 3-degree Gauss-Kruger zone 37/);
      expect(info).toContain('QLR: String (26.0)');
      expect(info).toContain('ZDMJ: Real (8.2)');
      expect(info).toContain('PZRQ: Date (10.0)');
      const json = execFileSync(
        'ogr2ogr',
        ['-f', 'GeoJSON', '-t_srs', 'EPSG:4490', '/vsistdout/', `${base}.shp`],
        {
          encoding: 'utf8',
        },
      );
      const read = (JSON.parse(json) as { features: ReadFeature[] }).features;
      expectSameAttributes(read, (iso) => iso);
      // GDAL's shapefile driver reports a logical field as the text 'T'/'F'.
      expect(read[0]?.properties.SFZD).toBe('T');
      expect(read[1]?.properties.SFZD).toBe('F');
      expect(read[1]?.geometry.type).toBe('MultiPolygon');
      expectSameCoordinates(read, 1e-8);
    },
  );

  it.skipIf(!hasGdal)('GDAL reads the UTF-8 geographic shapefile with the .cpg', () => {
    const files = writeShapefile(layer, { encoding: 'utf-8', prj: GEOGRAPHIC_WKT, lastUpdate: FIXED_DATE });
    const base = join(dir, 'geo');
    for (const ext of ['shp', 'shx', 'dbf', 'prj', 'cpg'] as const)
      writeFileSync(`${base}.${ext}`, files[ext]);
    const json = execFileSync('ogr2ogr', ['-f', 'GeoJSON', '/vsistdout/', `${base}.shp`], {
      encoding: 'utf8',
    });
    const read = (JSON.parse(json) as { features: ReadFeature[] }).features;
    expect(read[0]?.properties).toMatchObject({ QLR: '桂林华盛新材料有限公司', 宗地面: 1 });
    expectSameCoordinates(read, 1e-12);
  });

  it('shpjs reads the zipped GBK Gauss-Kruger shapefile back (reprojecting with the .prj)', async () => {
    // shpjs ships no types; the test only needs parseZip.
    const moduleName = 'shpjs';
    const shpjs = (await import(moduleName)) as {
      parseZip: (zip: Uint8Array) => Promise<{ features: ReadFeature[] }>;
    };
    const zip = writeShapefileZip(layer, {
      encoding: 'gbk',
      prj: GK37_WKT,
      project: projectGk37,
      lastUpdate: FIXED_DATE,
      name: 'parcels',
    });
    const collection = await shpjs.parseZip(zip);
    // shpjs turns DBF dates into Date objects at UTC midnight.
    expectSameAttributes(collection.features, (iso) => new Date(`${iso}T00:00:00.000Z`));
    expect(collection.features[0]?.properties.SFZD).toBe(true);
    expectSameCoordinates(collection.features, 1e-8);
  });
});
