import { createHash } from 'node:crypto';
import * as turf from '@turf/turf';
import { unzipSync } from 'fflate';
import Flatbush from 'flatbush';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { CATEGORY_LABELS } from './demo/attributes';
import { DEFAULT_SEED, generateDemo, SHAPEFILE_ZIP } from './demo/generate';

type Area = Feature<Polygon | MultiPolygon, Record<string, unknown>>;
const MU = 10000 / 15;

const hashOf = (files: Map<string, string | Uint8Array>): Record<string, string> =>
  Object.fromEntries(
    [...files].map(([name, content]) => [name, createHash('sha256').update(content).digest('hex')]),
  );

function collection(files: Map<string, string | Uint8Array>, name: string): Area[] {
  const text = files.get(name);
  if (typeof text !== 'string') throw new Error(`missing ${name}`);
  return (JSON.parse(text) as FeatureCollection<Polygon | MultiPolygon, Record<string, unknown>>).features;
}

function indexOf(features: Area[]): Flatbush {
  const index = new Flatbush(features.length);
  for (const f of features) {
    const [x0, y0, x1, y1] = turf.bbox(f);
    index.add(x0, y0, x1, y1);
  }
  index.finish();
  return index;
}

/**
 * Parcels that meet a control layer, sorted into real overlaps and digitising slivers. A sliver is
 * at most a couple of metres wide (mean width 2·area / perimeter) and under 0.1 % of the parcel
 * (the default 边界误差 share in DOMAIN.md); a real overlap is wide and over that share. Anything
 * in between would make the demo ambiguous, so it is reported apart.
 */
function overlapsWith(
  parcels: Area[],
  layer: Area[],
): { overlap: string[]; sliver: string[]; ambiguous: string[] } {
  const index = indexOf(layer);
  const result = { overlap: [] as string[], sliver: [] as string[], ambiguous: [] as string[] };
  for (const parcel of parcels) {
    const [x0, y0, x1, y1] = turf.bbox(parcel);
    let area = 0;
    let perimeter = 0;
    for (const id of index.search(x0, y0, x1, y1)) {
      const shared = turf.intersect(turf.featureCollection([parcel, layer[id]!]));
      if (!shared) continue;
      area += turf.area(shared);
      perimeter += turf.length(turf.polygonToLine(shared) as Feature, { units: 'meters' });
    }
    if (area === 0) continue;
    const code = String(parcel.properties.ZDDM);
    const width = (2 * area) / perimeter;
    const share = area / turf.area(parcel);
    if (width <= 2 && share < 0.001) result.sliver.push(code);
    else if (width > 4 && share > 0.01) result.overlap.push(code);
    else result.ambiguous.push(code);
  }
  return result;
}

