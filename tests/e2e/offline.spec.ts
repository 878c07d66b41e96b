import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { clickParcel, expect, largestParcel, test, waitForReady } from './fixtures';
import { type BuildHost, buildHost, cachedPaths, cutNetwork, installApp } from './service-worker';

// These tests are about the service worker: switch it on (playwright.config.ts blocks it by default).
test.use({ serviceWorkers: 'allow' });

const dist = process.env.E2E_DIST ?? 'dist';
const demo = JSON.parse(readFileSync('data/demo/parcels.geojson', 'utf8')) as { features: unknown[] };

test('after one visit the app, the demo county and the map start with no network', async ({
  page,
  context,
}) => {
  await installApp(page);

  // Every built asset is precached: the app shell, our workers, MapLibre's worker, the demo county.
  const cached = await cachedPaths(page);
  const assets = readdirSync(join(dist, 'assets')).map((file) => `/assets/${file}`);
  expect(assets.some((a) => a.endsWith('.geojson'))).toBe(true);
  expect(assets.some((a) => a.includes('maplibre-gl-worker'))).toBe(true);
  for (const asset of assets) expect(cached, asset).toContain(asset);
  expect(cached).toContain('/index.html');

  const attempts = await cutNetwork(context);
  await page.reload();
  await waitForReady(page);
  await expect(page.getByTestId('parcel-count')).toHaveAttribute('data-count', String(demo.features.length));
  const id = await largestParcel(page);
  await clickParcel(page, id);
  await expect(page.getByTestId('inspector')).toBeVisible();
  await expect(page.getByTestId('attributes')).toBeVisible();

  // The demo county itself comes from the precache: reset it (empties IndexedDB, loads the files again).
  await page.getByTestId('open-settings').click();
  await page.getByTestId('reset-demo').click();
  await page.getByTestId('confirm-reset').click();
  const busy = page.locator('.busy');
  await expect(busy).toBeVisible();
  await expect(busy).toBeHidden({ timeout: 60_000 });
  await expect(page.getByTestId('parcel-count')).toHaveAttribute('data-count', String(demo.features.length));
  await waitForReady(page);
  await clickParcel(page, await largestParcel(page));
  await expect(page.getByTestId('inspector')).toBeVisible();

  // A deep link still opens the app offline (navigations fall back to index.html) …
  await page.goto('/some/deep/link');
  await waitForReady(page);
  // … but nothing the app needed went to the network (only the browser's own update check may try).
  expect(attempts.filter((url) => !url.endsWith('/sw.js'))).toEqual([]);
});

test('a missing hashed asset is a 404, never index.html (online and through the service worker)', async ({
  page,
  request,
  consoleErrors,
}) => {
  const direct = await request.get('/assets/index-doesnotexist.js');
  expect(direct.status()).toBe(404);
  expect(await direct.text()).not.toContain('<html');
  await installApp(page);
  const viaWorker = await page.evaluate(async () => {
    const response = await fetch('/assets/index-doesnotexist.js');
    return { status: response.status, type: response.headers.get('content-type') ?? '' };
  });
  expect(viaWorker.status).toBe(404);
  expect(viaWorker.type).not.toContain('html');
  // The browser logs that 404 as a console error: expected here, and only this one.
  const expected = consoleErrors.findIndex((e) => e.includes('status of 404'));
  expect(expected).toBeGreaterThanOrEqual(0);
  consoleErrors.splice(expected, 1);
  // Every script and style the page loaded comes from this one build. The 404 fetched above has a
  // resource entry too once its response has ended, which may be before this read or after it.
  const built = new Set(readdirSync(join(dist, 'assets')).map((file) => `/assets/${file}`));
  const loaded = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((entry) => new URL(entry.name).pathname)
      .filter((path) => /\.(js|css)$/.test(path) && path !== '/assets/index-doesnotexist.js'),
  );
  expect(loaded.length).toBeGreaterThan(0);
  for (const path of loaded) expect(built.has(path), path).toBe(true);
});

