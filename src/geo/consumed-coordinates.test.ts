import { describe, expect, it } from 'vitest';
import { exportGeoJson } from '../io/export/geojson.export';
import { syntheticRecords } from '../io/export/sample-records';
import { exportShapefileZip } from '../io/export/shapefile.export';
import { importFiles } from '../io/import-files';
import { ConsumedCoordinates } from './consumed-coordinates';
import { flatRingOf, flatRingPolygon } from './flat-ring';
import { type AreaGeometry, polygonsOf } from './geometry.types';
import { type PackedGeometry, packPolygons, unpackGeometries } from './packed-geometry';

/** Geometries packed as the chunk codec packs them (flat rings copied from their array). */
function pack(geometries: readonly AreaGeometry[]): PackedGeometry {
  return packPolygons(
    geometries.map((g) => flatRingOf(g) ?? polygonsOf(g)),
    geometries.map((g) => g.type === 'MultiPolygon'),
  );
}

/** A square ring of `n` + 1 positions (closed) around x. */
function ring(x: number, n = 4): number[][] {
  const points = Array.from({ length: n }, (_, k) => {
    const a = (2 * Math.PI * k) / n;
    return [x + Math.cos(a) * 0.001, 25 + Math.sin(a) * 0.001];
  });
  return [...points, points[0] as number[]];
}

/** One-ring polygons flat in one array, in order, as an importer hands them over. */
function flatLayer(xs: readonly number[]): { geometries: AreaGeometry[]; array: Float64Array } {
  const rings = xs.map((x) => ring(x));
  const array = new Float64Array(rings.reduce((n, r) => n + 2 * r.length, 0));
  let at = 0;
  const geometries = rings.map((r) => {
    const start = at;
    for (const [x, y] of r) {
      array[2 * at] = x as number;
      array[2 * at + 1] = y as number;
      at++;
    }
    return flatRingPolygon(array, start, at);
  });
  return { geometries, array };
}

