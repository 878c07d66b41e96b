import { existsSync } from 'node:fs';
import { join } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, loadEnv, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { buildContentSecurityPolicy, parseTileHosts } from './src/shared/csp.ts';

/**
 * The CSP as a `<meta>` in the built index.html, so any static host serves it; not in dev (Vite's
 * dev server injects inline scripts for HMR). `vite preview` also sends it as a header.
 */
function contentSecurityPolicy(cspMeta: string): Plugin {
  return {
    name: 'landstock-csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: () => [
        // First in <head>: a CSP meta only governs what comes after it.
        {
          tag: 'meta',
          attrs: { 'http-equiv': 'Content-Security-Policy', content: cspMeta },
          injectTo: 'head-prepend',
        },
        {
          tag: 'link',
          attrs: { rel: 'apple-touch-icon', href: '/icons/apple-touch-icon-180.png' },
          injectTo: 'head',
        },
      ],
    },
  };
}

/**
 * `vite preview` answers every unknown path with index.html (SPA fallback), also for a missing
 * hashed asset — which a browser would then run as JS or CSS. A missing `/assets/*` file is a 404
 * (RELIABILITY.md test 44); static hosts need the same rule (README, "Offline and updates").
 */
function missingAssetsAre404(): Plugin {
  return {
    name: 'landstock-missing-assets-404',
    configurePreviewServer(server) {
      const outDir = server.config.build.outDir;
      server.middlewares.use((req, res, next) => {
        const path = decodeURIComponent((req.url ?? '').split('?')[0] ?? '');
        if (path.startsWith('/assets/') && !existsSync(join(outDir, path))) {
          res.statusCode = 404;
          res.setHeader('Content-Type', 'text/plain');
          res.end('Not found');
          return;
        }
        next();
      });
    },
  };
}

export default defineConfig(({ mode }) => {
  /**
   * Tile hosts the online basemap may use: the CSP admits only these, and Settings refuses other
   * basemap URLs. Add one with VITE_TILE_HOSTS (comma-separated CSP host sources, env or .env file).
   */
  const tileHosts = parseTileHosts(loadEnv(mode, process.cwd(), 'VITE_').VITE_TILE_HOSTS);
  const cspMeta = buildContentSecurityPolicy({ tileHosts, delivery: 'meta' });
  const cspHeader = buildContentSecurityPolicy({ tileHosts, delivery: 'header' });
  return {
    plugins: [
      react(),
      contentSecurityPolicy(cspMeta),
      missingAssetsAre404(),
      VitePWA({
        // generateSW: precache + navigation fallback is all we need, no custom SW code to maintain.
        strategies: 'generateSW',
        // Never take over on its own: src/app/pwa.ts asks the user (UpdatePrompt), minding unsaved input.
        registerType: 'prompt',
        // src/app/pwa.ts registers with workbox-window (no inline script: the CSP forbids it).
        injectRegister: false,
        // The dev server stays service-worker free.
        devOptions: { enabled: false },
        // globPatterns below already takes the icons; the plugin adds the manifest itself.
        includeManifestIcons: false,
        manifest: {
          id: '/',
          name: '存量土地盘活 Landstock',
          short_name: 'Landstock',
          description: '存量土地调查、核查与处置 — offline-first stock-land inventory',
          lang: 'zh-CN',
          start_url: '/',
          scope: '/',
          display: 'standalone',
          background_color: '#ffffff',
          theme_color: '#1f4e79',
          icons: [
            { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
            { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
            { src: 'icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          ],
        },
        workbox: {
          // The app shell, every worker (ours and MapLibre's), styles, icons and the demo county.
          globPatterns: ['**/*.{js,css,html,svg,png,geojson}'],
          // The main bundle and the demo parcels are ~1.8 MB each; a file over the limit would be
          // left out silently and break offline use (tests/e2e/offline.spec.ts checks every asset).
          maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
          // Only navigations fall back to index.html; any other miss goes to the network (404).
          navigateFallback: 'index.html',
          navigateFallbackDenylist: [/^\/assets\//],
          cleanupOutdatedCaches: true,
          clientsClaim: false,
          skipWaiting: false,
        },
      }),
    ],
    worker: { format: 'es' },
    build: { target: 'es2022', chunkSizeWarningLimit: 2500 },
    server: { port: 5173 },
    preview: { port: 4173, headers: { 'Content-Security-Policy': cspHeader } },
  };
});
