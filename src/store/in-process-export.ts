import { readExportRecords } from '../db/export-source';
import type { Repositories } from '../db/repositories';
import { suggestGaussKrugerZone } from '../io/export/export-crs';
import { exportFunctions } from '../io/export/export-functions';
import { exportParcelFile } from '../io/export/parcel-export';
import { AppError } from '../shared/errors';
import type { ExportService } from './services';

/**
 * The export functions on the calling thread, reading the given repositories: for tests and tools;
 * the app runs them in `workers/export.worker.ts` over the worker's own database connection.
 */
export function createInProcessExport(
  repositories: Pick<Repositories, 'layers' | 'parcels' | 'backup'>,
): ExportService {
  return {
    parcels: async (request, context) =>
      exportParcelFile(await readExportRecords(repositories, request.ids), request, context),
    suggestZone: async (ids, threeDegree) =>
      suggestGaussKrugerZone(await readExportRecords(repositories, ids), threeDegree),
    async backupAll(createdAt) {
      if (!repositories.backup) throw new AppError('internal', 'Backups are not available here.');
      const snapshot = await repositories.backup.dump();
      return { bytes: exportFunctions.backup(snapshot, createdAt), parcels: snapshot.parcels.length };
    },
    readBackup: async (bytes) => exportFunctions.readBackup(bytes),
    readExportedParcels: (name, bytes, now) => exportFunctions.readExportedParcels(name, bytes, now),
    merge: async (local, incoming, localChanges, incomingChanges) =>
      exportFunctions.merge(local, incoming, localChanges, incomingChanges),
  };
}
