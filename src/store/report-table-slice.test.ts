import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open-database';
import { repositoryReportSource } from '../db/report-source';
import { groupKeys } from '../domain/indicators';
import { createReportComputer } from '../domain/reports/report-computer';
import { buildStatistics } from '../domain/reports/statistics-report';
import { tableRows } from '../domain/reports/table-rows';
import { prepareDemoLayers } from '../io/demo-layers';
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

/**
 * The store with the reports worker's computer: its own connection to the same database, as
 * `workers/reports.worker.ts` opens it — compared with the records the store reads itself.
 */
async function setup() {
  const name = `report-table-${Math.random()}`;
  const opened = await openDatabase(name);
  const worker = await openDatabase(name);
  const store = createAppStore({
    repositories: opened.repositories,
    services: {
      loadDemoLayers: async () => prepareDemoLayers(demoFiles, '2026-11-21T00:00:00Z'),
      now: () => new Date('2026-11-21T08:00:00Z'),
      overlay: createInProcessOverlay(),
      startImport: createInProcessImportSession,
      exports: createInProcessExport(opened.repositories),
      reports: createReportComputer(repositoryReportSource(worker.repositories)),
    },
  });
  await store.getState().boot();
  const close = () => {
    opened.close();
    worker.close();
  };
  return { store, close };
}

describe('reports off the UI thread', () => {
  it('statistics and table rows from the worker path equal the in-process computation, also after an edit', async () => {
    const { store, close } = await setup();
    const options = (today: string) => ({
      year: 2026,
      taskM2: 150_000,
      targets: store.getState().region.targets,
      today,
    });
    const check = async () => {
      const report = await store.getState().computeStatistics(2026, 150_000);
      const [records, changes] = await Promise.all([
        store.getState().loadRecords(),
        store.getState().loadChanges(),
      ]);
      expect(report).toEqual(buildStatistics(records, changes, options(report.today)));
      await store.getState().loadReportTable();
      const expected = tableRows(records);
      expect(store.getState().reportTable?.rows).toEqual(expected.rows);
      expect(store.getState().reportTable?.columns).toEqual(expected.columns);
      return report;
    };
    const before = await check();
    expect(store.getState().reportTable?.rows.length).toBeGreaterThan(2000);

    // An edit moves the revision: the worker must not answer from its cached records.
    const ids = [...store.getState().parcels.values()]
      .filter((p) => p.status === 'confirmed')
      .slice(0, 5)
      .map((p) => p.id);
    await store.getState().bulkEdit(ids, { status: 'disposing' }, 'started');
    const after = await check();
    const count = (r: typeof before, key: string) => r.groups.status.find((g) => g.key === key)?.count ?? 0;
    expect(count(after, 'disposing')).toBe(count(before, 'disposing') + 5);
    close();
  });

  it('colours the map by status: every parcel gets its own status class, counts add up', async () => {
    const { store, close } = await setup();
    await store.getState().setMapColorBy('status');
    const classes = store.getState().mapClasses;
    expect(classes?.grouping).toBe('status');
    const parcels = store.getState().parcels;
    expect(classes?.ids).toHaveLength(parcels.size);
    expect(classes?.classes.reduce((sum, c) => sum + c.count, 0)).toBe(parcels.size);
    classes?.ids.forEach((id, i) => {
      expect(classes.classes[classes.index[i] ?? -1]?.key).toBe(parcels.get(id)?.status);
    });

    // After an edit the map asks again and gets the new class.
    const [id] = classes?.ids ?? [];
    const record = id ? await store.getState().readParcel(id) : undefined;
    if (!id || !record) throw new Error('no parcel');
    const next = record.status === 'to-verify' ? 'confirmed' : 'revoked';
    await store.getState().editParcel(id, { status: next }, 'test');
    await store.getState().refreshMapClasses();
    const refreshed = store.getState().mapClasses;
    const at = refreshed?.ids.indexOf(id) ?? -1;
    expect(refreshed?.classes[refreshed.index[at] ?? -1]?.key).toBe(next);
    expect(groupKeys((await store.getState().readParcel(id)) ?? record, 'status')).toEqual([next]);

    await store.getState().setMapColorBy('category');
    expect(store.getState().mapClasses).toBeNull();
    close();
  });
});
