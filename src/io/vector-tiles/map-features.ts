import type { ParcelRecord } from '../../domain/parcel';
import type { AreaGeometry } from '../../geo/geometry.types';

/** The properties the map's style reads of a parcel (never its attributes). */
export interface ParcelMapProperties {
  category: string;
  status: string;
  conflict: boolean;
  outside: boolean;
  boundaryError: boolean;
}

/** One feature of a layer as the map's tiles are cut from it (numeric ids: MapLibre feature-state). */
export interface MapFeature {
  type: 'Feature';
  id: number;
  geometry: AreaGeometry;
  properties: Partial<ParcelMapProperties>;
}

/** The check flags the map styles parcels by (outlines and filters). */
export function flagsOf(record: Pick<ParcelRecord, 'overlay'>): {
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

/** What the map draws of a parcel. */
export function parcelMapProperties(
  record: Pick<ParcelRecord, 'category' | 'status' | 'overlay'>,
): ParcelMapProperties {
  return { category: record.category, status: record.status, ...flagsOf(record) };
}
