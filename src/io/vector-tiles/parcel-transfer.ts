import { parcelId } from '../../domain/layer';
import type { OverlayCheck, ParcelRecord } from '../../domain/parcel';
import { polygonsOf } from '../../geo/geometry.types';
import { type PackedGeometry, packedCount, packPolygons } from '../../geo/packed-geometry';
import { wordNumbers } from '../../shared/numbering';
import type { MapParcelFields, ParcelParts } from './tile-layers';

/**
 * Parcels in hand, in the form one worker hands them to another (an import to the map's worker,
 * while it writes them): only what the map and the summaries read, in columns — strings in one
 * JSON text, repeated words as small tables with indices, numbers in typed arrays that are moved.
 * postMessage of 100k record objects with their overlay checks took 0.6 s in Chromium.
 */
export interface TransferableParcels {
  /** JSON of the string columns (Text). */
  text: string;
  /** Per parcel: index into Text.words of its layer id, category and status. */
  layerIds: Uint16Array;
  categories: Uint16Array;
  statuses: Uint16Array;
  areaM2: Float64Array;
  /** Per parcel: how many overlay checks it has (-1: none recorded). */
  checkCounts: Int32Array;
  /** Per parcel: n when its id is parcelId(its layer id, n), as an import's are; else -1 (Text.otherIds). */
  seqs: Int32Array;
  /** Per check, parcels one after another: index into Text.words of its role and verdict; its m². */
  checkRoles: Uint16Array;
  checkVerdicts: Uint16Array;
  /** Index + 1 into Text.words of the check's reason code; 0: none. */
  checkReasons: Uint16Array;
  checkInsideM2: Float64Array;
  geometry: PackedGeometry;
}

interface Text {
  /** The ids that are not parcelId(layer id, seq) (seqs -1), by parcel number. */
  otherIds: [number, string][];
  codes: (string | null)[];
  words: string[];
  /** The checks with other fields (a failure code): the check's number and those fields. */
  extras: [number, Record<string, unknown>][];
}

export function toTransferable(
  items: readonly Pick<ParcelRecord, keyof MapParcelFields | 'geometry'>[],
  /** The items' geometries already packed, in order (as the import's write packed them). */
  packed?: PackedGeometry,
): TransferableParcels {
  if (packed && packedCount(packed) !== items.length)
    throw new Error(`${packedCount(packed)} packed geometries for ${items.length} parcels`);
  const n = items.length;
  const words = wordNumbers();
  const text: Text = { otherIds: [], codes: [], words: words.words, extras: [] };
  const totalChecks = items.reduce((sum, item) => sum + (item.overlay?.length ?? 0), 0);
  // The columns share one buffer (widest first, so each view is aligned): postMessage's cost grows
  // with the buffers it moves (~10–20 µs each in Chromium; a county's parts had 2,400).
  const columns = new ArrayBuffer((n + totalChecks) * 8 + 2 * n * 4 + (3 * n + 3 * totalChecks) * 2);
  let at = 0;
  const next = <T>(
    make: (buffer: ArrayBuffer, offset: number, length: number) => T,
    length: number,
    bytes: number,
  ): T => {
    const view = make(columns, at, length);
    at += length * bytes;
    return view;
  };
  const f64 = (length: number) => next((b, o, l) => new Float64Array(b, o, l), length, 8);
  const i32 = (length: number) => next((b, o, l) => new Int32Array(b, o, l), length, 4);
  const u16 = (length: number) => next((b, o, l) => new Uint16Array(b, o, l), length, 2);
  const areaM2 = f64(n);
  const checkInsideM2 = f64(totalChecks);
  const checkCounts = i32(n);
  const seqs = i32(n);
  const layerIds = u16(n);
  const categories = u16(n);
  const statuses = u16(n);
  const checkRoles = u16(totalChecks);
  const checkVerdicts = u16(totalChecks);
  const checkReasons = u16(totalChecks);
  // A word is mostly the one the same field held last (a layer's id, a category; a parcel's checks
  // repeat the roles in the same order): compared with that first, looked up only when it differs.
  const recent = new RecentWords(words.of);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const item = items[i] as (typeof items)[number];
    // An import's ids are the layer id and a number: the number goes in a column, not the id in
    // the text (~45 characters a parcel, a county's text ~4.5 MB shorter).
    const seq = seqOf(item.id, item.layerId);
    seqs[i] = seq;
    if (seq < 0) text.otherIds.push([i, item.id]);
    text.codes.push(item.facts.code ?? null);
    layerIds[i] = recent.of(0, item.layerId);
    categories[i] = recent.of(1, item.category);
    statuses[i] = recent.of(2, item.status);
    areaM2[i] = item.areaM2;
    const overlay = item.overlay;
    checkCounts[i] = overlay?.length ?? -1;
    if (!overlay) continue;
    // Plain reads, no rest object per check (100k parcels carry ~300k checks).
    for (let c = 0; c < overlay.length; c++) {
      const check = overlay[c] as OverlayCheck;
      const slot = 3 + 3 * Math.min(c, 7);
      checkRoles[k] = recent.of(slot, check.role);
      checkVerdicts[k] = recent.of(slot + 1, check.verdict);
      const reason = check.reason;
      checkReasons[k] = reason === undefined ? 0 : recent.of(slot + 2, reason) + 1;
      checkInsideM2[k] = check.insideM2;
      const extra = extraFields(check);
      if (extra) text.extras.push([k, extra]);
      k++;
    }
  }
  const geometry =
    packed ??
    packPolygons(
      items.map((item) => polygonsOf(item.geometry)),
      items.map((item) => item.geometry.type === 'MultiPolygon'),
    );
  return {
    text: JSON.stringify(text),
    layerIds,
    categories,
    statuses,
    areaM2,
    checkCounts,
    seqs,
    checkRoles,
    checkVerdicts,
    checkReasons,
    checkInsideM2,
    geometry,
  };
}

