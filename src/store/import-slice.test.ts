import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open-database';
import { prepareDemoLayers } from '../io/demo-layers';
import { createAppStore } from './app-store';
import { createInProcessImportSession } from './in-process-import';
import { createInProcessOverlay } from './in-process-overlay';

const manifest = JSON.parse(readFileSync('data/demo/manifest.json', 'utf8')) as {
  files: { file: string; role: 'parcels'; name: string | Record<string, string> }[];
};
const demoFiles = manifest.files.map((f) => ({
  role: f.role,
  name: typeof f.name === 'string' ? f.name : (f.name['zh-CN'] ?? ''),
  text: readFileSync(`data/demo/${f.file}`, 'utf8'),
}));
const demoParcels = JSON.parse(readFileSync('data/demo/parcels.geojson', 'utf8')) as {
  features: { geometry: { coordinates: number[][][] }; properties: Record<string, unknown> }[];
};

/** The demo's GBK Gauss-Kruger shapefile zip, as the user would pick it. */
const demoZip = () => [
  { name: 'parcels-gk-gbk.zip', bytes: new Uint8Array(readFileSync('data/demo/parcels-gk-gbk.zip')) },
];

/** Commits the import under review: its first layer as parcels, with the suggested field mapping. */
async function commitAsParcels(store: Awaited<ReturnType<typeof setup>>['store']): Promise<void> {
  const layer = store.getState().importState?.summary?.layers[0];
  await store
    .getState()
    .commitImport([
      { index: 0, include: true, name: '导入宗地', role: 'parcels', fieldMapping: layer?.fieldMapping ?? {} },
    ]);
}

async function setup(withDemo: boolean) {
  const opened = await openDatabase(`import-${Math.random()}`);
  const store = createAppStore({
    repositories: opened.repositories,
    services: {
      loadDemoLayers: async () => (withDemo ? prepareDemoLayers(demoFiles, '2026-11-21T00:00:00Z') : []),
      now: () => new Date('2026-11-21T08:00:00Z'),
      overlay: createInProcessOverlay(),
      startImport: createInProcessImportSession,
    },
  });
  await store.getState().boot();
  return { store, opened };
}

describe('importing through the store', () => {
  it('imports the GBK Gauss-Kruger shapefile zip in place, readable, checked against the stored control layers', async () => {
    const { store, opened } = await setup(true);
    const before = store.getState().parcels.size;
    const revisionsBefore = store.getState().layerRevisions;
    const demoSummary = store.getState().parcels.values().next().value;
    await store.getState().startImport(demoZip());
    const review = store.getState().importState;
    expect(review?.phase).toBe('review');
    const layer = review?.summary?.layers[0];
    expect(layer?.encoding.encoding.toLowerCase()).toMatch(/gbk|gb18030/);
    expect(layer?.crs.zone).toBe(37);
    expect(layer?.roleGuess).toBe('parcels');
    await commitAsParcels(store);
    expect(store.getState().importState?.phase).toBe('done');
    expect(store.getState().parcels.size).toBe(before + demoParcels.features.length);
    const importedId = store.getState().importState?.storedLayerIds[0] ?? '';
    // Only the new layer was read: the county's layers keep their revision (the map keeps their
    // sources) and their summaries are the very same objects, not re-read copies.
    const revisionsAfter = store.getState().layerRevisions;
    for (const [id, revision] of Object.entries(revisionsBefore)) expect(revisionsAfter[id]).toBe(revision);
    expect(revisionsAfter[importedId]).toBe(store.getState().dataRevision);
    expect(revisionsAfter[importedId]).toBeGreaterThan(Math.max(...Object.values(revisionsBefore)));
    expect(demoSummary && store.getState().parcels.get(demoSummary.id)).toBe(demoSummary);
    const records = await opened.repositories.parcels.readLayer(importedId);
    expect(records).toHaveLength(demoParcels.features.length);
    const first = records[0];
    const original = demoParcels.features[0];
    expect(first?.source.properties.QLR).toBe(original?.properties.QLR);
    if (!first) throw new Error('nothing imported');
    const [lon, lat] = (first.geometry.coordinates[0] as number[][])[0] as number[];
    const [lon0, lat0] = original?.geometry.coordinates[0]?.[0] ?? [];
    expect(Math.abs((lon as number) - (lon0 as number))).toBeLessThan(1e-7);
    expect(Math.abs((lat as number) - (lat0 as number))).toBeLessThan(1e-7);
    // Checked against the demo's stored farmland: the same conflicts as the demo layer.
    const conflicts = records.filter((r) =>
      r.overlay?.some((c) => c.role === 'permanent-farmland' && c.verdict === 'conflict'),
    );
    expect(conflicts.length).toBeGreaterThanOrEqual(3);
    opened.close();
  });

  it('a broken file fails with a message and stores nothing', async () => {
    const { store, opened } = await setup(true);
    const layersBefore = (await opened.repositories.layers.list()).length;
    const zip = new Uint8Array(readFileSync('data/demo/parcels-gk-gbk.zip'));
    await store
      .getState()
      .startImport([{ name: 'cut.zip', bytes: zip.slice(0, Math.floor(zip.length / 2)) }]);
    const state = store.getState().importState;
    expect(state?.phase).toBe('failed');
    expect(state?.error?.code).toBe('file-incomplete');
    expect((await opened.repositories.layers.list()).length).toBe(layersBefore);
    opened.close();
  });

  it('adding a control layer re-checks the parcels already stored', async () => {
    const { store, opened } = await setup(true);
    // Re-import the demo farmland as a second farmland layer: the checks stay the same but are recomputed.
    const farmland = readFileSync('data/demo/permanent-farmland.geojson');
    await store.getState().startImport([{ name: '永久基本农田.geojson', bytes: new Uint8Array(farmland) }]);
    const layer = store.getState().importState?.summary?.layers[0];
    expect(layer?.roleGuess).toBe('permanent-farmland');
    await store
      .getState()
      .commitImport([
        { index: 0, include: true, name: '农田2', role: 'permanent-farmland', fieldMapping: {} },
      ]);
    expect(store.getState().importState?.phase).toBe('done');
    const summaries = [...store.getState().parcels.values()];
    expect(
      summaries.filter((p) =>
        p.issues.some((i) => i.role === 'permanent-farmland' && i.verdict === 'conflict'),
      ).length,
    ).toBeGreaterThanOrEqual(3);
    opened.close();
  });
});

