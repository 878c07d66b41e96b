import type { Locale } from '../../domain/labels';
import type { ParcelRecord } from '../../domain/parcel';
import type { ExportCrs, GaussKrugerChoice } from './export-crs';
import { exportFunctions } from './export-functions';
import type { ExportedField } from './shapefile.export';

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

/** Which parcels (all: null) in which format: all an export worker needs to be told. */
export type ExportRequest =
  | { format: 'geojson'; ids: readonly string[] | null }
  | { format: 'shapefile'; ids: readonly string[] | null; encoding: 'gbk' | 'utf-8'; crs: ExportCrs }
  | { format: 'coordinate-text'; ids: readonly string[] | null; zone: GaussKrugerChoice }
  | { format: 'csv'; ids: readonly string[] | null };

/** The caller's clock and language (the worker has neither). */
export interface ExportContext {
  now: Date;
  locale: Locale;
}

/** A date as yyyymmdd for file names. */
export const fileStamp = (date: Date): string => date.toISOString().slice(0, 10).replaceAll('-', '');

/** The export file of the given records; null when there are none. */
export function exportParcelFile(
  records: ParcelRecord[],
  request: ExportRequest,
  context: ExportContext,
): ExportFile | null {
  if (records.length === 0) return null;
  const day = fileStamp(context.now);
  switch (request.format) {
    case 'geojson':
      return {
        fileName: `landstock-parcels-${day}.geojson`,
        mime: 'application/geo+json',
        data: exportFunctions.geoJson(records),
        count: records.length,
      };
    case 'shapefile': {
      const result = exportFunctions.shapefile(records, {
        encoding: request.encoding,
        crs: request.crs,
        lastUpdate: context.now,
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
      const result = exportFunctions.coordinateText(records, {
        ...request.zone,
        date: context.now.toISOString().slice(0, 10),
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
        data: exportFunctions.parcelCsv(records, context.locale),
        count: records.length,
      };
  }
}
