import type { ChangeEntry } from '../../domain/change-entry';
import type { Locale } from '../../domain/labels';
import type { ParcelRecord } from '../../domain/parcel';
import { ellipsoidalAreaM2 } from '../../geo/area';
import { AppError } from '../../shared/errors';
import { importFiles } from '../import-files';
import { type BackupInput, createBackup, readBackup } from './backup.format';
import { type CoordinateTextOptions, exportCoordinateText } from './coordinate-text.export';
import { parcelListCsv } from './csv.export';
import { exportGeoJson, type GeoJsonExportOptions } from './geojson.export';
import { splitExportedProperties } from './landstock-fields';
import { mergeParcels } from './merge';
import {
  exportShapefileZip,
  type ShapefileExportOptions,
  splitShapefileAttributes,
} from './shapefile.export';

/**
 * Reads the parcels of an exported file (GeoJSON or shapefile zip made by Landstock, ours or another
 * inspector's) back into records for a merge: our `ls_` fields where present, the original
 * attributes as they were. Features without a Landstock id get one in the layer `merged-<name>`.
 */
export async function readExportedParcels(
  name: string,
  bytes: Uint8Array,
  now: string,
): Promise<ParcelRecord[]> {
  const result = await importFiles([{ name, bytes }]);
  const records: ParcelRecord[] = [];
  const fallbackLayer = `merged-${name.replace(/[^\p{L}\p{N}_-]+/gu, '_')}`;
  for (const layer of result.layers) {
    const split = layer.format === 'shapefile' ? splitShapefileAttributes : splitExportedProperties;
    layer.features.forEach((feature, i) => {
      const { attributes, landstock } = split(feature.properties);
      const id = landstock?.id ?? `${fallbackLayer}#${i}`;
      const layerId = landstock?.layerId ?? id.slice(0, id.lastIndexOf('#'));
      records.push({
        id,
        layerId,
        geometry: feature.geometry,
        source: { properties: attributes },
        areaM2: landstock?.areaM2 ?? ellipsoidalAreaM2(feature.geometry),
        facts: landstock?.facts ?? {},
        category: landstock?.category ?? 'unclassified',
        ...(landstock?.subType !== undefined && { subType: landstock.subType }),
        status: landstock?.status ?? 'to-verify',
        ...(landstock?.idleCause !== undefined && { idleCause: landstock.idleCause }),
        ...(landstock?.disposal !== undefined && { disposal: landstock.disposal }),
        ...(landstock?.notes !== undefined && { notes: landstock.notes }),
        ...(landstock?.overlay !== undefined && { overlay: landstock.overlay }),
        version: landstock?.version ?? 1,
        updatedAt: landstock?.updatedAt ?? now,
        updatedBy: landstock?.updatedBy ?? 'import',
      });
    });
  }
  if (records.length === 0)
    throw new AppError('file-unsupported', `${name} holds no parcels to merge.`, {
      reason: 'nothing-to-merge',
    });
  return records;
}

/**
 * The export, backup and merge functions as one object: exposed by `export.worker.ts` with Comlink
 * and called in process by tests and tools (same code, same results).
 */
export const exportFunctions = {
  geoJson: (records: ParcelRecord[], options?: GeoJsonExportOptions) => exportGeoJson(records, options),
  shapefile: (records: ParcelRecord[], options: ShapefileExportOptions) =>
    exportShapefileZip(records, options),
  coordinateText: (records: ParcelRecord[], options: CoordinateTextOptions) =>
    exportCoordinateText(records, options),
  parcelCsv: (records: ParcelRecord[], locale: Locale) => parcelListCsv(records, locale),
  backup: (input: BackupInput, createdAt: Date) => createBackup(input, createdAt),
  readBackup: (bytes: Uint8Array) => readBackup(bytes),
  readExportedParcels,
  merge: (
    local: ParcelRecord[],
    incoming: ParcelRecord[],
    localChanges: ChangeEntry[],
    incomingChanges: ChangeEntry[],
  ) => mergeParcels(local, incoming, localChanges, incomingChanges),
};
