import { GeoJSONVT, type GeoJSONVTSourceDiff } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import { type AreaGeometry, type BBox, bboxOf } from '../../geo/geometry.types';
import type { MapFeature } from './map-features';
import { type DotMerge, PointOverview } from './point-overview';

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
 * The overview's crowded dots are merged: a 2.5 px dot over a county at z8 lies on dozens of
 * others, each one costing the map's worker and software WebGL as much as a visible one. Dots in
 * one cell (OVERVIEW_DOT_CELLS across a 512 px tile) and of one kind become one dot at the cell's
 * centre; it carries the parcel drawn on top before (a click selects that parcel, an edit to it
 * recolours the dot). The kind keeps every parcel the map's filters and rings pick out (conflict,
 * outside the boundary, boundary error) in a dot of its own, drawn over the plain ones.
 */
export const OVERVIEW_DOT_CELLS = 171;

const DOT_MERGE: DotMerge = {
  cells: OVERVIEW_DOT_CELLS,
  kind: (tags) => {
    const t = tags as MapFeature['properties'];
    return (t.conflict ? 1 : 0) | (t.outside ? 2 : 0) | (t.boundaryError ? 4 : 0);
  },
};

/**
 * Simplification tolerance in tile units: the 0.3 px our GeoJSON sources used (MapLibre scales
 * its `tolerance` by extent / tileSize the same way).
 */
const TOLERANCE = (0.3 * TILE_EXTENT) / 512;
/** Tile units kept around each tile (geojson-vt's and the dots'). */
const BUFFER = 64;

type Geometry = MapFeature['geometry'] | { type: 'Point'; coordinates: [number, number] };

/**
 * What the overview holds for a parcel with bounding box `box`: its centre as a point when it is
 * small; null when it keeps its shape (or has no extent).
 */
export function overviewPoint([minX, minY, maxX, maxY]: BBox): {
  type: 'Point';
  coordinates: [number, number];
} | null {
  const midY = (minY + maxY) / 2;
  const widthM = (maxX - minX) * 111_320 * Math.cos((midY * Math.PI) / 180);
  const heightM = (maxY - minY) * 110_574;
  if (!(Number.isFinite(widthM) && Number.isFinite(heightM))) return null;
  if (Math.max(widthM, heightM) >= OVERVIEW_POINT_SIZE_M) return null;
  return { type: 'Point', coordinates: [(minX + maxX) / 2, midY] };
}

/** What the overview holds for a parcel's geometry: its bounding box's centre when it is small. */
export function overviewGeometry(geometry: MapFeature['geometry']): Geometry {
  return overviewPoint(bboxOf(geometry)) ?? geometry;
}

/** A feature as the overview draws it. */
export interface OverviewFeature {
  type: 'Feature';
  id: number;
  geometry: Geometry;
  properties: MapFeature['properties'];
}

/**
 * A parcel layer given for its overview first: the detail features are asked for once, when the
 * detail index is first needed (so they can stay packed until then).
 */
export interface LazyParcelFeatures {
  overview: readonly OverviewFeature[];
  detail: () => Iterable<MapFeature>;
}

function index(
  features: readonly { type: 'Feature'; id: number; geometry: Geometry; properties: object }[],
  maxZoom: number,
  updateable: boolean,
  indexMaxZoom = 5,
) {
  return new GeoJSONVT(
    { type: 'FeatureCollection', features: features as unknown as GeoJSON.Feature[] },
    { maxZoom, indexMaxZoom, extent: TILE_EXTENT, tolerance: TOLERANCE, buffer: BUFFER, updateable },
  );
}

/**
 * A layer's features as vector tiles, cut on request (geojson-vt) and encoded as MVT (vt-pbf): the
 * map's sources read these instead of holding the layer's GeoJSON, so neither the UI thread nor
 * MapLibre's workers ever receive a county's geometry in one piece. Parcel layers have an overview
 * for the zooms up to OVERVIEW_MAX_ZOOM (large parcels as shapes, small ones as dots) and build
 * their detail index only when it is first needed. `update` changes single features (an edit, a
 * split) and re-cuts only the tiles they touch.
 */
