import { describe, expect, it } from 'vitest';
import type { AreaGeometry, Ring } from '../geo/geometry.types';
import { polygonsOf } from '../geo/geometry.types';
import { groupRingsIntoPolygons } from './coordinate-text.format';
import { exportCoordinateText } from './export/coordinate-text.export';
import { sampleRecord, squareRing } from './export/sample-records';
import { importFiles } from './import-files';

/**
 * 报部坐标 round trips: parcels written by the exporter (圈号 numbered on over all parts) come back
 * with the same parts and holes. Rings are compared as vertex sets (the writer re-orients rings
 * but keeps J1), each vertex within 1e-8° (the file keeps 0.1 mm).
 */
function ringKey(ring: Ring): number[][] {
  const open = ring.slice(0, -1).map((p) => [p[0] as number, p[1] as number]);
  // Sorted on values rounded to 1e-7°, so round-trip noise cannot swap two equal longitudes.
  const r = (v: number | undefined) => Math.round((v as number) * 1e7);
  return open.sort((a, b) => r(a[0]) - r(b[0]) || r(a[1]) - r(b[1]));
}

function expectSameGeometry(actual: AreaGeometry, expected: AreaGeometry): void {
  const a = polygonsOf(actual);
  const e = polygonsOf(expected);
  expect(actual.type).toBe(expected.type);
  expect(a.map((p) => p.length)).toEqual(e.map((p) => p.length));
  e.forEach((polygon, p) => {
    polygon.forEach((ring, r) => {
      const got = ringKey(a[p]?.[r] as Ring);
      const want = ringKey(ring);
      expect(got).toHaveLength(want.length);
      want.forEach((pt, k) => {
        expect(Math.abs((got[k]?.[0] as number) - (pt[0] as number))).toBeLessThan(1e-8);
        expect(Math.abs((got[k]?.[1] as number) - (pt[1] as number))).toBeLessThan(1e-8);
      });
    });
  });
}

async function roundTrip(geometries: AreaGeometry[]): Promise<AreaGeometry[]> {
  const records = geometries.map((g, i) => sampleRecord(i + 1, g));
  const file = exportCoordinateText(records, {
    zone: 37,
    threeDegree: true,
    zonePrefix: true,
    date: '2025-03-01',
  });
  const result = await importFiles([{ name: '报部坐标.txt', bytes: file.bytes }]);
  const layer = result.layers[0];
  expect(layer?.features).toHaveLength(geometries.length);
  return layer?.features.map((f) => f.geometry) ?? [];
}

const holed: AreaGeometry = {
  type: 'Polygon',
  coordinates: [squareRing(111.2, 25.1, 0.002), squareRing(111.2, 25.1, 0.0005, true)],
};
const twoParts: AreaGeometry = {
  type: 'MultiPolygon',
  coordinates: [[squareRing(111.3, 25.2, 0.001)], [squareRing(111.305, 25.2, 0.001)]],
};
const twoHoledParts: AreaGeometry = {
  type: 'MultiPolygon',
  coordinates: [
    [squareRing(111.4, 25.3, 0.002), squareRing(111.4, 25.3, 0.0004, true)],
    [
      squareRing(111.41, 25.3, 0.002),
      squareRing(111.4095, 25.3, 0.0003, true),
      squareRing(111.4105, 25.3005, 0.0003, true),
    ],
  ],
};
// An island inside the hole of the first part: inside the first outer ring, yet its own part.
const islandInHole: AreaGeometry = {
  type: 'MultiPolygon',
  coordinates: [
    [squareRing(111.5, 25.4, 0.003), squareRing(111.5, 25.4, 0.0015, true)],
    [squareRing(111.5, 25.4, 0.0005)],
  ],
};

describe('coordinate text round trip (export → import)', () => {
  it('a two-part parcel comes back as a MultiPolygon of two parts, not a polygon with a hole', async () => {
    const [back] = await roundTrip([twoParts]);
    expectSameGeometry(back as AreaGeometry, twoParts);
  });

  it('a holed parcel comes back with its hole', async () => {
    const [back] = await roundTrip([holed]);
    expectSameGeometry(back as AreaGeometry, holed);
  });

  it('a multipart parcel with holes in both parts keeps each hole in its own part', async () => {
    const [back] = await roundTrip([twoHoledParts]);
    expectSameGeometry(back as AreaGeometry, twoHoledParts);
  });

  it('an island inside a hole is a part of its own', async () => {
    const [back] = await roundTrip([islandInHole]);
    expectSameGeometry(back as AreaGeometry, islandInHole);
  });

  it('several parcels in one file keep their own rings', async () => {
    const all = [holed, twoParts, twoHoledParts, islandInHole];
    const back = await roundTrip(all);
    for (const [i, g] of all.entries()) expectSameGeometry(back[i] as AreaGeometry, g);
  });
});

describe('groupRingsIntoPolygons', () => {
  it('a ring inside the latest outer ring is its hole; a disjoint ring starts a part', () => {
    const outer = squareRing(0, 0, 10);
    const hole = squareRing(0, 0, 2);
    const apart = squareRing(30, 0, 5);
    const holeOfApart = squareRing(30, 0, 1);
    expect(groupRingsIntoPolygons([outer, hole, apart, holeOfApart])).toEqual([
      [outer, hole],
      [apart, holeOfApart],
    ]);
    expect(groupRingsIntoPolygons([outer, apart, hole])).toEqual([[outer, hole], [apart]]);
  });
});
