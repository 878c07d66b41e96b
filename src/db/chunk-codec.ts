import type { LayerFeature } from '../domain/layer';
import type { ParcelRecord } from '../domain/parcel';
import { FlatRingPolygon, flatRingOf } from '../geo/flat-ring';
import { type AreaGeometry, polygonsOf, type Ring } from '../geo/geometry.types';
import { type PackedGeometry, packPolygons, unpackGeometries } from '../geo/packed-geometry';
import { numbering } from '../shared/numbering';
import { CHECKS_KEY, liftedChecks, type PackedChecks, packChecks } from './check-packing';
import { isPlainObject, objectTemplate, signature, smallInts } from './plain-values';
import type { ChunkRecord } from './schema';
import { type PackedValues, packValues, valuesOf } from './value-packing';

export type { PackedChecks } from './check-packing';
export type { SmallInts } from './plain-values';
export type { PackedValues } from './value-packing';

/**
 * How chunks are stored (packed since schema v3, their values packed since v4). IndexedDB's cost
 * for bulk data is the structured clone of every nested array and object: a 100k-parcel county is ~15 million small objects (positions,
 * rings, attribute objects repeating their keys), 1.3–2.3 s to write and 1.2–1.6 s to read in Chromium.
 * A packed chunk holds the same records as a few flat values:
 * - geometry: every position of the chunk in one Float64Array, ring / polygon / geometry ends in
 *   Int32Arrays (typed arrays clone as one copy);
 * - every other field: the distinct key lists ("shapes") of the records, their nested objects
 *   (parcels: source, source.properties, facts; features: properties), each object's shape number,
 *   and all values in key order (PackedValues: each distinct string once, numbers in a
 *   Float64Array, anything else cloned as it is), so numbers stay numbers, strings stay strings,
 *   null / undefined / -0 / nested arrays survive, and keys keep their order;
 * - parcels' overlay checks (several per parcel once the 三区三线 are loaded): apart, as shapes,
 *   shape numbers, string values as numbers into one word list, other values in order (PackedChecks).
 *   Stored as they were, they were a third of a county's bytes (33 of 107 MB at 100k parcels, 4
 *   checks each); packed, the chunks total 86 MB and the import's write took 2.2 s instead of 3.1 s.
 * Measured in Chromium 156 from a worker, 100k imported parcels (bench/idb-write.bench.ts, busy
 * 2-core machine): write 0.5–0.65 s instead of 1.35–2.3 s, readLayer 0.6–0.8 s instead of 1.2–1.6 s;
 * in the app (bench/import-browser) the import's write went from 1.9–2.6 s to 1.1–1.5 s, the rest
 * being the raw DBF kept beside the layer and opening the database.
 *
 * Chunks written before v3 (`kind: 'parcels' | 'features'`, `items` as they are) are decoded as
 * they are, and packed chunks whose `values` are a plain array (written before PackedValues) too;
 * whatever rewrites a chunk writes it in the newest form. A chunk whose records do not fit the packed
 * form (a geometry with z values or extra fields, a nested value that is not a plain object) is
 * written in that older form, which is always exact.
 */
export interface PackedChunk {
  layerId: string;
  index: number;
  kind: 'parcels-packed' | 'features-packed';
  geometry: PackedGeometry;
  /** Distinct key lists of the packed objects, in their own key order. */
  shapes: string[][];
  /** Per item, one shape number per packed object (see PLANS), items one after another. */
  which: ArrayLike<number>;
  /**
   * Every value of every packed object except the nested packed ones, in order: packed (since
   * schema v4), or as they are in chunks packed before.
   */
  values: PackedValues | unknown[];
  /**
   * The parcels' overlay checks, packed apart (since v3, when every `overlay` of the chunk is a
   * plain array of plain objects); a packed parcel's `overlay` entry among `values` is then null.
   */
  checks?: PackedChecks;
}

/** What the layerChunks table holds (the chunks table before v5): chunks written before v3 as they are, packed chunks since. */
export type StoredChunk = ChunkRecord | PackedChunk;

