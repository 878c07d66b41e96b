import type { BrowserContext, Page } from '@playwright/test';
import { clickParcel, expect, largestParcel, openApp, test } from './fixtures';
import { generatedParcels, storedLayerCounts, storedSnapshot } from './storage-helpers';

/** A second tab of the same browser context, failing the test on any console error like the first. */
async function secondTab(context: BrowserContext): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  await openApp(page);
  return { page, errors };
}

const categoryOf = (page: Page, id: string) =>
  page.evaluate((parcelId) => window.__landstock.parcelCategory(parcelId), id);
const mapFeatureOf = (page: Page, id: string) =>
  page.evaluate((parcelId) => window.__landstock.mapFeature(parcelId), id);

async function pickTarget(page: Page, id: string): Promise<{ value: string; text: string }> {
  return (await categoryOf(page, id)) === 'leftover'
    ? { value: 'rural-stock', text: '农村存量建设用地' }
    : { value: 'leftover', text: '零星用地' };
}

test('R36: an edit, a patrol and a delete made in one tab appear in the other without a reload', async ({
  page,
  context,
}) => {
  await openApp(page);
  const two = await secondTab(context);
  const id = await largestParcel(page);
  await clickParcel(page, id);
  await clickParcel(two.page, id);
  const target = await pickTarget(page, id);

  await page.getByTestId('tab-edit').click();
  await page.locator('select[name="category"]').selectOption(target.value);
  await page.getByTestId('edit-reason').fill('两个标签页测试');
  await page.getByTestId('save-edit').click();
  await expect(page.getByTestId('parcel-category')).toHaveText(target.text);

  // Tab 2: the open inspector, the summaries and the map (feature-state) follow.
  await expect(two.page.getByTestId('parcel-category')).toHaveText(target.text);
  await expect.poll(() => categoryOf(two.page, id)).toBe(target.value);
  await expect.poll(() => mapFeatureOf(two.page, id)).toEqual({ present: true, category: target.value });

  // A patrol saved in tab 1 is listed in tab 2's open patrol list.
  await two.page.getByTestId('tab-patrol').click();
  await expect(two.page.getByTestId('patrol-form')).toBeVisible();
  await page.getByTestId('tab-patrol').click();
  await page.getByTestId('patrol-notes').fill('标签页一的巡查记录');
  await page.getByTestId('patrol-save').click();
  await expect(page.getByTestId('patrol-item')).toHaveCount(1);
  await expect(two.page.getByTestId('patrol-item')).toHaveCount(1);
  await expect(two.page.getByTestId('patrol-item').first()).toContainText('标签页一的巡查记录');

  // Deleting in tab 2 takes the parcel off tab 1's map and closes its inspector there.
  const countBefore = await page.evaluate(() => window.__landstock.parcelCount());
  await two.page.getByTestId('delete-parcel').click();
  await two.page.getByTestId('confirm-delete').click();
  await expect.poll(() => two.page.evaluate(() => window.__landstock.selectedId())).toBeNull();
  await expect.poll(() => mapFeatureOf(page, id)).toEqual({ present: false, category: null });
  expect(await categoryOf(page, id)).toBeNull();
  expect(await page.evaluate(() => window.__landstock.parcelCount())).toBe(countBefore - 1);
  await expect(page.getByTestId('inspector-empty')).toBeVisible();
  expect(two.errors).toEqual([]);
});

test('R37: the same parcel saved in both tabs: the second save is refused visibly and can be redone after a reload of the parcel', async ({
  page,
  context,
}) => {
  await openApp(page);
  const two = await secondTab(context);
  const id = await largestParcel(page);
  await clickParcel(page, id);
  await clickParcel(two.page, id);
  const target = await pickTarget(page, id);

  // Tab 2 starts typing first …
  await two.page.getByTestId('tab-edit').click();
  await two.page.locator('textarea[name="notes"]').fill('标签页二的备注');
  // … tab 1 saves a new category meanwhile.
  await page.getByTestId('tab-edit').click();
  await page.locator('select[name="category"]').selectOption(target.value);
  await page.getByTestId('edit-reason').fill('标签页一先保存');
  await page.getByTestId('save-edit').click();
  await expect(page.getByTestId('parcel-category')).toHaveText(target.text);

  // Tab 2 keeps its typing and says the parcel changed elsewhere.
  await expect(two.page.getByTestId('edit-conflict')).toBeVisible();
  await expect(two.page.locator('textarea[name="notes"]')).toHaveValue('标签页二的备注');
  // Saving anyway is refused (no silent overwrite of tab 1's category).
  await two.page.getByTestId('save-edit').click();
  await expect(two.page.getByTestId('edit-conflict')).toBeVisible();
  await expect(two.page.getByTestId('edit-form')).toBeVisible();
  await expect.poll(() => categoryOf(two.page, id)).toBe(target.value);

  // Reload the parcel: tab 1's category is shown; the note saved now keeps it.
  await two.page.getByTestId('edit-conflict-reload').click();
  await expect(two.page.getByTestId('edit-conflict')).toHaveCount(0);
  await expect(two.page.locator('select[name="category"]')).toHaveValue(target.value);
  await two.page.locator('textarea[name="notes"]').fill('标签页二的备注');
  await two.page.getByTestId('save-edit').click();
  await expect(two.page.getByTestId('parcel-category')).toHaveText(target.text);
  await page.getByTestId('tab-history').click();
  await expect(page.getByTestId('history')).toContainText('标签页二的备注');
  await expect(page.getByTestId('history')).toContainText('标签页一先保存');
  expect(two.errors).toEqual([]);
});

