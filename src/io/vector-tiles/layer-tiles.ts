import { GeoJSONVT, type GeoJSONVTSourceDiff } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import { bboxOf } from '../../geo/geometry.types';
import type { MapFeature } from './map-features';

/** The one layer name inside every tile we cut (the map's style layers read `source-layer` from it). */
export const TILE_LAYER = 'features';
/** Tile extent in tile units (the MVT default); the map's tiles are 512 px. */
export const TILE_EXTENT = 4096;
/**
 * Deepest zoom the tiles are cut at: 4096 units over a z18 tile are ~3 cm at 25°N, finer than any
 * parcel boundary; the map over-zooms beyond it.
 */
export const TILE_MAX_ZOOM = 18;
/**
 * Up to this zoom a parcel layer's tiles come from its overview: a parcel smaller than
 * OVERVIEW_POINT_SIZE_M is one point there (the map draws a dot in its colour), larger ones keep
 * their shape. At z10 a 400 m parcel is ~6 px at 25°N; further out the small ones would be
 * sub-pixel polygons — invisible, yet each costing triangulation and drawing in every frame of the
 * county view.
 */
export const OVERVIEW_MAX_ZOOM = 10;
export const OVERVIEW_POINT_SIZE_M = 400;

/**
 * Simplification tolerance in tile units: the 0.3 px our GeoJSON sources used (MapLibre scales
 * its `tolerance` by extent / tileSize the same way).
 */
const TOLERANCE = (0.3 * TILE_EXTENT) / 512;

type Geometry = MapFeature['geometry'] | { type: 'Point'; coordinates: [number, number] };

/** What the overview holds for a parcel's geometry: its bounding box's centre when it is small. */
export function overviewGeometry(geometry: MapFeature['geometry']): Geometry {
  const [minX, minY, maxX, maxY] = bboxOf(geometry);
  const midY = (minY + maxY) / 2;
  const widthM = (maxX - minX) * 111_320 * Math.cos((midY * Math.PI) / 180);
  const heightM = (maxY - minY) * 110_574;
  if (Math.max(widthM, heightM) >= OVERVIEW_POINT_SIZE_M) return geometry;
  return { type: 'Point', coordinates: [(minX + maxX) / 2, midY] };
}

function index(
  features: readonly { type: 'Feature'; id: number; geometry: Geometry; properties: object }[],
  maxZoom: number,
  updateable: boolean,
  indexMaxZoom = 5,
) {
  return new GeoJSONVT(
    { type: 'FeatureCollection', features: features as unknown as GeoJSON.Feature[] },
    { maxZoom, indexMaxZoom, extent: TILE_EXTENT, tolerance: TOLERANCE, buffer: 64, updateable },
  );
}

/**
 * A layer's features as vector tiles, cut on request (geojson-vt) and encoded as MVT (vt-pbf): the
 * map's sources read these instead of holding the layer's GeoJSON, so neither the UI thread nor
 * MapLibre's workers ever receive a county's geometry in one piece. Parcel layers have a second
 * index for the overview zooms (OVERVIEW_MAX_ZOOM). `update` changes single features (an edit, a
 * split) and re-cuts only the tiles they touch.
 */
export class LayerTiles {
  private readonly detail: GeoJSONVT;
  private readonly overview: GeoJSONVT | null;
  /** The properties of each feature by id (the test hook and diffs read them; no copies). */
  private readonly properties = new Map<number, MapFeature['properties']>();

  constructor(features: readonly MapFeature[], options: { updateable: boolean; overview?: boolean }) {
    for (const f of features) this.properties.set(f.id, f.properties);
    // With an overview, the detail tiles are first needed when the user zooms in past it: they are
    // cut down from z0 then (geojson-vt caches each level), not split up to z5 ahead of time.
    this.detail = index(features, TILE_MAX_ZOOM, options.updateable, options.overview ? 0 : 5);
    this.overview = options.overview
      ? index(
          features.map((f) => ({ ...f, geometry: overviewGeometry(f.geometry) })),
          OVERVIEW_MAX_ZOOM,
          options.updateable,
        )
      : null;
  }

  get size(): number {
    return this.properties.size;
  }

  /** The MVT bytes of tile z/x/y, or null when no feature reaches it. */
  tile(z: number, x: number, y: number): Uint8Array | null {
    const from = this.overview && z <= OVERVIEW_MAX_ZOOM ? this.overview : this.detail;
    const tile = from.getTile(z, x, y);
    if (!tile || tile.features.length === 0) return null;
    return fromGeojsonVt({ [TILE_LAYER]: tile }, { version: 2, extent: TILE_EXTENT });
  }

  /** The properties a feature has in the tiles (null: no such feature). */
  feature(id: number): MapFeature['properties'] | null {
    return this.properties.get(id) ?? null;
  }

  /** Adds, replaces (geometry and properties) and removes features. Needs `updateable`. */
  update(diff: MapFeatureDiff): void {
    const detail: GeoJSONVTSourceDiff = {};
    const overview: GeoJSONVTSourceDiff = {};
    if (diff.remove?.length) {
      detail.remove = [...diff.remove];
      overview.remove = [...diff.remove];
      for (const id of diff.remove) this.properties.delete(id);
    }
    if (diff.add?.length) {
      detail.add = diff.add as unknown as GeoJSON.Feature[];
      overview.add = diff.add.map((f) => ({
        ...f,
        geometry: overviewGeometry(f.geometry),
      })) as unknown as GeoJSON.Feature[];
      for (const f of diff.add) this.properties.set(f.id, f.properties);
    }
    if (diff.update?.length) {
      const changes = (geometryOf: (g: MapFeature['geometry']) => Geometry) =>
        (diff.update ?? []).map((u) => ({
          id: u.id,
          ...(u.geometry ? { newGeometry: geometryOf(u.geometry) as GeoJSON.Geometry } : {}),
          addOrUpdateProperties: Object.entries(u.properties).map(([key, value]) => ({ key, value })),
        }));
      detail.update = changes((g) => g);
      overview.update = changes(overviewGeometry);
      for (const u of diff.update) {
        const known = this.properties.get(u.id);
        if (known) this.properties.set(u.id, { ...known, ...u.properties });
      }
    }
    this.detail.updateData(detail);
    this.overview?.updateData(overview);
  }
}

/** Changes to a layer's features (ids are map ids). */
export interface MapFeatureDiff {
  add?: MapFeature[];
  update?: { id: number; geometry?: MapFeature['geometry']; properties: MapFeature['properties'] }[];
  remove?: number[];
}
