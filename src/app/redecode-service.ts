import { wrap } from 'comlink';
import type { PrepareWorkerApi } from '../workers/prepare.worker';

/**
 * Re-decodes a stored layer's attributes in a worker of its own that reads and writes the database
 * `databaseName` directly: the UI thread neither decodes the DBF nor clones the layer's records.
 */
export function createRedecodeService(
  databaseName: string,
): (layerId: string, encoding: string) => Promise<boolean> {
  return async (layerId, encoding) => {
    const worker = new Worker(new URL('../workers/prepare.worker.ts', import.meta.url), { type: 'module' });
    try {
      return await wrap<PrepareWorkerApi>(worker).redecodeStoredLayer(databaseName, layerId, encoding);
    } finally {
      worker.terminate();
    }
  };
}
