import type { Repositories } from '../db/repositories';
import { parseFeatureId } from '../domain/layer';
import { parcelMapId, parcelOfMapId } from '../domain/map-ids';
import { TileLayers } from '../io/vector-tiles/tile-layers';
import type { MapTileService } from './services';

export type { MapFeatureDiff } from '../io/vector-tiles/layer-tiles';
export { TILE_LAYER, TILE_MAX_ZOOM } from '../io/vector-tiles/layer-tiles';
export type { MapFeature, ParcelMapProperties } from '../io/vector-tiles/map-features';

/** The URL scheme of the map's tile requests; the map answers it from the tile service. */
export const TILE_PROTOCOL = 'landstock-tiles';

/**
 * A layer's tile URL template. `version` changes whenever the layer's tiles change (a re-read or an
 * edit), so MapLibre re-requests what it shows instead of keeping tiles cut before the change.
 */
export function tileUrlTemplate(layerId: string, version: string): string {
  return `${TILE_PROTOCOL}://${encodeURIComponent(layerId)}/{z}/{x}/{y}?v=${version}`;
}

/** The layer and tile of a tile URL (null for anything else). */
export function parseTileUrl(url: string): { layerId: string; z: number; x: number; y: number } | null {
  const match = /^landstock-tiles:\/\/([^/]+)\/(\d+)\/(\d+)\/(\d+)(?:\?.*)?$/.exec(url);
  if (!match) return null;
  const [, layer, z, x, y] = match;
  return { layerId: decodeURIComponent(layer as string), z: Number(z), x: Number(x), y: Number(y) };
}

/**
 * The session's layer slots (domain/map-ids): each layer keeps its slot while the page lives, so
 * its parcels keep their map ids across re-reads (selection and colouring stay valid).
 */
export function createLayerSlots() {
  const slotOf = new Map<string, number>();
  const layerOf = new Map<number, string>();
  return {
    of(layerId: string): number {
      let slot = slotOf.get(layerId);
      if (slot === undefined) {
        slot = slotOf.size + 1;
        slotOf.set(layerId, slot);
        layerOf.set(slot, layerId);
      }
      return slot;
    },
    mapIdOf(parcelId: string): number {
      const layerId = parseFeatureId(parcelId)?.layerId;
      return layerId === undefined ? -1 : parcelMapId(this.of(layerId), parcelId);
    },
    parcelOf(mapId: number): string | undefined {
      return parcelOfMapId(mapId, (slot) => layerOf.get(slot));
    },
  };
}

export type LayerSlots = ReturnType<typeof createLayerSlots>;

/** The tile service in process, over the store's repositories (tests, and where no worker is wired). */
export function localMapTiles(repositories: Repositories): MapTileService {
  const layers = new TileLayers({
    readParcels: (id) => repositories.parcels.readLayerForMap(id),
    readFeatures: (id) => repositories.layers.readFeatures(id),
  });
  return {
    load: (layer, slot, onSummaries) => layers.load(layer, slot, onSummaries),
    tile: async (layerId, z, x, y) => layers.tile(layerId, z, x, y),
    update: async (layerId, diff) => layers.update(layerId, diff),
    drop: async (layerId) => layers.drop(layerId),
    feature: async (layerId, id) => layers.feature(layerId, id),
  };
}
