import type { ParcelRecord } from '../domain/parcel';
import type { Repositories } from './repositories';

/**
 * The parcels an export covers, read from storage: every parcel layer in layer order, chunk by
 * chunk (one layer at a time), keeping only `ids` when given. Used by the export worker over its
 * own connection and by the in-process twin, so both export the same records in the same order.
 */
export async function readExportRecords(
  repositories: Pick<Repositories, 'layers' | 'parcels'>,
  ids: readonly string[] | null,
): Promise<ParcelRecord[]> {
  const wanted = ids === null ? null : new Set(ids);
  const wantedLayers = ids === null ? null : new Set(ids.map((id) => id.slice(0, id.lastIndexOf('#'))));
  const records: ParcelRecord[] = [];
  for (const layer of await repositories.layers.list()) {
    if (layer.role !== 'parcels' || (wantedLayers && !wantedLayers.has(layer.id))) continue;
    for (const record of await repositories.parcels.readLayer(layer.id))
      if (!wanted || wanted.has(record.id)) records.push(record);
  }
  return records;
}
