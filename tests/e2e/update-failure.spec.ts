import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { clickParcel, expect, largestParcel, test, waitForReady } from './fixtures';
import { cachedPaths, installApp } from './service-worker';

// About the service worker: switch it on (playwright.config.ts blocks it by default).
test.use({ serviceWorkers: 'allow' });

const dist = process.env.E2E_DIST ?? 'dist';
/** A file only build B's precache lists; the host answers it with a server error. */
const BROKEN = '/assets/only-in-build-b-Zx81.js';

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

/**
 * A static host for the build that can "deploy" build B: a sw.js whose precache also lists a file
 * the server fails with 500 (a half-finished upload). The browser's update check and the service
 * worker's precache fetches reach this host directly (Playwright's routes do not see them).
 */
async function hostWithBrokenUpdate(): Promise<{
  url: string;
  deployB(): void;
  brokenRequests(): number;
  close(): Promise<void>;
}> {
  let build = 'A';
  let broken = 0;
  const server: Server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://host').pathname));
    if (path === BROKEN) {
      broken++;
      response.writeHead(500).end();
      return;
    }
    let file = join(dist, path);
    if (!existsSync(file) || statSync(file).isDirectory()) {
      if (path.startsWith('/assets/')) {
        response.writeHead(404).end();
        return;
      }
      file = join(dist, 'index.html');
    }
    let body: Buffer | string = readFileSync(file);
    if (path === '/sw.js' && build === 'B') {
      const text = body.toString('utf8');
      const patched = text.replace(
        'precacheAndRoute([',
        `precacheAndRoute([{url:"${BROKEN.slice(1)}",revision:null},`,
      );
      if (patched === text) throw new Error('sw.js has no precache list to extend');
      body = patched;
    }
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
    brokenRequests: () => broken,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

test('R46: a new version whose install fails is not offered; the old one keeps working, online and offline, with only its own files', async ({
  page,
  context,
}) => {
  const host = await hostWithBrokenUpdate();
  try {
    await installApp(page, host.url);
    const cachedA = await cachedPaths(page);
    await page.evaluate(() => {
      (window as unknown as { __sameDocument: boolean }).__sameDocument = true;
    });

    host.deployB();
    const checked = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      try {
        await registration?.update();
        return 'checked';
      } catch (error) {
        return `update error: ${String(error)}`;
      }
    });
    expect(checked).toBe('checked');
    // B's install fetched the broken file, failed, and was discarded: the app says so, offers nothing.
    await expect(page.getByTestId('update-failed')).toBeVisible();
    expect(host.brokenRequests()).toBeGreaterThan(0);
    await expect(page.getByTestId('update-prompt')).toHaveCount(0);
    const registration = await page.evaluate(async () => {
      const r = await navigator.serviceWorker.getRegistration();
      return { waiting: r?.waiting !== null, installing: r?.installing !== null, active: r?.active?.state };
    });
    expect(registration).toEqual({ waiting: false, installing: false, active: 'activated' });
    expect(
      await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument),
    ).toBe(true);
    // The old precache is untouched (nothing of B mixed in).
    expect(await cachedPaths(page)).toEqual(cachedA);

    await page.getByTestId('update-failed').getByRole('button').click();
    await expect(page.getByTestId('update-failed')).toHaveCount(0);
    await clickParcel(page, await largestParcel(page));
    await expect(page.getByTestId('inspector')).toBeVisible();

    // Reloaded, and then with no network at all: still build A, from A's files only.
    await page.reload();
    await waitForReady(page);
    await context.setOffline(true);
    await context.route('**', (route) => route.abort('internetdisconnected'));
    await page.reload();
    await waitForReady(page);
    const built = new Set(readdirSync(join(dist, 'assets')).map((file) => `/assets/${file}`));
    const loaded = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((entry) => new URL(entry.name).pathname)
        .filter((path) => /\.(js|css)$/.test(path)),
    );
    expect(loaded.length).toBeGreaterThan(0);
    for (const path of loaded) expect(built.has(path), path).toBe(true);
    expect(loaded).not.toContain(BROKEN);
    await context.setOffline(false);
  } finally {
    await host.close();
  }
});