/**
 * Which objects of an item are packed, depth first: the item itself (slot 0), then its nested
 * objects by key. `geometry` of the item is packed apart.
 */
interface Plan {
  nested: readonly (readonly [key: string, plan: Plan])[];
  /** How many packed objects this one stands for, itself included. */
  slots: number;
  /** The nested plans by key; null for an object with none. */
  byKey: ReadonlyMap<string, Plan> | null;
}
function plan(nested: Plan['nested'] = []): Plan {
  return {
    nested,
    slots: 1 + nested.reduce((n, [, p]) => n + p.slots, 0),
    byKey: nested.length > 0 ? new Map(nested) : null,
  };
}
const PARCEL_PLAN = plan([
  ['source', plan([['properties', plan()]])],
  ['facts', plan()],
]);
const FEATURE_PLAN = plan([['properties', plan()]]);

/** Thrown inside the encoder when a chunk does not fit the packed form; caught in encodeChunk. */
class NotPackable extends Error {}

function isPosition(p: unknown): p is [number, number] {
  return Array.isArray(p) && p.length === 2 && typeof p[0] === 'number' && typeof p[1] === 'number';
}

/** The polygons of a geometry that packs exactly (GeoJSON Polygon / MultiPolygon of x,y only). */
function polygonsToPack(geometry: unknown): Ring[][] {
  // A flat ring polygon whose coordinates were read is a plain Polygon but for its class.
  if (!isPlainObject(geometry) && !(geometry instanceof FlatRingPolygon)) throw new NotPackable();
  let keys = 0;
  for (const _ in geometry) keys++;
  const { type, coordinates } = geometry;
  if (keys !== 2 || !Array.isArray(coordinates)) throw new NotPackable();
  const polygons = type === 'Polygon' ? [coordinates] : type === 'MultiPolygon' ? coordinates : null;
  if (!polygons) throw new NotPackable();
  for (const polygon of polygons) {
    if (!Array.isArray(polygon)) throw new NotPackable();
    for (const ring of polygon) {
      if (!Array.isArray(ring)) throw new NotPackable();
      for (const p of ring) if (!isPosition(p)) throw new NotPackable();
    }
  }
  return polygons as Ring[][];
}

function packGeometries(geometries: readonly unknown[]): PackedGeometry {
  return packPolygons(
    // A one-ring polygon still flat (flat-ring.ts) is copied from its flat array, not built first.
    geometries.map((g) => {
      const flat = flatRingOf(g);
      return flat && Object.keys(g as object).length === 2 ? flat : polygonsToPack(g);
    }),
    geometries.map((g) => (g as AreaGeometry).type === 'MultiPolygon'),
  );
}

/** What the packer does with one key of an object of a given shape and plan. */
const VALUE = 0;
const NESTED = 1;
const SKIPPED = 2;
const LIFTED = 3;
interface ShapeSteps {
  /** Per key, in key order: VALUE, NESTED, SKIPPED (the root's geometry) or LIFTED (null stands in). */
  steps: Uint8Array;
  /** Per key: the nested plan, for NESTED keys. */
  plans: (Plan | undefined)[];
}

/**
 * Where packObjects collects a chunk's values before packValues, kept from one chunk to the next
 * and cleared after each. A fresh array per chunk, grown by push, cost two thirds of the encoding:
 * 100k parcels (43 values each) encoded in 0.45 s in Node with one, 0.15–0.27 s with this, same
 * output. Storing a county's values into a new large array is what costs (a fresh array of the
 * right size from the start was as slow), not packing them.
 */
let valueScratch: unknown[] = [];
function growValueScratch(count: number): unknown[] {
  const grown: unknown[] = new Array(Math.max(1024, count * 2));
  for (let i = 0; i < count; i++) grown[i] = valueScratch[i];
  valueScratch = grown;
  return grown;
}

