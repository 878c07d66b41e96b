import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open-database';
import { disposalRate, fiveYearSupplyRate, groupRecords, quarterlyProgress } from '../domain/indicators';
import { prepareDemoLayers } from '../io/demo-layers';
import { importFiles } from '../io/import-files';
import { createAppStore } from './app-store';
import { createInProcessExport } from './in-process-export';
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

let clock = Date.parse('2026-11-21T08:00:00Z');

async function setup(withDemo: boolean, inspector = 'A') {
  const opened = await openDatabase(`reports-${Math.random()}`);
  const store = createAppStore({
    repositories: opened.repositories,
    services: {
      loadDemoLayers: async () => (withDemo ? prepareDemoLayers(demoFiles, '2026-11-21T00:00:00Z') : []),
      // Every call a second later: change-log times differ between the two inspectors.
      now: () => {
        clock += 1000;
        return new Date(clock);
      },
      overlay: createInProcessOverlay(),
      startImport: createInProcessImportSession,
      exports: createInProcessExport(opened.repositories),
    },
  });
  await store.getState().boot();
  await store.getState().setInspectorName(inspector);
  return { store, opened };
}

const asFile = (name: string, data: Uint8Array | string) => {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  return { name, size: bytes.length, arrayBuffer: async () => bytes.slice().buffer };
};

