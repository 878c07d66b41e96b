// Writing and reading a county's parcels in IndexedDB in Chromium (issue 3 "Scale": 100k parcels
// written in under 1 s), through the real db layer in a dedicated worker, as the import worker
// writes and the workers read. Two stored forms of the same records:
// - unpacked: chunks of records as they are (how schema v1/v2 wrote them), one transaction;
// - packed: DexieLayerRepository.importLayers, chunks through src/db/chunk-codec.ts.
// Read: DexieParcelRepository.readLayer (keys, one get per chunk, decode). Rewrite (packed form):
// parcels.updateOverlays, every chunk read, changed and put again in one transaction. The records are real
// imported ones: a synthetic county exported as a GBK Gauss-Kruger shapefile, imported and
// prepared in the worker as the import worker does (23 attribute fields, Chinese strings; the DBF
// reader's row objects; the read result kept alive during the write). No build needed: the
// worker is bundled with esbuild and served by a small static server on BENCH_PORT (default 4393).
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { build } from 'esbuild';
import { syntheticRecords } from '../src/io/export/sample-records';
import { exportShapefileZip } from '../src/io/export/shapefile.export';
import { chromiumLaunchOptions } from '../tests/chromium';
import { median } from './measure';

const PORT = Number(process.env.BENCH_PORT ?? 4393);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SIZES = (process.env.BENCH_PARCELS ?? '10000,100000').split(',').map(Number);
const root = fileURLToPath(new URL('..', import.meta.url));

/** The worker: opens databases with the app's schema and repositories, times writes and reads. */
const WORKER_SOURCE = `
import { openDatabase } from './src/db/open-database';
import { LandstockDatabase, CHUNK_SIZE } from './src/db/schema';
import { importFiles } from './src/io/import-files';
import { prepareImportedLayers } from './src/io/prepare-imported';
let records = [];
let kept = null;
const layer = (id) => ({ id, name: id, role: 'parcels', source: 'bench', featureCount: 0, visible: true,
  opacity: 1, order: 0, nextSeq: 0, createdAt: '2025-03-01T00:00:00.000Z' });
self.onmessage = async (event) => {
  const { cmd, url, form } = event.data;
  try {
    if (cmd === 'load') {
      // Imported and prepared here, as the import worker does (its read result stays alive too).
      const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
      kept = await importFiles([{ name: 'county.zip', bytes }]);
      const choice = { index: 0, include: true, role: 'parcels', name: 'county', id: 'L1', order: 1,
        fieldMapping: kept.layers[0].fieldMapping };
      records = prepareImportedLayers(kept, [choice], [], '2025-03-01T00:00:00.000Z').layers[0].content.items;
      self.postMessage({ count: records.length });
      return;
    }
    const name = 'bench-' + form + '-' + Math.random();
    const started = performance.now();
    if (form === 'packed') {
      const opened = await openDatabase(name);
      await opened.repositories.layers.importLayers([{ layer: layer('L1'), content: { kind: 'parcels', items: records } }]);
      opened.close();
    } else {
      const db = new LandstockDatabase(name);
      await db.open();
      const chunks = [];
      for (let start = 0, index = 0; start < records.length; start += CHUNK_SIZE, index++)
        chunks.push({ layerId: 'L1', index, kind: 'parcels', items: records.slice(start, start + CHUNK_SIZE) });
      await db.transaction('rw', db.layers, db.layerChunks, async () => {
        await db.layers.put({ ...layer('L1'), featureCount: records.length, nextSeq: records.length });
        await db.putChunks(chunks);
      });
      db.close();
    }
    const writeMs = performance.now() - started;
    await new Promise((r) => setTimeout(r, 300));
    const opened = await openDatabase(name);
    const readStart = performance.now();
    const back = await opened.repositories.parcels.readLayer('L1');
    const readMs = performance.now() - readStart;
    // Every chunk rewritten in one transaction, as re-checking the county after a control layer
    // is added does (parcels.updateOverlays): new checks for the first parcel of each chunk.
    let rewriteMs = null;
    if (form === 'packed') {
      const checks = new Map();
      for (let i = 0; i < records.length; i += CHUNK_SIZE)
        checks.set(records[i].id, [{ role: 'permanent-farmland', verdict: 'conflict', insideM2: 12.5 }]);
      const rewriteStart = performance.now();
      await opened.repositories.parcels.updateOverlays('L1', checks);
      rewriteMs = performance.now() - rewriteStart;
      const first = await opened.repositories.parcels.get(records[0].id);
      if (!first || !first.overlay || first.overlay[0].verdict !== 'conflict') throw new Error('the rewrite was not stored');
    }
    opened.close();
    await new Promise((r) => { const q = indexedDB.deleteDatabase(name); q.onsuccess = q.onerror = q.onblocked = r; });
    const same = back.length === records.length && JSON.stringify(back[records.length - 1]) === JSON.stringify(records[records.length - 1]);
    self.postMessage({ writeMs, readMs, rewriteMs, same });
  } catch (error) {
    self.postMessage({ error: String(error && error.stack || error) });
  }
};
`;

