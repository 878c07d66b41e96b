import { proxy, transfer, wrap } from 'comlink';
import { fromTransferableSummaries, type TransferableSummaries } from '../io/vector-tiles/summary-transfer';
import type { MapTileService } from '../store/services';
import type { MapTilesWorkerApi } from '../workers/map-tiles.worker';

/**
 * How an import hands the parcel layers it writes straight to the map's worker (import-service):
 * `port()` opens a channel for one import, `discard` forgets what it staged if its write failed.
 */
export interface MapStaging {
  port(): MessagePort;
  discard(layerIds: string[]): void;
}

/** The map's vector tiles in a long-lived worker reading the database `name`. */
export function createMapTilesService(name: string): MapTileService & { staging: MapStaging } {
  const api = wrap<MapTilesWorkerApi>(
    new Worker(new URL('../workers/map-tiles.worker.ts', import.meta.url), { type: 'module' }),
  );
  void api.open(name);
  return {
    load: (layer, slot, onSummaries) =>
      api.load(
        layer,
        slot,
        proxy(async (batch: TransferableSummaries) => onSummaries(fromTransferableSummaries(batch))),
      ),
    tile: (layerId, z, x, y) => api.tile(layerId, z, x, y),
    update: (layerId, diff) => api.update(layerId, diff),
    drop: (layerId) => api.drop(layerId),
    feature: (layerId, id) => api.feature(layerId, id),
    idle: () => void api.idle(),
    staging: {
      port() {
        const channel = new MessageChannel();
        void api.acceptStaging(transfer(channel.port1, [channel.port1]));
        return channel.port2;
      },
      discard(layerIds) {
        void api.unstage(layerIds);
      },
    },
  };
}