describe('copies of packed geometries over an importer’s consumed coordinates', () => {
  for (const format of ['zip', 'geojson'] as const) {
    it(`keeps every chunk of a ${format} layer exactly, over the array while later chunks are still read from it`, async () => {
      // The synthetic county has parcels with holes and of several parts (not flat) among the flat.
      const records = syntheticRecords(1_200);
      const bytes =
        format === 'zip'
          ? exportShapefileZip(records, {
              encoding: 'utf-8',
              crs: { kind: 'gauss-kruger', zone: 37, threeDegree: true, zonePrefix: true },
            }).zip
          : new TextEncoder().encode(exportGeoJson(records));
      const read = await importFiles([{ name: `county.${format}`, bytes }]);
      // The same layer read again, never copied over: what every chunk must keep.
      const again = await importFiles([{ name: `county.${format}`, bytes }]);
      const untouched = (again.layers[0]?.features ?? []).map((f) => f.geometry);
      const features = read.layers[0]?.features ?? [];
      const geometries = features.map((f) => f.geometry);
      expect(geometries.filter((g) => flatRingOf(g)).length).toBeGreaterThan(geometries.length / 2);
      expect(geometries.filter((g) => !flatRingOf(g)).length).toBeGreaterThan(10);
      const array = (flatRingOf(geometries.find((g) => flatRingOf(g))) as { coords: Float64Array }).coords;
      const keeper = new ConsumedCoordinates();
      const kept: PackedGeometry[] = [];
      const expected: AreaGeometry[] = [];
      for (let start = 0; start < geometries.length; start += 100) {
        // Packed just before it is kept, as the write does: from the array as it is by then.
        const chunk = geometries.slice(start, start + 100);
        const packed = pack(chunk);
        expected.push(...unpackGeometries(pack(untouched.slice(start, start + 100))));
        kept.push(keeper.keep(packed, chunk));
        // The packed arrays are freed after the hand-over: the copy shares none of them.
        (packed.coords as Float64Array).fill(Number.NaN);
        (packed.ringEnds as Int32Array).fill(0);
        (packed.polygonEnds as Int32Array).fill(0);
        (packed.geometryEnds as Int32Array).fill(0);
      }
      // A copy's ends are views of one buffer of its own (one buffer to move instead of three).
      for (const g of kept) {
        const { buffer } = g.ringEnds as Int32Array;
        expect((g.polygonEnds as Int32Array).buffer).toBe(buffer);
        expect((g.geometryEnds as Int32Array).buffer).toBe(buffer);
        expect(buffer).not.toBe((g.coords as Float64Array).buffer);
      }
      expect(kept.flatMap(unpackGeometries)).toEqual(expected);
      expect(expected).toEqual(records.map((r) => expect.objectContaining({ type: r.geometry.type })));
      // Copies went over the importer's array one after another from its start; a chunk whose last
      // parcels are not flat (their positions' end unknown) was copied afresh.
      const over = kept.filter((g) => (g.coords as Float64Array).buffer === array.buffer);
      const positions = over.reduce((n, g) => n + g.coords.length / 2, 0);
      expect(keeper.positionsReused).toBe(positions);
      expect(over.length).toBeGreaterThan(kept.length / 2);
      let at = 0;
      for (const g of over) {
        expect((g.coords as Float64Array).byteOffset).toBe(array.byteOffset + at * 16);
        at += g.coords.length / 2;
      }
    });
  }

  it('copies afresh a chunk whose copy would pass the end of its last flat ring, and leaves the array as it is', () => {
    const { geometries, array } = flatLayer([110, 111]);
    const before = Array.from(array);
    // A polygon not in the array (a repaired ring, one with holes) after the flat one: 5 + 9 positions
    // would run into the second flat ring, not consumed yet.
    const other: AreaGeometry = { type: 'Polygon', coordinates: [ring(112, 8)] };
    const chunk = [geometries[0] as AreaGeometry, other];
    const keeper = new ConsumedCoordinates();
    const kept = keeper.keep(pack(chunk), chunk);
    expect((kept.coords as Float64Array).buffer).not.toBe(array.buffer);
    expect(Array.from(array)).toEqual(before);
    expect(keeper.positionsReused).toBe(0);
    expect(unpackGeometries(kept)).toEqual(unpackGeometries(pack(chunk)));
    // The next chunk still starts the array: its own ring ends further on.
    const next = [geometries[1] as AreaGeometry];
    const second = keeper.keep(pack(next), next);
    expect((second.coords as Float64Array).buffer).toBe(array.buffer);
    expect(unpackGeometries(second)).toEqual([{ type: 'Polygon', coordinates: [ring(111)] }]);
  });

  it('copies afresh a chunk with no flat ring, or with rings of another array than the first', () => {
    const first = flatLayer([110, 111]);
    const second = flatLayer([120]);
    const keeper = new ConsumedCoordinates();
    const none: AreaGeometry[] = [{ type: 'Polygon', coordinates: [ring(100)] }];
    expect((keeper.keep(pack(none), none).coords as Float64Array).buffer).not.toBe(first.array.buffer);
    const mixed = [first.geometries[0], second.geometries[0]] as AreaGeometry[];
    const kept = keeper.keep(pack(mixed), mixed);
    expect([first.array.buffer, second.array.buffer]).not.toContain((kept.coords as Float64Array).buffer);
    expect(unpackGeometries(kept)).toEqual(unpackGeometries(pack(mixed)));
    // Once it has taken one array, it takes no other.
    const one = [first.geometries[0]] as AreaGeometry[];
    expect((keeper.keep(pack(one), one).coords as Float64Array).buffer).toBe(first.array.buffer);
    const other = [second.geometries[0]] as AreaGeometry[];
    expect((keeper.keep(pack(other), other).coords as Float64Array).buffer).not.toBe(second.array.buffer);
  });
});