describe('demo county generator', () => {
  let files: Map<string, string | Uint8Array>;
  let parcels: Area[];
  let manifest: {
    seed: number;
    files: { file: string; role: string; featureCount: number }[];
    expected: Record<string, { overlap: string[]; sliver: string[] }>;
  };

  beforeAll(() => {
    files = generateDemo(DEFAULT_SEED).files;
    parcels = collection(files, 'parcels.geojson');
    manifest = JSON.parse(files.get('manifest.json') as string);
  });

  it('gives byte-identical output for the same seed, and different output for another', () => {
    expect(hashOf(generateDemo(DEFAULT_SEED).files)).toEqual(hashOf(files));
    expect(hashOf(generateDemo(7).files)['parcels.geojson']).not.toBe(hashOf(files)['parcels.geojson']);
  });

  it('lists every file with its role, count and the seed', () => {
    expect(manifest.seed).toBe(DEFAULT_SEED);
    expect(manifest.files.map((f) => f.role).sort()).toEqual(
      ['development-boundary', 'ecological-redline', 'park', 'parcels', 'permanent-farmland'].sort(),
    );
    for (const entry of manifest.files)
      expect(collection(files, entry.file)).toHaveLength(entry.featureCount);
    expect(parcels.length).toBeGreaterThan(1800);
    expect(parcels.length).toBeLessThan(2400);
  });

  it('has parcels of 0.2–200 亩 with valid rings and no two parcels touching', () => {
    const index = indexOf(parcels);
    parcels.forEach((parcel, i) => {
      const mu = turf.area(parcel) / MU;
      expect(mu).toBeGreaterThanOrEqual(0.2);
      expect(mu).toBeLessThanOrEqual(200);
      expect(turf.kinks(parcel).features).toHaveLength(0);
      const [x0, y0, x1, y1] = turf.bbox(parcel);
      for (const j of index.search(x0, y0, x1, y1)) {
        if (j > i) expect(turf.booleanIntersects(parcel, parcels[j]!), `${i} × ${j}`).toBe(false);
      }
    });
    expect(parcels.some((p) => p.geometry.type === 'MultiPolygon')).toBe(true);
    expect(parcels.some((p) => p.geometry.type === 'Polygon' && p.geometry.coordinates.length > 1)).toBe(
      true,
    );
  });

  it('has unique 19-character 宗地代码 of the county', () => {
    const codes = parcels.map((p) => String(p.properties.ZDDM));
    for (const code of codes) expect(code).toMatch(/^450322\d{6}(GB|JA|JB|JC)\d{5}$/);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('has every stock-land category, in plausible shares', () => {
    const counts = new Map<string, number>();
    for (const p of parcels)
      counts.set(String(p.properties.CLLX), (counts.get(String(p.properties.CLLX)) ?? 0) + 1);
    for (const label of CATEGORY_LABELS) expect(counts.get(label) ?? 0, label).toBeGreaterThanOrEqual(20);
    expect((counts.get('非存量') ?? 0) / parcels.length).toBeGreaterThan(0.3);
  });

  it('has attributes on both sides of the idle-land rules at 2026-11-21', () => {
    const idle = parcels.filter((p) => p.properties.CLLX === '闲置土地');
    const notStarted = idle.filter((p) => !p.properties.SJDGRQ);
    for (const p of notStarted) expect(String(p.properties.YDDGRQ) < '2025-11-21').toBe(true);
    expect(notStarted.some((p) => p.properties.YDDGRQ === '2025-11-20')).toBe(true);
    const supplied = parcels.filter((p) => p.properties.CLLX === '供而未用');
    for (const p of supplied) expect(String(p.properties.YDDGRQ) >= '2025-11-21').toBe(true);
    expect(supplied.some((p) => p.properties.YDDGRQ === '2025-11-21')).toBe(true);
    const lowRatio = parcels.filter(
      (p) => p.properties.YQJB === '省级' && typeof p.properties.RJL === 'number' && p.properties.RJL < 1.2,
    );
    expect(lowRatio.length).toBeGreaterThanOrEqual(3);
    const bigIndustry = parcels.filter((p) => p.properties.DLBM === '1001' && turf.area(p) / MU > 100);
    expect(bigIndustry.length).toBeGreaterThanOrEqual(3);
  });

  it('has dates in lifecycle order, none after the reference date except planned starts', () => {
    const order = ['PZRQ', 'ZSRQ', 'GDRQ', 'SJDGRQ', 'TGRQ'];
    for (const p of parcels) {
      const dates = order.map((k) => p.properties[k]).filter((d): d is string => typeof d === 'string');
      expect([...dates].sort(), String(p.properties.ZDDM)).toEqual(dates);
      for (const k of ['PZRQ', 'ZSRQ', 'GDRQ', 'SJDGRQ', 'JGRQ', 'TGRQ', 'CZRQ']) {
        const d = p.properties[k];
        if (typeof d === 'string') expect(d <= '2026-11-21', `${p.properties.ZDDM} ${k}`).toBe(true);
      }
    }
  });

  it('follows the idle-land rule (Order No. 53) for every supplied, unfinished urban parcel', () => {
    const oneYearAgo = '2025-11-21';
    let checked = 0;
    for (const p of parcels) {
      const q = p.properties;
      if (!q.GDRQ || q.JGRQ || q.ZT === '已处置') continue;
      const area = Number(q.ZDMJ);
      const notStarted = !q.SJDGRQ && String(q.YDDGRQ) < oneYearAgo;
      const stalled =
        Boolean(q.SJDGRQ) &&
        typeof q.TGRQ === 'string' &&
        q.TGRQ <= oneYearAgo &&
        (Number(q.YKFMJ) < area / 3 || Number(q.YTZ) < 0.25 * Number(q.ZTZ));
      expect(q.CLLX === '闲置土地', String(q.ZDDM)).toBe(notStarted || stalled);
      checked++;
    }
    expect(checked).toBeGreaterThan(200);
  });

  it('makes real and sliver overlaps with farmland and the red line exactly where the manifest says', () => {
    const farmland = overlapsWith(parcels, collection(files, 'permanent-farmland.geojson'));
    const redline = overlapsWith(parcels, collection(files, 'ecological-redline.geojson'));
    expect(farmland.ambiguous).toEqual([]);
    expect(redline.ambiguous).toEqual([]);
    expect(farmland.overlap.length).toBeGreaterThanOrEqual(3);
    expect(farmland.sliver.length).toBeGreaterThanOrEqual(3);
    expect(redline.overlap.length).toBeGreaterThanOrEqual(2);
    expect(redline.sliver.length).toBeGreaterThanOrEqual(3);
    expect(farmland.overlap.sort()).toEqual([...(manifest.expected.permanentFarmland?.overlap ?? [])].sort());
    expect(farmland.sliver.sort()).toEqual([...(manifest.expected.permanentFarmland?.sliver ?? [])].sort());
    expect(redline.overlap.sort()).toEqual([...(manifest.expected.ecologicalRedline?.overlap ?? [])].sort());
    expect(redline.sliver.sort()).toEqual([...(manifest.expected.ecologicalRedline?.sliver ?? [])].sort());
  });

  it('has valid control-layer polygons', () => {
    for (const name of ['development-boundary', 'permanent-farmland', 'ecological-redline', 'parks']) {
      for (const f of collection(files, `${name}.geojson`))
        expect(turf.kinks(f).features, name).toHaveLength(0);
    }
  });

  it('has a development boundary with thousands of vertices and parcels outside it', () => {
    const boundary = collection(files, 'development-boundary.geojson');
    const main = boundary[0]!.geometry as Polygon;
    expect(main.coordinates[0]!.length).toBeGreaterThan(2000);
    expect(main.coordinates.length).toBeGreaterThan(1);
    const expected = manifest.expected.developmentBoundary as unknown as {
      partlyOutside: string[];
      outside: string[];
    };
    expect(expected.partlyOutside.length).toBeGreaterThan(5);
    expect(expected.outside.length).toBeGreaterThan(5);
  });

  it('has a national and a provincial park', () => {
    const levels = collection(files, 'parks.geojson').map((p) => p.properties.YQJB);
    expect(levels).toContain('国家级');
    expect(levels).toContain('省级');
  });

  it('zips the parcels as a GBK shapefile in Gauss-Kruger zone 37', () => {
    const zip = files.get(SHAPEFILE_ZIP);
    expect(zip).toBeInstanceOf(Uint8Array);
    const parts = unzipSync(zip as Uint8Array);
    expect(Object.keys(parts).sort()).toEqual([
      'parcels.cpg',
      'parcels.dbf',
      'parcels.prj',
      'parcels.shp',
      'parcels.shx',
    ]);
    expect(new TextDecoder().decode(parts['parcels.cpg'])).toBe('GBK');
    expect(new TextDecoder().decode(parts['parcels.prj'])).toContain('CGCS2000_3_Degree_GK_Zone_37');
    const dbf = parts['parcels.dbf']!;
    expect(dbf[29]).toBe(0x4d);
    expect(new DataView(dbf.buffer, dbf.byteOffset).getUint32(4, true)).toBe(parcels.length);
    const shp = new DataView(parts['parcels.shp']!.buffer, parts['parcels.shp']!.byteOffset);
    // Zone-prefixed eastings around 37 4xx xxx m, northings around 2 800 000 m.
    expect(shp.getFloat64(36, true)).toBeGreaterThan(37_400_000);
    expect(shp.getFloat64(52, true)).toBeLessThan(37_500_000);
    expect(shp.getFloat64(44, true)).toBeGreaterThan(2_700_000);
  });
});
