import { describe, expect, it } from 'vitest';
import { parcelId } from './layer';
import { MAP_ID_SPAN, parcelMapId, parcelOfMapId } from './map-ids';

describe('map ids', () => {
  const layers = new Map([
    [1, 'L-a'],
    [7, 'L#b'],
  ]);
  const layerOf = (slot: number) => layers.get(slot);

  it('round-trips parcel ids through their map id, per layer slot', () => {
    for (const [slot, layerId] of layers) {
      for (const seq of [0, 1, 499, 500, 123_456, MAP_ID_SPAN - 2]) {
        const id = parcelId(layerId, seq);
        const mapId = parcelMapId(slot, id);
        expect(mapId).toBeGreaterThan(0);
        expect(Number.isSafeInteger(mapId)).toBe(true);
        expect(parcelOfMapId(mapId, layerOf)).toBe(id);
      }
    }
  });

  it('gives different layers different ids for the same sequence number', () => {
    expect(parcelMapId(1, parcelId('L-a', 5))).not.toBe(parcelMapId(7, parcelId('L#b', 5)));
  });

  it('refuses ids it cannot map and map ids of unknown slots', () => {
    expect(parcelMapId(1, 'no-sequence')).toBe(-1);
    expect(parcelMapId(1, parcelId('L-a', MAP_ID_SPAN - 1))).toBe(-1);
    expect(parcelOfMapId(0, layerOf)).toBeUndefined();
    expect(parcelOfMapId(3 * MAP_ID_SPAN + 1, layerOf)).toBeUndefined();
    expect(parcelOfMapId(1.5, layerOf)).toBeUndefined();
  });
});
