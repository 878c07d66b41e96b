import { describe, expect, it } from 'vitest';
import type { ParcelRecord } from '../../domain/parcel';
import { gaussKrugerCrs, reprojectToLonLat } from '../../geo/crs';
import type { AreaGeometry, Ring } from '../../geo/geometry.types';
import { polygonsOf } from '../../geo/geometry.types';
import { exportCoordinateText } from './coordinate-text.export';
import { exportProjection } from './export-crs';
import { sampleRecord, squareRing, syntheticRecords } from './sample-records';

/**
 * A small reader of the format, for this round trip only: no coordinate-text importer exists in
 * src/io yet. It follows DOMAIN.md: X = northing, Y = easting; 圈号 1 starts a polygon, a later
 * ring inside the current outer ring is its hole, any other ring starts another part.
 */
interface ParsedParcel {
  header: string[];
  geometry: AreaGeometry;
  projected: { ring: number; x: number; y: number; name: string }[];
}
function parseCoordinateText(text: string): { attributes: Map<string, string>; parcels: ParsedParcel[] } {
  const attributes = new Map<string, string>();
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  let section = '';
  const raw: { header: string[]; points: { name: string; ring: number; x: number; y: number }[] }[] = [];
  for (const line of lines) {
    if (/^\[.+\]$/.test(line)) {
      section = line;
      continue;
    }
    if (section === '[属性描述]') {
      const at = line.indexOf('=');
      attributes.set(line.slice(0, at), line.slice(at + 1));
    } else if (line.endsWith(',@')) raw.push({ header: line.split(','), points: [] });
    else {
      const [name, ring, x, y] = line.split(',');
      raw.at(-1)?.points.push({ name: name as string, ring: Number(ring), x: Number(x), y: Number(y) });
    }
  }
  const zone = Number(attributes.get('带号'));
  const width = Number(attributes.get('几度分带')) as 3 | 6;
  const parcels = raw.map(({ header, points }) => {
    const prefixed = (points[0]?.y ?? 0) > 1_000_000;
    const crs = gaussKrugerCrs(width, zone, prefixed, 'header');
    const rings: { ring: number; coords: number[][] }[] = [];
    for (const p of points) {
      if (rings.at(-1)?.ring !== p.ring) rings.push({ ring: p.ring, coords: [] });
      const lonLat = new Float64Array([p.y, p.x]);
      reprojectToLonLat(crs, lonLat);
      rings.at(-1)?.coords.push([lonLat[0] as number, lonLat[1] as number]);
    }
    const polygons: Ring[][] = [];
    for (const { coords } of rings) {
      const current = polygons.at(-1);
      const outer = current?.[0];
      const inside = outer !== undefined && coords.every((p) => pointInRing(p, outer));
      if (current && inside) current.push(orient(coords, false));
      else polygons.push([orient(coords, true)]);
    }
    const geometry: AreaGeometry =
      polygons.length === 1
        ? { type: 'Polygon', coordinates: polygons[0] as Ring[] }
        : { type: 'MultiPolygon', coordinates: polygons };
    return { header, geometry, projected: points };
  });
  return { attributes, parcels };
}
function pointInRing(p: number[], ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i] as number[];
    const b = ring[j] as number[];
    const [ax, ay, bx, by, px, py] = [a[0], a[1], b[0], b[1], p[0], p[1]] as number[] as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    if (ay > py !== by > py && px < ((bx - ax) * (py - ay)) / (by - ay) + ax) inside = !inside;
  }
  return inside;
}
function orient(ring: number[][], counterClockwise: boolean): Ring {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[j] as number[];
    const b = ring[i] as number[];
    sum += (a[0] as number) * (b[1] as number) - (b[0] as number) * (a[1] as number);
  }
  return sum > 0 === counterClockwise ? ring : [...ring].reverse();
}

