import { expose } from 'comlink';
import { openDatabase } from '../db/open-database';
import { prepareDemoLayers } from '../io/demo-layers';
import { redecodeStoredLayer } from '../io/redecode-layer';

/** Off-UI-thread preparation of layers (parse, measure, map facts) and re-decoding of stored ones. */
const api = {
  prepareDemoLayers,
  /**
   * Re-decodes a stored parcel layer's attributes in another encoding, reading and writing the
   * database `databaseName` over this worker's own connection (closed when done). False when the
   * layer keeps no source attributes.
   */
  async redecodeStoredLayer(databaseName: string, layerId: string, encoding: string): Promise<boolean> {
    const opened = await openDatabase(databaseName);
    try {
      return await redecodeStoredLayer(opened.repositories, layerId, encoding);
    } finally {
      opened.close();
    }
  },
};

export type PrepareWorkerApi = typeof api;

expose(api);
