import { exportFunctions } from '../io/export/export-functions';
import type { ExportService } from './services';

/** The export functions on the calling thread: for tests and tools; the app runs them in a worker. */
export function createInProcessExport(): ExportService {
  return {
    geoJson: async (records, options) => exportFunctions.geoJson(records, options),
    shapefile: async (records, options) => exportFunctions.shapefile(records, options),
    coordinateText: async (records, options) => exportFunctions.coordinateText(records, options),
    parcelCsv: async (records, locale) => exportFunctions.parcelCsv(records, locale),
    backup: async (input, createdAt) => exportFunctions.backup(input, createdAt),
    readBackup: async (bytes) => exportFunctions.readBackup(bytes),
    readExportedParcels: (name, bytes, now) => exportFunctions.readExportedParcels(name, bytes, now),
    merge: async (local, incoming, localChanges, incomingChanges) =>
      exportFunctions.merge(local, incoming, localChanges, incomingChanges),
  };
}
