// First start of the app in Chromium: demo county fetched, prepared in a worker, stored in
// IndexedDB, and the map's first `idle`; then a reload that reads everything back from IndexedDB.
// Needs a build (`npm run build`); serves it with `vite preview` on a free port.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../tests/chromium';
import { median, waitForServer } from './measure';

const PORT = 4391;
const RUNS = 5;

export async function run(): Promise<void> {
  if (!existsSync('dist/index.html')) {
    console.log('app-load: no build found — run `npm run build` first; skipped');
    return;
  }
  const server: ChildProcess = spawn(
    'npx',
    ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'],
    {
      stdio: 'ignore',
    },
  );
  try {
    const url = `http://127.0.0.1:${PORT}/`;
    await waitForServer(url);
    const browser = await chromium.launch(chromiumLaunchOptions);
    const first: number[] = [];
    const reload: number[] = [];
    let heapMb = 0;
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      const ready = () =>
        page.waitForFunction(
          () => {
            const hook = (window as unknown as { __landstock?: { phase(): string; mapIdle(): boolean } })
              .__landstock;
            return hook?.phase() === 'ready' && hook.mapIdle();
          },
          undefined,
          { timeout: 120_000, polling: 50 },
        );
      let start = Date.now();
      await page.goto(url);
      await ready();
      first.push(Date.now() - start);
      start = Date.now();
      await page.reload();
      await ready();
      reload.push(Date.now() - start);
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable');
      const { metrics } = await cdp.send('Performance.getMetrics');
      heapMb = Math.max(heapMb, (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 2 ** 20);
      await context.close();
    }
    await browser.close();
    console.log(
      `app-load: first start (demo → IndexedDB → map idle): median ${median(first)} ms (${RUNS} runs: ${first.join(', ')})`,
    );
    console.log(
      `app-load: reload (IndexedDB → map idle): median ${median(reload)} ms (${RUNS} runs: ${reload.join(', ')})`,
    );
    console.log(`app-load: JS heap used after load: ${heapMb.toFixed(1)} MiB (max over runs)`);
  } finally {
    server.kill();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
