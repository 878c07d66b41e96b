import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './tests/chromium';

/**
 * Browser tests drive Debian's Chromium (Playwright cannot download its own browser here).
 * CHROMIUM_PATH overrides the executable. The app under test is the production build served by
 * `vite preview` (run `npm run build` first; `npm test` does).
 */
const port = Number(process.env.E2E_PORT ?? 4173);
// Another build folder can be served (E2E_DIST), e.g. to run two suites side by side.
const dist = process.env.E2E_DIST ?? 'dist';

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 90_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1280, height: 800 },
    locale: 'zh-CN',
    launchOptions: chromiumLaunchOptions,
    trace: 'retain-on-failure',
    // The service worker is off for browser tests by default: they test the app over the network,
    // without a background precache competing for the two cores. offline.spec.ts and
    // security.spec.ts switch it on (test.use({ serviceWorkers: 'allow' })).
    serviceWorkers: 'block',
  },
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${port} --strictPort --outDir ${dist}`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
