// Import of a 100k-parcel GBK Gauss-Kruger shapefile zip in Chromium through the real UI path
// (issue 3 "Scale"): the file goes into the import dialog's file input, the user confirms, the
// worker reads (parse, reproject, validate), prepares (areas, facts, checks against the stored
// control layers) and writes one IndexedDB transaction in the worker, the map-tiles worker loads the
// new layer (summaries to the store, tiles to the map), the map fits it and draws. Timed
// from the store's User Timing marks (landstock:import-*) and the map's idle; the longest main-thread
// task during the import (PerformanceObserver 'longtask'); JS heap after (after a full GC). Then a page reload: the
// whole county from IndexedDB to the first map idle at the view fitted to all parcels. "Idle" is
// the test hook's mapIdle: MapLibre idle and every source built for the store's current data.
// Each format of BENCH_FORMATS (default "zip,geojson": the shapefile zip, and the same parcels as
// GeoJSON) is imported RUNS times. Needs a build: BENCH_DIST (default dist) served by `vite preview`
// on BENCH_PORT (default 4392). BENCH_SKIP_RELOAD=1 leaves out the reload (quicker A/B runs of the
// import alone).
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { chromium, type Page } from '@playwright/test';
import { exportGeoJson } from '../src/io/export/geojson.export';
import { syntheticRecords } from '../src/io/export/sample-records';
import { exportShapefileZip } from '../src/io/export/shapefile.export';
import { chromiumLaunchOptions } from '../tests/chromium';
import { median, waitForServer } from './measure';

const PORT = Number(process.env.BENCH_PORT ?? 4392);
const DIST = process.env.BENCH_DIST ?? 'dist';
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PARCELS = Number(process.env.BENCH_PARCELS ?? 100_000);
// BENCH_TRACE=trace.json records a Chromium trace (timeline + V8 CPU profiles of every thread,
// workers included) of the first run's import, from file chosen to map idle, for profiling.
const TRACE = process.env.BENCH_TRACE;
/** BENCH_TRACE_CATS: more trace categories, comma-separated (e.g. IndexedDB,toplevel). */
const TRACE_CATEGORIES = (process.env.BENCH_TRACE_CATS ?? '').split(',').filter(Boolean);
/** BENCH_COLD=1: the file is given as soon as the app is idle, without the import button (no warm-up). */
const COLD = process.env.BENCH_COLD === '1';
/** src/app/import-service.ts SPARE_WARMED_MARK (not imported: that module starts workers). */
const SPARE_WARMED_MARK = 'landstock:import-spare-warmed';
/** Put into the served build folder for the run and removed afterwards. */
const FORMATS = (process.env.BENCH_FORMATS ?? 'zip,geojson').split(',');
/** The files served with the build for the page to pick, by format. */
const FILE_NAMES: Record<string, string> = {
  zip: 'bench-import-county.zip',
  geojson: 'bench-import-county.geojson',
};

interface Hook {
  phase(): string;
  mapIdle(): boolean;
  parcelCount(): number;
}

async function waitReadyAndIdle(page: Page, minParcels = 0): Promise<void> {
  await page.waitForFunction(
    (min) => {
      const hook = (window as unknown as { __landstock?: Hook }).__landstock;
      return hook?.phase() === 'ready' && hook.parcelCount() >= min && hook.mapIdle();
    },
    minParcels,
    { timeout: 600_000, polling: 50 },
  );
}

/** Milliseconds between the store's import marks (NaN when one is missing). */
async function marks(page: Page): Promise<Record<string, number>> {
  // No named functions inside evaluate: tsx would wrap them in a helper the page does not have.
  const at: Record<string, number> = await page.evaluate(() =>
    Object.fromEntries(
      performance
        .getEntriesByType('mark')
        .filter((e) => e.name.startsWith('landstock:import-'))
        .map((e) => [e.name.slice('landstock:import-'.length), e.startTime]),
    ),
  );
  const span = (from: string, to: string) => (at[to] ?? Number.NaN) - (at[from] ?? Number.NaN);
  return {
    read: span('read-start', 'read-end'),
    prepare: span('prepare-start', 'prepare-end'),
    write: span('prepare-end', 'write-end'),
    reload: span('write-end', 'reload-end'),
    reloadEnd: at['reload-end'] ?? Number.NaN,
    writeEnd: at['write-end'] ?? Number.NaN,
  };
}

/** What the origin stores (IndexedDB and the rest), as Chromium estimates it. */
async function storageMiB(page: Page): Promise<number> {
  return page.evaluate(async () => ((await navigator.storage.estimate()).usage ?? 0) / 2 ** 20);
}

