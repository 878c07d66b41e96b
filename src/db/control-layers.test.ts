import 'fake-indexeddb/auto';
import { expect, it } from 'vitest';
import type { LayerFeature } from '../domain/layer';
import { readControlLayers, readStoredControls } from './control-layers';
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

it('reads the control layers again only when they changed (layer added, removed, features merged in)', async () => {
  const opened = await openDatabase(`controls-${Math.random()}`);
  const { layers, backup } = opened.repositories;
  try {
    if (!backup) throw new Error('This database has no backup repository.');
    const redline = {
      layer: testLayer('R', { role: 'ecological-redline' as const, order: 1 }),
      content: { kind: 'features' as const, items: [feature('R#0', 1)] },
    };
    await layers.importLayers([redline]);
    const first = await readStoredControls(layers);
    expect(first.layers.map((c) => c.geometries.length)).toEqual([1]);
    // Nothing changed, or only a parcel layer was added: the same object, nothing read again.
    expect(await readStoredControls(layers, first)).toBe(first);
    await layers.importLayers([
      { layer: testLayer('P', { order: 0 }), content: { kind: 'parcels', items: [testParcel('P', 0)] } },
    ]);
    expect(await readStoredControls(layers, first)).toBe(first);
    // A control layer added.
    await layers.importLayers([
      {
        layer: testLayer('B', { role: 'development-boundary', order: 2 }),
        content: { kind: 'features', items: [feature('B#0', 5)] },
      },
    ]);
    const second = await readStoredControls(layers, first);
    expect(second).not.toBe(first);
    expect(second.layers.map((c) => c.role)).toEqual(['ecological-redline', 'development-boundary']);
    // A feature merged in from a backup (restore adds the features a layer is missing).
    const saved = await backup.dump();
    await backup.restore({ ...saved, features: [...saved.features, feature('R#1', 9)] });
    const third = await readStoredControls(layers, second);
    expect(third).not.toBe(second);
    expect(third.layers[0]?.geometries).toEqual([testParcel('F', 1).geometry, testParcel('F', 9).geometry]);
    // A control layer removed.
    await layers.remove('R');
    const fourth = await readStoredControls(layers, third);
    expect(fourth.layers.map((c) => c.role)).toEqual(['development-boundary']);
  } finally {
    opened.close();
  }
});
