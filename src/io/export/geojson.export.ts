import { label } from '../../domain/labels';
import type { ParcelRecord } from '../../domain/parcel';
import { squareMetresToHectares, squareMetresToMu } from '../../domain/units';
import type { AreaGeometry, Ring } from '../../geo/geometry.types';
import {
  copyOriginalAttributes,
  defineKey,
  EXPORTED_FACT_KEYS,
  emptyAttributes,
  LANDSTOCK_PREFIX,
} from './landstock-fields';

export interface GeoJsonExportOptions {
  /** Include the imported attributes (default true); false writes only our `ls_` fields. */
  includeOriginal?: boolean;
  /** Include our `ls_` fields (default true); false writes only the imported attributes. */
  includeLandstock?: boolean;
  /** Decimal places of coordinates (default: full double precision, i.e. lossless). */
  coordinateDecimals?: number;
}

/** Twice the signed planar area of a lon/lat ring (positive = counter-clockwise). */
function signedArea2(ring: Ring): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[j] as number[];
    const b = ring[i] as number[];
    sum += ((a[0] as number) - (b[0] as number)) * ((a[1] as number) + (b[1] as number));
  }
  return sum;
}

/** Ring with RFC 7946 §3.1.6 winding (outer counter-clockwise, holes clockwise); copies only to flip. */
function wound(ring: Ring, outer: boolean, decimals: number | undefined): Ring {
  const area = signedArea2(ring);
  const flip = outer ? area < 0 : area > 0;
  const ordered = flip ? [...ring].reverse() : ring;
  if (decimals === undefined) return ordered;
  const factor = 10 ** decimals;
  return ordered.map((p) => [
    Math.round((p[0] as number) * factor) / factor,
    Math.round((p[1] as number) * factor) / factor,
  ]);
}

/** The geometry with RFC 7946 winding (and optional rounding); the record's geometry is not mutated. */
export function rfc7946Geometry(geometry: AreaGeometry, decimals?: number): AreaGeometry {
  const polygon = (rings: Ring[]): Ring[] => rings.map((ring, i) => wound(ring, i === 0, decimals));
  return geometry.type === 'Polygon'
    ? { type: 'Polygon', coordinates: polygon(geometry.coordinates) }
    : { type: 'MultiPolygon', coordinates: geometry.coordinates.map(polygon) };
}

/**
 * Our fields of a record as `ls_`-prefixed attributes (see landstock-fields.ts): stable codes
 * (for re-import), Chinese labels (for people opening the file in QGIS/ArcGIS), areas in m², 亩 and
 * 公顷, facts as `ls_fact_<key>`, overlay checks as an array. Unset optional fields are left out.
 */
export function landstockAttributes(record: ParcelRecord, target: Record<string, unknown>): void {
  const put = (name: string, value: unknown) => {
    if (value !== undefined) defineKey(target, `${LANDSTOCK_PREFIX}${name}`, value);
  };
  put('id', record.id);
  put('layer_id', record.layerId);
  put('category', record.category);
  put('category_zh', label('zh-CN', 'category', record.category));
  put('sub_type', record.subType);
  put('status', record.status);
  put('status_zh', label('zh-CN', 'status', record.status));
  put('idle_cause', record.idleCause);
  put('disposal_method', record.disposal?.method);
  put('disposal_date', record.disposal?.date);
  put('notes', record.notes);
  put('area_m2', record.areaM2);
  put('area_mu', squareMetresToMu(record.areaM2));
  put('area_ha', squareMetresToHectares(record.areaM2));
  put('version', record.version);
  put('updated_at', record.updatedAt);
  put('updated_by', record.updatedBy);
  const facts = record.facts as Record<string, unknown>;
  for (const key of EXPORTED_FACT_KEYS) put(`fact_${key}`, facts[key]);
  if (record.overlay) put('overlay', record.overlay);
}

/**
 * Exports parcels as an RFC 7946 FeatureCollection string (lon/lat CGCS2000 ≈ WGS84, no `crs`
 * member, outer rings counter-clockwise). Each feature has `id` = the parcel id and properties =
 * the original attributes as they came (own keys, hostile names included) plus our `ls_` fields;
 * `splitExportedProperties` maps them back on re-import. Used by the "export GeoJSON" action.
 */
export function exportGeoJson(records: readonly ParcelRecord[], options: GeoJsonExportOptions = {}): string {
  const includeOriginal = options.includeOriginal !== false;
  const includeLandstock = options.includeLandstock !== false;
  // One JSON.stringify per feature keeps peak memory near the output size (no second tree of 100k).
  const parts: string[] = [];
  for (const record of records) {
    const properties = emptyAttributes();
    if (includeOriginal) copyOriginalAttributes(record.source.properties, properties);
    if (includeLandstock) landstockAttributes(record, properties);
    parts.push(
      JSON.stringify({
        type: 'Feature',
        id: record.id,
        geometry: rfc7946Geometry(record.geometry, options.coordinateDecimals),
        properties,
      }),
    );
  }
  return `{"type":"FeatureCollection","features":[\n${parts.join(',\n')}\n]}\n`;
}
