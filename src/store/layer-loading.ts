import type { Repositories } from '../db/repositories';
import type { LayerRecord } from '../domain/layer';
import { type MapFeatureCollection, parcelFeatureCollection } from './map-data';
import { type ParcelSummary, summarize } from './parcel-summary';

export interface LoadedLayers {
  layers: LayerRecord[];
  parcels: Map<string, ParcelSummary>;
}

/**
 * Reads layers from storage into what the store keeps (layer records and parcel summaries only)
 * and holds each layer's map data until the map takes it, once (`takeLayerData`): the UI thread
 * keeps no second copy of the geometry. `loadLayers` re-reads just the named layers — an import
 * or an encoding switch must not re-read (or make the map re-process) the rest of the county.
 */
export function createLayerLoader(
  repositories: Repositories,
  mapIdOf: (id: string) => number,
  mapIds: ReadonlyMap<string, number>,
) {
  const pendingMapData = new Map<string, MapFeatureCollection>();

  async function readParcelLayer(layerId: string, into: Map<string, ParcelSummary>): Promise<void> {
    const records = await repositories.parcels.readLayer(layerId);
    for (const record of records) into.set(record.id, summarize(record, mapIdOf(record.id)));
    pendingMapData.set(layerId, parcelFeatureCollection(records, mapIds));
  }

  return {
    async loadAll(): Promise<LoadedLayers> {
      const layers = await repositories.layers.list();
      const parcels = new Map<string, ParcelSummary>();
      pendingMapData.clear();
      for (const layer of layers) if (layer.role === 'parcels') await readParcelLayer(layer.id, parcels);
      return { layers, parcels };
    },

    /** The layer list and the summaries of just the named parcel layers (gone layers: none). */
    async loadLayers(
      ids: readonly string[],
    ): Promise<{ layers: LayerRecord[]; summaries: Map<string, ParcelSummary> }> {
      const changed = new Set(ids);
      const layers = await repositories.layers.list();
      const summaries = new Map<string, ParcelSummary>();
      for (const id of changed) pendingMapData.delete(id);
      for (const layer of layers)
        if (changed.has(layer.id) && layer.role === 'parcels') await readParcelLayer(layer.id, summaries);
      return { layers, summaries };
    },

    async takeLayerData(layer: LayerRecord | undefined, layerId: string): Promise<MapFeatureCollection> {
      const pending = pendingMapData.get(layerId);
      if (pending) {
        pendingMapData.delete(layerId);
        return pending;
      }
      if (layer?.role === 'parcels') {
        return parcelFeatureCollection(await repositories.parcels.readLayer(layerId), mapIds);
      }
      const features = await repositories.layers.readFeatures(layerId);
      return {
        type: 'FeatureCollection',
        features: features.map((f, i) => ({
          type: 'Feature',
          id: i + 1,
          geometry: f.geometry,
          properties: {},
        })),
      };
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
