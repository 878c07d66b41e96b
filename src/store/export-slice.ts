import type { ExportFile, ExportRequest } from '../io/export/parcel-export';
import { AppError } from '../shared/errors';
import { exportService, type ReportsContext, reportTask, stamp } from './reports-context';

export type { ExportFile, ExportRequest } from '../io/export/parcel-export';

export interface ExportActions {
  /** The Gauss-Kruger zone nearest the parcels (all, or the given ones). */
  suggestZone(ids: readonly string[] | null, threeDegree: boolean): Promise<number | undefined>;
  /** Runs an export in the export worker. */
  exportParcels(request: ExportRequest): Promise<ExportFile>;
  /** The whole database as one backup file. */
  backupAll(): Promise<ExportFile>;
}

/**
 * Exports of the parcels (GeoJSON, shapefile, coordinate text, CSV) and the backup file. The UI
 * thread sends only the request: the export service (a worker in the app) reads the parcels from
 * IndexedDB itself and returns the file.
 */
export function createExportActions(ctx: ReportsContext): ExportActions {
  return {
    suggestZone: (ids, threeDegree) => exportService(ctx).suggestZone(ids, threeDegree),

    async exportParcels(request) {
      return reportTask(ctx, 'export', async () => {
        const file = await exportService(ctx).parcels(request, {
          now: ctx.services.now(),
          locale: ctx.get().locale,
        });
        if (!file) throw new AppError('validation', 'No parcels to export.');
        return file;
      });
    },

    async backupAll() {
      return reportTask(ctx, 'backup', async () => {
        const now = ctx.services.now();
        const { bytes, parcels } = await exportService(ctx).backupAll(now);
        return {
          fileName: `landstock-backup-${stamp(now)}.zip`,
          mime: 'application/zip',
          data: bytes,
          count: parcels,
        };
      });
    },
  };
}
