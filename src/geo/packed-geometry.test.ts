import { describe, expect, it } from 'vitest';
import { type FlatRing, flatRingOf, flatRingPolygon } from './flat-ring';
import { type AreaGeometry, bboxOf, polygonsOf, type Ring } from './geometry.types';
import { packedBBox, packedCount, packPolygons, unpackGeometries, unpackGeometry } from './packed-geometry';

const square = (x: number, y: number, half: number, clockwise = false): Ring => {
  const ring: Ring = [
    [x - half, y - half],
    [x + half, y - half],
    [x + half, y + half],
    [x - half, y + half],
    [x - half, y - half],
  ];
  return clockwise ? ring.reverse() : ring;
};

const geometries: AreaGeometry[] = [
  { type: 'Polygon', coordinates: [square(110.3, 25.3, 0.001)] },
  // A hole: the box is the outer ring's.
  { type: 'Polygon', coordinates: [square(110.31, 25.31, 0.002), square(110.31, 25.31, 0.0005, true)] },
  // Three parts, the second with a hole; the box spans every outer ring.
  {
    type: 'MultiPolygon',
    coordinates: [
      [square(110.4, 25.4, 0.001)],
      [square(110.42, 25.38, 0.003), square(110.42, 25.38, 0.001, true)],
      [square(110.35, 25.45, 0.0005)],
    ],
  },
  { type: 'Polygon', coordinates: [] },
  { type: 'MultiPolygon', coordinates: [[square(-73.9, 40.7, 0.01)]] },
];
const pack = (list: AreaGeometry[]) =>
  packPolygons(
    list.map(polygonsOf),
    list.map((g) => g.type === 'MultiPolygon'),
  );

describe('packed geometries', () => {
  it('unpack to the GeoJSON they were packed from: holes, parts, an empty polygon, one by one or all', () => {
    const packed = pack(geometries);
    expect(packedCount(packed)).toBe(geometries.length);
    expect(unpackGeometries(packed)).toEqual(geometries);
    // Any one, in any order (its starts are found from the ends before it).
    for (const g of [4, 2, 0, 3, 1]) expect(unpackGeometry(packed, g)).toEqual(geometries[g]);
  });

  it('give each geometry the bounding box of its outer rings, as bboxOf computes it from the GeoJSON', () => {
    const packed = pack(geometries);
    geometries.forEach((geometry, g) => {
      expect(packedBBox(packed, g)).toEqual(bboxOf(geometry));
    });
    // Written out for the three-part geometry: its parts' outer squares, not its hole.
    const expected = [110.3495, 25.377, 110.423, 25.4505];
    packedBBox(packed, 2).forEach((value, i) => {
      expect(value).toBeCloseTo(expected[i] as number, 10);
    });
  });

  it('hold every position in one Float64Array and keep x, y only', () => {
    const withZ: AreaGeometry = {
      type: 'Polygon',
      coordinates: [
        [
          [1, 2, 30],
          [3, 2, 30],
          [3, 4, 30],
          [1, 2, 30],
        ],
      ],
    };
    const packed = pack([withZ]);
    expect(packed.coords).toBeInstanceOf(Float64Array);
    expect(Array.from(packed.coords)).toEqual([1, 2, 3, 2, 3, 4, 1, 2]);
    expect(unpackGeometry(packed, 0)).toEqual({
      type: 'Polygon',
      coordinates: [
        [
          [1, 2],
          [3, 2],
          [3, 4],
          [1, 2],
        ],
      ],
    });
  });

  it('copy flat rings as the GeoJSON they stand for: runs of one array, gaps, other arrays, nested between', () => {
    // One array holding rings back to back, then after a gap, and a second array: as an importer
    // leaves them (rings in record order), and as packing must not assume them.
    const rings = [0, 1, 2, 3, 4, 5].map((k) => square(110 + k * 0.01, 25 + k * 0.002, 0.001 * (k + 1)));
    const first = new Float64Array(2 * 40).fill(Number.NaN);
    const second = new Float64Array(2 * 10).fill(Number.NaN);
    const place = (into: Float64Array, at: number, ring: Ring) => {
      ring.forEach((p, i) => {
        into[(at + i) * 2] = p[0] as number;
        into[(at + i) * 2 + 1] = p[1] as number;
      });
      return flatRingPolygon(into, at, at + ring.length);
    };
    const flatOnes = [
      place(first, 0, rings[0] as Ring),
      place(first, 5, rings[1] as Ring),
      place(first, 10, rings[2] as Ring),
      // A gap of 3 positions, then a ring of the other array, then back to the first right after.
      place(first, 18, rings[3] as Ring),
      place(second, 2, rings[4] as Ring),
      place(first, 23, rings[5] as Ring),
    ];
    const list = [
      flatOnes[0],
      flatOnes[1],
      geometries[1] as AreaGeometry,
      flatOnes[2],
      flatOnes[3],
      flatOnes[4],
      geometries[3] as AreaGeometry,
      flatOnes[5],
      // The same ring twice in a row: not a run (it does not follow itself).
      flatOnes[5],
    ] as AreaGeometry[];
    const asFlat = packPolygons(
      list.map((g) => flatRingOf(g) ?? polygonsOf(g)) as (Ring[][] | FlatRing)[],
      list.map((g) => g.type === 'MultiPolygon'),
    );
    const asNested = [...rings.map((r) => [r]), ...rings.slice(5).map((r) => [r])];
    const expected: AreaGeometry[] = [
      { type: 'Polygon', coordinates: asNested[0] as Ring[] },
      { type: 'Polygon', coordinates: asNested[1] as Ring[] },
      geometries[1] as AreaGeometry,
      { type: 'Polygon', coordinates: asNested[2] as Ring[] },
      { type: 'Polygon', coordinates: asNested[3] as Ring[] },
      { type: 'Polygon', coordinates: asNested[4] as Ring[] },
      geometries[3] as AreaGeometry,
      { type: 'Polygon', coordinates: asNested[5] as Ring[] },
      { type: 'Polygon', coordinates: asNested[5] as Ring[] },
    ];
    expect(unpackGeometries(asFlat)).toEqual(expected);
    expect(Array.from(asFlat.coords)).toEqual(Array.from(pack(expected).coords));
    expect(Array.from(asFlat.coords).some(Number.isNaN)).toBe(false);
  });
});