interface Result {
  writeMs: number;
  readMs: number;
  /** Every chunk rewritten (parcels.updateOverlays), packed form only. */
  rewriteMs: number | null;
  same: boolean;
  error?: string;
}

/** A synthetic county as a GBK Gauss-Kruger shapefile zip (the worker imports it). */
function countyZip(count: number): Uint8Array {
  return exportShapefileZip(syntheticRecords(count), {
    encoding: 'gbk',
    crs: { kind: 'gauss-kruger', zone: 37, threeDegree: true, zonePrefix: true },
    lastUpdate: new Date(Date.UTC(2025, 2, 1)),
  }).zip;
}

export async function run(): Promise<void> {
  const bundle = await build({
    stdin: { contents: WORKER_SOURCE, resolveDir: root, loader: 'js' },
    bundle: true,
    format: 'iife',
    write: false,
    logLevel: 'silent',
  });
  const files: Record<string, { type: string; body: string | Uint8Array }> = {
    '/': { type: 'text/html', body: '<!doctype html><title>idb-write bench</title>' },
    '/worker.js': { type: 'text/javascript', body: bundle.outputFiles[0]?.text ?? '' },
  };
  const server = createServer((req, res) => {
    const file = files[req.url ?? '/'];
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': file.type });
    res.end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(PORT, '127.0.0.1', resolve));
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    for (const size of SIZES) {
      files['/county.zip'] = { type: 'application/zip', body: countyZip(size) };
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${PORT}/`);
      // No named functions inside evaluate: tsx would wrap them in a helper the page does not have.
      await page.evaluate(() => {
        const w = window as unknown as { bench: Worker; ask: (m: unknown) => Promise<unknown> };
        w.bench = new Worker('/worker.js');
        w.ask = (message: unknown) =>
          new Promise((resolve) => {
            w.bench.onmessage = (event: MessageEvent) => resolve(event.data);
            w.bench.postMessage(message);
          });
      });
      const ask = (message: unknown): Promise<Result> =>
        page.evaluate((m) => (window as unknown as { ask: (m: unknown) => Promise<Result> }).ask(m), message);
      await ask({ cmd: 'load', url: '/county.zip' });
      const results: Record<string, Result[]> = { unpacked: [], packed: [] };
      for (let i = 0; i < RUNS; i++)
        for (const form of ['unpacked', 'packed']) {
          const result = await ask({ cmd: 'run', form });
          if (result.error) throw new Error(result.error);
          if (!result.same) throw new Error(`${form}: the records read back differ from those written`);
          results[form]?.push(result);
        }
      for (const [form, runs] of Object.entries(results)) {
        const write = median(runs.map((r) => r.writeMs));
        const read = median(runs.map((r) => r.readMs));
        const rewrites = runs.flatMap((r) => (r.rewriteMs === null ? [] : [r.rewriteMs]));
        const rewrite = rewrites.length > 0 ? `, rewrite ${median(rewrites).toFixed(0).padStart(5)} ms` : '';
        console.log(
          `  ${size.toLocaleString('en')} parcels, ${form.padEnd(8)}: write ${write.toFixed(0).padStart(5)} ms, read ${read.toFixed(0).padStart(5)} ms${rewrite} (median of ${RUNS}; runs ${runs.map((r) => r.writeMs.toFixed(0)).join(', ')})`,
        );
      }
      await page.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
}
