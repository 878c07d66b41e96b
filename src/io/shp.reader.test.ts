import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RECORD_INVALID, RECORD_NULL, RECORD_OK, readShp } from './shp.reader';
import { square, writePolygonShp, type XYRing } from './testing/mini-shapefile';

const FIX = `${import.meta.dirname}/fixtures`;

/** Every .shp among the fixtures (made with GDAL's ogr2ogr), by name. */
function fixtureShps(): [string, Uint8Array][] {
  return readdirSync(FIX, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(`${FIX}/${d.name}`)
        .filter((f) => f.endsWith('.shp'))
        .map((f): [string, Uint8Array] => [
          `${d.name}/${f}`,
          new Uint8Array(readFileSync(`${FIX}/${d.name}/${f}`)),
        ]),
    );
}

/** A layer of varied records: multi-part, a hole, a null shape, 3 to 200 points. */
function variedLayer(): Uint8Array {
  const ring = (n: number, x: number, y: number, r: number): XYRing =>
    Array.from({ length: n + 1 }, (_, k) => {
      const a = (-(k % n) / n) * 2 * Math.PI;
      return [x + r * Math.cos(a), y + r * Math.sin(a)] as [number, number];
    });
  return writePolygonShp([
    [square(500000.125, 4000000.5, 30)],
    [ring(200, 500100, 4000100, 40), ring(7, 500100, 4000100, 5).reverse()],
    null,
    [ring(3, 500300, 4000300, 10), ring(12, 500400, 4000300, 10), ring(5, 500500, 4000300, 10)],
    [square(500600, 4000600, 1)],
  ]).shp;
}

const copyOf = (bytes: Uint8Array): Uint8Array => bytes.slice();

describe('readShp in place', () => {
  const cases: [string, Uint8Array][] = [['varied', variedLayer()], ...fixtureShps()];

  it.each(cases)('%s: reads the same as into a new array, as a view of the input', (_name, bytes) => {
    const expected = readShp(copyOf(bytes));
    const input = copyOf(bytes);
    const inPlace = readShp(input, { inPlace: true });
    expect(inPlace.coords.buffer).toBe(input.buffer);
    expect(inPlace.coords.byteOffset).toBe(0);
    expect(Array.from(inPlace.coords)).toEqual(Array.from(expected.coords));
    expect(inPlace.coords.length).toBeGreaterThan(0);
    expect(Array.from(inPlace.partStart)).toEqual(Array.from(expected.partStart));
    expect(Array.from(inPlace.recordPartStart)).toEqual(Array.from(expected.recordPartStart));
    expect(Array.from(inPlace.recordStatus)).toEqual(Array.from(expected.recordStatus));
    expect(inPlace.problems).toEqual(expected.problems);
  });

  it('gathers the points of every record, a null record and a cut record included', () => {
    const whole = variedLayer();
    // Cut inside the last record: it is dropped, and the file is reported truncated.
    const cut = whole.slice(0, whole.length - 10);
    const read = readShp(cut, { inPlace: true });
    expect(read.truncated).toBe(true);
    expect(read.records).toBe(4);
    expect(Array.from(read.recordStatus)).toEqual([RECORD_OK, RECORD_OK, RECORD_NULL, RECORD_OK]);
    // The first point of the second record (after the 5 of the square) is its ring's first point.
    expect(read.coords[10]).toBeCloseTo(500140, 9);
    expect(read.coords[11]).toBeCloseTo(4000100, 9);
    // The last point of the fourth record closes its last ring.
    const last = read.coords.length / 2 - 1;
    expect(read.coords[2 * last]).toBeCloseTo(500510, 9);
    expect(read.coords[2 * last + 1]).toBeCloseTo(4000300, 9);
    expect(RECORD_INVALID).not.toBe(RECORD_OK);
  });

  it('copies instead when the bytes do not start on an 8-byte boundary, leaving them as they were', () => {
    const bytes = variedLayer();
    const holder = new Uint8Array(bytes.length + 4);
    holder.set(bytes, 4);
    const input = holder.subarray(4);
    const before = input.slice();
    const read = readShp(input, { inPlace: true });
    expect(read.coords.buffer).not.toBe(holder.buffer);
    expect(input).toEqual(before);
    expect(Array.from(read.coords)).toEqual(Array.from(readShp(bytes).coords));
  });

  it('leaves the input untouched without inPlace', () => {
    const bytes = variedLayer();
    const before = bytes.slice();
    readShp(bytes);
    expect(bytes).toEqual(before);
  });
});