function maxError(a: AreaGeometry, b: AreaGeometry): number {
  const pa = polygonsOf(a);
  const pb = polygonsOf(b);
  expect(pb.length).toBe(pa.length);
  let worst = 0;
  pa.forEach((polygon, i) => {
    polygon.forEach((ring, j) => {
      const other = pb[i]?.[j] as Ring;
      expect(other.length).toBe(ring.length);
      ring.forEach((p, k) => {
        const q = other[k] as number[];
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

const ZONE = { zone: 37, threeDegree: true, zonePrefix: true };

describe('exportCoordinateText', () => {
  const holed = sampleRecord(
    1,
    {
      type: 'MultiPolygon',
      coordinates: [
        [squareRing(111.2, 25.1, 0.001)],
        [
          squareRing(111.21, 25.1, 0.001),
          squareRing(111.21, 25.1, 0.0003, true),
          squareRing(111.2105, 25.1005, 0.0001, true),
        ],
      ],
    },
    {
      areaM2: 45_678.9,
      facts: { code: '450302,001', location: '临桂区@二塘', landUse: '工业用地', landUseCode: '0601' },
    },
  );

  it('writes the header block and a parcel exactly as DOMAIN.md describes', () => {
    const one = sampleRecord(
      2,
      { type: 'Polygon', coordinates: [squareRing(111.2, 25.1, 0.001)] },
      { areaM2: 12_345.6 },
    );
    const out = exportCoordinateText([one], {
      ...ZONE,
      encoding: 'utf-8',
      date: '2025-03-01',
      producer: '某县自然资源局',
    });
    const text = new TextDecoder().decode(out.bytes);
    const lines = text.split('\r\n');
    expect(lines.slice(0, 12)).toEqual([
      '[属性描述]',
      '格式版本号=1.01',
      '数据产生单位=某县自然资源局',
      '数据产生日期=2025-03-01',
      '坐标系=2000国家大地坐标系',
      '几度分带=3',
      '投影类型=高斯克吕格',
      '计量单位=米',
      '带号=37',
      '精度=0.0001',
      '转换参数=,,,,,,',
      '[地块坐标]',
    ]);
    expect(lines[12]).toBe(`5,1.2346,${one.facts.code},某某公司,面,,,,@`);
    // X = northing (~2.78e6), Y = prefixed easting (37.5e6), 4 decimals, J1 repeated to close.
    expect(lines[13]).toMatch(/^J1,1,27\d{5}\.\d{4},375\d{5}\.\d{4}$/);
    expect(lines[17]).toBe(lines[13]);
    expect(lines.slice(13, 17).map((l) => l.split(',')[0])).toEqual(['J1', 'J2', 'J3', 'J4']);
    expect(out).toMatchObject({ parcels: 1, points: 5 });
  });

  it('writes outer rings clockwise on the map and holes counter-clockwise, 圈号 running on over parts', () => {
    const text = new TextDecoder().decode(
      exportCoordinateText([holed], { ...ZONE, encoding: 'utf-8' }).bytes,
    );
    const { parcels } = parseCoordinateText(text);
    const points = parcels[0]?.projected ?? [];
    expect([...new Set(points.map((p) => p.ring))]).toEqual([1, 2, 3, 4]);
    const area = (ring: number) => {
      const r = points.filter((p) => p.ring === ring);
      let sum = 0;
      for (let i = 0; i + 1 < r.length; i++) {
        const a = r[i] as { x: number; y: number };
        const b = r[i + 1] as { x: number; y: number };
        sum += a.y * b.x - b.y * a.x; // easting × northing: positive = counter-clockwise on the map
      }
      return sum;
    };
    expect(area(1)).toBeLessThan(0);
    expect(area(2)).toBeLessThan(0);
    expect(area(3)).toBeGreaterThan(0);
    expect(area(4)).toBeGreaterThan(0);
    expect(parcels[0]?.header).toEqual([
      '20',
      '4.5679',
      '450302，001',
      '临桂区 二塘',
      '面',
      '',
      '工业用地',
      '0601',
      '@',
    ]);
  });

  it.each(['gbk', 'utf-8'] as const)('reads back (%s) with the same geometry: 1e-4 m, 1e-9°', (encoding) => {
    const records: ParcelRecord[] = [...syntheticRecords(120), holed];
    const out = exportCoordinateText(records, { ...ZONE, encoding });
    expect(out.unencodableCharacters).toBe(0);
    const text = new TextDecoder(encoding).decode(out.bytes);
    const { attributes, parcels } = parseCoordinateText(text);
    expect(attributes.get('带号')).toBe('37');
    expect(parcels).toHaveLength(records.length);
    const project = exportProjection(ZONE);
    records.forEach((record, i) => {
      const parsed = parcels[i] as ParsedParcel;
      expect(maxError(record.geometry, parsed.geometry)).toBeLessThan(1e-9);
      // Every written point is within rounding (0.05 mm) of the exact projection of a vertex.
      for (const p of parsed.projected) {
        const exact = polygonsOf(record.geometry)
          .flat()
          .flat()
          .map((q) => project(q[0] as number, q[1] as number));
        const nearest = Math.min(...exact.map(([e, n]) => Math.max(Math.abs(e - p.y), Math.abs(n - p.x))));
        expect(nearest).toBeLessThanOrEqual(0.5e-4 + 1e-9);
      }
    });
  });

  it('writes unprefixed eastings and 6° zones when asked', () => {
    const one = sampleRecord(3, { type: 'Polygon', coordinates: [squareRing(111.2, 25.1, 0.001)] });
    const text = new TextDecoder().decode(
      exportCoordinateText([one], { zone: 19, threeDegree: false, zonePrefix: false, encoding: 'utf-8' })
        .bytes,
    );
    expect(text).toContain('几度分带=6');
    expect(text).toContain('带号=19');
    expect(text).toMatch(/\r\nJ1,1,27\d{5}\.\d{4},5\d{5}\.\d{4}\r\n/);
    const { parcels } = parseCoordinateText(text);
    expect(maxError(one.geometry, parcels[0]?.geometry as AreaGeometry)).toBeLessThan(1e-9);
  });
});