/** Packs items (records or features) by their plan: shapes, shape numbers and values. */
function packObjects(
  items: readonly Record<string, unknown>[],
  root: Plan,
  /** A root key whose values are packed apart (null stands in for them among the values). */
  lifted?: string,
): Pick<PackedChunk, 'shapes' | 'which' | 'values'> {
  const slots = root.slots;
  const shapes = numbering<string[]>(signature);
  const which = new Int32Array(items.length * slots);
  // The values go into the kept work array (see valueScratch), `count` of them.
  let values = valueScratch;
  let count = 0;
  /** Where each item's values start among `values`, and their end. */
  const starts = new Int32Array(items.length + 1);
  // The shape of the object last seen in each slot: most objects of a chunk share it, and comparing
  // key by key (interned strings) is cheaper than building a signature.
  const lastKeys: (string[] | null)[] = new Array(slots).fill(null);
  const lastIds: number[] = new Array(slots).fill(-1);
  const shapeOf = (keys: string[], slot: number): number => {
    const last = lastKeys[slot];
    if (last && last.length === keys.length) {
      let i = 0;
      while (i < keys.length && last[i] === keys[i]) i++;
      if (i === keys.length) return lastIds[slot] as number;
    }
    const id = shapes.of(keys);
    lastKeys[slot] = shapes.values[id] as string[];
    lastIds[slot] = id;
    return id;
  };
  // What to do with each key, worked out once per shape and plan (a root and a nested object may
  // share a shape but not a plan, hence one table per slot).
  const stepsBySlot: Map<number, ShapeSteps>[] = Array.from({ length: slots }, () => new Map());
  const stepsOf = (shape: number, p: Plan, slot: number, isRoot: boolean): ShapeSteps => {
    const known = stepsBySlot[slot]?.get(shape);
    if (known) return known;
    const keys = shapes.values[shape] as string[];
    const steps = new Uint8Array(keys.length);
    const plans: (Plan | undefined)[] = new Array(keys.length);
    keys.forEach((k, j) => {
      const nested = p.byKey?.get(k);
      plans[j] = nested;
      steps[j] =
        isRoot && k === 'geometry' ? SKIPPED : nested ? NESTED : isRoot && k === lifted ? LIFTED : VALUE;
    });
    const made = { steps, plans };
    stepsBySlot[slot]?.set(shape, made);
    return made;
  };
  let base = 0;
  const pack = (o: unknown, p: Plan, slot: number, isRoot: boolean): number => {
    if (!isPlainObject(o)) throw new NotPackable();
    // Object.keys / Object.values read a fast object's keys and values in one builtin call each, in
    // the same order as for…in; a key-by-key walk was most of the encoding time.
    const shape = shapeOf(Object.keys(o), slot);
    which[base + slot] = shape;
    const { steps, plans } = stepsOf(shape, p, slot, isRoot);
    const own = Object.values(o);
    let next = slot + 1;
    for (let j = 0; j < steps.length; j++) {
      const step = steps[j];
      if (step === NESTED) next = pack(own[j], plans[j] as Plan, next, false);
      else if (step !== SKIPPED) {
        if (count === values.length) values = growValueScratch(count);
        values[count++] = step === VALUE ? own[j] : null;
      }
    }
    // A nested object the plan expects but the item lacks would shift every later slot.
    if (next !== slot + p.slots) throw new NotPackable();
    return next;
  };
  for (let i = 0; i < items.length; i++, base += slots) {
    const item = items[i];
    if (!isPlainObject(item) || !('geometry' in item)) throw new NotPackable();
    starts[i] = count;
    pack(item, root, 0, true);
  }
  starts[items.length] = count;
  const packed = packValues(values, starts);
  // The work array keeps nothing of this chunk alive.
  values.fill(undefined, 0, count);
  return { shapes: shapes.values, which: smallInts(which, shapes.values.length - 1), values: packed };
}

