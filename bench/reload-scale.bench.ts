// R70 "reload at scale" (not in CI): 100,000 parcels and 1,000 patrols stored in Chromium's
// IndexedDB, then the page reloaded. The records are written straight into the app's database
// (schema v2: one `chunks` row per 500 ParcelRecords, a `layers` row, `patrols` rows) after a first
// start has created it, so the run measures the reload and nothing else. Printed: time from reload
// to ready + map idle (median of BENCH_RUNS), JS heap of the page after each reload, and the heap
// per stored parcel above the demo-only baseline — the store keeps summaries (id, map id, category,
// status, area, flags), not records with geometry, and hands the geometry to the map's worker.
// Counts are checked (a mismatch throws), timings only printed.
// Needs a build: BENCH_DIST (default dist) served by `vite preview` on BENCH_PORT (default 4393).
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { type BrowserContext, chromium, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../tests/chromium';
import { median, waitForServer } from './measure';

const PORT = Number(process.env.BENCH_PORT ?? 4393);
const DIST = process.env.BENCH_DIST ?? 'dist';
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PARCELS = Number(process.env.BENCH_PARCELS ?? 100_000);
const PATROLS = Number(process.env.BENCH_PATROLS ?? 1_000);
const LAYER = 'bench-scale';

interface Hook {
  phase(): string;
  mapIdle(): boolean;
  parcelCount(): number;
  layers(): { id: string; featureCount: number }[];
}

async function waitReadyAndIdle(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const hook = (window as unknown as { __landstock?: Hook }).__landstock;
      return hook?.phase() === 'ready' && hook.mapIdle();
    },
    undefined,
    { timeout: 600_000, polling: 50 },
  );
}

async function heapMb(context: BrowserContext, page: Page): Promise<number> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  await cdp.detach();
  return (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 2 ** 20;
}

/**
 * Writes the layer, its parcels (a grid of small squares inside the demo county) and the patrols
 * into the app's own database, in the page. No named functions inside evaluate (tsx would wrap
 * them in a helper the page does not have).
 */
