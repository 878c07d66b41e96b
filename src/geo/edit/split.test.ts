import { area as turfArea } from '@turf/turf';
import geographiclib from 'geographiclib-geodesic';
import { describe, expect, it } from 'vitest';
import { ellipsoidalAreaM2, exactGeodesicAreaM2 } from '../area';
import { FLATTENING, SEMI_MAJOR_AXIS_M } from '../area/ellipsoid.constants';
import type { AreaGeometry, PolygonGeometry, Position } from '../geometry.types';
import { polygonsOf } from '../geometry.types';
import { validateAreaGeometry } from '../validity';
import { splitByLine } from './split';

const geodesic = new geographiclib.Geodesic.Geodesic(SEMI_MAJOR_AXIS_M, FLATTENING);

// ~1 m in degrees near 25°N (lon, lat).
const M_LON = 1 / (111_320 * Math.cos((25.3 * Math.PI) / 180));
const M_LAT = 1 / 110_700;
const at = (x: number, y: number): Position => [110.3 + x * M_LON, 25.3 + y * M_LAT];
const ring = (pts: [number, number][]): Position[] =>
  [...pts, pts[0] as [number, number]].map(([x, y]) => at(x, y));
const square = (x0: number, y0: number, size: number): Position[] =>
  ring([
    [x0, y0],
    [x0 + size, y0],
    [x0 + size, y0 + size],
    [x0, y0 + size],
  ]);
const line = (pts: [number, number][]): Position[] => pts.map(([x, y]) => at(x, y));

function parts(geometry: AreaGeometry, cut: Position[]): AreaGeometry[] {
  const result = splitByLine(geometry, cut);
  if (!result.ok) throw new Error(`split failed: ${result.error}`);
  return result.parts;
}

/** Sum of parts = whole, with our area function, GeographicLib, and the part shares against turf's. */
function expectAreasAddUp(whole: AreaGeometry, pieces: AreaGeometry[]): void {
  const ours = ellipsoidalAreaM2(whole);
  const sumOurs = pieces.reduce((s, p) => s + ellipsoidalAreaM2(p), 0);
  expect(Math.abs(sumOurs - ours) / ours).toBeLessThan(1e-6);
  const exact = exactGeodesicAreaM2(whole);
  const sumExact = pieces.reduce((s, p) => s + exactGeodesicAreaM2(p), 0);
  expect(Math.abs(sumExact - exact) / exact).toBeLessThan(1e-6);
  // Turf (spherical, independent code): parts add up and each part's share agrees with ours, to
  // 1e-5: turf's edges are not geodesics, so a cut point on the geodesic edge sits ~0.4 mm off
  // turf's edge on a 200 m parcel (~1e-6 of its area).
  const turfWhole = turfArea(whole);
  const sumTurf = pieces.reduce((s, p) => s + turfArea(p), 0);
  expect(Math.abs(sumTurf - turfWhole) / turfWhole).toBeLessThan(1e-5);
  for (const piece of pieces) {
    expect(Math.abs(turfArea(piece) / turfWhole - ellipsoidalAreaM2(piece) / ours)).toBeLessThan(1e-5);
  }
  for (const piece of pieces) expect(validateAreaGeometry(piece, { geographic: true }).valid).toBe(true);
}

/** Metres from p to the geodesic a–b, by GeographicLib: the detour a→p→b minus a→b is ~0 on it. */
function detourM(a: Position, p: Position, b: Position): number {
  const s = (u: Position, v: Position) =>
    geodesic.Inverse(u[1] as number, u[0] as number, v[1] as number, v[0] as number).s12 ?? Number.NaN;
  return s(a, p) + s(p, b) - s(a, b);
}

const vertices = (g: AreaGeometry) =>
  polygonsOf(g)
    .flat(2)
    .map((p) => `${p[0]},${p[1]}`);

