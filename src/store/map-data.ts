import type { ParcelRecord } from '../domain/parcel';

/** A GeoJSON FeatureCollection as the map consumes it (ids are numeric map ids). */
export interface MapFeatureCollection {
  type: 'FeatureCollection';
  features: {
    type: 'Feature';
    id: number;
    geometry: ParcelRecord['geometry'];
    properties: Record<string, unknown>;
  }[];
}

/** The check flags the map styles parcels by (outlines and filters). */
export function flagsOf(record: ParcelRecord): {
  conflict: boolean;
  outside: boolean;
  boundaryError: boolean;
} {
  const checks = record.overlay ?? [];
  return {
    conflict: checks.some((c) => c.verdict === 'conflict'),
    outside: checks.some((c) => c.role === 'development-boundary' && c.verdict === 'outside'),
    boundaryError: checks.some((c) => c.verdict === 'boundary-error'),
  };
}

/** A parcel layer as the map's source data: only the properties the style reads, never attributes. */
export function parcelFeatureCollection(
  records: ParcelRecord[],
  mapIds: ReadonlyMap<string, number>,
): MapFeatureCollection {
  return {
    type: 'FeatureCollection',
    features: records.map((r) => ({
      type: 'Feature',
      id: mapIds.get(r.id) ?? -1,
      geometry: r.geometry,
      properties: { category: r.category, status: r.status, ...flagsOf(r) },
    })),
  };
}
