import { GeoJSONVT } from '@maplibre/geojson-vt';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../shared/seeded-random';
import { PointOverview } from './point-overview';

const EXTENT = 4096;
const BUFFER = 64;

/** Random points over ~1.5° around a county, some exactly on z6 / z8 tile edges. */
function points(count: number): { id: number; lon: number; lat: number }[] {
  const random = mulberry32(11);
  const out = Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    lon: 109.6 + random() * 1.6,
    lat: 24.6 + random() * 1.4,
  }));
  // On the meridian of a z6 tile edge (x = 39/64 → 129.375 − 180 … the edge at 109.6875°E).
  out.push({ id: count + 1, lon: 109.6875, lat: 25 }, { id: count + 2, lon: 110.390625, lat: 25.5 });
  return out;
}

/** The same points cut by geojson-vt, the reference: id → [x, y] of each tile's point features. */
function reference(all: { id: number; lon: number; lat: number }[]) {
  const index = new GeoJSONVT(
    {
      type: 'FeatureCollection',
      features: all.map((p) => ({
        type: 'Feature',
        id: p.id,
        geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
        properties: { n: p.id },
      })),
    },
    { maxZoom: 10, indexMaxZoom: 5, extent: EXTENT, buffer: BUFFER },
  );
  return (z: number, x: number, y: number) =>
    new Map(
      (index.getTile(z, x, y)?.features ?? []).map((f) => [
        f.id as number,
        (f.geometry as unknown as number[][])[0] as number[],
      ]),
    );
}

const mine = (dots: PointOverview, z: number, x: number, y: number) =>
  new Map(dots.tileFeatures(z, x, y, EXTENT, BUFFER).map((f) => [f.id, f.geometry[0] as number[]]));

describe('PointOverview', () => {
  const all = points(3_000);
  const cut = reference(all);

  it('cuts every tile of z4–z10 over the points exactly as geojson-vt does: same points, same tile units, buffer included', () => {
    const dots = new PointOverview();
    for (const p of all) dots.set(p.id, p.lon, p.lat, { n: p.id });
    let compared = 0;
    for (const z of [4, 6, 8, 10]) {
      const n = 2 ** z;
      const fromX = Math.floor(((109.5 + 180) / 360) * n);
      const toX = Math.floor(((111.3 + 180) / 360) * n);
      const yOf = (lat: number) => {
        const r = (lat * Math.PI) / 180;
        return Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
      };
      for (let x = fromX; x <= toX; x++)
        for (let y = yOf(26.1); y <= yOf(24.5); y++) {
          const expected = cut(z, x, y);
          expect(mine(dots, z, x, y)).toEqual(expected);
          compared += expected.size;
        }
    }
    // The comparison covered points (a tile count that is not all empty tiles).
    expect(compared).toBeGreaterThan(all.length * 4);
  });

  it('moves, re-tags and removes dots', () => {
    const dots = new PointOverview();
    dots.set(1, 110.3, 25.3, { category: 'idle' });
    dots.set(2, 110.31, 25.31, { category: 'idle' });
    dots.set(1, 111.2, 25.9, { category: 'idle' });
    expect(dots.size).toBe(2);
    expect(dots.setTags(2, { category: 'inefficient' })).toBe(true);
    expect(dots.setTags(3, {})).toBe(false);
    const at = (lon: number, lat: number, z: number) => {
      const n = 2 ** z;
      const r = (lat * Math.PI) / 180;
      const x = Math.floor(((lon + 180) / 360) * n);
      const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
      return dots.tileFeatures(z, x, y, EXTENT, BUFFER);
    };
    expect(at(110.3, 25.3, 10).map((f) => [f.id, f.tags])).toEqual([[2, { category: 'inefficient' }]]);
    expect(at(111.2, 25.9, 10).map((f) => f.id)).toEqual([1]);
    expect(dots.delete(1)).toBe(true);
    expect(dots.delete(1)).toBe(false);
    expect(at(111.2, 25.9, 10)).toEqual([]);
    expect(dots.has(2)).toBe(true);
  });
});