export class LayerTiles {
  /** Built on first need when the layer has an overview (see `detailIndex`). */
  private detail: GeoJSONVT | null = null;
  /** Where the detail features come from while the detail index is not built; null once it is. */
  private detailSource: (() => Iterable<MapFeature>) | null = null;
  /** Geometries edited or added while the detail index waits (removals: gone from `properties`). */
  private readonly edited = new Map<number, AreaGeometry>();
  /** The overview: its large parcels as shapes (geojson-vt), its small ones as dots. */
  private readonly overview: { shapes: GeoJSONVT; dots: PointOverview; shapeIds: Set<number> } | null;
  private readonly updateable: boolean;
  /** The current properties of each feature by id (the test hook and diffs read them; no copies). */
  private readonly properties = new Map<number, MapFeature['properties']>();

  /**
   * `features` as they are, or (a parcel layer) as `LazyParcelFeatures`. With `overview`, the
   * county view needs only the overview index: the detail index (every vertex converted and
   * simplified, about a second for 100k parcels) is first built when the user zooms in past it,
   * or when the map has been quiet a while (`buildDetail`).
   */
  constructor(
    features: readonly MapFeature[] | LazyParcelFeatures,
    options: { updateable: boolean; overview?: boolean },
  ) {
    this.updateable = options.updateable;
    const lazy: LazyParcelFeatures | null = !isFeatureList(features)
      ? features
      : options.overview
        ? {
            overview: features.map((f) => ({ ...f, geometry: overviewGeometry(f.geometry) })),
            detail: () => features,
          }
        : null;
    if (lazy) {
      const dots = new PointOverview();
      const shapes: OverviewFeature[] = [];
      for (const f of lazy.overview) {
        this.properties.set(f.id, f.properties);
        if (f.geometry.type === 'Point')
          dots.set(f.id, f.geometry.coordinates[0], f.geometry.coordinates[1], f.properties);
        else shapes.push(f);
      }
      this.overview = {
        shapes: index(shapes, OVERVIEW_MAX_ZOOM, options.updateable),
        dots,
        shapeIds: new Set(shapes.map((f) => f.id)),
      };
      this.detailSource = lazy.detail;
    } else {
      const eager = features as readonly MapFeature[];
      for (const f of eager) this.properties.set(f.id, f.properties);
      this.detail = index(eager, TILE_MAX_ZOOM, options.updateable);
      this.overview = null;
    }
  }

  /** Whether the detail index still waits to be built. */
  get detailPending(): boolean {
    return this.detail === null;
  }

  /** Builds the detail index now if it waits (the map-tiles worker calls this when the map is quiet). */
  buildDetail(): void {
    this.detailIndex();
  }

  /**
   * The detail index, built from the detail source with the edits made meanwhile. It is cut down
   * from z0 when tiles are asked for (geojson-vt caches each level), not split up to z5 ahead of time.
   */
  private detailIndex(): GeoJSONVT {
    if (this.detail) return this.detail;
    const features: MapFeature[] = [];
    const seen = new Set<number>();
    for (const f of this.detailSource?.() ?? []) {
      const properties = this.properties.get(f.id);
      if (!properties) continue;
      seen.add(f.id);
      features.push({ type: 'Feature', id: f.id, geometry: this.edited.get(f.id) ?? f.geometry, properties });
    }
    for (const [id, geometry] of this.edited) {
      const properties = this.properties.get(id);
      if (properties && !seen.has(id)) features.push({ type: 'Feature', id, geometry, properties });
    }
    this.detail = index(features, TILE_MAX_ZOOM, this.updateable, 0);
    this.detailSource = null;
    this.edited.clear();
    return this.detail;
  }

  get size(): number {
    return this.properties.size;
  }

  /** The MVT bytes of tile z/x/y, or null when no feature reaches it. */
  tile(z: number, x: number, y: number): Uint8Array | null {
    const features: object[] = [];
    if (this.overview && z <= OVERVIEW_MAX_ZOOM) {
      const shapes = this.overview.shapeIds.size > 0 ? this.overview.shapes.getTile(z, x, y) : null;
      if (shapes) features.push(...shapes.features);
      for (const dot of this.overview.dots.tileFeatures(z, x, y, TILE_EXTENT, BUFFER, DOT_MERGE))
        features.push(dot);
    } else {
      const tile = this.detailIndex().getTile(z, x, y);
      if (tile) features.push(...tile.features);
    }
    if (features.length === 0) return null;
    return fromGeojsonVt({ [TILE_LAYER]: { features } } as unknown as Parameters<typeof fromGeojsonVt>[0], {
      version: 2,
      extent: TILE_EXTENT,
    });
  }

