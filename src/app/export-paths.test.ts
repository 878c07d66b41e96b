import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open-database';
import type { PreparedLayer } from '../domain/layer';
import { prepareDemoLayers } from '../io/demo-layers';
import { suggestGaussKrugerZone } from '../io/export/export-crs';
import { exportFunctions } from '../io/export/export-functions';
import { createAppStore } from '../store/app-store';
import { createInProcessExport } from '../store/in-process-export';
import { createInProcessImportSession } from '../store/in-process-import';
import { createInProcessOverlay } from '../store/in-process-overlay';
import type { ExportRequest } from '../store/reports-slice';
import { createExportWorkerApi } from '../workers/export-api';

const manifest = JSON.parse(readFileSync('data/demo/manifest.json', 'utf8')) as {
  files: { file: string; role: 'parcels'; name: string | Record<string, string> }[];
};
const demoFiles = manifest.files.map((f) => ({
  role: f.role,
  name: typeof f.name === 'string' ? f.name : (f.name['zh-CN'] ?? ''),
  text: readFileSync(`data/demo/${f.file}`, 'utf8'),
}));
const NOW = new Date('2026-11-21T08:00:00Z');

let demo: PreparedLayer[] | null = null;

/**
 * A small county of two parcel layers (600 demo parcels; the second layer's ids are its own) and the
 * demo's control layers: small enough for a loaded test machine, two layers to keep in order.
 */
async function layers(): Promise<PreparedLayer[]> {
  demo ??= prepareDemoLayers(demoFiles, '2026-11-21T00:00:00Z');
  const prepared = demo;
  const parcels = prepared.find((p) => p.layer.role === 'parcels');
  if (parcels?.content.kind !== 'parcels') throw new Error('demo parcels missing');
  const items = parcels.content.items;
  const first = items.slice(0, 300);
  const second = items.slice(300, 600).map((r, i) => ({ ...r, id: `second#${i}`, layerId: 'second' }));
  return [
    ...prepared.filter((p) => p.layer.role !== 'parcels'),
    { layer: { ...parcels.layer, featureCount: first.length }, content: { kind: 'parcels', items: first } },
    {
      layer: {
        ...parcels.layer,
        id: 'second',
        name: 'second',
        order: parcels.layer.order + 1,
        featureCount: 300,
        nextSeq: 300,
      },
      content: { kind: 'parcels', items: second },
    },
  ];
}

/** The county stored through the store (in-process twin), and the worker's API on the same database. */
async function setup() {
  const name = `export-paths-${Math.random()}`;
  const opened = await openDatabase(name);
  const store = createAppStore({
    repositories: opened.repositories,
    services: {
      loadDemoLayers: layers,
      now: () => NOW,
      overlay: createInProcessOverlay(),
      startImport: createInProcessImportSession,
      exports: createInProcessExport(opened.repositories),
    },
  });
  await store.getState().boot();
  const worker = createExportWorkerApi();
  worker.open(name);
  const close = () => {
    worker.close();
    opened.close();
  };
  return { store, worker, close };
}

const bytes = (data: Uint8Array | string): Uint8Array =>
  typeof data === 'string' ? new TextEncoder().encode(data) : data;
/** Byte equality without a diff of megabytes on failure (which would take minutes to print). */
const same = (a: Uint8Array | string, b: Uint8Array | string): boolean =>
  Buffer.from(bytes(a)).equals(Buffer.from(bytes(b)));

const requests = (ids: readonly string[] | null): ExportRequest[] => [
  { format: 'geojson', ids },
  { format: 'shapefile', ids, encoding: 'gbk', crs: { kind: 'geographic' } },
  {
    format: 'shapefile',
    ids,
    encoding: 'utf-8',
    crs: { kind: 'gauss-kruger', zone: 37, threeDegree: true, zonePrefix: true },
  },
  { format: 'coordinate-text', ids, zone: { zone: 37, threeDegree: true, zonePrefix: true } },
  { format: 'csv', ids },
];

describe('export paths (worker reading IndexedDB vs in-process twin)', { timeout: 120_000 }, () => {
  it('give byte-identical files, equal to the export functions over the records the store reads', async () => {
    const { store, worker, close } = await setup();
    try {
      const all = await store.getState().loadRecords();
      expect(all.length).toBe(600);
      expect(new Set(all.map((r) => r.layerId)).size).toBe(2);
      // Every third parcel, across layers, listed in reverse: the file keeps storage order.
      const picked = all.filter((_, i) => i % 3 === 0);
      const ids = picked.map((r) => r.id).reverse();
      for (const [subset, records] of [
        [null, all],
        [ids, picked],
      ] as const) {
        for (const request of requests(subset)) {
          const inProcess = await store.getState().exportParcels(request);
          const fromWorker = await worker.parcels(request, { now: NOW, locale: store.getState().locale });
          expect(fromWorker).not.toBeNull();
          expect(same(fromWorker?.data ?? '', inProcess.data), `${request.format} worker vs twin`).toBe(true);
          expect(fromWorker?.fileName).toBe(inProcess.fileName);
          expect(inProcess.count).toBe(records.length);
          // Independent reference: the writers called directly on the store's own reading.
          const reference =
            request.format === 'geojson'
              ? exportFunctions.geoJson(records)
              : request.format === 'shapefile'
                ? exportFunctions.shapefile(records, {
                    encoding: request.encoding,
                    crs: request.crs,
                    lastUpdate: NOW,
                  }).zip
                : request.format === 'coordinate-text'
                  ? exportFunctions.coordinateText(records, { ...request.zone, date: '2026-11-21' }).bytes
                  : exportFunctions.parcelCsv(records, store.getState().locale);
          expect(same(inProcess.data, reference), `${request.format} vs reference`).toBe(true);
        }
      }
      const geojson = JSON.parse(
        (await worker.parcels({ format: 'geojson', ids }, { now: NOW, locale: 'zh-CN' }))?.data as string,
      ) as { features: unknown[] };
      expect(geojson.features).toHaveLength(picked.length);
      expect(await worker.suggestZone(null, true)).toBe(suggestGaussKrugerZone(all, true));
      expect(await worker.suggestZone(ids, false)).toBe(await store.getState().suggestZone(ids, false));
    } finally {
      close();
    }
  });

  it('says "nothing to export" for ids that are not stored, and backs up the same bytes', async () => {
    const { store, worker, close } = await setup();
    try {
      const request: ExportRequest = { format: 'csv', ids: ['no-such-layer#1'] };
      expect(await worker.parcels(request, { now: NOW, locale: 'en' })).toBeNull();
      await expect(store.getState().exportParcels(request)).rejects.toThrow(/No parcels/);
      const twin = await store.getState().backupAll();
      const fromWorker = await worker.backupAll(NOW);
      expect(fromWorker.parcels).toBe(store.getState().parcels.size);
      expect(same(fromWorker.bytes, twin.data)).toBe(true);
      const read = exportFunctions.readBackup(fromWorker.bytes);
      expect(read.parcels.map((p) => p.id).sort()).toEqual([...store.getState().parcels.keys()].sort());
    } finally {
      close();
    }
  });
});
