import { test as base, expect, type Page } from '@playwright/test';

/** Every browser test fails on any console error or uncaught page error (DESIGN.md). */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
      await use(errors);
      expect(errors, 'console errors during the test').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

interface Hook {
  phase(): string;
  mapIdle(): boolean;
  parcelCount(): number;
  parcelIds(): string[];
  parcelAreas(): { id: string; areaM2: number }[];
  selectedId(): string | null;
  /** How many control roles' overlapping pieces are drawn for the selection. */
  selectedPieceRoles(): string[];
  screenPointOfParcel(id: string): Promise<{ x: number; y: number } | null>;
  screenBoxOfParcel(id: string): Promise<{ minX: number; minY: number; maxX: number; maxY: number } | null>;
  parcelCategory(id: string): string | null;
  mapFeature(id: string): Promise<{ present: boolean; category: string | null }>;
  layers(): { id: string; name: string; role: string; featureCount: number }[];
  /** Tiles of the offline basemap served through the pmtiles:// protocol in this page. */
  basemapTilesServed(): number;
  /** A map style layer's layout visibility (`visible`/`none`); null: no such layer. */
  mapLayerVisibility(styleLayerId: string): string | null;
  /** The online basemap's tile URLs in the map's style; null: no online basemap. */
  mapBasemapTiles(): string[] | null;
}

declare global {
  interface Window {
    __landstock: Hook;
  }
}

/** Opens the app and waits until the data is loaded and the map is idle. */
export async function openApp(page: Page): Promise<void> {
  await page.goto('/');
  await waitForReady(page);
}

export async function waitForReady(page: Page): Promise<void> {
  await page.waitForFunction(() => window.__landstock?.phase() === 'ready', undefined, { timeout: 60_000 });
  await waitForMapIdle(page);
}

export async function waitForMapIdle(page: Page): Promise<void> {
  await page.waitForFunction(() => window.__landstock.mapIdle(), undefined, {
    timeout: 60_000,
    polling: 250,
  });
}

/**
 * Clicks inside a parcel on the map (its position read through the test hook) until it is selected
 * (software WebGL may still be placing the features the first click queries).
 */
export async function clickParcel(page: Page, id: string): Promise<void> {
  for (let attempt = 0; attempt < 6; attempt++) {
    await waitForMapIdle(page);
    const point = await page.evaluate((parcelId) => window.__landstock.screenPointOfParcel(parcelId), id);
    if (!point) throw new Error(`parcel ${id} not on screen`);
    const box = await page.getByTestId('map').boundingBox();
    if (!box) throw new Error('map not visible');
    await page.mouse.click(box.x + point.x, box.y + point.y);
    try {
      await page.waitForFunction(() => window.__landstock.selectedId() !== null, undefined, {
        timeout: 5000,
      });
      return;
    } catch {
      // Not selected yet: the map may still have been placing features; click again.
      if (process.env.E2E_DEBUG) {
        const info = await page.evaluate(() => ({ w: window.innerWidth, h: window.innerHeight }));
        console.log('retry', attempt, JSON.stringify(point), JSON.stringify(box), JSON.stringify(info));
        await page.screenshot({ path: `/tmp/shots/retry-${attempt}.png` });
      }
    }
  }
  throw new Error(`clicking parcel ${id} did not select anything`);
}

/** The id of the largest parcel: easy to hit at the county view. */
export async function largestParcel(page: Page): Promise<string> {
  const areas = await page.evaluate(() => window.__landstock.parcelAreas());
  const largest = areas.reduce((a, b) => (b.areaM2 > a.areaM2 ? b : a));
  return largest.id;
}
