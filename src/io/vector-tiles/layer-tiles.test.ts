import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { describe, expect, it } from 'vitest';
import type { AreaGeometry } from '../../geo/geometry.types';
import { LayerTiles, OVERVIEW_DOT_CELLS, TILE_EXTENT, TILE_LAYER } from './layer-tiles';
import type { MapFeature } from './map-features';

/** The slippy-map tile holding lon/lat at zoom z (the standard Web Mercator formula, written out here). */
function tileOf(lon: number, lat: number, z: number): { x: number; y: number } {
  const n = 2 ** z;
  const x = Math.floor(((lon + 180) / 360) * n);
  const r = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
  return { x, y };
}

/** A ~100 m hexagon-ish parcel at (lon, lat). */
function parcel(id: number, lon: number, lat: number, category = 'idle'): MapFeature {
  const ring: [number, number][] = [];
  for (let i = 0; i < 7; i++) {
    const a = ((i % 6) / 6) * 2 * Math.PI;
    ring.push([lon + 0.0006 * Math.cos(a), lat + 0.0005 * Math.sin(a)]);
  }
  return {
    type: 'Feature',
    id,
    geometry: { type: 'Polygon', coordinates: [ring] } as AreaGeometry,
    properties: {
      category,
      status: 'to-verify',
      conflict: id % 2 === 0,
      outside: false,
      boundaryError: false,
    },
  };
}

function decode(bytes: Uint8Array | null, z: number, x: number, y: number) {
  if (!bytes) return [];
  const layer = new VectorTile(new PbfReader(bytes)).layers[TILE_LAYER];
  const out = [];
  for (let i = 0; i < (layer?.length ?? 0); i++) {
    const f = layer?.feature(i);
    if (f) out.push({ id: f.id, properties: f.properties, geojson: f.toGeoJSON(x, y, z), extent: f.extent });
  }
  return out;
}

describe('LayerTiles', () => {
  const a = parcel(1, 110.3, 25.3);
  const b = parcel(2, 110.31, 25.301, 'approved-not-supplied');

  it('cuts MVT tiles the reference reader decodes back to the parcels, ids and properties', () => {
    const tiles = new LayerTiles([a, b], { updateable: false });
    const z = 16;
    const { x, y } = tileOf(110.3, 25.3, z);
    const features = decode(tiles.tile(z, x, y), z, x, y);
    const first = features.find((f) => f.id === 1);
    expect(first?.extent).toBe(TILE_EXTENT);
    expect(first?.properties).toMatchObject({ category: 'idle', status: 'to-verify', conflict: false });
    // Every vertex comes back within the tile grid's resolution (z16: 4096 units ≈ 0.15 m here).
    const ring = (first?.geojson.geometry as GeoJSON.Polygon | undefined)?.coordinates[0] ?? [];
    const input = (a.geometry as GeoJSON.Polygon).coordinates[0] ?? [];
    expect(ring.length).toBe(input.length);
    for (const [lon, lat] of ring) {
      const nearest = Math.min(
        ...input.map(([ilon, ilat]) =>
          Math.hypot((lon as number) - (ilon as number), (lat as number) - (ilat as number)),
        ),
      );
      expect(nearest).toBeLessThan(2e-6);
    }
    // The other parcel lies ~1 km east: not in this z16 tile.
    expect(features.some((f) => f.id === 2)).toBe(false);
  });

  it('has no tile where there is nothing', () => {
    const tiles = new LayerTiles([a], { updateable: false });
    const { x, y } = tileOf(100, 30, 12);
    expect(tiles.tile(12, x, y)).toBeNull();
  });

  it('updates one feature: new properties, a moved geometry, a removal, an addition', () => {
    const tiles = new LayerTiles([a, b], { updateable: true });
    const z = 15;
    const at = tileOf(110.3, 25.3, z);
    const far = tileOf(110.4, 25.4, z);
    tiles.update({ update: [{ id: 1, properties: { category: 'inefficient' } }] });
    expect(
      decode(tiles.tile(z, at.x, at.y), z, at.x, at.y).find((f) => f.id === 1)?.properties.category,
    ).toBe('inefficient');
    expect(tiles.feature(1)?.category).toBe('inefficient');

    const moved = parcel(1, 110.4, 25.4).geometry;
    tiles.update({ update: [{ id: 1, geometry: moved, properties: { status: 'verified' } }] });
    expect(decode(tiles.tile(z, at.x, at.y), z, at.x, at.y).some((f) => f.id === 1)).toBe(false);
    const there = decode(tiles.tile(z, far.x, far.y), z, far.x, far.y).find((f) => f.id === 1);
    expect(there?.properties).toMatchObject({ category: 'inefficient', status: 'verified' });

    tiles.update({ remove: [1], add: [parcel(9, 110.3, 25.3, 'idle')] });
    expect(tiles.tile(z, far.x, far.y)).toBeNull();
    expect(tiles.feature(1)).toBeNull();
    expect(decode(tiles.tile(z, at.x, at.y), z, at.x, at.y).map((f) => f.id)).toContain(9);
  });

  it('keeps both parcels at a low zoom, in one tile', () => {
    const tiles = new LayerTiles([a, b], { updateable: false });
    const z = 8;
    const { x, y } = tileOf(110.3, 25.3, z);
    expect(
      decode(tiles.tile(z, x, y), z, x, y)
        .map((f) => f.id)
        .sort(),
    ).toEqual([1, 2]);
  });
});

