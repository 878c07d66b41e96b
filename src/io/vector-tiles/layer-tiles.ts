import { GeoJSONVT, type GeoJSONVTSourceDiff } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
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
 * Simplification tolerance in tile units: the 0.3 px our GeoJSON sources used (MapLibre scales
 * its `tolerance` by extent / tileSize the same way).
 */
const TOLERANCE = (0.3 * TILE_EXTENT) / 512;

/**
 * A layer's features as vector tiles, cut on request (geojson-vt) and encoded as MVT (vt-pbf): the
 * map's sources read these instead of holding the layer's GeoJSON, so neither the UI thread nor
 * MapLibre's workers ever receive a county's geometry in one piece. `update` changes single
 * features (an edit, a split) and re-cuts only the tiles they touch.
 */
export class LayerTiles {
  private readonly index: GeoJSONVT;
  /** The properties of each feature by id (the test hook and diffs read them; no copies). */
  private readonly properties = new Map<number, MapFeature['properties']>();

  constructor(features: readonly MapFeature[], options: { updateable: boolean }) {
    for (const f of features) this.properties.set(f.id, f.properties);
    this.index = new GeoJSONVT(
      { type: 'FeatureCollection', features: features as unknown as GeoJSON.Feature[] },
      {
        maxZoom: TILE_MAX_ZOOM,
        extent: TILE_EXTENT,
        tolerance: TOLERANCE,
        buffer: 64,
        updateable: options.updateable,
      },
    );
  }

  get size(): number {
    return this.properties.size;
  }

  /** The MVT bytes of tile z/x/y, or null when no feature reaches it. */
  tile(z: number, x: number, y: number): Uint8Array | null {
    const tile = this.index.getTile(z, x, y);
    if (!tile || tile.features.length === 0) return null;
    return fromGeojsonVt({ [TILE_LAYER]: tile }, { version: 2, extent: TILE_EXTENT });
  }

  /** The properties a feature has in the tiles (null: no such feature). */
  feature(id: number): MapFeature['properties'] | null {
    return this.properties.get(id) ?? null;
  }

  /** Adds, replaces (geometry and properties) and removes features. Needs `updateable`. */
  update(diff: MapFeatureDiff): void {
    const vtDiff: GeoJSONVTSourceDiff = {};
    if (diff.remove?.length) {
      vtDiff.remove = [...diff.remove];
      for (const id of diff.remove) this.properties.delete(id);
    }
    if (diff.add?.length) {
      vtDiff.add = diff.add as unknown as GeoJSON.Feature[];
      for (const f of diff.add) this.properties.set(f.id, f.properties);
    }
    if (diff.update?.length) {
      vtDiff.update = diff.update.map((u) => ({
        id: u.id,
        ...(u.geometry ? { newGeometry: u.geometry } : {}),
        addOrUpdateProperties: Object.entries(u.properties).map(([key, value]) => ({ key, value })),
      }));
      for (const u of diff.update) {
        const known = this.properties.get(u.id);
        if (known) this.properties.set(u.id, { ...known, ...u.properties });
      }
    }
    this.index.updateData(vtDiff);
  }
}

/** Changes to a layer's features (ids are map ids). */
export interface MapFeatureDiff {
  add?: MapFeature[];
  update?: { id: number; geometry?: MapFeature['geometry']; properties: MapFeature['properties'] }[];
  remove?: number[];
}
