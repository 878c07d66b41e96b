import { transfer, wrap } from 'comlink';
import type { ExportService } from '../store/services';
import type { ExportWorkerApi } from '../workers/export.worker';

/**
 * Exports in a long-lived worker reading the database `name` itself, started on first use: the UI
 * thread posts only the request and receives the finished file.
 */
export function createExportService(name: string): ExportService {
  let api: ReturnType<typeof wrap<ExportWorkerApi>> | null = null;
  const worker = () => {
    if (!api) {
      api = wrap<ExportWorkerApi>(
        new Worker(new URL('../workers/export.worker.ts', import.meta.url), { type: 'module' }),
      );
      void api.open(name);
    }
    return api;
  };
  return {
    parcels: (request, context) => worker().parcels(request, context),
    suggestZone: (ids, threeDegree) => worker().suggestZone(ids, threeDegree),
    backupAll: (createdAt) => worker().backupAll(createdAt),
    readBackup: (bytes) => worker().readBackup(transfer(bytes, [bytes.buffer])),
    readExportedParcels: (name, bytes, now) =>
      worker().readExportedParcels(name, transfer(bytes, [bytes.buffer]), now),
    merge: (local, incoming, localChanges, incomingChanges) =>
      worker().merge(local, incoming, localChanges, incomingChanges),
  };
}
