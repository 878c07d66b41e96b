import type { LayerFeature } from '../../domain/layer';
import { parcelMapId } from '../../domain/map-ids';
import type { LayerRole, ParcelRecord } from '../../domain/parcel';

import { type ParcelSummary, summarize } from '../../domain/parcel-summary';
import { type BBox, bboxOf } from '../../geo/geometry.types';
import { LayerTiles, type MapFeatureDiff } from './layer-tiles';
import { type MapFeature, parcelMapFeature } from './map-features';

/** Where the tile layers read stored layers from (the worker's own database connection, or the store's). */
export interface StoredLayerReader {
  readParcels(layerId: string): Promise<ParcelRecord[]>;
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
    const features: MapFeature[] = [];
    let bounds: BBox | null = null;
    // Batches are handed on without waiting for each to be taken (the UI thread may be drawing a
    // frame); all of them are awaited once, after the index is built.
    const delivered: (void | Promise<void>)[] = [];
    if (layer.role === 'parcels') {
      const records = await this.reader.readParcels(layer.id);
      let batch: ParcelSummary[] = [];
      for (const record of records) {
        const mapId = parcelMapId(slot, record.id);
        features.push(parcelMapFeature(record, mapId));
        bounds = extend(bounds, bboxOf(record.geometry));
        batch.push(summarize(record, mapId));
        if (batch.length === SUMMARY_BATCH) {
          delivered.push(onSummaries?.(batch));
          batch = [];
        }
      }
      if (batch.length > 0) delivered.push(onSummaries?.(batch));
    } else {
      const stored = await this.reader.readFeatures(layer.id);
      stored.forEach((f, i) => {
        features.push({ type: 'Feature', id: i + 1, geometry: f.geometry, properties: {} });
        bounds = extend(bounds, bboxOf(f.geometry));
      });
    }
    // Only parcels change one by one (edits) and have an overview; control layers are replaced whole.
    this.layers.set(
      layer.id,
      new LayerTiles(features, { updateable: layer.role === 'parcels', overview: layer.role === 'parcels' }),
    );
    await Promise.all(delivered);
    return { bounds, count: features.length };
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

  drop(layerId: string): void {
    this.layers.delete(layerId);
  }

  /** What the tiles hold of one feature (tests read it): its properties, or null. */
  feature(layerId: string, id: number): MapFeature['properties'] | null {
    return this.layers.get(layerId)?.feature(id) ?? null;
  }

  loaded(): string[] {
    return [...this.layers.keys()];
  }
}

function extend(box: BBox | null, [a, b, c, d]: BBox): BBox {
  if (!box) return [a, b, c, d];
  return [Math.min(box[0], a), Math.min(box[1], b), Math.max(box[2], c), Math.max(box[3], d)];
}