test('R40: two tabs importing at once make two distinct, complete layers', async ({ page, context }) => {
  await openApp(page);
  const two = await secondTab(context);
  const before = await page.evaluate(() => window.__landstock.parcelCount());
  const file = {
    name: 'same-name.geojson',
    mimeType: 'application/geo+json',
    buffer: Buffer.from(JSON.stringify(generatedParcels(1500, 110.5))),
  };
  for (const p of [page, two.page]) {
    await p.getByTestId('import-input').setInputFiles(file);
    await expect(p.getByTestId('import-dialog').getByTestId('import-commit')).toBeEnabled();
  }
  await Promise.all(
    [page, two.page].map((p) => p.getByTestId('import-dialog').getByTestId('import-commit').click()),
  );
  for (const p of [page, two.page]) {
    await expect(p.getByTestId('import-done')).toBeVisible({ timeout: 60_000 });
    await p.getByTestId('import-close').click();
  }
  // Each tab shows both layers (its own and, through the channel, the other's).
  for (const p of [page, two.page]) {
    await expect.poll(() => p.evaluate(() => window.__landstock.parcelCount())).toBe(before + 3000);
  }
  const stored = await storedLayerCounts(page);
  const imported = stored.filter((l) => l.name.includes('same-name'));
  expect(imported).toHaveLength(2);
  expect(new Set(imported.map((l) => l.id)).size).toBe(2);
  for (const layer of imported) {
    expect(layer.parcels).toBe(1500);
    expect(layer.featureCount).toBe(1500);
    expect(layer.distinctIds).toBe(1500);
  }
  expect(two.errors).toEqual([]);
});

test('R41: the database deleted under a running tab is reported, and never silently recreated empty', async ({
  page,
  context,
}) => {
  await openApp(page);
  const id = await largestParcel(page);
  await clickParcel(page, id);
  const other = await context.newPage();
  // Any same-origin page that is not the app (DevTools "clear site data" does the same).
  await other.goto('/favicon.svg');
  const outcome = await other.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const request = indexedDB.deleteDatabase('landstock');
        request.onsuccess = () => resolve('deleted');
        request.onerror = () => resolve('error');
        request.onblocked = () => resolve('blocked');
      }),
  );
  expect(outcome).toBe('deleted');
  await expect(page.getByTestId('banner')).toContainText('数据库已被删除');

  // A save now fails (told, not pretended) and does not bring back an empty database.
  await page.getByTestId('tab-edit').click();
  await page.locator('textarea[name="notes"]').fill('删除之后的备注');
  await page.getByTestId('save-edit').click();
  await expect(page.getByTestId('banner')).toContainText('数据库已被删除');
  await expect(page.getByTestId('edit-form')).toBeVisible();
  const names = await other.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
  expect(names).not.toContain('landstock');
});

test('R38/R39: a newer schema opened in another page is not blocked by this tab, which then stops writing, asks for a reload and keeps the typed note', async ({
  page,
  context,
}) => {
  await openApp(page);
  const id = await largestParcel(page);
  await clickParcel(page, id);
  await page.getByTestId('tab-patrol').click();
  const note = '升级之前输入的巡查记录';
  await page.getByTestId('patrol-notes').fill(note);
  await expect
    .poll(async () => (await storedSnapshot(page))?.drafts.find((d) => d.key === `patrol:${id}`)?.value)
    .toMatchObject({ notes: note });

  // Another page of the origin opens the database at a newer version (a newer build would).
  const other = await context.newPage();
  await other.goto('/favicon.svg');
  const upgrade = await other.evaluate(
    () =>
      new Promise<{ blocked: boolean; from: number; to: number } | string>((resolve) => {
        const probe = indexedDB.open('landstock');
        probe.onsuccess = () => {
          const from = probe.result.version;
          probe.result.close();
          let blocked = false;
          const request = indexedDB.open('landstock', from + 10);
          request.onblocked = () => {
            blocked = true;
          };
          request.onupgradeneeded = () => request.result.createObjectStore('fromNewerVersion');
          request.onsuccess = () => {
            const to = request.result.version;
            request.result.close();
            resolve({ blocked, from, to });
          };
          request.onerror = () => resolve(String(request.error));
        };
      }),
  );
  expect(upgrade).toMatchObject({ blocked: false });
  await expect(page.getByTestId('banner')).toContainText('另一个标签页中升级');

  // This (old) tab's save is refused, never written through a silently reopened connection.
  const before = await storedSnapshot(other);
  await page.getByTestId('patrol-save').click();
  await expect(page.getByTestId('banner')).toContainText('另一个标签页中升级');
  await expect(page.getByTestId('patrol-notes')).toHaveValue(note);
  const after = await storedSnapshot(other);
  expect(after?.patrols).toEqual(before?.patrols);
  expect(after?.drafts.find((d) => d.key === `patrol:${id}`)?.value).toMatchObject({ notes: note });
  const version = await other.evaluate(
    async () => (await indexedDB.databases()).find((d) => d.name === 'landstock')?.version,
  );
  expect(version).toBe(typeof upgrade === 'object' ? upgrade.to : -1);

  // R45: reloaded, this (older) build meets a database newer than it knows: it neither reads nor
  // writes it, and says to update.
  await page.reload();
  await expect(page.getByRole('alert')).toContainText('更新版本的 Landstock');
  const untouched = await storedSnapshot(other);
  expect(untouched?.patrols).toEqual(before?.patrols);
});
