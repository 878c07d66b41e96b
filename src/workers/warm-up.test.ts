import { describe, expect, it } from 'vitest';
import { buildControlIndexes } from '../domain/overlay-checks';
import type { ControlLayerGeometries } from '../domain/parcel';
import { syntheticRecords } from '../io/export/sample-records';
import { exportShapefileZip } from '../io/export/shapefile.export';
import type { ImportResult } from '../io/import.types';
import { importFiles } from '../io/import-files';
import { type LayerChoice, prepareImportedLayers } from '../io/prepare-imported';
import { WARM_UP_FROM, warmUp } from './warm-up';

const NOW = '2025-03-01T00:00:00.000Z';

async function readCounty(parcels: number): Promise<ImportResult> {
  const zip = exportShapefileZip(syntheticRecords(parcels), {
    encoding: 'gbk',
    crs: { kind: 'gauss-kruger', zone: 37, threeDegree: true, zonePrefix: true },
    lastUpdate: new Date(Date.UTC(2025, 2, 1)),
  }).zip;
  return importFiles([{ name: 'county.zip', bytes: zip }]);
}

function prepare(read: ImportResult, controls: ControlLayerGeometries[]) {
  const layer = read.layers[0];
  if (!layer) throw new Error('nothing read');
  const choice: LayerChoice = {
    index: 0,
    include: true,
    id: 'L1',
    name: 'county',
    role: 'parcels',
    fieldMapping: layer.fieldMapping,
    order: 1,
  };
  return prepareImportedLayers(read, [choice], controls, NOW);
}

describe('the import worker warm-up', () => {
  it('changes nothing the import then prepares from the same read', async () => {
    const cold = await readCounty(WARM_UP_FROM);
    const warmed = await readCounty(WARM_UP_FROM);
    // A control layer over part of the county, so the sample's parcels get real overlay checks.
    const first = warmed.layers[0]?.features[0]?.geometry;
    if (!first) throw new Error('no geometry');
    const controls: ControlLayerGeometries[] = [{ role: 'permanent-farmland', geometries: [first] }];
    const stored = { controls: { stamp: 'x', layers: controls }, indexes: buildControlIndexes(controls) };
    expect(warmUp(warmed, stored)).toBe(true);
    const expected = prepare(cold, controls);
    const got = prepare(warmed, controls);
    expect(got.layers[0]?.content.items.length).toBe(WARM_UP_FROM);
    expect(got.layers).toEqual(expected.layers);
    expect(got.notes).toEqual(expected.notes);
    expect(got.sources).toEqual(expected.sources);
    // The first parcel lies in the control polygon: its check is there, as without the warm-up.
    const checked = got.layers[0]?.content.items[0] as { overlay?: { verdict: string }[] };
    expect(checked.overlay?.length).toBe(1);
  }, 60_000);

  it('does not run for a small parcel layer, or for a read without one', async () => {
    const small = await readCounty(50);
    expect(warmUp(small)).toBe(false);
    const big = await readCounty(WARM_UP_FROM);
    const layer = big.layers[0];
    if (!layer) throw new Error('nothing read');
    // A large layer the user is not offered as parcels (its role guessed as reference).
    const notParcels: ImportResult = { ...big, layers: [{ ...layer, roleGuess: 'reference' }] };
    expect(warmUp(notParcels)).toBe(false);
    expect(warmUp({ ...big, layers: [] })).toBe(false);
    expect(warmUp(big)).toBe(true);
  }, 60_000);
});