async function storeCounty(page: Page): Promise<void> {
  await page.evaluate(
    async ({ layerId, parcels, patrols }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('landstock');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const now = new Date().toISOString();
      const columns = 400;
      const size = 0.0003;
      const step = 0.0004;
      const chunkSize = 500;
      const chunksPerTransaction = 20;
      for (let first = 0; first < parcels; first += chunkSize * chunksPerTransaction) {
        const tx = db.transaction(['layerChunks', 'layers'], 'readwrite');
        const chunks = tx.objectStore('layerChunks');
        if (first === 0) {
          tx.objectStore('layers').put({
            id: layerId,
            name: 'R70 bench county',
            role: 'parcels',
            source: 'bench',
            featureCount: parcels,
            visible: true,
            opacity: 1,
            order: 10,
            nextSeq: parcels,
            createdAt: now,
          });
        }
        const end = Math.min(parcels, first + chunkSize * chunksPerTransaction);
        for (let start = first; start < end; start += chunkSize) {
          const items = [];
          for (let seq = start; seq < Math.min(end, start + chunkSize); seq++) {
            const x = 110.22 + (seq % columns) * step;
            const y = 25.225 + Math.floor(seq / columns) * step;
            const code = `450322R70${String(seq).padStart(6, '0')}`;
            items.push({
              id: `${layerId}#${seq}`,
              layerId,
              geometry: {
                type: 'Polygon',
                coordinates: [
                  [
                    [x, y],
                    [x + size, y],
                    [x + size, y + size],
                    [x, y + size],
                    [x, y],
                  ],
                ],
              },
              source: { properties: { ZDDM: code, QLR: `单位${seq % 977}`, ZDMJ: 1000 }, record: seq + 1 },
              areaM2: 1000 + (seq % 100),
              facts: { code, declaredAreaM2: 1000 },
              category: seq % 3 === 0 ? 'idle' : 'unclassified',
              status: 'to-verify',
              version: 1,
              updatedAt: now,
              updatedBy: 'bench',
            });
          }
          chunks.put({ layerId, index: start / chunkSize, kind: 'parcels', items }, [
            layerId,
            start / chunkSize,
          ]);
        }
        await new Promise<void>((resolve, reject) => {
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
          tx.onabort = () => reject(tx.error);
        });
      }
      const tx = db.transaction('patrols', 'readwrite');
      for (let i = 0; i < patrols; i++) {
        tx.objectStore('patrols').put({
          id: `r70-patrol-${i}`,
          parcelId: `${layerId}#${(i * 97) % parcels}`,
          at: new Date(Date.parse(now) - i * 60_000).toISOString(),
          inspector: 'bench',
          stage: 'started',
          finding: i % 10 === 0 ? 'warning' : 'normal',
          notes: `巡查记录 ${i}`,
          photoIds: [],
          createdAt: now,
        });
      }
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { layerId: LAYER, parcels: PARCELS, patrols: PATROLS },
  );
}

async function storedPatrols(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('landstock');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const count = await new Promise<number>((resolve, reject) => {
      const request = db.transaction('patrols', 'readonly').objectStore('patrols').count();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return count;
  });
}

export async function run(): Promise<void> {
  if (!existsSync(`${DIST}/index.html`)) {
    console.log(`reload-scale: no build in ${DIST} — run \`npm run build\` first; skipped`);
    return;
  }
  const server: ChildProcess = spawn(
    'npx',
    ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort', '--outDir', DIST],
    { stdio: 'ignore' },
  );
  try {
    const url = `http://127.0.0.1:${PORT}/`;
    await waitForServer(url);
    const browser = await chromium.launch(chromiumLaunchOptions);
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      serviceWorkers: 'block',
    });
    const page = await context.newPage();
    page.on('pageerror', (error) => console.log(`reload-scale: page error: ${error.message}`));
    await page.goto(url);
    await waitReadyAndIdle(page);
    const demoParcels = await page.evaluate(() =>
      (window as unknown as { __landstock: Hook }).__landstock.parcelCount(),
    );
    const baseline = await heapMb(context, page);

    let start = Date.now();
    await storeCounty(page);
    const writeMs = Date.now() - start;

    const reloads: number[] = [];
    const heaps: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      start = Date.now();
      await page.reload();
      await waitReadyAndIdle(page);
      reloads.push(Date.now() - start);
      heaps.push(await heapMb(context, page));
    }
    const counts = await page.evaluate((layerId) => {
      const hook = (window as unknown as { __landstock: Hook }).__landstock;
      return {
        parcels: hook.parcelCount(),
        layer: hook.layers().find((l) => l.id === layerId)?.featureCount ?? -1,
      };
    }, LAYER);
    const patrols = await storedPatrols(page);
    await browser.close();

    if (counts.parcels !== demoParcels + PARCELS || counts.layer !== PARCELS || patrols !== PATROLS) {
      throw new Error(
        `reload-scale: counts differ: ${JSON.stringify({ ...counts, patrols, demoParcels, PARCELS, PATROLS })}`,
      );
    }
    const heap = median(heaps);
    console.log(
      `reload-scale: stored ${PARCELS.toLocaleString('en')} parcels (${PARCELS / 500} chunks) + ${PATROLS} patrols in ${writeMs} ms`,
    );
    console.log(
      `reload-scale: reload → ready + map idle: median ${median(reloads)} ms (${RUNS} runs: ${reloads.join(', ')})`,
    );
    console.log(
      `reload-scale: counts after reload OK — ${counts.parcels.toLocaleString('en')} parcels in the store (demo ${demoParcels} + ${PARCELS}), layer featureCount ${counts.layer}, ${patrols} patrols stored`,
    );
    console.log(
      `reload-scale: JS heap (page, after GC) ${heap.toFixed(1)} MB vs ${baseline.toFixed(1)} MB with the demo only → ${(((heap - baseline) * 2 ** 20) / PARCELS).toFixed(0)} bytes per stored parcel (the store keeps summaries only)`,
    );
  } finally {
    server.kill();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
