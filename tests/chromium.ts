/**
 * How Landstock's browser tests and benchmarks start Debian's Chromium (Playwright cannot download
 * its own browser here). CHROMIUM_PATH overrides the executable. SwiftShader gives MapLibre WebGL
 * without a GPU; the networking flags keep Chromium from calling home on a closed network.
 */
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--enable-unsafe-swiftshader',
    '--use-angle=swiftshader',
  ],
};
