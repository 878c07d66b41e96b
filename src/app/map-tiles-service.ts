import { proxy, wrap } from 'comlink';
import type { MapTileService } from '../store/services';
import type { MapTilesWorkerApi } from '../workers/map-tiles.worker';

/** The map's vector tiles in a long-lived worker reading the database `name`. */
export function createMapTilesService(name: string): MapTileService {
  const api = wrap<MapTilesWorkerApi>(
    new Worker(new URL('../workers/map-tiles.worker.ts', import.meta.url), { type: 'module' }),
  );
  void api.open(name);
  return {
    load: (layer, slot, onSummaries) =>
      api.load(
        layer,
        slot,
        proxy(async (batch: Parameters<typeof onSummaries>[0]) => onSummaries(batch)),
      ),
    tile: (layerId, z, x, y) => api.tile(layerId, z, x, y),
    update: (layerId, diff) => api.update(layerId, diff),
    drop: (layerId) => api.drop(layerId),
    feature: (layerId, id) => api.feature(layerId, id),
  };
}
