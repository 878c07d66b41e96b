import type { ParcelFacts, ParcelRecord } from '../domain/parcel';
import { decodeDbf } from './dbf.reader';
import { mapFields } from './field-mapping';
import type { LayerSource } from './prepare-imported';

/**
 * Decodes a parcel layer's kept DBF again in another encoding (mojibake after a wrong guess) and
 * returns the records with the new attributes. A fact is re-mapped only where it still equals what
 * the old attributes gave — a value a person edited since the import is kept.
 */
export function redecodeLayer(
  records: readonly ParcelRecord[],
  source: LayerSource,
  encoding: string,
): ParcelRecord[] {
  const table = decodeDbf(source.dbf, encoding);
  return records.map((record) => {
    const row = record.source.record === undefined ? undefined : table.records[record.source.record - 1];
    if (!row) return record;
    const before = mapFields(record.source.properties, source.fieldMapping);
    const after = mapFields(row, source.fieldMapping);
    const facts: ParcelFacts = { ...record.facts };
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)]) as Set<keyof ParcelFacts>) {
      if (record.facts[key] !== before[key]) continue;
      if (after[key] === undefined) delete facts[key];
      else (facts as Record<string, unknown>)[key] = after[key];
    }
    return { ...record, source: { ...record.source, properties: row }, facts };
  });
}
