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