/** n when `id` is parcelId(layerId, n) exactly (one spelling: no sign, no leading zero), else -1. */
function seqOf(id: string, layerId: string): number {
  const at = layerId.length;
  // Nine digits at most: the number fits an Int32Array.
  if (id.length <= at + 1 || id.length > at + 10 || id.charCodeAt(at) !== 35 || !id.startsWith(layerId))
    return -1;
  if (id.charCodeAt(at + 1) === 48 && id.length > at + 2) return -1;
  let seq = 0;
  for (let i = at + 1; i < id.length; i++) {
    const digit = id.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    seq = seq * 10 + digit;
  }
  return seq;
}

const NOTHING_YET = Symbol('nothing yet');

/** Word numbers through a last-seen word per slot (a field, or a check's field by its place). */
class RecentWords {
  // Not undefined: a check without a verdict (undefined) then took the number in the slot, 0 (the
  // layer id's), and arrived with the layer id for its verdict.
  private readonly words: unknown[] = new Array(30).fill(NOTHING_YET);
  private readonly numbers = new Uint16Array(30);
  constructor(private readonly lookUp: (word: string) => number) {}
  of(slot: number, word: string): number {
    if (this.words[slot] === word) return this.numbers[slot] as number;
    const n = this.lookUp(word);
    this.words[slot] = word;
    this.numbers[slot] = n;
    return n;
  }
}

/** A check's fields other than those in columns, or null when it has none. */
function extraFields(check: OverlayCheck): Record<string, unknown> | null {
  let extra: Record<string, unknown> | null = null;
  for (const key in check) {
    // The column fields, by comparison (a set lookup per key of ~300k checks cost more).
    if (key === 'role' || key === 'verdict' || key === 'insideM2' || key === 'reason') continue;
    if (!Object.hasOwn(check, key)) continue;
    extra ??= {};
    extra[key] = (check as unknown as Record<string, unknown>)[key];
  }
  return extra;
}

/**
 * What postMessage should move rather than copy, each buffer once: parts' geometries may be views
 * of one array (an import's hand-over: its coordinates as the importer read them), and a buffer
 * named twice makes postMessage throw.
 */
export function transferList(parts: readonly TransferableParcels[]): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const part of parts)
    for (const array of [...Object.values(part), ...Object.values(part.geometry)] as unknown[])
      if (ArrayBuffer.isView(array) && array.buffer instanceof ArrayBuffer) buffers.add(array.buffer);
  return [...buffers];
}

/** The parcels as one part of a layer, as the tile layers read it from storage. */
export function fromTransferable(parcels: TransferableParcels): ParcelParts[number] {
  const { otherIds, codes, words, extras: extraList } = JSON.parse(parcels.text) as Text;
  const extras = new Map(extraList);
  const ids = new Map(otherIds);
  const word = (n: number | undefined) => words[n ?? -1] as string;
  let k = 0;
  const records = codes.map((code, i): MapParcelFields => {
    const layerId = word(parcels.layerIds[i]);
    const seq = parcels.seqs[i] ?? -1;
    const id = seq >= 0 ? parcelId(layerId, seq) : (ids.get(i) as string);
    const count = parcels.checkCounts[i] ?? -1;
    let overlay: OverlayCheck[] | undefined;
    if (count >= 0) {
      overlay = [];
      for (const end = k + count; k < end; k++) {
        const reason = parcels.checkReasons[k] ?? 0;
        const check = {
          role: word(parcels.checkRoles[k]) as OverlayCheck['role'],
          insideM2: parcels.checkInsideM2[k] as number,
          verdict: word(parcels.checkVerdicts[k]),
        } as OverlayCheck;
        if (reason > 0) check.reason = word(reason - 1) as OverlayCheck['reason'];
        const extra = extras.get(k);
        overlay.push(extra ? Object.assign(check, extra) : check);
      }
    }
    return {
      id,
      layerId,
      facts: code === null || code === undefined ? {} : { code },
      category: word(parcels.categories[i]) as MapParcelFields['category'],
      status: word(parcels.statuses[i]) as MapParcelFields['status'],
      areaM2: parcels.areaM2[i] as number,
      ...(overlay ? { overlay } : {}),
    };
  });
  return { records, geometry: parcels.geometry };
}
