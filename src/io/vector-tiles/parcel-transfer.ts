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
  /** Per check, parcels one after another: index into Text.words of its role and verdict; its m². */
  checkRoles: Uint16Array;
  checkVerdicts: Uint16Array;
  /** Index + 1 into Text.words of the check's reason code; 0: none. */
  checkReasons: Uint16Array;
  checkInsideM2: Float64Array;
  geometry: PackedGeometry;
}

interface Text {
  ids: string[];
  codes: (string | null)[];
  words: string[];
  /** Per check: its other fields (a failure code), or null. */
  extras: (Record<string, unknown> | null)[];
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
  const text: Text = { ids: [], codes: [], words: words.words, extras: [] };
  const layerIds = new Uint16Array(n);
  const categories = new Uint16Array(n);
  const statuses = new Uint16Array(n);
  const areaM2 = new Float64Array(n);
  const checkCounts = new Int32Array(n);
  const totalChecks = items.reduce((sum, item) => sum + (item.overlay?.length ?? 0), 0);
  const checkRoles = new Uint16Array(totalChecks);
  const checkVerdicts = new Uint16Array(totalChecks);
  const checkReasons = new Uint16Array(totalChecks);
  const checkInsideM2 = new Float64Array(totalChecks);
  let k = 0;
  items.forEach((item, i) => {
    text.ids.push(item.id);
    text.codes.push(item.facts.code ?? null);
    layerIds[i] = words.of(item.layerId);
    categories[i] = words.of(item.category);
    statuses[i] = words.of(item.status);
    areaM2[i] = item.areaM2;
    checkCounts[i] = item.overlay?.length ?? -1;
    for (const { role, verdict, insideM2, reason, ...extra } of item.overlay ?? []) {
      checkRoles[k] = words.of(role);
      checkVerdicts[k] = words.of(verdict);
      checkReasons[k] = reason === undefined ? 0 : words.of(reason) + 1;
      checkInsideM2[k] = insideM2;
      text.extras.push(Object.keys(extra).length > 0 ? extra : null);
      k++;
    }
  });
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
    checkRoles,
    checkVerdicts,
    checkReasons,
    checkInsideM2,
    geometry,
  };
}

/** What postMessage should move rather than copy. */
export function transferList(parcels: TransferableParcels): ArrayBuffer[] {
  return [...Object.values(parcels), ...Object.values(parcels.geometry)].flatMap((array: unknown) =>
    ArrayBuffer.isView(array) && array.buffer instanceof ArrayBuffer ? [array.buffer] : [],
  );
}

/** The parcels as one part of a layer, as the tile layers read it from storage. */
export function fromTransferable(parcels: TransferableParcels): ParcelParts[number] {
  const { ids, codes, words, extras } = JSON.parse(parcels.text) as Text;
  const word = (n: number | undefined) => words[n ?? -1] as string;
  let k = 0;
  const records = ids.map((id, i): MapParcelFields => {
    const code = codes[i];
    const count = parcels.checkCounts[i] ?? -1;
    let overlay: OverlayCheck[] | undefined;
    if (count >= 0) {
      overlay = [];
      for (const end = k + count; k < end; k++) {
        const reason = parcels.checkReasons[k] ?? 0;
        overlay.push({
          role: word(parcels.checkRoles[k]) as OverlayCheck['role'],
          insideM2: parcels.checkInsideM2[k] as number,
          verdict: word(parcels.checkVerdicts[k]),
          ...(reason > 0 ? { reason: word(reason - 1) } : {}),
          ...extras[k],
        });
      }
    }
    return {
      id,
      layerId: word(parcels.layerIds[i]),
      facts: code === null || code === undefined ? {} : { code },
      category: word(parcels.categories[i]) as MapParcelFields['category'],
      status: word(parcels.statuses[i]) as MapParcelFields['status'],
      areaM2: parcels.areaM2[i] as number,
      ...(overlay ? { overlay } : {}),
    };
  });
  return { records, geometry: parcels.geometry };
}