  /** The properties a feature has in the tiles (null: no such feature). */
  feature(id: number): MapFeature['properties'] | null {
    return this.properties.get(id) ?? null;
  }

  /** Adds, replaces (geometry and properties) and removes features. Needs `updateable`. */
  update(diff: MapFeatureDiff): void {
    for (const id of diff.remove ?? []) this.properties.delete(id);
    for (const f of diff.add ?? []) this.properties.set(f.id, f.properties);
    for (const u of diff.update ?? []) {
      const known = this.properties.get(u.id);
      if (known) this.properties.set(u.id, { ...known, ...u.properties });
    }
    const entries = (properties: object) =>
      Object.entries(properties).map(([key, value]) => ({ key, value }));
    if (this.detail) {
      this.detail.updateData({
        remove: [...(diff.remove ?? [])],
        add: (diff.add ?? []) as unknown as GeoJSON.Feature[],
        update: (diff.update ?? []).map((u) => ({
          id: u.id,
          ...(u.geometry ? { newGeometry: u.geometry as GeoJSON.Geometry } : {}),
          addOrUpdateProperties: entries(u.properties),
        })),
      });
    } else {
      for (const id of diff.remove ?? []) this.edited.delete(id);
      for (const f of diff.add ?? []) this.edited.set(f.id, f.geometry);
      for (const u of diff.update ?? [])
        if (u.geometry && this.properties.has(u.id)) this.edited.set(u.id, u.geometry);
    }
    if (this.overview) this.updateOverview(this.overview, diff, entries);
  }

  /** An edit in the overview: a parcel moves between dots and shapes when its size crosses the threshold. */
  private updateOverview(
    overview: NonNullable<LayerTiles['overview']>,
    diff: MapFeatureDiff,
    entries: (properties: object) => { key: string; value: unknown }[],
  ): void {
    const shapes: Required<Pick<GeoJSONVTSourceDiff, 'remove' | 'add' | 'update'>> = {
      remove: [],
      add: [],
      update: [],
    };
    const place = (id: number, geometry: AreaGeometry) => {
      const properties = this.properties.get(id) ?? {};
      const point = overviewPoint(bboxOf(geometry));
      if (point) {
        overview.dots.set(id, point.coordinates[0], point.coordinates[1], properties);
        if (overview.shapeIds.delete(id)) shapes.remove.push(id);
        return;
      }
      overview.dots.delete(id);
      if (overview.shapeIds.has(id))
        shapes.update.push({
          id,
          newGeometry: geometry as GeoJSON.Geometry,
          addOrUpdateProperties: entries(properties),
        });
      else {
        overview.shapeIds.add(id);
        shapes.add.push({ type: 'Feature', id, geometry, properties } as unknown as GeoJSON.Feature);
      }
    };
    for (const id of diff.remove ?? []) {
      overview.dots.delete(id);
      if (overview.shapeIds.delete(id)) shapes.remove.push(id);
    }
    for (const f of diff.add ?? []) place(f.id, f.geometry);
    for (const u of diff.update ?? []) {
      if (u.geometry) place(u.id, u.geometry);
      else if (!overview.dots.setTags(u.id, this.properties.get(u.id) ?? {}) && overview.shapeIds.has(u.id))
        shapes.update.push({ id: u.id, addOrUpdateProperties: entries(u.properties) });
    }
    if (shapes.remove.length + shapes.add.length + shapes.update.length > 0)
      overview.shapes.updateData(shapes);
  }
}

function isFeatureList(
  features: readonly MapFeature[] | LazyParcelFeatures,
): features is readonly MapFeature[] {
  return Array.isArray(features);
}

/** Changes to a layer's features (ids are map ids). */
export interface MapFeatureDiff {
  add?: MapFeature[];
  update?: { id: number; geometry?: MapFeature['geometry']; properties: MapFeature['properties'] }[];
  remove?: number[];
}