/** The page's JS heap in use after a full garbage collection: what it keeps, not what it left. */
async function heapMiB(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 2 ** 20;
}

export async function run(): Promise<void> {
  if (!existsSync(`${DIST}/index.html`)) {
    console.log(`import-browser: no build in ${DIST} — run \`npm run build\` first; skipped`);
    return;
  }
  const records = syntheticRecords(PARCELS);
  const zip = exportShapefileZip(records, {
    encoding: 'gbk',
    crs: { kind: 'gauss-kruger', zone: 37, threeDegree: true, zonePrefix: true },
    lastUpdate: new Date(Date.UTC(2025, 2, 1)),
  }).zip;
  const geojson = new TextEncoder().encode(exportGeoJson(records));
  console.log(
    `import-browser: ${PARCELS.toLocaleString('en')} parcels, shapefile zip ${(zip.length / 2 ** 20).toFixed(1)} MB (GBK, GK zone 37), GeoJSON ${(geojson.length / 2 ** 20).toFixed(1)} MB; ${RUNS} runs each of ${FORMATS.join(', ')}`,
  );
  writeFileSync(`${DIST}/${FILE_NAMES.zip}`, zip);
  writeFileSync(`${DIST}/${FILE_NAMES.geojson}`, geojson);
  const server: ChildProcess = spawn(
    'npx',
    ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort', '--outDir', DIST],
    { stdio: 'ignore', detached: true },
  );
  const rows: Record<string, Record<string, number[]>> = {};
  let format = '';
  const add = (key: string, value: number) => {
    const table = rows[format] ?? {};
    rows[format] = table;
    table[key] = [...(table[key] ?? []), value];
  };
  try {
    const url = `http://127.0.0.1:${PORT}/`;
    await waitForServer(url);
    const browser = await chromium.launch(chromiumLaunchOptions);
    for (let run = 0; run < RUNS * FORMATS.length; run++) {
      format = FORMATS[run % FORMATS.length] as string;
      const fileName = FILE_NAMES[format];
      if (!fileName) throw new Error(`unknown BENCH_FORMATS entry ${format}`);
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      // Lines a worker logs with a [probe] prefix (temporary timing probes) are printed.
      page.on('worker', (w) =>
        w.on('console', (m) => {
          if (m.text().startsWith('[probe]')) console.log(`    ${m.text()}`);
        }),
      );
      await page.addInitScript(() => {
        const w = window as unknown as {
          __longTasks: { start: number; duration: number }[];
          __longScripts: { start: number; duration: number; invoker: string }[];
        };
        type Script = {
          startTime: number;
          duration: number;
          invoker: string;
          sourceFunctionName: string;
          sourceURL: string;
          forcedStyleAndLayoutDuration: number;
        };
        w.__longTasks = [];
        w.__longScripts = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
        }).observe({ type: 'longtask', buffered: true });
        // Long animation frames name the scripts that ran in them: the map's drawing runs in its
        // animation-frame callback (on SwiftShader, mostly waiting for the GPU process); the rest
        // (store, React, message handlers) is ours to keep short.
        new PerformanceObserver((list) => {
          for (const frame of list.getEntries() as unknown as { scripts: Script[] }[])
            for (const s of frame.scripts)
              if (s.duration >= 50 && s.invoker !== 'FrameRequestCallback')
                w.__longScripts.push({
                  start: s.startTime,
                  duration: s.duration,
                  invoker: `${s.invoker} (${s.sourceFunctionName || '?'} in ${s.sourceURL.split('/').pop()}, layout ${Math.round(s.forcedStyleAndLayoutDuration)} ms)`,
                });
        }).observe({ type: 'long-animation-frame', buffered: true });
      });
      await page.goto(url);
      await waitReadyAndIdle(page);
      // The import button, as a user starts: while the user chooses the file, the spare import worker
      // warms its code up (src/workers/import-warm-up.ts); the file comes once it has (BENCH_COLD=1:
      // no button, the file at once).
      if (!COLD) {
        await page.getByTestId('import-button').click();
        const warmUp = await page.waitForFunction(
          (name) => {
            const entry = performance.getEntriesByName(name)[0] as PerformanceMark | undefined;
            return entry
              ? ((entry.detail as { completed: boolean; ms: number } | null) ?? { completed: false, ms: 0 })
              : null;
          },
          SPARE_WARMED_MARK,
          { timeout: 120_000, polling: 100 },
        );
        const { completed, ms } = (await warmUp.jsonValue()) as { completed: boolean; ms: number };
        if (!completed) throw new Error('the spare import worker did not complete its warm-up');
        add('spare import worker warm-up (after 导入, before the file)', ms);
      }
      const before = await page.evaluate(() =>
        (window as unknown as { __landstock: Hook }).__landstock.parcelCount(),
      );
      if (TRACE && run === 0)
        await browser.startTracing(page, {
          path: TRACE,
          categories: [
            'devtools.timeline',
            'disabled-by-default-devtools.timeline',
            'disabled-by-default-v8.cpu_profiler',
            'v8.execute',
            'blink.user_timing',
            ...TRACE_CATEGORIES,
          ],
        });
      const usedBefore = await storageMiB(page);
      const t0 = await page.evaluate(() => performance.now());
      // The file is served with the build and handed to the file input in the page: Playwright's
      // setInputFiles would decode 22 MB of base64 on the page's main thread, a long task of its own.
      await page.evaluate(
        async ([path, name]) => {
          const blob = await (await fetch(path as string)).blob();
          const transfer = new DataTransfer();
          transfer.items.add(new File([blob], name as string));
          const input = document.querySelector<HTMLInputElement>('[data-testid=import-input]');
          if (!input) throw new Error('no import input');
          input.files = transfer.files;
          input.dispatchEvent(new Event('change', { bubbles: true }));
        },
        [`/${fileName}`, format === 'zip' ? 'county.zip' : 'county.geojson'],
      );
      const dialog = page.getByTestId('import-dialog');
      await dialog.getByTestId('import-commit').waitFor({ timeout: 600_000 });
      await dialog.getByTestId('import-commit').click();
      await dialog.getByTestId('import-done').waitFor({ timeout: 600_000 });
      await waitReadyAndIdle(page, before + PARCELS);
      const idleAt = await page.evaluate(() => performance.now());
      if (TRACE && run === 0) await browser.stopTracing();
      const m = await marks(page);
      const longest = await page.evaluate(
        (from) =>
          (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks
            .filter((t) => t.start >= from)
            .reduce((max, t) => Math.max(max, t.duration), 0),
        t0,
      );
      add('worker read (parse, reproject, validate)', m.read ?? Number.NaN);
      add('worker prepare (areas, facts, checks)', m.prepare ?? Number.NaN);
      add('IndexedDB write (one transaction)', m.write ?? Number.NaN);
      add('layer load (tile worker: IndexedDB read, tile index, summaries)', m.reload ?? Number.NaN);
      add('layer loaded → first map idle (county view)', idleAt - (m.reloadEnd ?? Number.NaN));
      add('IndexedDB written → first map idle', idleAt - (m.writeEnd ?? Number.NaN));
      add('file chosen → map idle (all)', idleAt - t0);
      const script = await page.evaluate(
        (from) =>
          (
            window as unknown as { __longScripts: { start: number; duration: number; invoker: string }[] }
          ).__longScripts
            .filter((s) => s.start >= from)
            .reduce((max, s) => (s.duration > max.duration ? s : max), {
              duration: 0,
              invoker: '',
              start: 0,
            }),
        t0,
      );
      add('longest main-thread task during import', longest);
      add('longest script outside map drawing (long animation frames)', script.duration);
      if (script.duration > 50)
        console.log(
          `    (longest script: ${script.invoker}, ${Math.round(script.start - t0)} ms after the file)`,
        );
      add('JS heap after import (MiB)', await heapMiB(page));
      add(
        'storage the import added (MiB, navigator.storage.estimate)',
        (await storageMiB(page)) - usedBefore,
      );

      if (process.env.BENCH_SKIP_RELOAD) {
        await context.close();
        continue;
      }
      const r0 = Date.now();
      await page.reload();
      await waitReadyAndIdle(page, before + PARCELS);
      add('page reload → first map idle (county view)', Date.now() - r0);
      add('JS heap after reload (MiB)', await heapMiB(page));
      await context.close();
    }
    await browser.close();
    for (const [name, table] of Object.entries(rows)) {
      console.log(`  ${name === 'zip' ? 'shapefile zip' : 'GeoJSON'}:`);
      for (const [key, values] of Object.entries(table)) {
        const unit = key.includes('MiB') ? '' : ' ms';
        console.log(
          `    ${key.padEnd(64)} median ${median(values).toFixed(0).padStart(7)}${unit}  (${values.map((v) => v.toFixed(0)).join(', ')})`,
        );
      }
    }
  } finally {
    // npx starts vite as a child: end the whole group this bench started.
    if (server.pid) process.kill(-server.pid);
    for (const name of Object.values(FILE_NAMES)) rmSync(`${DIST}/${name}`, { force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
