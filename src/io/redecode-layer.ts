import type { ParcelFacts, ParcelRecord } from '../domain/parcel';
import { decodeDbf } from './dbf.reader';
import { fieldMapper } from './field-mapping';
import type { LayerSource } from './prepare-imported';
import { inflateKept } from './zip.reader';

/**
 * Decodes a parcel layer's kept DBF again in another encoding (mojibake after a wrong guess) and
 * returns the records with the new attributes. A fact is re-mapped only where it still equals what
 * the old attributes gave — a value a person edited since the import is kept.
 */
export function redecodeLayer(
  records: readonly ParcelRecord[],
  source: Pick<LayerSource, 'fieldMapping'> & { dbf: Uint8Array },
  encoding: string,
): ParcelRecord[] {
  const table = decodeDbf(source.dbf, encoding);
  const mapFacts = fieldMapper(source.fieldMapping);
  return records.map((record) => {
    const row = record.source.record === undefined ? undefined : table.records[record.source.record - 1];
    if (!row) return record;
    const before = mapFacts(record.source.properties);
    const after = mapFacts(row);
    const facts: ParcelFacts = { ...record.facts };
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)]) as Set<keyof ParcelFacts>) {
      if (record.facts[key] !== before[key]) continue;
      if (after[key] === undefined) delete facts[key];
      else (facts as Record<string, unknown>)[key] = after[key];
    }
    return { ...record, source: { ...record.source, properties: row }, facts };
  });
}

/** Where a layer's kept source attributes (raw DBF, mapping, encoding) are stored, by layer id. */
export const layerSourceKey = (layerId: string): string => `source:${layerId}`;

/** The storage a stored layer's re-decode needs; the app's parcel and meta repositories fit it. */
export interface RedecodeStorage {
  parcels: {
    readLayer(layerId: string): Promise<ParcelRecord[]>;
    rewriteLayer(layerId: string, records: readonly ParcelRecord[]): Promise<void>;
  };
  meta: {
    get<T>(key: string): Promise<T | undefined>;
    set(key: string, value: unknown): Promise<void>;
  };
}

/**
 * Re-decodes a stored parcel layer in another encoding: reads its records and kept DBF, rewrites
 * the records (one transaction) and remembers the new encoding beside the DBF. Returns false, with
 * nothing changed, when the layer keeps no source. Runs in a worker on its own database connection
 * in the app (a 100k-parcel layer never blocks the UI), in process in tests.
 */
export async function redecodeStoredLayer(
  storage: RedecodeStorage,
  layerId: string,
  encoding: string,
): Promise<boolean> {
  const source = await storage.meta.get<LayerSource>(layerSourceKey(layerId));
  const dbf =
    source && (source.dbf ?? (source.dbfDeflated && (await inflateKept(source.dbfDeflated, 'kept .dbf'))));
  if (!source || !dbf) return false;
  const records = await storage.parcels.readLayer(layerId);
  await storage.parcels.rewriteLayer(layerId, redecodeLayer(records, { ...source, dbf }, encoding));
  await storage.meta.set(layerSourceKey(layerId), { ...source, encoding });
  return true;
}
