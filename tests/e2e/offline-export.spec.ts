import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import { clickParcel, expect, largestParcel, test, waitForReady } from './fixtures';
import { cutNetwork, installApp } from './service-worker';

// The service worker is what lets the app start offline (playwright.config.ts blocks it by default).
test.use({ serviceWorkers: 'allow' });

interface Counts {
  parcels: number;
  ids: string[];
  layers: { id: string; featureCount: number }[];
}

async function counts(page: Page): Promise<Counts> {
  return page.evaluate(() => ({
    parcels: window.__landstock.parcelCount(),
    ids: window.__landstock.parcelIds().sort(),
    layers: window.__landstock
      .layers()
      .map((l) => ({ id: l.id, featureCount: l.featureCount }))
      .sort((a, b) => a.id.localeCompare(b.id)),
  }));
}

const NOTE = '离线巡查：围挡破损，东侧有堆土';

test('R47: offline, a patrol with a photo is exported as a backup that restores whole in a fresh browser', async ({
  page,
  context,
  browser,
}, testInfo) => {
  await installApp(page);
  const attempts = await cutNetwork(context);
  await page.reload();
  await waitForReady(page);

  // Record a patrol with a photo, with no network.
  const id = await largestParcel(page);
  await clickParcel(page, id);
  await page.getByTestId('tab-patrol').click();
  await page.locator('select[name="finding"]').selectOption('warning');
  await page.getByTestId('patrol-notes').fill(NOTE);
  await page.getByTestId('patrol-photo-input').setInputFiles('tests/e2e/site-photo.png');
  await expect(page.getByTestId('patrol-photo-count')).toContainText('1');
  await page.getByTestId('patrol-save').click();
  await expect(page.getByTestId('patrol-item')).toHaveCount(1);
  const before = await counts(page);

  // Export the backup from the reports panel, still offline.
  await page.getByTestId('open-reports').click();
  await page.getByTestId('reports-tab-backup').click();
  const downloading = page.waitForEvent('download');
  await page.getByTestId('backup-run').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.zip$/);
  const bytes = readFileSync(await download.path());
  expect(attempts.filter((url) => !url.endsWith('/sw.js'))).toEqual([]);

  // The file itself (read here, independently of the app): one patrol, one photo, every parcel.
  const entries = unzipSync(new Uint8Array(bytes));
  const manifestBytes = entries['manifest.json'];
  if (!manifestBytes) throw new Error('no manifest.json in the backup');
  const manifest = JSON.parse(new TextDecoder().decode(manifestBytes)) as {
    counts: Record<string, number>;
  };
  expect(manifest.counts.patrols).toBe(1);
  expect(manifest.counts.photos).toBe(1);
  expect(manifest.counts.parcels).toBe(before.parcels);
  expect(manifest.counts.layers).toBe(before.layers.length);

  // A fresh browser (no shared storage): restore the file through reports → backup.
  const fresh = await browser.newContext({
    baseURL: testInfo.project.use.baseURL,
    locale: 'zh-CN',
    viewport: { width: 1280, height: 800 },
    serviceWorkers: 'block',
  });
  try {
    const other = await fresh.newPage();
    const errors: string[] = [];
    other.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    other.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    await other.goto('/');
    await waitForReady(other);
    await other.getByTestId('open-reports').click();
    await other.getByTestId('reports-tab-backup').click();
    await other.getByTestId('restore-input').setInputFiles({
      name: download.suggestedFilename(),
      mimeType: 'application/zip',
      buffer: bytes,
    });
    const preview = other.getByTestId('restore-preview');
    await expect(preview).toBeVisible();
    await other.getByTestId('restore-apply').click();
    await expect(preview).toBeHidden({ timeout: 60_000 });
    await waitForReady(other);
    await other.getByTestId('reports-close').click();

    expect(await counts(other)).toEqual(before);
    await expect(other.getByTestId('parcel-count')).toHaveAttribute('data-count', String(before.parcels));
    await clickParcel(other, id);
    await other.getByTestId('tab-patrol').click();
    const item = other.getByTestId('patrol-item');
    await expect(item).toHaveCount(1);
    await expect(item).toContainText(NOTE);
    await expect(item).toContainText('预警');
    const photo = item.getByTestId('patrol-photo').locator('img');
    await expect(photo).toBeVisible();
    await expect
      .poll(() => photo.evaluate((img) => (img as HTMLImageElement).naturalWidth))
      .toBeGreaterThan(0);
    expect(errors).toEqual([]);
  } finally {
    await fresh.close();
  }
});
