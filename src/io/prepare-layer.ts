import { labels } from '../domain/labels';
import type { LayerFeature, LayerRecord, PreparedLayer, StreamedParcelLayer } from '../domain/layer';
import { parcelId } from '../domain/layer';
import type { Category, LayerRole, OverlayCheck, ParcelFacts, ParcelRecord, Status } from '../domain/parcel';
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

/** Features left out for having no measurable area, by why (the import report lists them). */
export class Skipped {
  count = 0;
  readonly by: Partial<Record<AreaErrorCode, number>> = {};
  add(code: AreaErrorCode): void {
    this.count++;
    this.by[code] = (this.by[code] ?? 0) + 1;
  }
}

/** Checks a parcel against the control layers (its `overlay`), given its geometry and area. */
export type CheckParcel = (geometry: AreaGeometry, areaM2: number) => OverlayCheck[];

function layerRecord(input: LayerInput, options: PrepareOptions, count: number): LayerRecord {
  return {
    id: input.id,
    name: input.name,
    role: input.role,
    source: input.source,
    featureCount: count,
    encoding: input.encoding,
    crs: input.crs,
    visible: true,
    opacity: 1,
    order: input.order,
    nextSeq: count,
    createdAt: options.now,
  };
}

/**
 * The parcel record of a feature, numbered `seq` in its layer, or why it has no measurable area.
 * With `check`, the record carries its overlay checks.
 */
function parcelOf(
  input: LayerInput,
  options: PrepareOptions,
  feature: SourceFeature,
  seq: number,
  check?: CheckParcel,
): ParcelRecord | AreaErrorCode {
  const area = areaOf(feature.geometry);
  if (!area.ok) return area.error;
  const category: Category =
    reverseLookup(CATEGORIES, 'category', firstValue(feature.properties, CATEGORY_FIELDS)) ?? 'unclassified';
  const status: Status =
    reverseLookup(STATUSES, 'status', firstValue(feature.properties, STATUS_FIELDS)) ?? 'to-verify';
  const record: ParcelRecord = {
    id: parcelId(input.id, seq),
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
  };
  if (check) record.overlay = check(feature.geometry, area.value);
  return record;
}

/**
 * A parcel layer prepared while it is stored (StreamedParcelLayer): each chunk's records are made
 * when storage asks for the chunk, checked with `check`, and left to the garbage collector once
 * stored. `skipped` counts what was left out, complete once the chunks are exhausted.
 */
export function streamParcelLayer(
  input: LayerInput,
  options: PrepareOptions,
  skipped: Skipped,
  check?: CheckParcel,
): StreamedParcelLayer {
  let count = 0;
  return {
    get layer() {
      return layerRecord(input, options, count);
    },
    *chunks(size: number) {
      let chunk: ParcelRecord[] = [];
      for (const feature of input.features) {
        const record = parcelOf(input, options, feature, count, check);
        if (typeof record === 'string') {
          skipped.add(record);
          continue;
        }
        chunk.push(record);
        count++;
        if (chunk.length === size) {
          yield chunk;
          chunk = [];
        }
      }
      if (chunk.length > 0) yield chunk;
    },
  };
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
  const skipped = new Skipped();
  if (input.role !== 'parcels') {
    const items: LayerFeature[] = [];
    for (const feature of input.features) {
      const area = areaOf(feature.geometry, { maxAreaM2: 1e12 });
      if (!area.ok) {
        skipped.add(area.error);
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
      layer: layerRecord(input, options, items.length),
      content: { kind: 'features', items },
      skipped: skipped.count,
      skippedBy: skipped.by,
    };
  }
  const stream = streamParcelLayer(input, options, skipped);
  const items = [...stream.chunks(Number.POSITIVE_INFINITY)].flat();
  return {
    layer: stream.layer,
    content: { kind: 'parcels', items },
    skipped: skipped.count,
    skippedBy: skipped.by,
  };
}
