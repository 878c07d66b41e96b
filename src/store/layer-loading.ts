import type { Repositories } from '../db/repositories';
import type { LayerRecord } from '../domain/layer';
import type { ParcelSummary } from '../domain/parcel-summary';
import type { BBox } from '../geo/geometry.types';
import type { LayerSlots } from './map-tiles';
import type { MapTileService } from './services';

export interface LoadedLayers {
  layers: LayerRecord[];
  parcels: Map<string, ParcelSummary>;
  /** Each loaded layer's extent (layers without features have none). */
  bounds: Record<string, BBox>;
}

/**
 * Reads layers from storage into what the store keeps — layer records, parcel summaries and
 * extents — while the tile service (a worker in the app) reads the same records into the map's
 * vector tiles: the UI thread never receives a layer's geometry. `loadLayers` re-reads just the
 * named layers: an import or an encoding switch must not re-read (or re-tile) the rest of the county.
 */
export function createLayerLoader(repositories: Repositories, tiles: MapTileService, slots: LayerSlots) {
  async function loadLayer(
    layer: LayerRecord,
    summaries: Map<string, ParcelSummary>,
    bounds: Record<string, BBox>,
  ): Promise<void> {
    const loaded = await tiles.load({ id: layer.id, role: layer.role }, slots.of(layer.id), (batch) => {
      for (const summary of batch) summaries.set(summary.id, summary);
    });
    if (loaded.bounds) bounds[layer.id] = loaded.bounds;
  }

  /** Layers the tile service holds, so the ones gone from storage are dropped there too. */
  const held = new Set<string>();

  return {
    async loadAll(): Promise<LoadedLayers> {
      const layers = await repositories.layers.list();
      const parcels = new Map<string, ParcelSummary>();
      const bounds: Record<string, BBox> = {};
      const wanted = new Set(layers.map((l) => l.id));
      for (const id of held) {
        if (wanted.has(id)) continue;
        held.delete(id);
        await tiles.drop(id);
      }
      for (const layer of layers) {
        await loadLayer(layer, parcels, bounds);
        held.add(layer.id);
      }
      return { layers, parcels, bounds };
    },

    /** The layer list, and the summaries and extents of just the named layers (gone layers: none). */
    async loadLayers(ids: readonly string[]): Promise<{
      layers: LayerRecord[];
      summaries: Map<string, ParcelSummary>;
      bounds: Record<string, BBox>;
    }> {
      const changed = new Set(ids);
      const layers = await repositories.layers.list();
      const summaries = new Map<string, ParcelSummary>();
      const bounds: Record<string, BBox> = {};
      for (const id of changed) {
        if (layers.some((l) => l.id === id) || !held.has(id)) continue;
        held.delete(id);
        await tiles.drop(id);
      }
      for (const layer of layers) {
        if (!changed.has(layer.id)) continue;
        await loadLayer(layer, summaries, bounds);
        held.add(layer.id);
      }
      return { layers, summaries, bounds };
    },
  };
}

/** Every layer at `revision`: what the map compares to decide which sources to rebuild. */
export function layerRevisionsAt(layers: readonly LayerRecord[], revision: number): Record<string, number> {
  return Object.fromEntries(layers.map((l) => [l.id, revision]));
}

/** The revisions after re-reading `ids`: those at `revision`, the others kept, gone layers dropped. */
export function bumpLayerRevisions(
  previous: Readonly<Record<string, number>>,
  layers: readonly LayerRecord[],
  ids: readonly string[],
  revision: number,
): Record<string, number> {
  const changed = new Set(ids);
  return Object.fromEntries(
    layers.map((l) => [l.id, changed.has(l.id) ? revision : (previous[l.id] ?? revision)]),
  );
}
