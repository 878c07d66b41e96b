import { expose, transfer } from 'comlink';
import { type OpenedDatabase, openDatabase } from '../db/open-database';
import type { LayerRole } from '../domain/parcel';
import type { ParcelSummary } from '../domain/parcel-summary';
import type { MapFeatureDiff } from '../io/vector-tiles/layer-tiles';
import { fromTransferable } from '../io/vector-tiles/parcel-transfer';
import {
  summariesTransferList,
  type TransferableSummaries,
  toTransferableSummaries,
} from '../io/vector-tiles/summary-transfer';
import { type LoadedTileLayer, TileLayers } from '../io/vector-tiles/tile-layers';
import type { StagedLayerMessage } from './map-staging';

/**
 * The map's layers as vector tiles, off the UI thread: this worker reads each layer from
 * IndexedDB over its own connection, keeps it as a tile index and answers the map's tile requests
 * with MVT bytes (transferred). The UI thread receives only the parcels' summaries, in batches.
 */
let database: Promise<OpenedDatabase> | null = null;
let databaseName = 'landstock';

const repositories = async () => {
  database ??= openDatabase(databaseName);
  try {
    return (await database).repositories;
  } catch (error) {
    // A failed open is not kept: the next load tries again (the page shows the error meanwhile).
    database = null;
    throw error;
  }
};

const layers = new TileLayers({
  readParcels: async (layerId) => (await repositories()).parcels.readLayerForMap(layerId),
  readFeatures: async (layerId) => (await repositories()).layers.readFeatures(layerId),
});

/**
 * The detail index of a freshly loaded parcel layer (about a second for 100k parcels) is built in
 * a quiet moment, so that the first zoom past the overview finds it ready; a tile request meanwhile
 * waits at most that one build. Quiet: shortly after the map reports idle (every tile it asked
 * for drawn). Built earlier, on a timer after the last tile request, it ran while MapLibre's
 * workers and the GPU were still drawing the county view, and on two cores it delayed that view.
 * The timer stays, longer, for a map that never reports idle.
 */
const AFTER_IDLE_MS = 300;
const QUIET_MS = 10_000;
let quietTimer: ReturnType<typeof setTimeout> | undefined;
function buildDetailIn(ms: number): void {
  clearTimeout(quietTimer);
  quietTimer = setTimeout(() => {
    if (layers.buildPendingDetail()) buildDetailIn(AFTER_IDLE_MS);
  }, ms);
}
const whenQuiet = (): void => buildDetailIn(QUIET_MS);

let stagingPort: MessagePort | null = null;

const api = {
  /** The database to read (the app's, or a test's); call before anything else. */
  open(name: string): void {
    if (name === databaseName && database) return;
    void database?.then((opened) => opened.close()).catch(() => undefined);
    database = null;
    databaseName = name;
  },
  /** Loads a layer; its parcels' summaries go to `onSummaries` in batches, in columns (moved). */
  load(
    layer: { id: string; role: LayerRole },
    slot: number,
    onSummaries?: (batch: TransferableSummaries) => Promise<void>,
  ): Promise<LoadedTileLayer> {
    const deliver =
      onSummaries &&
      ((batch: ParcelSummary[]) => {
        const packed = toTransferableSummaries(batch);
        return onSummaries(transfer(packed, summariesTransferList(packed)));
      });
    return layers.load(layer, slot, deliver).finally(whenQuiet);
  },
  tile(layerId: string, z: number, x: number, y: number): Uint8Array | null {
    whenQuiet();
    const cut = layers.tile(layerId, z, x, y);
    if (!cut) return null;
    // Exactly the tile's bytes (the encoder's buffer may be larger), moved, not copied.
    const bytes = cut.byteLength === cut.buffer.byteLength ? cut : cut.slice();
    return transfer(bytes, [bytes.buffer]);
  },
  update(layerId: string, diff: MapFeatureDiff): boolean {
    return layers.update(layerId, diff);
  },
  drop(layerId: string): void {
    layers.drop(layerId);
  },
  /**
   * A new import's port: the parcel layers it is writing arrive on it (StagedLayerMessage) and wait
   * for their first load, which then needs no read back from IndexedDB. What an earlier import
   * staged and nobody loaded is forgotten.
   */
  acceptStaging(port: MessagePort): void {
    stagingPort?.close();
    layers.unstage();
    stagingPort = port;
    port.onmessage = (event: MessageEvent<StagedLayerMessage>) => {
      if (stagingPort !== port) return;
      for (const { layerId, parts } of event.data.layers) layers.stage(layerId, parts.map(fromTransferable));
    };
  },
  /** Forgets staged layers whose write did not land. */
  unstage(layerIds: string[]): void {
    layers.unstage(layerIds);
  },
  feature(layerId: string, id: number) {
    return layers.feature(layerId, id);
  },
  /** The map is idle: a pending detail index is built soon (see AFTER_IDLE_MS). */
  idle(): void {
    buildDetailIn(AFTER_IDLE_MS);
  },
};

export type MapTilesWorkerApi = typeof api;

expose(api);
