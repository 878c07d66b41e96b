import 'fake-indexeddb/auto';
import { expect, it } from 'vitest';
import type { LayerFeature } from '../domain/layer';
import { readControlLayers } from './control-layers';
import { openDatabase } from './open-database';
import { testLayer, testParcel } from './test-records';

const feature = (id: string, seq: number): LayerFeature => ({
  id,
  geometry: testParcel('F', seq).geometry,
  properties: {},
  areaM2: 1,
});

it('reads every control layer (三区三线 and parks) with its polygons, in layer order, and nothing else', async () => {
  const opened = await openDatabase(`controls-${Math.random()}`);
  try {
    expect(await readControlLayers(opened.repositories.layers)).toEqual([]);
    await opened.repositories.layers.importLayers([
      { layer: testLayer('P', { order: 0 }), content: { kind: 'parcels', items: [testParcel('P', 0)] } },
      {
        layer: testLayer('R', { role: 'ecological-redline', order: 3 }),
        content: { kind: 'features', items: [feature('R#0', 1), feature('R#1', 2)] },
      },
      {
        layer: testLayer('X', { role: 'reference', order: 1 }),
        content: { kind: 'features', items: [feature('X#0', 3)] },
      },
      {
        layer: testLayer('K', { role: 'park', order: 4 }),
        content: { kind: 'features', items: [feature('K#0', 4)] },
      },
      {
        layer: testLayer('B', { role: 'development-boundary', order: 2 }),
        content: { kind: 'features', items: [feature('B#0', 5)] },
      },
    ]);
    const controls = await readControlLayers(opened.repositories.layers);
    expect(controls.map((c) => c.role)).toEqual(['development-boundary', 'ecological-redline', 'park']);
    expect(controls[0]?.geometries).toEqual([testParcel('F', 5).geometry]);
    expect(controls[1]?.geometries).toEqual([testParcel('F', 1).geometry, testParcel('F', 2).geometry]);
    expect(controls[2]?.geometries).toEqual([testParcel('F', 4).geometry]);
  } finally {
    opened.close();
  }
});
