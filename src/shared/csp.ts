/**
 * The Content-Security-Policy of the built app (vite.config.ts puts it in a `<meta>` at build time
 * and in `vite preview`'s headers) and the tile-host allow-list it shares with the basemap setting.
 * Pure and import-free so the build config, the store and tests can all use it.
 */

/**
 * Hosts the optional online basemap may load tiles from. The basemap URL is set by the user at
 * run time, but a CSP is fixed at build time, so it names the hosts we accept instead of allowing
 * every `https:` origin (which would let any injected code send data anywhere). To add a host,
 * append it here or set `VITE_TILE_HOSTS` (comma separated) when building.
 */
export const DEFAULT_TILE_HOSTS: readonly string[] = ['https://*.tianditu.gov.cn'];

export interface CspOptions {
  /** CSP host sources (`https://*.example.cn`, `https://tiles.example.org:8443`). */
  tileHosts: readonly string[];
  /** `meta` leaves out what browsers ignore in a `<meta>` (frame-ancestors). */
  delivery: 'meta' | 'header';
}

/** Builds the policy string: same-origin everything, plus images and fetches from the tile hosts. */
export function buildContentSecurityPolicy({ tileHosts, delivery }: CspOptions): string {
  for (const host of tileHosts) {
    if (!isHostSource(host)) throw new Error(`Not a CSP host source: ${JSON.stringify(host)}`);
  }
  const hosts = tileHosts.join(' ');
  const directives: [string, string][] = [
    ['default-src', "'self'"],
    // No inline script and no string-to-code evaluation; WebAssembly compilation only.
    ['script-src', "'self' 'wasm-unsafe-eval'"],
    ['worker-src', "'self' blob:"],
    // MapLibre and React set element styles; its CSS ships data: SVG control icons.
    ['style-src', "'self' 'unsafe-inline'"],
    ['img-src', `'self' data: blob: ${hosts}`.trim()],
    // MapLibre fetches raster tiles with fetch() before decoding them.
    ['connect-src', `'self' ${hosts}`.trim()],
    ['font-src', "'self'"],
    ['manifest-src', "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'self'"],
    ['form-action', "'none'"],
  ];
  if (delivery === 'header') directives.push(['frame-ancestors', "'none'"]);
  return directives.map(([name, value]) => `${name} ${value}`).join('; ');
}

/** Reads a comma-separated host list (the build's `VITE_TILE_HOSTS`); empty → the defaults. */
export function parseTileHosts(value: string | undefined): readonly string[] {
  const hosts = (value ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter((h) => h.length > 0);
  return hosts.length > 0 ? hosts : DEFAULT_TILE_HOSTS;
}

const HOST_SOURCE = /^https?:\/\/(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:\d{1,5})?$/i;

function isHostSource(host: string): boolean {
  return HOST_SOURCE.test(host);
}

/**
 * Whether a tile URL template (`https://t0.example.cn/…?x={x}&y={y}&l={z}`) is on one of the
 * allowed hosts, matched as CSP does: scheme and port equal, `*.` matches any subdomain (not the
 * bare domain).
 */
export function tileUrlAllowed(url: string, tileHosts: readonly string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const host = parsed.hostname.toLowerCase();
  return tileHosts.some((source) => {
    if (!isHostSource(source)) return false;
    const match = /^(https?):\/\/(\*\.)?([^:]+)(?::(\d+))?$/i.exec(source);
    if (!match) return false;
    const [, scheme, wildcard, name, port] = match;
    if (`${scheme?.toLowerCase()}:` !== parsed.protocol) return false;
    if ((port ?? '') !== parsed.port) return false;
    const domain = (name ?? '').toLowerCase();
    return wildcard ? host.endsWith(`.${domain}`) : host === domain;
  });
}
