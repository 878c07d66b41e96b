import type { ParcelRecord } from '../domain/parcel';
import { type ExportCrs, type GaussKrugerChoice, suggestGaussKrugerZone } from '../io/export/export-crs';
import type { ExportedField } from '../io/export/shapefile.export';
import { AppError } from '../shared/errors';
import { backupRepository, exportService, type ReportsContext, reportTask, stamp } from './reports-context';

/** What an export produced, ready for a download. */
export interface ExportFile {
  fileName: string;
  mime: string;
  data: Uint8Array | string;
  count: number;
  /** Shapefile: DBF columns (original name → DBF name) and the renamed ones. */
  fields?: ExportedField[];
  renamed?: { property: string; dbfName: string }[];
}

export type ExportRequest =
  | { format: 'geojson'; ids: readonly string[] | null }
  | { format: 'shapefile'; ids: readonly string[] | null; encoding: 'gbk' | 'utf-8'; crs: ExportCrs }
  | { format: 'coordinate-text'; ids: readonly string[] | null; zone: GaussKrugerChoice }
  | { format: 'csv'; ids: readonly string[] | null };

export interface ExportActions {
  /** The Gauss-Kruger zone nearest the parcels (all, or the given ones). */
  suggestZone(ids: readonly string[] | null, threeDegree: boolean): Promise<number | undefined>;
  /** Runs an export in the export worker. */
  exportParcels(request: ExportRequest): Promise<ExportFile>;
  /** The whole database as one backup file. */
  backupAll(): Promise<ExportFile>;
}

/** Exports of the parcels (GeoJSON, shapefile, coordinate text, CSV) and the backup file. */
export function createExportActions(ctx: ReportsContext): ExportActions {
  const recordsFor = async (ids: readonly string[] | null): Promise<ParcelRecord[]> => {
    const all = await ctx.loadRecords();
    if (ids === null) return all;
    const wanted = new Set(ids);
    return all.filter((r) => wanted.has(r.id));
  };

  return {
    async suggestZone(ids, threeDegree) {
      return suggestGaussKrugerZone(await recordsFor(ids), threeDegree);
    },

    async exportParcels(request) {
      return reportTask(ctx, 'export', async () => {
        const records = await recordsFor(request.ids);
        if (records.length === 0) throw new AppError('validation', 'No parcels to export.');
        const day = stamp(ctx.services.now());
        switch (request.format) {
          case 'geojson':
            return {
              fileName: `landstock-parcels-${day}.geojson`,
              mime: 'application/geo+json',
              data: await exportService(ctx).geoJson(records),
              count: records.length,
            };
          case 'shapefile': {
            const result = await exportService(ctx).shapefile(records, {
              encoding: request.encoding,
              crs: request.crs,
              lastUpdate: ctx.services.now(),
            });
            return {
              fileName: `landstock-parcels-${day}.zip`,
              mime: 'application/zip',
              data: result.zip,
              count: records.length,
              fields: result.fields,
              renamed: result.renamed,
            };
          }
          case 'coordinate-text': {
            const result = await exportService(ctx).coordinateText(records, {
              ...request.zone,
              date: ctx.services.now().toISOString().slice(0, 10),
            });
            return {
              fileName: `landstock-coordinates-${day}.txt`,
              mime: 'text/plain',
              data: result.bytes,
              count: result.parcels,
            };
          }
          case 'csv':
            return {
              fileName: `landstock-parcels-${day}.csv`,
              mime: 'text/csv;charset=utf-8',
              data: await exportService(ctx).parcelCsv(records, ctx.get().locale),
              count: records.length,
            };
        }
      });
    },

    async backupAll() {
      return reportTask(ctx, 'backup', async () => {
        const snapshot = await backupRepository(ctx).dump();
        const now = ctx.services.now();
        const bytes = await exportService(ctx).backup(snapshot, now);
        return {
          fileName: `landstock-backup-${stamp(now)}.zip`,
          mime: 'application/zip',
          data: bytes,
          count: snapshot.parcels.length,
        };
      });
    },
  };
}
