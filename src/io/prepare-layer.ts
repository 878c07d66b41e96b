import { labels } from '../domain/labels';
import type { LayerFeature, LayerRecord, PreparedLayer } from '../domain/layer';
import { parcelId } from '../domain/layer';
import type { Category, LayerRole, ParcelFacts, ParcelRecord, Status } from '../domain/parcel';
import { CATEGORIES, STATUSES } from '../domain/parcel';
import { type AreaErrorCode, areaOf } from '../geo/area';
import type { AreaGeometry } from '../geo/geometry.types';

/** A feature as an importer hands it over: lon/lat geometry, attributes exactly as read. */
export interface SourceFeature {
  geometry: AreaGeometry;
  properties: Record<string, unknown>;
  /** 1-based record number in the source file (shapefiles: the DBF row), for re-decoding. */
  record?: number;
}

export interface LayerInput {
  id: string;
  name: string;
  role: LayerRole;
  source: string;
  order: number;
  encoding?: string;
  crs?: string;
  features: SourceFeature[];
}

export interface PrepareOptions {
  /** Maps imported attributes to our facts (io field mapping). */
  mapFacts: (properties: Record<string, unknown>) => ParcelFacts;
  /** ISO time stamped on new records. */
  now: string;
}

/** Attribute names that carry an existing stock-land tag in exported inventories. */
const CATEGORY_FIELDS = ['CLLX', '存量类型', 'CLTDLX'];
const STATUS_FIELDS = ['ZT', '状态', 'CZZT'];

function reverseLookup<T extends string>(
  codes: readonly T[],
  group: 'category' | 'status',
  value: unknown,
): T | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  for (const code of codes) {
    if (code === text) return code;
    for (const locale of ['zh-CN', 'en'] as const) {
      if ((labels[locale][group] as Record<string, string>)[code] === text) return code;
    }
  }
  return undefined;
}

function firstValue(properties: Record<string, unknown>, names: readonly string[]): unknown {
  for (const name of names) if (Object.hasOwn(properties, name)) return properties[name];
  return undefined;
}

/**
 * Turns importer output into records to store: measures every polygon on the ellipsoid, maps
 * facts, keeps the attributes as they came. Features whose area cannot be computed are skipped
 * and counted (the importer's report lists them), never stored with a NaN or 0 area.
 */
export function prepareLayer(
  input: LayerInput,
  options: PrepareOptions,
): PreparedLayer & { skipped: number; skippedBy: Partial<Record<AreaErrorCode, number>> } {
  const layer: LayerRecord = {
    id: input.id,
    name: input.name,
    role: input.role,
    source: input.source,
    featureCount: 0,
    encoding: input.encoding,
    crs: input.crs,
    visible: true,
    opacity: 1,
    order: input.order,
    nextSeq: 0,
    createdAt: options.now,
  };
  let skipped = 0;
  const skippedBy: Partial<Record<AreaErrorCode, number>> = {};
  const skip = (code: AreaErrorCode): void => {
    skipped++;
    skippedBy[code] = (skippedBy[code] ?? 0) + 1;
  };
  if (input.role !== 'parcels') {
    const items: LayerFeature[] = [];
    for (const feature of input.features) {
      const area = areaOf(feature.geometry, { maxAreaM2: 1e12 });
      if (!area.ok) {
        skip(area.error);
        continue;
      }
      items.push({
        id: parcelId(input.id, items.length),
        geometry: feature.geometry,
        properties: feature.properties,
        areaM2: area.value,
      });
    }
    return {
      layer: { ...layer, featureCount: items.length, nextSeq: items.length },
      content: { kind: 'features', items },
      skipped,
      skippedBy,
    };
  }
  const items: ParcelRecord[] = [];
  for (const feature of input.features) {
    const area = areaOf(feature.geometry);
    if (!area.ok) {
      skip(area.error);
      continue;
    }
    const category: Category =
      reverseLookup(CATEGORIES, 'category', firstValue(feature.properties, CATEGORY_FIELDS)) ??
      'unclassified';
    const status: Status =
      reverseLookup(STATUSES, 'status', firstValue(feature.properties, STATUS_FIELDS)) ?? 'to-verify';
    items.push({
      id: parcelId(input.id, items.length),
      layerId: input.id,
      geometry: feature.geometry,
      source:
        feature.record === undefined
          ? { properties: feature.properties }
          : { properties: feature.properties, record: feature.record },
      areaM2: area.value,
      facts: options.mapFacts(feature.properties),
      category,
      status,
      version: 1,
      updatedAt: options.now,
      updatedBy: 'import',
    });
  }
  return {
    layer: { ...layer, featureCount: items.length, nextSeq: items.length },
    content: { kind: 'parcels', items },
    skipped,
    skippedBy,
  };
}
