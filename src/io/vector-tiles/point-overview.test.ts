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

/** The points cut by geojson-vt, the reference. */
function referenceIndex(all: { id: number; lon: number; lat: number }[]): GeoJSONVT {
  return new GeoJSONVT(
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
}

/** The same points cut by geojson-vt: id → [x, y] of each tile's point features. */
function reference(all: { id: number; lon: number; lat: number }[]) {
  const index = referenceIndex(all);
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

describe('PointOverview merging crowded dots', () => {
  /** Every fifth point flagged with a kind of 1–3 (the tags say which). */
  const all = points(3_000).map((p) => ({ ...p, flag: p.id % 5 === 0 ? 1 + (p.id % 3) : 0 }));
  const kind = (tags: object) => (tags as { flag: number }).flag;
  const dots = new PointOverview();
  for (const p of all) dots.set(p.id, p.lon, p.lat, { n: p.id, flag: p.flag });
  const flagOf = new Map(all.map((p) => [p.id, p.flag]));

  it("is geojson-vt's cut grouped by cell and kind: one dot per group at the cell's centre, with the group's last point, flagged dots last", () => {
    const index = referenceIndex(all);
    // 256 cells of 16 units: the 64-unit buffer is whole cells, the same band geojson-vt keeps.
    const cell = EXTENT / 256;
    let merged = 0;
    let before = 0;
    for (const z of [4, 7, 10]) {
      const n = 2 ** z;
      const t = (lon: number, lat: number) => {
        const r = (lat * Math.PI) / 180;
        return {
          x: Math.floor(((lon + 180) / 360) * n),
          y: Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n),
        };
      };
      const from = t(109.5, 26.1);
      const to = t(111.3, 24.5);
      for (let x = from.x; x <= to.x; x++)
        for (let y = from.y; y <= to.y; y++) {
          const expected = new Map<string, { id: number; at: number[] }>();
          for (const f of index.getTile(z, x, y)?.features ?? []) {
            const [px, py] = (f.geometry as unknown as number[][])[0] as [number, number];
            const cx = Math.floor(px / cell);
            const cy = Math.floor(py / cell);
            expected.set(`${cx}/${cy}/${flagOf.get(f.id as number)}`, {
              id: f.id as number,
              at: [cx * cell + cell / 2, cy * cell + cell / 2],
            });
          }
          const got = dots.tileFeatures(z, x, y, EXTENT, BUFFER, { cells: 256, kind });
          expect(new Map(got.map((f) => [f.id, f.geometry[0]]))).toEqual(
            new Map([...expected.values()].map((e) => [e.id, e.at])),
          );
          const kinds = got.map((f) => kind(f.tags));
          const firstFlagged = kinds.findIndex((k) => k !== 0);
          if (firstFlagged >= 0) expect(kinds.slice(firstFlagged).every((k) => k !== 0)).toBe(true);
          merged += got.length;
          before += index.getTile(z, x, y)?.features.length ?? 0;
        }
    }
    // Some tiles were crowded enough to merge, and the comparison covered dots.
    expect(merged).toBeGreaterThan(1000);
    expect(merged).toBeLessThan(before * 0.8);
  });

  it('draws a cell on the edge between two tiles the same in both, also when the cells do not divide the extent', () => {
    const crowd = new PointOverview();
    const random = mulberry32(5);
    // 2,000 points within ~0.05° of the meridian between two z8 tiles (x = 204 | 205 at 108.28125°E), y = 109.
    for (let i = 1; i <= 2_000; i++)
      crowd.set(i, 108.28125 + (random() - 0.5) * 0.05, 25 + random() * 0.3, {
        n: i,
        flag: i % 7 === 0 ? 1 : 0,
      });
    const z = 8;
    const y = 109;
    const cells = 171;
    const padCells = Math.ceil((BUFFER * cells) / EXTENT);
    const band = (x: number) => {
      const out = new Map<string, { id: number; at: number[] }>();
      for (const f of crowd.tileFeatures(z, x, y, EXTENT, BUFFER, { cells, kind })) {
        const [px, py] = f.geometry[0] as [number, number];
        // The ground cell: the tile's cell index plus the cells of the tiles to its left.
        const gx = Math.floor((px * cells) / EXTENT) + x * cells;
        const gy = Math.floor((py * cells) / EXTENT);
        if (gx < 205 * cells - padCells || gx >= 205 * cells + padCells) continue;
        out.set(`${gx}/${gy}/${kind(f.tags)}`, { id: f.id, at: [px + (x - 204) * EXTENT, py] });
      }
      return out;
    };
    const left = band(204);
    expect(left.size).toBeGreaterThan(100);
    expect(band(205)).toEqual(left);
  });
});