describe('LayerTiles overview (parcel layers)', () => {
  /** A square parcel of `sizeM` metres at (lon, lat). */
  const square = (id: number, lon: number, lat: number, sizeM: number): MapFeature => {
    const dx = sizeM / (111_320 * Math.cos((lat * Math.PI) / 180)) / 2;
    const dy = sizeM / 110_574 / 2;
    return {
      type: 'Feature',
      id,
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [lon - dx, lat - dy],
            [lon + dx, lat - dy],
            [lon + dx, lat + dy],
            [lon - dx, lat + dy],
            [lon - dx, lat - dy],
          ],
        ],
      },
      properties: { category: 'idle' },
    };
  };
  const small = square(1, 110.3, 25.3, 150);
  const large = square(2, 110.35, 25.32, 1_500);

  it('draws small parcels as one point at their centre up to z10, as polygons from z11', () => {
    const tiles = new LayerTiles([small, large], { updateable: true, overview: true });
    const at10 = tileOf(110.3, 25.3, 10);
    const overview = decode(tiles.tile(10, at10.x, at10.y), 10, at10.x, at10.y);
    const dot = overview.find((f) => f.id === 1);
    expect(dot?.geojson.geometry.type).toBe('Point');
    const [lon, lat] = (dot?.geojson.geometry as GeoJSON.Point | undefined)?.coordinates ?? [];
    // At the centre of the overview cell holding the square's centre: within half a cell of it.
    const halfCell = 360 / 2 ** 10 / OVERVIEW_DOT_CELLS / 2;
    expect(Math.abs((lon ?? 0) - 110.3)).toBeLessThanOrEqual(halfCell);
    expect(Math.abs((lat ?? 0) - 25.3)).toBeLessThanOrEqual(halfCell);
    expect(overview.find((f) => f.id === 2)?.geojson.geometry.type).toBe('Polygon');
    expect(dot?.properties.category).toBe('idle');
    const at11 = tileOf(110.3, 25.3, 11);
    const detail = decode(tiles.tile(11, at11.x, at11.y), 11, at11.x, at11.y);
    expect(detail.find((f) => f.id === 1)?.geojson.geometry.type).toBe('Polygon');
  });

  it('merges a crowd of small parcels into one dot per overview cell, keeping each flagged parcel in a dot the filters find', () => {
    // The middle of one z8 overview cell (cells of ~0.008°, ~800 m): a 150 m crowd stays inside it.
    const z = 8;
    const across = 2 ** z * OVERVIEW_DOT_CELLS;
    const lon = ((Math.floor(((110.3 + 180) / 360) * across) + 0.5) / across) * 360 - 180;
    const mercatorY = (lat: number) => {
      const r = (lat * Math.PI) / 180;
      return (1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2;
    };
    const lat =
      (Math.atan(Math.sinh(Math.PI * (1 - 2 * ((Math.floor(mercatorY(25.3) * across) + 0.5) / across)))) *
        180) /
      Math.PI;
    const crowd = Array.from({ length: 40 }, (_, i) => {
      const f = square(i + 1, lon + ((i % 8) - 3.5) * 0.0002, lat + (Math.floor(i / 8) - 2) * 0.0002, 60);
      f.properties = {
        category: i % 2 ? 'idle' : 'inefficient',
        conflict: i === 5,
        outside: i === 17,
        boundaryError: i === 17 || i === 30,
      };
      return f;
    });
    const tiles = new LayerTiles(crowd, { updateable: true, overview: true });
    const { x, y } = tileOf(lon, lat, z);
    const dots = decode(tiles.tile(z, x, y), z, x, y);
    const ids = (pick: (p: Record<string, unknown>) => boolean) =>
      dots.filter((d) => pick(d.properties)).map((d) => d.id);
    // Plain parcels: one dot, the last of them (drawn on top before); then one per kind of flags.
    expect(ids((p) => !p.conflict && !p.outside && !p.boundaryError)).toEqual([40]);
    expect(ids((p) => p.conflict === true)).toEqual([6]);
    expect(ids((p) => p.outside === true)).toEqual([18]);
    expect(ids((p) => p.boundaryError === true).sort()).toEqual([18, 31]);
    expect(dots).toHaveLength(4);
    expect(dots[0]?.properties.conflict || dots[0]?.properties.outside).toBeFalsy();
    // Zoomed in past the overview, every parcel is there.
    const at11 = tileOf(lon, lat, 11);
    expect(decode(tiles.tile(11, at11.x, at11.y), 11, at11.x, at11.y)).toHaveLength(40);
  });

  it('edits reach the overview too: a parcel grown past the threshold becomes a polygon there', () => {
    const tiles = new LayerTiles([small], { updateable: true, overview: true });
    tiles.update({
      update: [
        { id: 1, geometry: square(1, 110.3, 25.3, 1_000).geometry, properties: { category: 'inefficient' } },
      ],
    });
    const at10 = tileOf(110.3, 25.3, 10);
    const grown = decode(tiles.tile(10, at10.x, at10.y), 10, at10.x, at10.y).find((f) => f.id === 1);
    expect(grown?.geojson.geometry.type).toBe('Polygon');
    expect(grown?.properties.category).toBe('inefficient');
    tiles.update({ remove: [1] });
    expect(tiles.tile(10, at10.x, at10.y)).toBeNull();
  });

  it('builds the detail tiles on first need; edits made before that are in them, built lazily or when quiet', () => {
    const moved = square(1, 110.301, 25.3005, 150);
    const extra = square(3, 110.3005, 25.2995, 120);
    const edit = (tiles: LayerTiles) =>
      tiles.update({
        update: [{ id: 1, geometry: moved.geometry, properties: { category: 'inefficient' } }],
        add: [extra],
        remove: [2],
      });
    const lazy = new LayerTiles([small, large], { updateable: true, overview: true });
    const quiet = new LayerTiles([small, large], { updateable: true, overview: true });
    expect(lazy.detailPending).toBe(true);
    edit(lazy);
    edit(quiet);
    quiet.buildDetail();
    expect(quiet.detailPending).toBe(false);
    const at14 = tileOf(110.301, 25.3005, 14);
    const seen = decode(lazy.tile(14, at14.x, at14.y), 14, at14.x, at14.y);
    expect(lazy.detailPending).toBe(false);
    const one = seen.find((f) => f.id === 1);
    expect(one?.properties.category).toBe('inefficient');
    // The moved square's ring, back in lon/lat: its centre is where it was moved to (~1 m at z14).
    const ring = (one?.geojson.geometry as GeoJSON.Polygon | undefined)?.coordinates[0] ?? [];
    const lons = ring.map((p) => p[0] ?? 0);
    expect(Math.abs((Math.min(...lons) + Math.max(...lons)) / 2 - 110.301)).toBeLessThan(2e-5);
    expect(seen.some((f) => f.id === 3)).toBe(true);
    const at14large = tileOf(110.35, 25.32, 14);
    expect(lazy.tile(14, at14large.x, at14large.y)).toBeNull();
    expect(quiet.tile(14, at14.x, at14.y)).toEqual(lazy.tile(14, at14.x, at14.y));
    expect(quiet.tile(14, at14large.x, at14large.y)).toBeNull();
  });
});
