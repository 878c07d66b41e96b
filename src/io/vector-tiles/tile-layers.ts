import type { LayerFeature } from '../../domain/layer';
import { parcelMapId } from '../../domain/map-ids';
import type { LayerRole, ParcelRecord } from '../../domain/parcel';

import { type ParcelSummary, summarize } from '../../domain/parcel-summary';
import { type BBox, bboxOf } from '../../geo/geometry.types';
import { type PackedGeometry, packedBBox, unpackGeometry } from '../../geo/packed-geometry';
import { LayerTiles, type MapFeatureDiff, type OverviewFeature, overviewPoint } from './layer-tiles';
import { type MapFeature, parcelMapProperties } from './map-features';

/** A parcel's fields the map and the summaries read (no geometry, no imported attributes). */
export type MapParcelFields = Pick<
  ParcelRecord,
  'id' | 'layerId' | 'facts' | 'category' | 'status' | 'areaM2' | 'overlay'
>;

/** A parcel layer in parts (storage chunks, or one part from an import): records and packed geometries. */
export type ParcelParts = { records: MapParcelFields[]; geometry: PackedGeometry }[];

/** Where the tile layers read stored layers from (the worker's own database connection, or the store's). */
export interface StoredLayerReader {
  readParcels(layerId: string): Promise<ParcelParts>;
  readFeatures(layerId: string): Promise<LayerFeature[]>;
}

/** Summaries handed to the caller per batch, so no single message or task carries a county. */
export const SUMMARY_BATCH = 5_000;

export interface LoadedTileLayer {
  /** The layer's extent in lon/lat; null when it has no features. */
  bounds: BBox | null;
  count: number;
}

/**
 * Every layer the map shows, as vector tiles (LayerTiles), loaded from storage in one read per
 * layer. Loading a parcel layer also yields its parcels' summaries (what the store keeps), so the
 * county's records are read once, here, and never cross to the UI thread.
 */
export class TileLayers {
  private readonly layers = new Map<string, LayerTiles>();
  /**
   * Parcel layers handed over by the import that is writing them (`stage`): the first load of such
   * a layer takes them instead of reading the county back from storage.
   */
  private readonly staged = new Map<string, ParcelParts>();
  /** Layers loaded at least once: a hand-over that comes later is stale and is not kept. */
  private readonly everLoaded = new Set<string>();

  constructor(private readonly reader: StoredLayerReader) {}

  /**
   * (Re)loads a layer. Parcels get the map ids of `slot` (domain/map-ids); their summaries go to
   * `onSummaries` in batches of SUMMARY_BATCH, in storage order.
   */
  async load(
    layer: { id: string; role: LayerRole },
    slot: number,
    onSummaries?: (batch: ParcelSummary[]) => void | Promise<void>,
  ): Promise<LoadedTileLayer> {
    this.everLoaded.add(layer.id);
    if (layer.role === 'parcels') return this.loadParcels(layer.id, slot, onSummaries);
    // Only parcels change one by one (edits) and have an overview; control layers are replaced whole.
    const features: MapFeature[] = [];
    let bounds: BBox | null = null;
    (await this.reader.readFeatures(layer.id)).forEach((f, i) => {
      features.push({ type: 'Feature', id: i + 1, geometry: f.geometry, properties: {} });
      bounds = extendFinite(bounds, bboxOf(f.geometry));
    });
    this.layers.set(layer.id, new LayerTiles(features, { updateable: false }));
    return { bounds, count: features.length };
  }

