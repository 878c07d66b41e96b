import { readExportRecords } from '../db/export-source';
import { type OpenedDatabase, openDatabase } from '../db/open-database';
import { suggestGaussKrugerZone } from '../io/export/export-crs';
import { exportFunctions } from '../io/export/export-functions';
import { type ExportContext, type ExportRequest, exportParcelFile } from '../io/export/parcel-export';
import { AppError } from '../shared/errors';

/**
 * What `export.worker.ts` exposes: exports and backups read the parcels from IndexedDB over the
 * worker's own connection (the UI thread sends only the request); backup reading and merges work
 * on what they are given. A plain object so unit tests can call it in process.
 */
export function createExportWorkerApi() {
  let database: Promise<OpenedDatabase> | null = null;
  let databaseName = 'landstock';
  const repositories = async () => {
    database ??= openDatabase(databaseName);
    return (await database).repositories;
  };

  return {
    /** The database to read (the app's, or a test's); call before anything else. */
    open(name: string): void {
      if (name === databaseName && database) return;
      void database?.then((opened) => opened.close());
      database = null;
      databaseName = name;
    },
    async parcels(request: ExportRequest, context: ExportContext) {
      return exportParcelFile(await readExportRecords(await repositories(), request.ids), request, context);
    },
    async suggestZone(ids: readonly string[] | null, threeDegree: boolean) {
      return suggestGaussKrugerZone(await readExportRecords(await repositories(), ids), threeDegree);
    },
    async backupAll(createdAt: Date) {
      const backup = (await repositories()).backup;
      if (!backup) throw new AppError('internal', 'Backups are not available here.');
      const snapshot = await backup.dump();
      return { bytes: exportFunctions.backup(snapshot, createdAt), parcels: snapshot.parcels.length };
    },
    /** Closes the connection (tests). */
    close(): void {
      void database?.then((opened) => opened.close());
      database = null;
    },
    readBackup: exportFunctions.readBackup,
    readExportedParcels: exportFunctions.readExportedParcels,
    merge: exportFunctions.merge,
  };
}

export type ExportWorkerApiObject = ReturnType<typeof createExportWorkerApi>;
