import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, waitForReady } from './fixtures';

/** First visit, then wait until the service worker is active and controls the page (after one reload). */
export async function installApp(page: Page, url = '/'): Promise<void> {
  await page.goto(url);
  await waitForReady(page);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await waitForReady(page);
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? 'none'))
    .toBe('activated');
}

/** No network at all: offline, and every request that still reaches the network is aborted and listed. */
export async function cutNetwork(context: BrowserContext): Promise<string[]> {
  const attempts: string[] = [];
  await context.setOffline(true);
  // Playwright#2311: setOffline alone has not always covered service-worker traffic; abort it too.
  await context.route('**', (route) => {
    attempts.push(route.request().url());
    return route.abort('internetdisconnected');
  });
  return attempts;
}

/** The paths of everything in the page's Cache Storage, sorted. */
export async function cachedPaths(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const paths: string[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) paths.push(new URL(request.url).pathname);
    }
    return paths.sort();
  });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.geojson': 'application/geo+json',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export interface BuildHost {
  url: string;
  /** From now on sw.js is served as build B (see `swOfBuildB`). */
  deployB(): void;
  close(): Promise<void>;
}

/**
 * A static host for the build (E2E_DIST) that can "deploy" build B by serving a changed sw.js:
 * the browser's service-worker update check and the worker's precache fetches reach this host
 * directly (Playwright's routes do not see them). Unknown asset paths are 404, never index.html.
 * `intercept` may answer a request itself (return true).
 */
export async function buildHost(options: {
  swOfBuildB: (text: string) => string;
  intercept?: (path: string, response: ServerResponse) => boolean;
}): Promise<BuildHost> {
  const dist = process.env.E2E_DIST ?? 'dist';
  let build: 'A' | 'B' = 'A';
  const server: Server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://host').pathname));
    if (options.intercept?.(path, response)) return;
    let file = join(dist, path);
    if (!existsSync(file) || statSync(file).isDirectory()) {
      if (path.startsWith('/assets/')) {
        response.writeHead(404).end();
        return;
      }
      file = join(dist, 'index.html');
    }
    let body: Buffer | string = readFileSync(file);
    if (path === '/sw.js' && build === 'B') body = options.swOfBuildB(body.toString('utf8'));
    response.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    deployB: () => {
      build = 'B';
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
