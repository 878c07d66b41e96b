import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { clickParcel, expect, largestParcel, test, waitForReady } from './fixtures';
import { type BuildHost, buildHost, cachedPaths, installApp } from './service-worker';

// About the service worker: switch it on (playwright.config.ts blocks it by default).
test.use({ serviceWorkers: 'allow' });

const dist = process.env.E2E_DIST ?? 'dist';
/** A file only build B's precache lists; the host answers it with a server error. */
const BROKEN = '/assets/only-in-build-b-Zx81.js';

/**
 * A static host for the build that can "deploy" build B: a sw.js whose precache also lists a file
 * the server fails with 500 (a half-finished upload). The browser's update check and the service
 * worker's precache fetches reach this host directly (Playwright's routes do not see them).
 */
async function hostWithBrokenUpdate(): Promise<BuildHost & { brokenRequests(): number }> {
  let broken = 0;
  const host = await buildHost({
    swOfBuildB: (text) => {
      const patched = text.replace(
        'precacheAndRoute([',
        `precacheAndRoute([{url:"${BROKEN.slice(1)}",revision:null},`,
      );
      if (patched === text) throw new Error('sw.js has no precache list to extend');
      return patched;
    },
    intercept: (path, response) => {
      if (path !== BROKEN) return false;
      broken++;
      response.writeHead(500).end();
      return true;
    },
  });
  return { ...host, brokenRequests: () => broken };
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
