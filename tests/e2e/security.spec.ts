import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { clickParcel, expect, largestParcel, openApp, test, waitForReady } from './fixtures';

// The built app as users get it: service worker on (playwright.config.ts blocks it by default).
test.use({ serviceWorkers: 'allow' });

declare global {
  interface Window {
    __cspViolations: { directive: string; blocked: string }[];
    __xss?: number;
  }
}

/** Records every CSP violation of every document of the page, from before the app's first script. */
async function watchCsp(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__cspViolations.push({ directive: event.effectiveDirective, blocked: event.blockedURI });
    });
  });
}

const violations = (page: Page) => page.evaluate(() => window.__cspViolations);

test('the built app carries its CSP (meta and header) and has no inline script', async ({ page }) => {
  const html = readFileSync('dist/index.html', 'utf8');
  expect(html).toContain('http-equiv="Content-Security-Policy"');
  // Every <script> loads a file; no inline handlers.
  for (const tag of html.match(/<script\b[^>]*>/g) ?? []) expect(tag).toMatch(/\ssrc=/);
  expect(html).not.toMatch(/<script\b[^>]*>[^<]+<\/script>/);
  expect(html).not.toMatch(/\son[a-z]+=/i);

  const response = await page.goto('/');
  const header = response?.headers()['content-security-policy'] ?? '';
  expect(header).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(header).toContain("object-src 'none'");
  expect(header).not.toContain("'unsafe-eval'");
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(meta).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(meta).toContain("default-src 'self'");
  await waitForReady(page);
});

test('MapLibre renders and every worker starts under the CSP with zero violations', async ({ page }) => {
  await watchCsp(page);
  await openApp(page); // first start: the demo county is prepared in a worker, the map in MapLibre's
  await clickParcel(page, await largestParcel(page));
  await expect(page.getByTestId('inspector')).toBeVisible();
  // The overlay worker draws the selected parcel's pieces against the control layers.
  await expect
    .poll(() => page.evaluate(() => window.__landstock.selectedPieceRoles().length))
    .toBeGreaterThan(0);
  // The map drew pixels (WebGL canvas under the CSP).
  const drawn = await page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('canvas.maplibregl-canvas');
    return !!canvas && canvas.width > 0 && canvas.height > 0;
  });
  expect(drawn).toBe(true);
  expect(await violations(page)).toEqual([]);
});

test('an injected inline script is blocked by the CSP', async ({ page, consoleErrors }) => {
  await watchCsp(page);
  await openApp(page);
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__xss = 1';
    document.body.append(script);
    const img = document.createElement('img');
    img.setAttribute('src', 'data:,');
    img.setAttribute('onerror', 'window.__xss = 2');
    img.setAttribute('onload', 'window.__xss = 2');
    document.body.append(img);
  });
  await expect.poll(() => page.evaluate(() => window.__cspViolations.length)).toBeGreaterThanOrEqual(1);
  expect(await page.evaluate(() => window.__xss)).toBeUndefined();
  const directives = (await violations(page)).map((v) => v.directive);
  expect(directives).toContain('script-src-elem');
  // The browser reports each blocked script as a console error: expected here, and only those.
  const refused = consoleErrors.filter((e) => e.includes('Content Security Policy'));
  expect(refused.length).toBeGreaterThanOrEqual(1);
  consoleErrors.splice(0, consoleErrors.length, ...consoleErrors.filter((e) => !refused.includes(e)));
});

test('with no online basemap, a whole session sends nothing to any other host', async ({
  page,
  context,
  baseURL,
}) => {
  const origin = new URL(baseURL ?? 'http://127.0.0.1').origin;
  const foreign: string[] = [];
  let local = 0;
  // context.route also sees the service worker's own fetches (Chromium).
  await context.route('**', (route) => {
    const url = route.request().url();
    if (url.startsWith('data:') || url.startsWith('blob:') || new URL(url).origin === origin) {
      local += 1;
      return route.continue();
    }
    foreign.push(url);
    return route.abort('blockedbyclient');
  });
  await watchCsp(page);
  await openApp(page);
  await clickParcel(page, await largestParcel(page));
  await expect(page.getByTestId('inspector')).toBeVisible();
  await page.reload();
  await waitForReady(page);
  await page.getByTestId('open-settings').click();
  await expect(page.getByTestId('storage-status')).toBeVisible();
  expect(local).toBeGreaterThan(0);
  expect(foreign).toEqual([]);
  expect(await violations(page)).toEqual([]);
});

test('a basemap outside the allowed tile hosts is refused with a message and never requested', async ({
  page,
  context,
}) => {
  const requested: string[] = [];
  await context.route('https://**/*', (route) => {
    requested.push(route.request().url());
    return route.abort('blockedbyclient');
  });
  await watchCsp(page);
  await openApp(page);
  await page.getByTestId('open-settings').click();
  const field = page.getByPlaceholder(/tianditu/);
  await field.fill('https://evil.example/{z}/{x}/{y}.png');
  await page.getByRole('button', { name: '保存底图' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '不在允许的瓦片服务器列表中' })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'tianditu.gov.cn' })).toBeVisible();
  await page.reload();
  await waitForReady(page);
  expect(requested).toEqual([]);
  expect(await violations(page)).toEqual([]);
});