/** Build B: the same files plus one comment in sw.js — to the browser, a new version. */
function deployableHost(): Promise<BuildHost> {
  return buildHost({ swOfBuildB: (text) => `${text}\n// build B\n` });
}

test('a new version waits for the user: later keeps the old one working; unsaved input is named first', async ({
  page,
}) => {
  const host = await deployableHost();
  try {
    await installApp(page, host.url);
    const mark = () =>
      page.evaluate(() => {
        (window as unknown as { __sameDocument: boolean }).__sameDocument = true;
      });
    const sameDocument = () =>
      page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument === true);
    await mark();
    host.deployB();
    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      await registration?.update();
    });
    const prompt = page.getByTestId('update-prompt');
    await expect(prompt).toBeVisible();
    await expect(prompt).toContainText('新版本可用');
    await expect(prompt.getByTestId('update-unsaved')).toHaveCount(0);

    // Later: the prompt goes, nothing reloads, the old version keeps working.
    await prompt.getByTestId('update-later').click();
    await expect(prompt).toBeHidden();
    await clickParcel(page, await largestParcel(page));
    await expect(page.getByTestId('inspector')).toBeVisible();
    expect(await sameDocument()).toBe(true);

    // A reload still runs the old version and asks again (the new worker is still waiting).
    await page.reload();
    await waitForReady(page);
    await expect(prompt).toBeVisible();
    await mark();

    // Unsaved input (an open import): the prompt says so; updating needs a second confirmation.
    await page.getByTestId('import-input').setInputFiles({
      name: 'half.zip',
      mimeType: 'application/zip',
      buffer: Buffer.from('PK\u0003\u0004 not a whole zip'),
    });
    await expect(page.getByTestId('import-dialog')).toBeVisible();
    await expect(prompt.getByTestId('update-unsaved')).toBeVisible();
    await prompt.getByTestId('update-now').click();
    await expect(prompt.getByTestId('update-still-unsaved')).toBeVisible();
    expect(await sameDocument()).toBe(true);
    await prompt.getByRole('button', { name: '返回' }).click();

    // Saved (the import closed): updating activates build B and reloads once.
    await page.getByTestId('import-close').click();
    await expect(prompt.getByTestId('update-unsaved')).toHaveCount(0);
    await prompt.getByTestId('update-now').click();
    await expect.poll(() => sameDocument().catch(() => false)).toBe(false);
    await waitForReady(page);
    await expect(prompt).toBeHidden();
    const after = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      return { waiting: !!registration?.waiting, controller: navigator.serviceWorker.controller?.state };
    });
    expect(after).toEqual({ waiting: false, controller: 'activated' });
  } finally {
    await host.close();
  }
});

test('persistence refused: a lasting, dismissible notice; settings show the figures', async ({ page }) => {
  // Headless Chromium refuses persistence for a site with no engagement (as a new visitor's browser may).
  await page.goto('/');
  await waitForReady(page);
  const notice = page.getByTestId('storage-notice');
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('导出备份');
  await page.getByTestId('open-settings').click();
  await expect(page.getByTestId('storage-persisted')).toHaveAttribute('data-persisted', 'false');
  await expect(page.getByTestId('storage-usage')).toContainText(
    /已用 [\d.,]+ (MB|GB)，可用约 [\d.,]+ (MB|GB)/,
  );
  await page.getByRole('button', { name: '关闭', exact: true }).click();
  await notice.getByRole('button').click();
  await expect(notice).toBeHidden();
});

test('persistence granted: no notice, settings say so', async ({ page }) => {
  await page.addInitScript(() => {
    StorageManager.prototype.persisted = async () => true;
    StorageManager.prototype.persist = async () => true;
  });
  await page.goto('/');
  await waitForReady(page);
  await page.getByTestId('open-settings').click();
  await expect(page.getByTestId('storage-persisted')).toHaveAttribute('data-persisted', 'true');
  await expect(page.getByTestId('storage-notice')).toHaveCount(0);
});