describe('splitByLine', () => {
  const parcel: PolygonGeometry = { type: 'Polygon', coordinates: [square(0, 0, 200)] };

  it('cuts a square in two along a line across it; areas add up; new vertices on the old edges', () => {
    const pieces = parts(
      parcel,
      line([
        [80, -20],
        [120, 220],
      ]),
    );
    expect(pieces).toHaveLength(2);
    expectAreasAddUp(parcel, pieces);
    // Each piece keeps two of the square's corners exactly.
    const corners = new Set(vertices(parcel));
    for (const piece of pieces) expect(new Set(vertices(piece).filter((v) => corners.has(v))).size).toBe(2);
    // The two cut points are shared exactly by both pieces and lie on the square's bottom/top edges.
    const [a, b] = pieces as [AreaGeometry, AreaGeometry];
    const shared = [...new Set(vertices(a))].filter((v) => vertices(b).includes(v) && !corners.has(v));
    expect(shared).toHaveLength(2);
    const points = shared.map((v) => v.split(',').map(Number) as Position);
    const bottom = points.find((p) => (p[1] as number) < 25.3 + 100 * M_LAT) as Position;
    const top = points.find((p) => (p[1] as number) > 25.3 + 100 * M_LAT) as Position;
    expect(detourM(at(0, 0), bottom, at(200, 0))).toBeLessThan(1e-6);
    expect(detourM(at(200, 200), top, at(0, 200))).toBeLessThan(1e-6);
    // Roughly where an independent flat estimate puts them: 83.3 m and 116.7 m along x.
    expect(((bottom[0] as number) - 110.3) / M_LON).toBeCloseTo(83.33, 0);
    expect(((top[0] as number) - 110.3) / M_LON).toBeCloseTo(116.67, 0);
  });

  it('cuts along a diagonal through two corners: two triangles with GeographicLib areas', () => {
    const pieces = parts(
      parcel,
      line([
        [-10, -10],
        [0, 0],
        [200, 200],
        [210, 210],
      ]),
    );
    expect(pieces).toHaveLength(2);
    expectAreasAddUp(parcel, pieces);
    const lower: PolygonGeometry = {
      type: 'Polygon',
      coordinates: [
        ring([
          [0, 0],
          [200, 0],
          [200, 200],
        ]),
      ],
    };
    const areas = pieces.map(exactGeodesicAreaM2).sort((x, y) => x - y);
    const expected = [
      exactGeodesicAreaM2(lower),
      exactGeodesicAreaM2(parcel) - exactGeodesicAreaM2(lower),
    ].sort((x, y) => x - y);
    expect(areas[0]).toBeCloseTo(expected[0] as number, 3);
    expect(areas[1]).toBeCloseTo(expected[1] as number, 3);
    for (const piece of pieces) expect(polygonsOf(piece)[0]?.[0]).toHaveLength(4);
  });

  it('refuses a line that misses the parcel', () => {
    expect(
      splitByLine(
        parcel,
        line([
          [300, 0],
          [300, 200],
        ]),
      ),
    ).toEqual({ ok: false, error: 'line-misses' });
  });

  it('refuses a line that only touches a vertex', () => {
    expect(
      splitByLine(
        parcel,
        line([
          [150, 250],
          [200, 200],
          [250, 150],
        ]),
      ),
    ).toEqual({
      ok: false,
      error: 'line-not-through',
    });
  });

  it('refuses a line that ends inside the parcel', () => {
    expect(
      splitByLine(
        parcel,
        line([
          [100, -20],
          [100, 150],
        ]),
      ),
    ).toEqual({ ok: false, error: 'line-not-through' });
  });

  it('refuses a line of one point', () => {
    expect(
      splitByLine(
        parcel,
        line([
          [1, 1],
          [1, 1],
        ]),
      ),
    ).toEqual({ ok: false, error: 'line-too-short' });
  });

  it('crosses a hole: the hole opens into both parts, areas add up', () => {
    const holed: PolygonGeometry = {
      type: 'Polygon',
      coordinates: [square(0, 0, 200), square(60, 60, 80).reverse()],
    };
    const pieces = parts(
      holed,
      line([
        [100, -10],
        [100, 210],
      ]),
    );
    expect(pieces).toHaveLength(2);
    expectAreasAddUp(holed, pieces);
    for (const piece of pieces) {
      expect(piece.type).toBe('Polygon');
      expect(polygonsOf(piece)[0]).toHaveLength(1);
    }
    // Each half is the 100 × 200 strip minus half the hole: 20,000 − 3,200 m² (flat estimate).
    for (const piece of pieces) expect(ellipsoidalAreaM2(piece) / 16_800).toBeCloseTo(1, 2);
  });

  it('refuses a line from outside into a hole: it opens the ring but divides nothing', () => {
    const holed: PolygonGeometry = {
      type: 'Polygon',
      coordinates: [square(0, 0, 200), square(60, 60, 80).reverse()],
    };
    expect(
      splitByLine(
        holed,
        line([
          [100, -10],
          [100, 100],
        ]),
      ),
    ).toEqual({ ok: false, error: 'line-not-through' });
  });

  it('ignores a loose tail inside the parcel', () => {
    const pieces = parts(
      parcel,
      line([
        [-10, 150],
        [210, 150],
        [210, 80],
        [120, 80],
      ]),
    );
    expect(pieces).toHaveLength(2);
    expectAreasAddUp(parcel, pieces);
  });

  it('a tail that runs into a hole leaves the hole whole in its part', () => {
    const holed: PolygonGeometry = {
      type: 'Polygon',
      coordinates: [square(0, 0, 200), square(60, 60, 40).reverse()],
    };
    const pieces = parts(
      holed,
      line([
        [-10, 150],
        [210, 150],
        [210, 80],
        [80, 80],
      ]),
    );
    expect(pieces).toHaveLength(2);
    expectAreasAddUp(holed, pieces);
  });

  it('keeps a hole the line does not touch in the part around it', () => {
    const holed: PolygonGeometry = {
      type: 'Polygon',
      coordinates: [square(0, 0, 200), square(20, 20, 40).reverse()],
    };
    const pieces = parts(
      holed,
      line([
        [150, -10],
        [150, 210],
      ]),
    );
    expect(pieces).toHaveLength(2);
    expectAreasAddUp(holed, pieces);
    const rings = pieces.map((p) => polygonsOf(p)[0]?.length).sort();
    expect(rings).toEqual([1, 2]);
  });

  it('cuts one part of a MultiPolygon; the other part joins the piece on its side', () => {
    const multi: AreaGeometry = {
      type: 'MultiPolygon',
      coordinates: [[square(0, 0, 100)], [square(300, -100, 100)]],
    };
    const pieces = parts(
      multi,
      line([
        [-10, 50],
        [110, 50],
      ]),
    );
    expect(pieces).toHaveLength(2);
    expectAreasAddUp(multi, pieces);
    // The line runs east: the far square lies south-east, right of it, and goes with the lower half.
    const withPart = pieces.find((p) => p.type === 'MultiPolygon') as AreaGeometry;
    expect(withPart).toBeDefined();
    const lowestLat = Math.min(...(polygonsOf(withPart)[0]?.[0] ?? []).map((p) => p[1] as number));
    expect(lowestLat).toBeCloseTo(25.3, 9);
  });

  it('cuts a MultiPolygon through both parts into two two-part pieces', () => {
    const multi: AreaGeometry = {
      type: 'MultiPolygon',
      coordinates: [[square(0, 0, 100)], [square(200, 0, 100)]],
    };
    const pieces = parts(
      multi,
      line([
        [-10, 50],
        [310, 50],
      ]),
    );
    expect(pieces).toHaveLength(4);
    expectAreasAddUp(multi, pieces);
  });

  it('a line crossing twice (a U) cuts three pieces', () => {
    const pieces = parts(
      parcel,
      line([
        [50, -10],
        [50, 100],
        [150, 100],
        [150, -10],
      ]),
    );
    expect(pieces).toHaveLength(2);
    expectAreasAddUp(parcel, pieces);
    const zigzag = parts(
      parcel,
      line([
        [50, -10],
        [50, 210],
        [150, 210],
        [150, -10],
      ]),
    );
    expect(zigzag).toHaveLength(3);
    expectAreasAddUp(parcel, zigzag);
  });

  it('a line along an edge and then across cuts along the edge exactly', () => {
    const pieces = parts(
      parcel,
      line([
        [0, -10],
        [0, 100],
        [210, 100],
      ]),
    );
    expect(pieces).toHaveLength(2);
    expectAreasAddUp(parcel, pieces);
  });

  it('works with a clockwise outer ring and a concave parcel the line leaves and re-enters', () => {
    const u: PolygonGeometry = {
      type: 'Polygon',
      coordinates: [
        ring([
          [0, 0],
          [0, 200],
          [60, 200],
          [60, 60],
          [140, 60],
          [140, 200],
          [200, 200],
          [200, 0],
        ]),
      ],
    };
    const pieces = parts(
      u,
      line([
        [-10, 120],
        [210, 120],
      ]),
    );
    expect(pieces).toHaveLength(3);
    expectAreasAddUp(u, pieces);
  });
});