function unpackObjects(
  chunk: Pick<PackedChunk, 'shapes' | 'which' | 'values'>,
  root: Plan,
  geometries: readonly AreaGeometry[],
  /** Top-level keys left out of the items (their values are skipped, nothing is built for them). */
  omit?: ReadonlySet<string>,
  /** The root key packed apart, and what stands for item i's value of it. */
  lifted?: { key: string; value: (item: number) => unknown },
): Record<string, unknown>[] {
  const { shapes, which } = chunk;
  const values = valuesOf(chunk.values);
  const slots = root.slots;
  // Objects are copied from one template per shape (same hidden class, no key-by-key growth); a
  // root object's template leaves out the omitted keys (deleting them afterwards would turn every
  // object into a slow dictionary).
  const templates = shapes.map((keys) => objectTemplate(keys));
  const rootTemplates = omit ? shapes.map((keys) => objectTemplate(keys, omit)) : templates;
  const count = which.length / slots;
  const out: Record<string, unknown>[] = new Array(count);
  let at = 0;
  let base = 0;
  /** Steps over an object's values (and its nested objects') without building it; the next slot. */
  const skip = (p: Plan, slot: number): number => {
    const keys = shapes[which[base + slot] as number] as string[];
    let next = slot + 1;
    for (const k of keys) {
      const nested = p.byKey?.get(k);
      if (nested) next = skip(nested, next);
      else at++;
    }
    return next;
  };
  const unpack = (p: Plan, slot: number, root: boolean, item: number): [Record<string, unknown>, number] => {
    const shape = which[base + slot] as number;
    const keys = shapes[shape] as string[];
    const o = { ...(root ? rootTemplates : templates)[shape] };
    let next = slot + 1;
    for (let j = 0; j < keys.length; j++) {
      const k = keys[j] as string;
      const nested = p.byKey?.get(k);
      if (root && omit?.has(k)) {
        // The geometry has no entry among the values (it is packed apart).
        if (nested) next = skip(nested, next);
        else if (k !== 'geometry') at++;
        continue;
      }
      if (root && k === 'geometry') {
        o[k] = geometries[item];
        continue;
      }
      if (nested) {
        const [value, after] = unpack(nested, next, false, item);
        o[k] = value;
        next = after;
      } else if (root && k === lifted?.key) {
        at++;
        o[k] = lifted.value(item);
      } else o[k] = values[at++];
    }
    return [o, next];
  };
  for (let i = 0; i < count; i++, base += slots) out[i] = unpack(root, 0, true, i)[0];
  return out;
}

/** The stored form of a chunk: packed when its items fit, else as it is (always exact). */
export function encodeChunk(chunk: ChunkRecord): StoredChunk {
  const { layerId, index } = chunk;
  const items = chunk.items as unknown as Record<string, unknown>[];
  const parcels = chunk.kind === 'parcels';
  try {
    const geometry = packGeometries(items.map((item) => item?.geometry));
    const checks = parcels ? packChecks(items) : null;
    const packed = packObjects(items, parcels ? PARCEL_PLAN : FEATURE_PLAN, checks ? CHECKS_KEY : undefined);
    const kind = parcels ? 'parcels-packed' : 'features-packed';
    return { layerId, index, kind, geometry, ...packed, ...(checks ? { checks } : {}) };
  } catch (error) {
    if (error instanceof NotPackable) return chunk;
    throw error;
  }
}

/** ArrayBuffer.prototype.transfer (ES2024; Chromium 114, Node 21): detaches the buffer, its memory freed at once for length 0. */
type Transferable = ArrayBuffer & { transfer?: (length: number) => ArrayBuffer };

/**
 * Empties a packed chunk once IndexedDB has cloned it (a put clones its value before it returns).
 * - Its typed arrays are freed. Left to the garbage collector, a county's 200 chunks of arrays
 *   (~40 MB) all came out of fresh memory, since none was collected before the write ended, and the
 *   first write to a fresh page is what costs on this machine (~3.5–6.5 ms per MB in Chromium:
 *   packing a county's geometries took 135–187 ms). Freed here, each chunk's arrays reuse the
 *   memory of the one before (35–37 ms). Where ArrayBuffer.prototype.transfer is missing, they are
 *   left as they are.
 * - Its lists (words, shapes, other values) are emptied. A put's request keeps its value reachable
 *   until its reply, and an import's replies come only after its task of puts: every chunk's lists
 *   and the fresh strings in them outlived the collections meanwhile and were moved to the old
 *   generation (~15 MB for a county), each young collection copying them first.
 * Only for a chunk encodeChunk made for a put: what the chunk shares with its records (the
 * values themselves) is not touched.
 */
