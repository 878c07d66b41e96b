// `npm run soak [-- --scale 0.1] [-- --photo-kb 150]` (RELIABILITY.md tests 67–69, issue #8 "Load"):
// in Node with fake-indexeddb and the real repositories and store (in-process import and overlay
// services): import a generated 100,000-parcel layer through the store's import path, tag 10,000
// parcels in ONE bulk action (and undo/redo it), record 1,000 patrols with 3 photos each, then count
// every record back from IndexedDB. Prints the time of each phase and the peak memory sampled
// (process.memoryUsage: rss, heapUsed). Figures, no timing asserts; the counts are checked.
//
// Limits of the stand-in: fake-indexeddb keeps the database in this process's memory, so the peak
// includes the "disk"; photos are small ready-made image bytes (the browser's resize step,
// app/photo-service.ts, needs a canvas and does not run in Node).
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { openDatabase } from '../src/db/open-database';
import type { PatrolFinding, PatrolStage } from '../src/domain/parcel';
import { exportGeoJson } from '../src/io/export/geojson.export';
import { syntheticRecords } from '../src/io/export/sample-records';
import { createAppStore } from '../src/store/app-store';
import { createInProcessImportSession } from '../src/store/in-process-import';
import { createInProcessOverlay } from '../src/store/in-process-overlay';

export interface SoakOptions {
  parcels: number;
  tags: number;
  patrols: number;
  photosPerPatrol: number;
  /** Size of each photo; 0 uses the small PNG of the browser tests as it is. */
  photoKb: number;
  log?: (line: string) => void;
}

export interface SoakFigures {
  options: Omit<SoakOptions, 'log'>;
  /** ms per phase. */
  phases: Record<string, number>;
  peakRssMb: number;
  peakHeapMb: number;
  counted: {
    parcels: number;
    tagged: number;
    tagChanges: number;
    tagBatches: number;
    undoRestored: number;
    patrols: number;
    photos: number;
    photosReadable: number;
    photoBytes: number;
  };
}

export const FULL_SCALE: Omit<SoakOptions, 'log'> = {
  parcels: 100_000,
  tags: 10_000,
  patrols: 1_000,
  photosPerPatrol: 3,
  photoKb: 0,
};

const SITE_PHOTO = new URL('../tests/e2e/site-photo.png', import.meta.url);

function photoBytes(kb: number, n: number): Uint8Array<ArrayBuffer> {
  if (kb <= 0) return new Uint8Array(readFileSync(SITE_PHOTO));
  // JPEG start/end markers around filler: a stand-in for an already-resized camera photo.
  const bytes = new Uint8Array(kb * 1024);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31 + n) & 0xff;
  bytes.set([0xff, 0xd8, 0xff, 0xe0], 0);
  bytes.set([0xff, 0xd9], bytes.length - 2);
  return bytes;
}