describe('check thresholds', () => {
  it('re-judges every stored check when the user changes the 边界误差 threshold, and back', async () => {
    const { store, opened } = await setup(true);
    const conflicts = () =>
      [...store.getState().parcels.values()].filter((p) => p.issues.some((i) => i.verdict === 'conflict'))
        .length;
    const before = conflicts();
    expect(before).toBeGreaterThanOrEqual(3);
    await store
      .getState()
      .setCheckSettings({ boundaryErrorM2: 1_000_000, boundaryErrorShare: 0.001, areaDifferenceShare: 0.02 });
    expect(conflicts()).toBe(0);
    expect(await opened.repositories.settings.get('checks')).toMatchObject({ boundaryErrorM2: 1_000_000 });
    await store
      .getState()
      .setCheckSettings({ boundaryErrorM2: 1, boundaryErrorShare: 0.001, areaDifferenceShare: 0.02 });
    expect(conflicts()).toBe(before);
    opened.close();
  });
});

describe('check thresholds of an import', () => {
  it("judges the imported parcels with the user's 边界误差 thresholds, not the defaults", async () => {
    const imported = async (boundaryErrorM2: number) => {
      const { store, opened } = await setup(true);
      await store
        .getState()
        .setCheckSettings({ boundaryErrorM2, boundaryErrorShare: 0.001, areaDifferenceShare: 0.02 });
      await store.getState().startImport(demoZip());
      await commitAsParcels(store);
      const id = store.getState().importState?.storedLayerIds[0] ?? '';
      const verdicts = (await opened.repositories.parcels.readLayer(id)).flatMap((r) =>
        (r.overlay ?? []).filter((c) => c.role === 'permanent-farmland').map((c) => c.verdict),
      );
      opened.close();
      return verdicts;
    };
    const strict = await imported(1);
    expect(strict.filter((v) => v === 'conflict').length).toBeGreaterThanOrEqual(3);
    // Every overlap of a demo parcel is below 1 km²: each is a boundary error under that threshold.
    const lenient = await imported(1_000_000);
    expect(lenient.filter((v) => v === 'conflict')).toHaveLength(0);
    expect(lenient.filter((v) => v === 'boundary-error').length).toBeGreaterThanOrEqual(3);
  });
});

describe('switching the encoding of an imported layer', () => {
  it('re-decodes the kept DBF: attributes and unedited facts fixed, edited facts kept', async () => {
    const { store, opened } = await setup(false);
    await store.getState().startImport(demoZip());
    await store.getState().rereadImport({ encoding: 'utf-8' });
    const layer = store.getState().importState?.summary?.layers[0];
    await store
      .getState()
      .commitImport([
        { index: 0, include: true, name: '宗地', role: 'parcels', fieldMapping: layer?.fieldMapping ?? {} },
      ]);
    const layerId = store.getState().importState?.storedLayerIds[0] ?? '';
    expect(await store.getState().hasLayerSource(layerId)).toBe(true);
    const garbled = await opened.repositories.parcels.readLayer(layerId);
    expect(String(garbled[0]?.source.properties.QLR)).toContain('\uFFFD');
    const edited = garbled[1]?.id ?? '';
    await store.getState().editParcel(edited, { facts: { owner: '人工核实的权利人' } });

    await store.getState().changeLayerEncoding(layerId, 'gbk');
    const fixed = await opened.repositories.parcels.readLayer(layerId);
    expect(fixed[0]?.source.properties.QLR).toBe(demoParcels.features[0]?.properties.QLR);
    expect(fixed[0]?.facts.owner).toBe(demoParcels.features[0]?.properties.QLR);
    expect(fixed.find((r) => r.id === edited)?.facts.owner).toBe('人工核实的权利人');
    expect(store.getState().layers.find((l) => l.id === layerId)?.encoding).toBe('gbk');
    opened.close();
  });
});