  /**
   * A parcel layer: the overview is made from each parcel's box (a point) or, for a large one, its
   * geometry; the detail features are unpacked only when the detail index is built.
   */
  private async loadParcels(
    layerId: string,
    slot: number,
    onSummaries?: (batch: ParcelSummary[]) => void | Promise<void>,
  ): Promise<LoadedTileLayer> {
    const staged = this.staged.get(layerId);
    this.staged.delete(layerId);
    const parts = staged ?? (await this.reader.readParcels(layerId));
    let bounds: BBox | null = null;
    const overview: OverviewFeature[] = [];
    // Kept for the detail index: the packed geometries and the map ids (not the records).
    const geometries = parts.map((part) => part.geometry);
    const ids = parts.map((part) => new Float64Array(part.records.length));
    // Batches are handed on without waiting for each to be taken (the UI thread may be drawing a
    // frame); all of them are awaited once, after the index is built.
    const delivered: (void | Promise<void>)[] = [];
    let batch: ParcelSummary[] = [];
    parts.forEach((part, k) => {
      const partIds = ids[k] as Float64Array;
      part.records.forEach((record, i) => {
        const mapId = parcelMapId(slot, record.id);
        partIds[i] = mapId;
        const box = packedBBox(part.geometry, i);
        bounds = extendFinite(bounds, box);
        overview.push({
          type: 'Feature',
          id: mapId,
          geometry: overviewPoint(box) ?? unpackGeometry(part.geometry, i),
          properties: parcelMapProperties(record),
        });
        batch.push(summarize(record, mapId));
        if (batch.length === SUMMARY_BATCH) {
          delivered.push(onSummaries?.(batch));
          batch = [];
        }
      });
    });
    if (batch.length > 0) delivered.push(onSummaries?.(batch));
    const detail = function* (): Generator<MapFeature> {
      for (let k = 0; k < geometries.length; k++) {
        const packed = geometries[k] as PackedGeometry;
        const partIds = ids[k] as Float64Array;
        for (let i = 0; i < partIds.length; i++)
          yield {
            type: 'Feature',
            id: partIds[i] as number,
            geometry: unpackGeometry(packed, i),
            properties: {},
          };
      }
    };
    this.layers.set(layerId, new LayerTiles({ overview, detail }, { updateable: true }));
    await Promise.all(delivered);
    return { bounds, count: overview.length };
  }

  /** MVT bytes of a layer's tile; null for an empty tile or a layer not loaded. */
  tile(layerId: string, z: number, x: number, y: number): Uint8Array | null {
    return this.layers.get(layerId)?.tile(z, x, y) ?? null;
  }

  /** Applies edits to a loaded layer; false when it is not loaded. */
  update(layerId: string, diff: MapFeatureDiff): boolean {
    const tiles = this.layers.get(layerId);
    if (!tiles) return false;
    tiles.update(diff);
    return true;
  }

  /**
   * Builds the detail index of one loaded layer that still waits for it (LayerTiles.buildDetail);
   * true when another one still waits.
   */
  buildPendingDetail(): boolean {
    const waiting = [...this.layers.values()].filter((tiles) => tiles.detailPending);
    waiting[0]?.buildDetail();
    return waiting.length > 1;
  }

  drop(layerId: string): void {
    this.layers.delete(layerId);
    this.staged.delete(layerId);
  }

  /**
   * Keeps a new parcel layer that is being written (the same records as will be stored), for its
   * first load to take instead of reading it back. Only a layer never loaded here is kept: the
   * caller loads it only after its write committed, and unstages it when the write failed.
   */
  stage(layerId: string, parts: ParcelParts): void {
    if (!this.everLoaded.has(layerId)) this.staged.set(layerId, parts);
  }

  /** Forgets staged layers: these (a failed write), or all of them (a new import starts). */
  unstage(layerIds?: readonly string[]): void {
    if (!layerIds) this.staged.clear();
    else for (const id of layerIds) this.staged.delete(id);
  }

  /** Layers staged and not loaded yet (tests). */
  stagedLayers(): string[] {
    return [...this.staged.keys()];
  }

  /** What the tiles hold of one feature (tests read it): its properties, or null. */
  feature(layerId: string, id: number): MapFeature['properties'] | null {
    return this.layers.get(layerId)?.feature(id) ?? null;
  }

  loaded(): string[] {
    return [...this.layers.keys()];
  }
}

/** extend, leaving out a box with no extent (an empty geometry's). */
function extendFinite(box: BBox | null, next: BBox): BBox | null {
  return next.every(Number.isFinite) ? extend(box, next) : box;
}

function extend(box: BBox | null, [a, b, c, d]: BBox): BBox {
  if (!box) return [a, b, c, d];
  return [Math.min(box[0], a), Math.min(box[1], b), Math.max(box[2], c), Math.max(box[3], d)];
}
