import { transfer, wrap } from 'comlink';
import type { ExportService } from '../store/services';
import type { ExportWorkerApi } from '../workers/export.worker';

/** Exports in a long-lived worker, started on first use. */
export function createExportService(): ExportService {
  let api: ReturnType<typeof wrap<ExportWorkerApi>> | null = null;
  const worker = () => {
    api ??= wrap<ExportWorkerApi>(
      new Worker(new URL('../workers/export.worker.ts', import.meta.url), { type: 'module' }),
    );
    return api;
  };
  return {
    geoJson: (records, options) => worker().geoJson(records, options),
    shapefile: (records, options) => worker().shapefile(records, options),
    coordinateText: (records, options) => worker().coordinateText(records, options),
    parcelCsv: (records, locale) => worker().parcelCsv(records, locale),
    backup: (input, createdAt) => worker().backup(input, createdAt),
    readBackup: (bytes) => worker().readBackup(transfer(bytes, [bytes.buffer])),
    readExportedParcels: (name, bytes, now) =>
      worker().readExportedParcels(name, transfer(bytes, [bytes.buffer]), now),
    merge: (local, incoming, localChanges, incomingChanges) =>
      worker().merge(local, incoming, localChanges, incomingChanges),
  };
}
