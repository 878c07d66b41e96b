import { area as turfArea } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import type { AreaGeometry } from '../geometry.types';
import { ellipsoidalAreaM2 } from './ellipsoidal-area';
import referenceJson from './fixtures/area-reference.fixture.json';
import type { AreaReferenceFixture } from './fixtures/make-reference';
import { exactGeodesicAreaM2 } from './geodesic-area.reference';

const reference = referenceJson as unknown as AreaReferenceFixture;

/** The accuracy the app promises for official areas (RELIABILITY §F test 58). */
const tolerance = (areaM2: number) => Math.max(1e-6 * areaM2, 0.01);

describe('ellipsoidalAreaM2 against GeographicLib Planimeter (independent C++)', () => {
  it('has a fixture of ~200 parcels at 20°, 30°, 40° and 50°N of every kind', () => {
    expect(reference.parcels.length).toBeGreaterThanOrEqual(200);
    expect(new Set(reference.parcels.map((p) => p.latitude))).toEqual(new Set([20, 30, 40, 50]));
    expect(new Set(reference.parcels.map((p) => p.kind))).toEqual(
      new Set(['ordinary', 'thin', 'large', 'holed', 'multipart', 'clockwise']),
    );
  });

  it.each(reference.parcels.map((p) => [p.id, p] as const))(
    'fast area of %s within tolerance',
    (_id, parcel) => {
      const area = ellipsoidalAreaM2(parcel.geometry);
      expect(Math.abs(area - parcel.areaM2)).toBeLessThanOrEqual(tolerance(parcel.areaM2));
    },
  );

  it.each(reference.parcels.map((p) => [p.id, p] as const))(
    'exact area of %s within tolerance',
    (_id, parcel) => {
      const area = exactGeodesicAreaM2(parcel.geometry);
      expect(Math.abs(area - parcel.areaM2)).toBeLessThanOrEqual(tolerance(parcel.areaM2));
    },
  );

  it('holds 0.01 m² on 1-亩 parcels', () => {
    const small = reference.parcels.filter((p) => p.areaM2 < 2000);
    expect(small.length).toBeGreaterThan(5);
    for (const parcel of small)
      expect(Math.abs(ellipsoidalAreaM2(parcel.geometry) - parcel.areaM2)).toBeLessThan(0.01);
  });
});

describe('ellipsoidalAreaM2 conventions', () => {
  const square: AreaGeometry = {
    type: 'Polygon',
    coordinates: [
      [
        [110.3, 25.3],
        [110.301, 25.3],
        [110.301, 25.301],
        [110.3, 25.301],
        [110.3, 25.3],
      ],
    ],
  };
  const hole = [
    [110.3004, 25.3004],
    [110.3006, 25.3004],
    [110.3006, 25.3006],
    [110.3004, 25.3006],
    [110.3004, 25.3004],
  ];

  it('does not depend on winding or on the closing position', () => {
    const outer = square.coordinates[0] as number[][];
    const reversed: AreaGeometry = { type: 'Polygon', coordinates: [[...outer].reverse()] };
    const open: AreaGeometry = { type: 'Polygon', coordinates: [outer.slice(0, 4)] };
    const a = ellipsoidalAreaM2(square);
    expect(ellipsoidalAreaM2(reversed)).toBeCloseTo(a, 6);
    expect(ellipsoidalAreaM2(open)).toBeCloseTo(a, 6);
  });

  it('subtracts holes of either winding', () => {
    const outer = square.coordinates[0] as number[][];
    const holeArea = ellipsoidalAreaM2({ type: 'Polygon', coordinates: [hole] });
    const whole = ellipsoidalAreaM2(square);
    for (const ring of [hole, [...hole].reverse()]) {
      expect(ellipsoidalAreaM2({ type: 'Polygon', coordinates: [outer, ring] })).toBeCloseTo(
        whole - holeArea,
        6,
      );
    }
  });

  it('sums the parts of a MultiPolygon', () => {
    const shifted = (square.coordinates[0] as number[][]).map(([x = 0, y = 0]) => [x + 0.01, y]);
    const multi: AreaGeometry = { type: 'MultiPolygon', coordinates: [square.coordinates, [shifted]] };
    expect(ellipsoidalAreaM2(multi)).toBeCloseTo(
      ellipsoidalAreaM2(square) + ellipsoidalAreaM2({ type: 'Polygon', coordinates: [shifted] }),
      6,
    );
  });
});

describe('turf.area is not good enough for official areas', () => {
  it('differs from the ellipsoidal reference by more than 0.1 % at 40° and 50°N', () => {
    for (const parcel of reference.parcels.filter((p) => p.latitude >= 40 && p.kind !== 'large')) {
      const spherical = turfArea({ type: 'Feature', properties: {}, geometry: parcel.geometry });
      expect(Math.abs(spherical - parcel.areaM2) / parcel.areaM2).toBeGreaterThan(0.001);
    }
  });
});