/** Runs the soak and returns its figures; throws when a count does not come back. */
export async function runSoak(options: SoakOptions): Promise<SoakFigures> {
  const log = options.log ?? (() => undefined);
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const sampler = setInterval(sample, 100);
  const phases: Record<string, number> = {};
  const phase = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const start = performance.now();
    const value = await work();
    sample();
    phases[name] = Math.round(performance.now() - start);
    log(
      `  ${name.padEnd(34)} ${String(phases[name]).padStart(7)} ms   rss ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB`,
    );
    return value;
  };
  const opened = await openDatabase(`soak-${Date.now()}-${Math.random()}`);
  try {
    const { repositories } = opened;
    let clock = Date.parse('2026-11-21T08:00:00Z');
    const store = createAppStore({
      repositories,
      services: {
        loadDemoLayers: async () => [],
        now: () => {
          clock += 1000;
          return new Date(clock);
        },
        overlay: createInProcessOverlay(),
        startImport: createInProcessImportSession,
      },
    });
    await store.getState().boot();

    const bytes = await phase('generate GeoJSON', async () =>
      new TextEncoder().encode(exportGeoJson(syntheticRecords(options.parcels))),
    );
    log(`  (${options.parcels.toLocaleString('en')} parcels, ${(bytes.length / 1048576).toFixed(1)} MB)`);
    const layerId = await phase('import (read, prepare, store)', async () => {
      await store.getState().startImport([{ name: 'soak.geojson', bytes }]);
      const review = store.getState().importState;
      if (review?.phase !== 'review') throw new Error(`import not in review: ${review?.error?.message}`);
      await store.getState().commitImport([
        {
          index: 0,
          include: true,
          name: 'soak',
          role: 'parcels',
          fieldMapping: review.summary?.layers[0]?.fieldMapping ?? {},
        },
      ]);
      const done = store.getState().importState;
      if (done?.phase !== 'done') throw new Error(`import failed: ${done?.error?.message}`);
      store.getState().closeImport();
      return done.storedLayerIds[0] ?? '';
    });

    const ids = [...store.getState().parcels.values()]
      .filter((p) => p.id.startsWith(`${layerId}#`) && p.category !== 'leftover')
      .slice(0, options.tags)
      .map((p) => p.id);
    const changed = await phase(`bulk tag ${ids.length.toLocaleString('en')} (one action)`, () =>
      store.getState().bulkEdit(ids, { category: 'leftover' }, 'soak bulk tag'),
    );
    if (changed !== options.tags) throw new Error(`bulk edit changed ${changed} of ${options.tags}`);
    await phase('undo the bulk tag', () => store.getState().undo());
    const afterUndo = await repositories.parcels.getMany(ids);
    const undoRestored = afterUndo.filter((r) => r.category !== 'leftover').length;
    await phase('redo the bulk tag', () => store.getState().redo());

    const stages: PatrolStage[] = ['not-started'];
    const findings: PatrolFinding[] = ['normal', 'warning'];
    await phase(`${options.patrols} patrols × ${options.photosPerPatrol} photos`, async () => {
      for (let i = 0; i < options.patrols; i++) {
        const parcelId = ids[i % ids.length] ?? `${layerId}#${i}`;
        await store.getState().savePatrol({
          parcelId,
          stage: stages[i % stages.length] ?? 'not-started',
          finding: findings[i % findings.length] ?? 'normal',
          notes: `巡查记录 ${i + 1}`,
          photos: Array.from({ length: options.photosPerPatrol }, (_, k) => {
            const type = options.photoKb > 0 ? 'image/jpeg' : 'image/png';
            return {
              blob: new Blob([photoBytes(options.photoKb, i * 3 + k)], { type }),
              type,
              width: 1600,
              height: 1200,
              name: `site-${i + 1}-${k + 1}.${options.photoKb > 0 ? 'jpg' : 'png'}`,
            };
          }),
        });
      }
    });

    const counted = await phase('count everything back', async () => {
      const records = await repositories.parcels.readLayer(layerId);
      const changes = (await repositories.changes.all()).filter(
        (c) => c.reason === 'soak bulk tag' && c.field === 'category',
      );
      const { patrols, photos } = await repositories.patrols.count();
      let photosReadable = 0;
      let bytesRead = 0;
      for (const id of ids.slice(0, options.patrols)) {
        for (const patrol of await repositories.patrols.forParcel(id)) {
          for (const photoId of patrol.photoIds) {
            const photo = await repositories.patrols.photo(photoId);
            const buffer = photo ? await photo.blob.arrayBuffer() : undefined;
            if (buffer && buffer.byteLength > 0) {
              photosReadable++;
              bytesRead += buffer.byteLength;
            }
          }
        }
      }
      return {
        parcels: records.length,
        tagged: records.filter((r) => r.category === 'leftover').length,
        tagChanges: changes.length,
        tagBatches: new Set(changes.map((c) => c.batch)).size,
        undoRestored,
        patrols,
        photos,
        photosReadable,
        photoBytes: bytesRead,
      };
    });
    return {
      options: {
        parcels: options.parcels,
        tags: options.tags,
        patrols: options.patrols,
        photosPerPatrol: options.photosPerPatrol,
        photoKb: options.photoKb,
      },
      phases,
      peakRssMb: Math.round(peakRss / 1048576),
      peakHeapMb: Math.round(peakHeap / 1048576),
      counted,
    };
  } finally {
    clearInterval(sampler);
    opened.close();
  }
}

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const scale = Number(argument('scale') ?? 1);
  const options: SoakOptions = {
    parcels: Math.max(10, Math.round(FULL_SCALE.parcels * scale)),
    tags: Math.max(1, Math.round(FULL_SCALE.tags * scale)),
    patrols: Math.max(1, Math.round(FULL_SCALE.patrols * scale)),
    photosPerPatrol: FULL_SCALE.photosPerPatrol,
    photoKb: Number(argument('photo-kb') ?? FULL_SCALE.photoKb),
    log: (line) => console.log(line),
  };
  console.log(`Landstock soak — node ${process.version}, scale ${scale}, ${new Date().toISOString()}`);
  const start = performance.now();
  const figures = await runSoak(options);
  const c = figures.counted;
  const ok =
    c.parcels === options.parcels &&
    c.tagged === options.tags &&
    c.tagChanges === options.tags &&
    c.tagBatches === 1 &&
    c.undoRestored === options.tags &&
    c.patrols === options.patrols &&
    c.photos === options.patrols * options.photosPerPatrol &&
    c.photosReadable === c.photos;
  console.log(`  counted back: ${JSON.stringify(c)}`);
  console.log(
    `  total ${Math.round(performance.now() - start)} ms, peak rss ${figures.peakRssMb} MB, peak heapUsed ${figures.peakHeapMb} MB — ${ok ? 'every record present' : 'MISSING RECORDS'}`,
  );
  if (!ok) process.exitCode = 1;
}
