import { parcelId, parseFeatureId } from './layer';

/**
 * Numeric feature ids for the map (MapLibre feature-state needs numbers), derived from the parcel
 * id rather than looked up: the store, the tile worker and the map agree on them without a
 * 100k-entry table on either side. Each loaded layer gets a slot for the session; a parcel's map
 * id is slot × SPAN + its sequence number + 1 (so 0 is never an id).
 */
export const MAP_ID_SPAN = 2 ** 24;

/** The map id of a parcel `id` in the layer given `slot`; -1 when the id has no sequence number. */
export function parcelMapId(slot: number, id: string): number {
  const parsed = parseFeatureId(id);
  if (!parsed || parsed.seq >= MAP_ID_SPAN - 1) return -1;
  return slot * MAP_ID_SPAN + parsed.seq + 1;
}

/** The slot and parcel id a map id stands for, given the layer of each slot. */
export function parcelOfMapId(
  mapId: number,
  layerOfSlot: (slot: number) => string | undefined,
): string | undefined {
  if (!Number.isSafeInteger(mapId) || mapId <= 0) return undefined;
  const slot = Math.floor(mapId / MAP_ID_SPAN);
  const seq = (mapId % MAP_ID_SPAN) - 1;
  const layerId = layerOfSlot(slot);
  return layerId === undefined || seq < 0 ? undefined : parcelId(layerId, seq);
}