export function releaseChunk(stored: StoredChunk): void {
  if (stored.kind !== 'parcels-packed' && stored.kind !== 'features-packed') return;
  const { geometry, which, values, checks, shapes } = stored;
  const lists: unknown[][] = [
    shapes,
    ...(Array.isArray(values) ? [values] : [values.words, values.others]),
    ...(checks ? [checks.shapes, checks.words, checks.values] : []),
  ];
  for (const list of lists) list.length = 0;
  const arrays: unknown[] = [
    geometry.coords,
    geometry.ringEnds,
    geometry.polygonEnds,
    geometry.geometryEnds,
    which,
    ...(Array.isArray(values) ? [] : [values.refs, values.numbers]),
    ...(checks ? [checks.counts, checks.which, checks.refs] : []),
  ];
  for (const array of arrays) {
    if (!ArrayBuffer.isView(array)) continue;
    const buffer = array.buffer as Transferable;
    if (buffer instanceof ArrayBuffer && buffer.transfer) buffer.transfer(0);
  }
}

/** The chunk as the repositories use it, from either stored form. */
export function decodeChunk(stored: StoredChunk): ChunkRecord {
  if (stored.kind === 'parcels' || stored.kind === 'features') return stored;
  const { layerId, index } = stored;
  const geometries = unpackGeometries(stored.geometry);
  if (stored.kind === 'parcels-packed') {
    const items = unpackObjects(stored, PARCEL_PLAN, geometries, undefined, liftedChecks(stored.checks));
    return { layerId, index, kind: 'parcels', items: items as unknown as ParcelRecord[] };
  }
  const items = unpackObjects(stored, FEATURE_PLAN, geometries);
  return { layerId, index, kind: 'features', items: items as unknown as LayerFeature[] };
}

/** A parcel's fields but its geometry and imported attributes: what the map and the summaries read. */
export type ParcelFields = Omit<ParcelRecord, 'geometry' | 'source'>;

/** A chunk's parcels as the map reads them: their fields, and their geometries still packed. */
export interface ParcelsForMap {
  records: ParcelFields[];
  /** The records' geometries, in order (x, y only). */
  geometry: PackedGeometry;
}

const NOT_FOR_MAP: ReadonlySet<string> = new Set(['geometry', 'source']);

/**
 * A parcel chunk as the map reads a county: no attribute object and no GeoJSON geometry is built
 * (100k parcels would be ~1.5 M small arrays), the geometries stay in their typed arrays. Chunks
 * stored before v3 are packed here. Other chunks: undefined.
 */
export function decodeParcelsForMap(stored: StoredChunk | undefined): ParcelsForMap | undefined {
  if (!stored) return undefined;
  if (stored.kind === 'parcels') {
    const records = stored.items.map(({ geometry: _g, source: _s, ...fields }) => fields);
    const geometries = stored.items.map((item) => item.geometry);
    return {
      records,
      geometry: packPolygons(
        geometries.map(polygonsOf),
        geometries.map((g) => g.type === 'MultiPolygon'),
      ),
    };
  }
  if (stored.kind !== 'parcels-packed') return undefined;
  const records = unpackObjects(
    stored,
    PARCEL_PLAN,
    [],
    NOT_FOR_MAP,
    liftedChecks(stored.checks),
  ) as unknown as ParcelFields[];
  return { records, geometry: stored.geometry };
}

/** decodeChunk for a read that may have found nothing. */
export function decodeMaybe(stored: StoredChunk | undefined): ChunkRecord | undefined {
  return stored === undefined ? undefined : decodeChunk(stored);
}