describe('reports slice', () => {
  it('backup → restore into an empty database gives identical records, changes, layers and settings', async () => {
    const a = await setup(true);
    const ids = [...a.store.getState().parcels.keys()].slice(0, 3);
    await a.store.getState().bulkEdit(ids, { status: 'confirmed' }, 'field check');
    const file = await a.store.getState().backupAll();
    expect(file.data).toBeInstanceOf(Uint8Array);

    const b = await setup(false);
    await b.store.getState().previewRestore(asFile(file.fileName, file.data as Uint8Array));
    const plan = b.store.getState().restorePreview?.plan;
    expect(plan?.into).toBe('empty');
    expect(plan?.parcelsAdded).toBe(a.store.getState().parcels.size);
    await b.store.getState().applyRestore();

    const before = await a.opened.repositories.backup?.dump();
    const after = await b.opened.repositories.backup?.dump();
    expect(after?.parcels).toEqual(before?.parcels);
    expect(after?.features).toEqual(before?.features);
    expect(after?.layers).toEqual(before?.layers);
    const strip = (c: { id?: number }) => ({ ...c, id: undefined });
    expect(after?.changes.map(strip)).toEqual(before?.changes.map(strip));
    expect(after?.settings).toEqual(before?.settings);
    expect(b.store.getState().parcels.size).toBe(a.store.getState().parcels.size);
    expect(b.store.getState().inspectorName).toBe('A');
    a.opened.close();
    b.opened.close();
  });

  it('merges another inspector’s backup: one-sided changes taken, conflicting edits listed and decided', async () => {
    const a = await setup(true, 'A');
    const backupOfA = await a.store.getState().backupAll();
    const b = await setup(false, 'B');
    await b.store.getState().previewRestore(asFile('a.zip', backupOfA.data as Uint8Array));
    await b.store.getState().applyRestore();
    await b.store.getState().setInspectorName('B');

    const [both, onlyB] = [...a.store.getState().parcels.keys()];
    if (!both || !onlyB) throw new Error('demo too small');
    await a.store.getState().editParcel(both, { notes: 'A saw a fence' }, 'patrol');
    await b.store.getState().editParcel(both, { notes: 'B saw a gate' }, 'patrol');
    await b.store.getState().editParcel(onlyB, { notes: 'B only' }, 'patrol');

    const backupOfB = await b.store.getState().backupAll();
    await a.store.getState().previewMerge(asFile('b.zip', backupOfB.data as Uint8Array));
    const preview = a.store.getState().mergePreview;
    expect(preview?.added).toBe(0);
    const conflict = preview?.conflicts.findIndex((c) => c.parcelId === both && c.field === 'notes') ?? -1;
    expect(conflict).toBeGreaterThanOrEqual(0);
    expect(preview?.conflicts[conflict]).toMatchObject({
      localValue: 'A saw a fence',
      incomingValue: 'B saw a gate',
      kind: 'both-changed',
    });
    expect(preview?.conflicts.some((c) => c.parcelId === onlyB)).toBe(false);
    // B's edit is newer and wins for now; the user keeps A's.
    expect(preview?.decisions[conflict]).toBe('incoming');
    a.store.getState().decideMergeConflict(conflict, 'local');
    await a.store.getState().applyMerge();

    expect((await a.store.getState().readParcel(both))?.notes).toBe('A saw a fence');
    expect((await a.store.getState().readParcel(onlyB))?.notes).toBe('B only');
    const history = await a.store.getState().loadHistory(onlyB);
    expect(history.some((c) => c.who === 'B' && c.newValue === 'B only')).toBe(true);
    expect(a.store.getState().mergePreview).toBeNull();
    a.opened.close();
    b.opened.close();
  });

  it('merging a GeoJSON export of a fresh database adds its parcels under their own layer', async () => {
    const a = await setup(true);
    const exported = await a.store.getState().exportParcels({ format: 'geojson', ids: null });
    const c = await setup(false);
    await c.store.getState().previewMerge(asFile('a.geojson', exported.data as string));
    expect(c.store.getState().mergePreview?.added).toBe(a.store.getState().parcels.size);
    await c.store.getState().applyMerge();
    expect(c.store.getState().parcels.size).toBe(a.store.getState().parcels.size);
    const first = [...a.store.getState().parcels.keys()][0] ?? '';
    expect((await c.store.getState().readParcel(first))?.category).toBe(
      (await a.store.getState().readParcel(first))?.category,
    );
    a.opened.close();
    c.opened.close();
  });

  it('shows the indicator numbers of the domain functions', async () => {
    const { store, opened } = await setup(true);
    const ids = [...store.getState().parcels.values()]
      .filter(
        (p) => (p.category === 'idle' || p.category === 'approved-not-supplied') && p.status === 'confirmed',
      )
      .map((p) => p.id)
      .slice(0, 4);
    expect(ids.length).toBeGreaterThan(0);
    await store.getState().bulkEdit(ids, { status: 'disposing' }, 'started');
    await store.getState().bulkEdit(ids, { status: 'disposed' }, 'disposed');
    const report = await store.getState().computeStatistics(2026, 200_000);
    const records = await store.getState().loadRecords();
    const changes = await store.getState().loadChanges();
    const targets = store.getState().region.targets;
    expect(report.approvedNotSupplied).toEqual(
      disposalRate('approved-not-supplied', records, changes, 2026, targets),
    );
    expect(report.idle).toEqual(disposalRate('idle', records, changes, 2026, targets));
    expect(report.supply).toEqual(fiveYearSupplyRate(records, changes, 2026, targets));
    expect(report.quarters).toEqual(
      quarterlyProgress(records, changes, 2026, 200_000, targets, report.today),
    );
    expect(report.groups.category).toEqual(groupRecords(records, 'category'));
    expect(report.total.count).toBe(records.length);
    opened.close();
  });

  it('exports a GBK Gauss-Kruger shapefile that reads back with every parcel, and a CSV with BOM', async () => {
    const { store, opened } = await setup(true);
    const zone = await store.getState().suggestZone(null, true);
    expect(zone).toBe(37);
    const file = await store.getState().exportParcels({
      format: 'shapefile',
      ids: null,
      encoding: 'gbk',
      crs: { kind: 'gauss-kruger', zone: zone ?? 37, threeDegree: true, zonePrefix: true },
    });
    expect(file.fields?.some((f) => f.dbfName === 'LS_CAT')).toBe(true);
    const back = await importFiles([{ name: file.fileName, bytes: file.data as Uint8Array }]);
    expect(back.layers[0]?.features).toHaveLength(store.getState().parcels.size);
    const csv = await store.getState().exportParcels({ format: 'csv', ids: null });
    expect((csv.data as string).startsWith('\uFEFF')).toBe(true);
    opened.close();
  });

  it('builds a lean table row model without geometry', async () => {
    const { store, opened } = await setup(true);
    await store.getState().loadReportTable();
    const table = store.getState().reportTable;
    expect(table?.rows).toHaveLength(store.getState().parcels.size);
    expect(table?.columns.length).toBeGreaterThan(0);
    expect(Object.keys(table?.rows[0] ?? {})).not.toContain('geometry');
    opened.close();
  });
});
